"""Refill packets for printed binders: a cover letter naming what changed since an edition, and only those documents.

A branch secretary who printed the handbook (or a binder) on a given day swaps the listed
documents for the pages of the packet and files the letter in front.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from handbook.core.html import escape
from handbook.core.refs import Ref, parse_ref
from handbook.core.revisions import Revision
from handbook.export.print.assemble import Entry, PrintBook
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook

# The kinds printed one document per source file: a change to the file is a change to the document.
REFILLED = ("reg", "flow", "act", "unit")


@dataclass(frozen=True)
class Changed:
    """A document whose source changed since the edition, with the revisions since then."""

    ref: Ref
    title: str
    revisions: list[Revision]


def changed_since(model: Handbook, edition: date, binder: Binder | None = None) -> list[Changed]:
    """The documents (of a binder, or of the handbook) changed after `edition`, in book order."""
    wanted = {parse_ref(text) for section in binder.sections for text in section.include} if binder else None
    found = []
    for kind in REFILLED:
        for object_id, doc in model.registry(kind).items():
            ref = Ref(kind, object_id)
            since = [r for r in model.history.get(doc.path, []) if r.date > edition]
            if since and (wanted is None or ref in wanted):
                found.append(Changed(ref, str(doc.meta.title), since))
    return found


def _letter(title: str, edition: date, today: date, changed: list[Changed]) -> str:
    """The cover letter: what to take out and put in, and why."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(c.title)}</td>"
        f"<td>{'；'.join(escape(f'{r.date}：{r.summary}') for r in reversed(c.revisions))}</td><td></td></tr>"
        for i, c in enumerate(changed, 1)
    )
    return (
        f"<h1>{escape(title)}换页说明</h1>"
        f"<p>本换页包包含 {edition} 版印发以后修订的 {len(changed)} 份文件（截至 {today}）。"
        "请抽出下列文件的旧页，换入本包中的新页；本说明放在装订册最前面备查。</p>"
        "<table><thead><tr><th>序号</th><th>文件</th><th>修订情况</th><th>换页人签字</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def refill_book(model: Handbook, title: str, edition: date, today: date, changed: list[Changed]) -> PrintBook:
    """The packet as a print book: the letter, then each changed document on new pages."""
    entries = [Entry("换页说明", 1, "letter", "换页说明", html=_letter(title, edition, today, changed))]
    entries.append(Entry("替换文件", 1, "s1", "替换文件"))
    for number, item in enumerate(changed, 1):
        fragment = model.kinds.anchor_of(item.ref)
        entries.append(Entry(item.title, 2, f"d{number}", "替换文件", model.page_of(item.ref), fragment))
    return PrintBook(f"{title}换页包", entries)
