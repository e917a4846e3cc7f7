"""The book's skeleton: landing pages of parts/chapters/sections, the coverage page and the nav."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from handbook.core.refs import Ref
from handbook.model.book import Place
from handbook.model.handbook import Handbook
from handbook.render.links import Linker, place_page
from handbook.render.markdown import front_matter, plain, table
from handbook.spec.common import Status

SHOWN_PAGES = {"duties": "organisation/index.md", "visions": "organisation/visions.md"}

NavItem = str | dict[str, "list[NavItem] | str"]


def landing_of(place: Place) -> str:
    """The page that opens a place: generated organisation pages or a book landing page."""
    return SHOWN_PAGES.get(place.shows or "", place_page(place.id))


def _children(model: Handbook, place: Place) -> list[Place]:
    """The places directly below `place`, in book order."""
    return sorted((p for p in model.places.values() if p.parent == place.id), key=lambda p: p.order)


def _full_title(place: Place) -> str:
    """e.g. 第三篇 工作流程系统."""
    return f"{place.label} {place.title}"


def landing_page(model: Handbook, place: Place) -> str:
    """A landing page listing what a part, chapter or section holds."""
    page = place_page(place.id)
    linker = Linker(model, page)
    out = [front_matter({"title": _full_title(place)}), f"# {plain(_full_title(place))}\n\n"]
    out.append(_listing(model, linker, model.in_place(place.id)))
    for child in _children(model, place):
        out.append(f"\n## [{plain(_full_title(child))}]({linker.to(landing_of(child))})\n\n")
        out.append(_listing(model, linker, model.in_place(child.id)))
    return "".join(out)


def _listing(model: Handbook, linker: Linker, refs: list[Ref]) -> str:
    """A bulleted list of documents, marking those not in force."""
    lines = []
    for ref in refs:
        status = model.status_of(ref)
        mark = f"（{status.value}）" if status in (Status.REPEALED, Status.TO_WRITE) else ""
        lines.append(f"- {linker.link(ref)}{mark}\n")
    return "".join(lines)


def coverage_page(model: Handbook) -> str:
    """How much of the book is written: counts per kind and the list of entries still to write."""
    linker = Linker(model, "coverage.md")
    groups = {spec: list(model.registry(spec.prefix).values()) for spec in model.kinds.paged() if spec.has_status}
    rows, total, written = [], 0, 0
    for kind, docs in groups.items():
        counts = Counter(d.meta.status for d in docs)
        done = len(docs) - counts[Status.TO_WRITE]
        total, written = total + len(docs), written + done
        share = f"{100 * done / len(docs):.0f}%" if docs else "—"
        rows.append([kind.title, str(len(docs)), str(done), str(counts[Status.TO_WRITE]), share])
    share = f"{100 * written / total:.0f}%" if total else "—"
    rows.append(["**合计**", f"**{total}**", f"**{written}**", f"**{total - written}**", f"**{share}**"])
    out = [front_matter({"title": "编写进度"}), "# 编写进度\n\n"]
    out.append("原书目录中的每一项都已作为源文件列入手册；尚未写出正文的条目状态为“待补充”。\n\n")
    out.append(table(["类别", "条目", "已编写", "待补充", "完成率"], rows))
    pending = [(kind, d) for kind, docs in groups.items() for d in docs if d.meta.status == Status.TO_WRITE]
    out.append(f"\n## 待补充条目（{len(pending)}）\n\n")
    if not pending:
        out.append("全部条目均已编写。\n")
    for kind, doc in pending:
        place = model.places.get(getattr(doc.meta, "place", ""), None)
        where = f"（{_full_title(place)}）" if place else ""
        out.append(f"- {kind.title}：{linker.link(Ref(kind.prefix, doc.meta.id))}{plain(where)}\n")
    return "".join(out)


def book_nav(model: Handbook) -> list[NavItem]:
    """Navigation entries for the six parts, following the book's catalogue."""
    return [{_full_title(part): _place_nav(model, part)} for part in model.places.values() if part.depth == 1]


def site_nav(model: Handbook, configured: list[NavItem], marker: str, generated: set[str]) -> list[NavItem]:
    """The navigation: mkdocs.yml's, the marker replaced by the book's parts, each kind's listed index pages added.

    A kind's pages (`KindSpec.listed`, those generated) go first into the top-level group its `nav_group`
    names; a group mkdocs.yml lacks is made after the book's parts. A page mkdocs.yml lists itself stays
    where it is, so a maintainer may still place one by hand.
    """
    named = set(nav_pages(configured))
    groups: dict[str, list[NavItem]] = {}
    for spec in model.kinds:
        pages = [uri for uri in spec.listed if uri in generated and uri not in named]
        if pages:
            groups.setdefault(spec.nav_group, []).extend(pages)
    result: list[NavItem] = []
    for item in configured:
        if item == marker:
            result += book_nav(model)
            result += [{title: pages} for title, pages in groups.items() if not _has_group(configured, title)]
        elif isinstance(item, dict) and len(item) == 1 and (title := next(iter(item))) in groups:
            listed = item[title]
            result.append({title: [*groups[title], *(listed if isinstance(listed, list) else [listed])]})
        else:
            result.append(item)
    return result


def _has_group(nav: list[NavItem], title: str) -> bool:
    """Whether the nav has a top-level group of this title."""
    return any(isinstance(item, dict) and title in item for item in nav)


def nav_pages(nav: list[NavItem]) -> Iterator[str]:
    """Every page (src_uri) a navigation lists, at any depth; external links aside."""
    for item in nav:
        entries = item.values() if isinstance(item, dict) else [item]
        for entry in entries:
            if isinstance(entry, list):
                yield from nav_pages(entry)
            elif "://" not in entry:
                yield entry


def _place_nav(model: Handbook, place: Place) -> list[NavItem]:
    """The nav of one place: its landing page, its documents, then its children."""
    items: list[NavItem] = [landing_of(place)]
    if place.shows == "duties":
        items += [model.page_of(Ref("unit", u)) for u in model.units]
        items.append({"岗位职责": [model.page_of(Ref("role", r)) for r in model.roles]})
    items += [model.page_of(ref) for ref in model.in_place(place.id)]
    items += [{_full_title(child): _place_nav(model, child)} for child in _children(model, place)]
    return items
