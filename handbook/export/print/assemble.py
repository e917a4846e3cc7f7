"""One print document made of built pages: cover, contents, then every document on its own pages.

The pages come from the built site, so the PDF shows exactly what the site shows. Each document
gets a prefix (d1, d2 …) on every id it defines, so anchors never collide (diagrams' steps too);
links between documents become links inside the PDF, and links to pages outside it lose their
target but keep their text (or, in a binder, name the page of the full handbook).
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.html import escape
from handbook.core.refs import parse_ref
from handbook.kinds.binder.schema import Binder
from handbook.kinds.spec import page_url
from handbook.model.handbook import Handbook
from handbook.render.book import SHOWN_PAGES, NavItem

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_RELATED = re.compile(r'<h2 id="related">.*?</ul>', re.DOTALL)
_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)("[^>]*>)(.*?)(</a>)', re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
SHOWN_TITLES = {"工作职责": SHOWN_PAGES["duties"], "愿景、目标": SHOWN_PAGES["visions"]}
_OUTSIDE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass
class Entry:
    """A heading of the contents: a part or chapter (no page of its own) or a document."""

    title: str
    level: int  # 1 part, 2 chapter, 3 section or document …
    anchor: str  # id in the print document
    part: str  # the part it belongs to, for the running header
    src_uri: str | None = None  # a document's page; None for a part or chapter heading
    fragment: str | None = None  # the id of the section printed, when a page holds many (a glossary term)
    html: str | None = None  # a document made for the print (a course's self-test), not a page of the site


@dataclass
class PrintBook:
    """The documents of one print, in order, and where each one's page lives in the site."""

    title: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def documents(self) -> list[Entry]:
        """The entries that are documents."""
        return [entry for entry in self.entries if entry.src_uri is not None or entry.html is not None]

    def anchor_of_url(self) -> dict[str, str]:
        """Site-relative page URL (with `#fragment` for a section) → the document's anchor."""
        return {
            page_url(e.src_uri) + (f"#{e.fragment}" if e.fragment else ""): e.anchor
            for e in self.documents
            if e.src_uri is not None
        }


def book_entries(model: Handbook, nav: list[NavItem], wanted: set[str] | None = None) -> list[Entry]:
    """The contents of the whole handbook (or of the `wanted` pages), following the site's book nav.

    The nav's landing pages of parts and chapters are lists of links: in print their heading stands
    in for them. Parts and chapters with no wanted document are left out.
    """
    titles = _page_titles(model)
    counter = [0]

    def walk(items: list[NavItem], level: int, part: str) -> list[Entry]:
        """The entries below one nav level."""
        found: list[Entry] = []
        for item in items:
            if isinstance(item, str):
                if item.startswith("book/") or (wanted is not None and item not in wanted):
                    continue
                counter[0] += 1
                found.append(Entry(titles.get(item, item), level, f"d{counter[0]}", part, item))
                continue
            for heading, children in item.items():
                counter[0] += 1
                anchor = f"h{counter[0]}"
                inner = walk(children if isinstance(children, list) else [children], level + 1, part or heading)
                if inner:
                    found += [Entry(heading, level, anchor, part or heading), *inner]
        return found

    return walk(list(nav), 1, "")


def binder_entries(model: Handbook, binder: Binder) -> list[Entry]:
    """The contents of a binder: its sections, each holding whole documents (or glossary terms)."""
    entries: list[Entry] = []
    for s, section in enumerate(binder.sections, start=1):
        entries.append(Entry(section.title, 1, f"s{s}", section.title))
        for text in section.include:
            ref = parse_ref(text)
            anchor = f"d{len(entries)}"
            fragment = model.kinds.anchor_of(ref)
            title = str(model.registry(ref.kind)[ref.id].meta.title)
            entries.append(Entry(title, 2, anchor, section.title, model.page_of(ref), fragment))
    return entries


def _page_titles(model: Handbook) -> dict[str, str]:
    """src_uri → title of every object page, and of the two pages the organisation chapters show."""
    titles = {uri: title for title, uri in SHOWN_TITLES.items()}
    for spec in model.kinds.paged():
        for object_id, doc in model.registry(spec.prefix).items():
            titles[spec.page.format(id=object_id)] = str(doc.meta.title)
    return titles


@dataclass
class Assembled:
    """The print document's HTML parts."""

    contents: str
    body: str
    parts: dict[str, str]  # part title → CSS page name


def assemble(book: PrintBook, site: Path, outside: dict[str, str] | None = None) -> Assembled:
    """The contents and the body of the print document; `outside` names pages printed elsewhere."""
    anchors = book.anchor_of_url()
    parts: dict[str, str] = {}
    body: list[str] = []
    contents: list[str] = []
    for entry in book.entries:
        page_name = parts.setdefault(entry.part, f"part{len(parts) + 1}")
        level = min(entry.level, 6)
        contents.append(
            f'<li class="toc-{min(entry.level, 4)}"><a href="#{entry.anchor}">{escape(entry.title)}</a>'
            f'<span class="toc-page" data-target="{entry.anchor}"></span></li>'
        )
        if entry.html is not None:
            body.append(f'<section class="hb-print-document {page_name}" id="{entry.anchor}">{entry.html}</section>')
            continue
        if entry.src_uri is None:
            body.append(
                f'<h{level} id="{entry.anchor}" class="hb-print-heading {page_name}">{escape(entry.title)}</h{level}>'
            )
            continue
        article = _article(site, entry.src_uri, entry.fragment)
        body.append(
            f'<section class="hb-print-document {page_name}" id="{entry.anchor}">'
            + _rewrite(article, entry, anchors, outside or {})
            + "</section>"
        )
    return Assembled('<ul class="hb-print-toc">' + "".join(contents) + "</ul>", "\n".join(body), parts)


def _article(site: Path, src_uri: str, fragment: str | None = None) -> str:
    """The article of a built page (or its section `fragment`), without permalinks and related links."""
    path = site / page_url(src_uri) / "index.html"
    match = _ARTICLE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path}: no article in the built page")
    article = _RELATED.sub("", _HEADERLINK.sub("", match["body"]))
    if fragment is None:
        return article
    start = article.index(f' id="{fragment}"')
    start = article.rindex("<h", 0, start)
    level = article[start + 2]
    end = article.find(f"<h{level}", start + 1)
    return article[start : end if end >= 0 else len(article)]


def _rewrite(article: str, entry: Entry, anchors: dict[str, str], outside: dict[str, str]) -> str:
    """Prefix ids, turn links into links inside the print, shift headings below the document's level."""
    prefix = entry.anchor
    assert entry.src_uri is not None
    here = page_url(entry.src_uri)
    shift = entry.level - 1

    def link(match: re.Match[str]) -> str:
        """One `<a href>`: inside this document, to another document, or outside the print."""
        opening, href, rest, text, closing = match.groups()
        if _OUTSIDE.match(href):
            return match.group(0)
        path, _, anchor = href.partition("#")
        if not path:
            return f"{opening}#{prefix}-{anchor}{rest}{text}{closing}"
        target = posixpath.normpath(posixpath.join(here, html.unescape(path))) + "/"
        target = target.removeprefix("./")
        if f"{target}#{anchor}" in anchors:  # a section printed on its own (a glossary term)
            return f"{opening}#{anchors[f'{target}#{anchor}']}{rest}{text}{closing}"
        if target in anchors:
            to = anchors[target]
            return f"{opening}#{to}-{anchor}{rest}{text}{closing}" if anchor else f"{opening}#{to}{rest}{text}{closing}"
        note = outside.get(target, "")
        return f'<span class="hb-print-outside">{text}{note}</span>'

    article = _ID.sub(lambda m: f"{m[1]}{prefix}-{m[2]}{m[3]}", article)
    article = _HREF.sub(link, article)
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", article)
