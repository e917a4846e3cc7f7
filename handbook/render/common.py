"""Pieces shared by every generated page: metadata tables, backlinks, status notices."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from handbook.model import Handbook, RefUse
from handbook.refs import Ref
from handbook.render.links import Linker
from handbook.render.markdown import cell, table
from handbook.schema import Status

RELATED_ID = "related"
RELATED_TITLE = "相关内容"
STATUS_NOTICE = {
    Status.TO_WRITE: '!!! warning "待补充"\n    本条目已列入手册结构，正文尚待编写。\n',
    Status.REPEALED: '!!! danger "已废止"\n    本文件已废止，仅供查阅，不再执行。\n',
    Status.TRIAL: "",
    Status.IN_FORCE: "",
}


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
        source = use.source.target if use.source.kind != "flow" or not use.source.anchor else use.source
        seen.setdefault(source, [])
        if use.target.anchor and use.target.anchor not in seen[source]:
            seen[source].append(use.target.anchor)
    rows = []
    for source, anchors in seen.items():
        points = "、".join(model.anchor_label(Ref(ref.kind, ref.id, a)) for a in anchors)
        rows.append([linker.link(source), cell(points or "全文")])
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
