"""Pieces shared by every generated page: metadata tables, backlinks, status notices."""

from __future__ import annotations

from collections.abc import Callable

from handbook.core.html import escape
from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Step
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import aliases_line, front_matter, plain, table
from handbook.spec.common import RevisionNote, Status
from handbook.spec.doc import RefUse

# A paragraph's attribute list that keeps it off paper (print.css): hints about clicking, ticking, links.
SCREEN_ONLY = "{: .hb-screen-only }"
RELATED_ID = "related"
RELATED_TITLE = "相关内容"
STATUS_NOTICE = {
    Status.TO_WRITE: '!!! warning "待补充"\n    本条目已列入手册结构，正文尚待编写。\n',
    Status.REPEALED: '!!! danger "已废止"\n    本文件已废止，仅供查阅，不再执行。\n',
    Status.TRIAL: "",
    Status.IN_FORCE: "",
    Status.AMENDED: "",
}


def page_header(model: Handbook, title: str, aliases: list[str], status: Status) -> list[str]:
    """The opening of a unit's or post's page: title, status notice and what else it is called."""
    return [
        front_matter(page_meta(title)),
        f"# {plain(title)}\n\n",
        STATUS_NOTICE[status],
        aliases_line(aliases),
    ]


def facts(rows: list[tuple[str, str]]) -> str:
    """A two-column table of facts about a document, skipping empty values."""
    kept = [[name, value] for name, value in rows if value]
    return table(["项目", "内容"], kept) if kept else ""


def backlinks(model: Handbook, ref: Ref, linker: Linker, uses: list[RefUse]) -> str:
    """The "referenced by" section: every object that points at `ref`, once each."""
    if not uses:
        return ""
    seen: dict[Ref, list[str]] = {}
    for use in uses:
        # A whole document, or the step of a flow whose basis cites `ref`.
        anchors = seen.setdefault(use.source, [])
        if use.target.anchor and use.target.anchor not in anchors:
            anchors.append(use.target.anchor)
    rows = []
    for source, anchors in seen.items():
        points = "、".join(model.anchor_label(Ref(ref.kind, ref.id, a)) for a in anchors)
        rows.append([linker.link(source), plain(points or "全文")])
    return "\n## 被以下内容引用\n\n" + table(["引用方", "引用位置"], rows)


def unit_link(linker: Linker, unit_id: str | None) -> str:
    """A link to a unit's page, or an empty string."""
    return linker.link(Ref("unit", unit_id)) if unit_id else ""


def related_html(model: Handbook, related: list[Ref], href: Callable[[Ref], str]) -> str:
    """The "相关内容" section at the foot of a page, as HTML: it is added after MkDocs rendered the page."""
    if not related:
        return ""
    items = "".join(f'<li><a href="{escape(href(r))}">{escape(model.title_of(r))}</a></li>\n' for r in related)
    permalink = f'<a class="headerlink" href="#{RELATED_ID}" title="Permanent link">&para;</a>'
    return f'<h2 id="{RELATED_ID}">{RELATED_TITLE}{permalink}</h2>\n<ul>\n{items}</ul>\n'


def page_meta(title: str) -> dict[str, object]:
    """Front matter of an object page: its title (search reads the model, not the pages)."""
    return {"title": title}


def numbered(items: list[str]) -> str:
    """A numbered Markdown list."""
    return "".join(f"{i}. {plain(item)}\n" for i, item in enumerate(items, start=1))


def lane_steps(model: Handbook, actor: str, linker: Linker) -> str:
    """Every step an actor owns, grouped by flow: "what do I have to do"."""
    by_flow: dict[str, list[tuple[int, Step]]] = {}
    for doc, number, step in model.steps_by_actor.get(actor, []):
        by_flow.setdefault(doc.meta.id, []).append((number, step))
    out = []
    for flow_id, steps in by_flow.items():
        out.append(f"\n### {linker.link(Ref('flow', flow_id))}\n\n")
        rows = [
            [
                linker.link(Ref("flow", flow_id, s.id), f"第{i}步 {s.label}"),
                plain(s.time or "—"),
                plain("、".join(s.records) or "—"),
            ]
            for i, s in steps
        ]
        out.append(table(["环节", "时限", "形成的记录"], rows))
    return ("\n## 在各流程中承担的环节\n" + "".join(out)) if out else ""


def revisions(model: Handbook, notes: list[RevisionNote], path: str, linker: Linker, changes: str) -> str:
    """The 修订记录 of a document: its revision notes in the organisation's words, newest first.

    Git supplies only what words cannot: the comparison of the last revision, article by article
    (the `changes` page, if any), and `handbook diff` for any two versions. A commit's message is
    the engineers' history, never the document's.
    """
    rows = [
        [note.date.isoformat(), plain(note.change), plain(note.approved or "—")]
        for note in sorted(notes, key=lambda n: n.date, reverse=True)
    ]
    compared = (
        f"\n[最近一次修订逐条对比]({linker.to(changes)})\n{SCREEN_ONLY}\n" if path in model.previous and changes else ""
    )
    if not rows:
        return ""
    return "\n## 修订记录\n\n" + table(["日期", "修订内容", "审议"], rows) + compared
