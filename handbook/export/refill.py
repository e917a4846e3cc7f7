"""Refill packets for printed binders: a cover letter naming what changed since an edition, and only those documents.

A branch secretary who printed the handbook (or a binder) on a given day swaps the listed
documents for the pages of the packet and files the letter in front.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from handbook.core.html import escape
from handbook.core.refs import Ref, parse_ref
from handbook.core.revisions import Revision
from handbook.export.print.assemble import Entry, PrintBook, binder_entries, printed_digest, revised_on
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook
from handbook.spec.common import RevisionNote

# The kinds printed as documents of their own (a binder holds these, and glossary terms).
REFILLED = ("reg", "flow", "act", "unit", "role", "term")
PACKET = "替换文件"  # the packet's one section, when it refills the whole handbook


@dataclass(frozen=True)
class Changed:
    """A document whose printed pages changed since an edition: its code, git's dates, the organisation's notes."""

    ref: Ref
    title: str
    code: str
    section: str  # the binder's section (or 替换文件): a run of its terms shares pages
    revisions: list[Revision]  # git: when its own source changed (none if only what it shows of others did)
    notes: list[RevisionNote]  # the organisation: what changed, who approved it


def listed(model: Handbook, binder: Binder | None) -> list[tuple[Ref, str, str]]:
    """The documents of a binder, in its order, with their codes and sections; or every printed document."""
    if binder is None:
        return [(Ref(kind, object_id), "", PACKET) for kind in REFILLED for object_id in model.registry(kind)]
    return [
        (parse_ref(text), f"{s}-{n:02d}", section.title)
        for s, section in enumerate(binder.sections, 1)
        for n, text in enumerate(section.include, 1)
    ]


def changed_since(
    model: Handbook, edition: date, before: Path, after: Path, binder: Binder | None = None
) -> list[Changed]:
    """The documents whose printed pages differ between the site as of `edition` and the site now.

    Both sites are built by the same engine, so only the sources make a difference: a document's own
    revision, or a change in what its pages show of others (a step it cites, a page citing it); never
    a field only search reads. In a binder, terms printed on shared pages are replaced together.
    """
    documents = listed(model, binder)
    differs = {
        code or str(ref)
        for ref, code, _ in documents
        if printed_digest(before, model.page_of(ref), model.kinds.anchor_of(ref))
        != printed_digest(after, model.page_of(ref), model.kinds.anchor_of(ref))
    }
    if binder is not None:
        book = PrintBook(binder.title, binder_entries(model, binder), refillable=True)
        units, by_code = book.units(), {entry.code: entry for entry in book.documents if entry.code}
        heads = {units[by_code[code].anchor].anchor for code in differs}
        differs |= {code for code, entry in by_code.items() if units[entry.anchor].anchor in heads}
    found = []
    for ref, code, section in documents:
        if (code or str(ref)) in differs:
            doc = model.registry(ref.kind)[ref.id]
            since = [r for r in model.history.get(doc.path, []) if r.date > edition]
            notes = [n for n in getattr(doc.meta, "revisions", []) if n.date > edition]
            found.append(Changed(ref, str(doc.meta.title), code, section, since, notes))
    return found


def _said(change: Changed) -> str:
    """What changed, in the organisation's words (or, where nobody wrote it, only that and when)."""
    if change.notes:
        return "；".join(
            escape(f"{n.date}：{n.change}" + (f"（{n.approved}）" if n.approved else "")) for n in change.notes
        )
    if change.revisions:
        return escape(f"{change.revisions[0].date} 修订（未写修订说明）")
    return "本文件未修订；页面上引用的其他文件，或同页印刷的术语有修订"


def _letter(title: str, edition: date, today: date, book: PrintBook, changed: list[Changed]) -> str:
    """The cover letter: per document, what changed, which old pages to take out and which pages to put in."""
    units = book.units()
    rows = []
    for number, change in enumerate(changed, 1):
        anchor = f"d{number}"
        head = units[anchor].anchor
        if head != anchor:
            out, into = "（与上一条同页）", "（与上一条同页）"
        else:
            code = book.code_of(anchor)
            out = f"编号 {escape(code)} 的全部旧页" if code else "该文件的全部旧页"
            into = (
                f'本包第 <span class="toc-page" data-target="{anchor}"></span> 页起，'
                f'共 <span class="doc-count" data-target="{anchor}"></span> 页'
            )
        rows.append(
            f"<tr><td>{escape(change.code or str(number))}</td><td>{escape(change.title)}</td>"
            f"<td>{_said(change)}</td><td>{out}</td><td>{into}</td><td></td></tr>"
        )
    return (
        f"<h1>{escape(title)}换页说明</h1>"
        f"<p>本换页包包含 {edition} 版印发以后印刷内容有变化的 {len(changed)} 份文件（截至 {today}）。"
        "请按下表逐份抽出旧页、换入本包中的新页（每页页脚印有文件编号、修订日期和页码），"
        "在“修订情况”页记下换页日期；本说明放在装订册最前面备查。</p>"
        "<table><thead><tr><th>编号</th><th>文件</th><th>修订情况</th><th>撤下</th><th>换入</th><th>换页人</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def refill_book(model: Handbook, title: str, edition: date, today: date, changed: list[Changed]) -> PrintBook:
    """The packet as a refillable print: the letter, then each changed document on its own right-hand pages
    (terms of one binder section sharing theirs, as in the binder)."""
    book = PrintBook(f"{title}换页包", [], refillable=True)
    sections: list[str] = []
    for number, item in enumerate(changed, 1):
        if item.section not in sections:
            sections.append(item.section)
            book.entries.append(Entry(item.section, 1, f"s{len(sections)}", item.section))
        revised = item.revisions[0].date.isoformat() if item.revisions else revised_on(model, item.ref)
        page, fragment = model.page_of(item.ref), model.kinds.anchor_of(item.ref)
        entry = Entry(item.title, 2, f"d{number}", item.section, page, fragment, code=item.code, revised=revised)
        book.entries.append(entry)
    letter = Entry("换页说明", 1, "letter", "换页说明", html=_letter(title, edition, today, book, changed))
    book.entries.insert(0, letter)
    return book
