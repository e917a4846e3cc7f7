"""One print document made of built pages: cover, contents, then every document on its own pages.

The pages come from the built site, so the PDF shows exactly what the site shows. Each document
gets a prefix (d1, d2 …) on every id it defines, so anchors never collide (diagrams' steps too);
links between documents become links inside the PDF, and links to pages outside it lose their
target but keep their text (or, in a binder, name the page of the full handbook).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from handbook.core.html import escape
from handbook.core.refs import Ref, parse_ref
from handbook.export.print.diagrams import print_diagrams
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook
from handbook.render.book import SHOWN_PAGES, NavItem, book_nav
from handbook.spec.common import Status
from handbook.spec.kind import page_url

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
_RELATED = re.compile(r'<h2 id="related">.*?</ul>', re.DOTALL)
_ID = re.compile(r'(\sid=")([^"]+)(")')
_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)("[^>]*>)(.*?)(</a>)', re.DOTALL)
_HEADING = re.compile(r"<(/?)h([1-6])\b")
SHOWN_TITLES = {"工作职责": SHOWN_PAGES["duties"], "愿景、目标": SHOWN_PAGES["visions"]}
_H1 = re.compile(r"<h1[^>]*>(?P<title>.*?)</h1>", re.DOTALL)
INTRO = "intro.md"  # the hand-written introduction (绪论), printed before the parts
APPENDIX = "附录"  # the running header of what follows the parts
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
    code: str = ""  # in a refillable print: the document's number, on each of its pages (2-05)
    revised: str = ""  # in a refillable print: the date of its last revision, on each of its pages


@dataclass
class PrintBook:
    """The documents of one print, in order, and where each one's page lives in the site."""

    title: str
    entries: list[Entry] = field(default_factory=list)
    # A binder, or its refill packet: each document starts on a right-hand page and numbers its own
    # pages (第 N 页 共 M 页, with its code and revision date), so that it can be replaced page for page.
    refillable: bool = False

    @property
    def documents(self) -> list[Entry]:
        """The entries that are documents."""
        return [entry for entry in self.entries if entry.src_uri is not None or entry.html is not None]

    def units(self) -> dict[str, Entry]:
        """In a refillable print, the unit each document belongs to (by its anchor): itself, or for a run of
        glossary terms of one section, the first term (they share pages, numbered as one document)."""
        found: dict[str, Entry] = {}
        previous: Entry | None = None
        for entry in self.documents:
            run = previous is not None and entry.fragment and previous.fragment and previous.part == entry.part
            found[entry.anchor] = found[previous.anchor] if run and previous else entry
            previous = entry
        return found

    def code_of(self, anchor: str) -> str:
        """The code printed on a unit's pages: its document's, or for a run of terms the first to the last."""
        units = self.units()
        members = [entry.code for entry in self.documents if units.get(entry.anchor) is units[anchor]]
        return members[0] if len(members) == 1 or not members[0] else f"{members[0]}～{members[-1]}"

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


def handbook_book(model: Handbook, site: Path) -> PrintBook:
    """The whole handbook as printed: the introduction (a hand-written page, if the site has one), the
    book's parts in the site's order, and the glossary after them."""
    entries = book_entries(model, book_nav(model))
    intro = _heading(site, INTRO)
    if intro is not None:
        entries.insert(0, Entry(intro, 1, "intro", intro, INTRO))
    terms = model.registry("term")
    if terms:
        glossary = model.page_of(Ref("term", next(iter(terms))))  # every term is a section of one page
        title = _heading(site, glossary) or "术语表"
        entries.append(Entry(title, 1, "glossary", APPENDIX, glossary))
    return PrintBook(model.book.title, entries)


def _heading(site: Path, src_uri: str) -> str | None:
    """The first heading of a built page, as text; None if the site has no such page."""
    path = site / page_url(src_uri) / "index.html"
    found = _H1.search(_HEADERLINK.sub("", path.read_text(encoding="utf-8"))) if path.is_file() else None
    return html.unescape(re.sub(r"<[^>]+>", "", found["title"])).strip() if found else None


def binder_entries(model: Handbook, binder: Binder) -> list[Entry]:
    """The contents of a binder: a revision log, its sections holding whole documents (or glossary terms),
    and repealed documents in an appendix. Each document has a code (section-number) for refilling."""
    entries: list[Entry] = []
    repealed: list[Entry] = []
    for s, section in enumerate(binder.sections, start=1):
        entries.append(Entry(section.title, 1, f"s{s}", section.title))
        for n, text in enumerate(section.include, start=1):
            ref = parse_ref(text)
            doc = model.registry(ref.kind)[ref.id]
            entry = Entry(
                str(doc.meta.title),
                2,
                f"d{s}-{n}",
                section.title,
                model.page_of(ref),
                model.kinds.anchor_of(ref),
                code=f"{s}-{n:02d}",
                revised=revised_on(model, ref),
            )
            is_repealed = getattr(doc.meta, "status", None) == Status.REPEALED
            (repealed if is_repealed else entries).append(entry)
    if repealed:
        appendix = "附录：已废止文件（仅供查阅）"
        entries.append(Entry(appendix, 1, "s-repealed", appendix))
        entries += [replace(entry, part=appendix) for entry in repealed]
    log = Entry("修订情况", 1, "revisions", "修订情况", html=revision_log(model, binder.title, entries))
    return [log, *entries]


def revised_on(model: Handbook, ref: Ref) -> str:
    """The date of a document's last revision (from git's record of its source), or ''."""
    doc = model.registry(ref.kind)[ref.id]
    found = model.history.get(doc.path, [])
    return found[0].date.isoformat() if found else ""


def revision_log(model: Handbook, title: str, entries: list[Entry]) -> str:
    """The binder's revision page: each document's code, title and last revision, to check a refill against."""
    rows = "".join(
        f"<tr><td>{escape(e.code)}</td><td>{escape(e.title)}</td><td>{escape(e.revised or '—')}</td></tr>"
        for e in entries
        if e.code
    )
    return (
        f"<h1>{escape(title)}：修订情况</h1>"
        "<p>每份文件的页脚印有文件编号、修订日期和本文件的页码。收到换页包时，按编号抽出旧页、换入新页，"
        "并在下表记下换页日期。</p>"
        "<table><thead><tr><th>编号</th><th>文件</th><th>修订日期</th><th>换页日期</th><th>换页人</th></tr></thead>"
        f"<tbody>{rows.replace('</td></tr>', '</td><td></td><td></td></tr>')}</tbody></table>"
    )


def _page_titles(model: Handbook) -> dict[str, str]:
    """src_uri → title of every object page, and of the two pages the organisation chapters show."""
    titles = {uri: title for title, uri in SHOWN_TITLES.items()}
    for spec in model.kinds.paged():
        for object_id, doc in model.registry(spec.prefix).items():
            titles[spec.page.format(id=object_id)] = str(doc.meta.title)
    return titles


@dataclass(frozen=True)
class Block:
    """One piece of the print body, in order: a document, a part's or chapter's heading, or a blank page."""

    anchor: str  # the entry it prints; '' for a blank page
    html: str
    opens_page: bool  # it starts a new page: the pages it begins are laid out apart from what precedes


@dataclass
class Assembled:
    """The print document's HTML parts."""

    contents: str
    blocks: list[Block]
    pages: dict[str, str]  # CSS page name → the running header of its pages (a part's or a section's title)

    @property
    def body(self) -> str:
        """The body's markup."""
        return "\n".join(block.html for block in self.blocks)


def _opens_page(kind: str, previous: str) -> bool:
    """Whether a block of `kind` starts a new page after a block of kind `previous` ('' at the start).

    The body starts on a page after the contents. A part opens on a title page of its own; a
    chapter's or section's heading opens a page and the first document follows it there; a glossary
    term printed on its own flows on after the one before. A blank page (refillable prints) opens a
    page of its own only when shown (print.css).
    """
    if not previous:
        return True
    if kind == "heading":
        return previous in ("document", "fragment", "part")
    return kind == "part" or (kind == "document" and previous != "heading")


def assemble(book: PrintBook, site: Path, outside: dict[str, str] | None = None) -> Assembled:
    """The contents and the body of the print document; `outside` names pages printed elsewhere."""
    anchors = book.anchor_of_url()
    parts: dict[str, str] = {}  # part title → page name
    pages: dict[str, str] = {}
    # (anchor, kind, markup up to the end of its class list, the rest): a block's class that opens a
    # page goes between the two, once the block before it is known
    pieces: list[tuple[str, str, str, str]] = []
    contents: list[str] = []
    units = book.units()
    for entry in book.entries:
        if book.refillable and entry.anchor in units:
            # a page name of its own: its footer and its page count (export/print/pdf.py)
            unit = units[entry.anchor]
            page_name = f"doc-{unit.anchor}"
            if unit is entry:
                pieces.append(("", "blank", '<div class="hb-blank', f'" data-for="{entry.anchor}">本页空白</div>'))
        else:
            page_name = parts.setdefault(entry.part, f"part{len(parts) + 1}")
        pages[page_name] = entry.part
        level = min(entry.level, 6)
        contents.append(
            f'<li class="toc-{min(entry.level, 4)}"><a href="#{entry.anchor}">{escape(entry.title)}</a>'
            f'<span class="toc-page" data-target="{entry.anchor}"></span></li>'
        )
        if entry.src_uri is None and entry.html is None:
            kind = "part" if level == 1 else "heading"
            opening = f'<h{level} id="{entry.anchor}" class="hb-print-heading {page_name}'
            pieces.append((entry.anchor, kind, opening, f'">{escape(entry.title)}</h{level}>'))
            continue
        if entry.html is not None:
            inner = entry.html
        else:
            assert entry.src_uri is not None
            article = _article(site, entry.src_uri, entry.fragment)
            inner = print_diagrams(_rewrite(article, entry, anchors, outside or {}), page_name)
        # a glossary term after another: no page of its own
        kind = "document" if units.get(entry.anchor, entry) is entry else "fragment"
        opening = f'<section class="hb-print-document {page_name}'
        pieces.append((entry.anchor, kind, opening, f'" id="{entry.anchor}">{inner}</section>'))
    blocks = []
    for index, (anchor, kind, opening, rest) in enumerate(pieces):
        opens = _opens_page(kind, pieces[index - 1][1] if index else "")
        blocks.append(Block(anchor, opening + (" hb-page-start" if opens else "") + rest, opens))
    return Assembled('<ul class="hb-print-toc">' + "".join(contents) + "</ul>", blocks, pages)


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


class _PrintedText(HTMLParser):
    """An article's markup as it prints: every element and text, except what is only for the screen."""

    VOID = frozenset({"area", "br", "col", "hr", "img", "input", "meta", "source", "wbr"})

    def __init__(self) -> None:
        """Start with nothing read and nothing skipped."""
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0  # depth inside a screen-only element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An element: kept with its attributes, or the start of a screen-only subtree."""
        void = tag in self.VOID
        if self.skipping:
            self.skipping += 0 if void else 1
        elif "hb-screen-only" in (dict(attrs).get("class") or "").split():
            self.skipping = 0 if void else 1
        else:
            self.out.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        """An element's end: kept, or one level out of a skipped subtree."""
        if self.skipping:
            self.skipping -= 1
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        """Text outside screen-only elements, its white space as the layout treats it (collapsed)."""
        text = " ".join(data.split())
        if text and not self.skipping:
            self.out.append(text)


def printed_digest(site: Path, src_uri: str, fragment: str | None = None) -> str | None:
    """A digest of what a document prints in a built site (None if the site has no such page or section).

    Two sites built from different sources give the same digest exactly when the document's printed
    pages read the same: a revision of a page that cites it counts, a search alias does not.
    """
    try:
        article = _article(site, src_uri, fragment)
    except (OSError, ValueError):
        return None
    parser = _PrintedText()
    parser.feed(article)
    parser.close()
    return hashlib.sha256("".join(parser.out).encode()).hexdigest()


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
    titled = [False]

    def heading(match: re.Match[str]) -> str:
        """A heading moved below the document's level; inside the document, kept out of the bookmarks.

        The PDF's bookmarks are the contents (parts, chapters, documents). Chromium bookmarks headings
        of levels 1–6 only: a heading within a document keeps its place in the tagged structure (as a
        heading, H) at a level of 7 to 9 (Chromium ignores an aria-level above 9).
        """
        closing, level = match[1], min(int(match[2]) + shift, 6)
        if closing or not titled[0]:
            titled[0] = titled[0] or not closing
            return f"<{closing}h{level}"
        return f'<h{level} aria-level="{min(level + 6, 9)}"'

    return _HEADING.sub(heading, article)
