"""Text into HTML, in one place: plain text is escaped, and markup that is meant passes an allow-list.

Two kinds of text reach a reader's browser:

- **plain text** (a title, a step's label, a term, a reason in a score sheet): always escaped, by
  `escape` here or the Markdown helpers built on it (render/markdown.py); it is shown as typed;
- **markup that is meant** (the Markdown bodies of regulations and activities, the hand-written
  pages, and the HTML the render stage writes): every page's HTML, once MkDocs has converted it,
  passes `sanitize`, an allow-list (Ammonia, through nh3) with the policy written below.

The policy: only the elements and attributes the handbook's pages use; no script, no style, no
event handler, no form; every link and image points into the site itself (a relative URL: no
scheme, no host, no leading slash or backslash), so nothing leaves the intranet host; ids may not
take the names the theme and its scripts look elements up by (`__config`, `__search` …).
`handbook check` reports, by file and line, everything in a source the policy would remove
(`unsafe_markup`), so an author learns of it before a reader could.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

# Elements of the handbook's pages: Markdown's and its extensions' output, tables, the generated
# drawings (SVG) and checklists.
TEXT_TAGS = frozenset(
    {
        *("a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details"),
        *("div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i"),
        *("img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre", "s", "small", "span"),
        *("strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"),
    }
)
DRAWING_TAGS = frozenset(
    {"svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan", "title", "desc"}
)
TAGS = TEXT_TAGS | DRAWING_TAGS

_GLOBAL = {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"}
_DRAWING = {
    *("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d", "points"),
    *("viewBox", "fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "transform"),
    *("font-family", "font-size", "font-weight", "text-anchor", "dominant-baseline", "xmlns"),
}
# The handbook's own data attributes (drawings' steps, checklists): read by docs/assets/handbook.js.
_DATA = {"data-step", "data-row", "data-from", "data-to", "data-hb-flow", "data-hb-check"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL | _DATA,
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "abbr": set(),
    "input": {"type", "checked", "disabled"},
    "ol": {"start", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style", "align"},
    "th": {"colspan", "rowspan", "style", "align"},
    "col": {"span"},
    "details": {"open"},
    **{tag: set(_DRAWING) for tag in DRAWING_TAGS},
}
# The same, by lower-case name: HTML attribute names are case-insensitive (nh3 is given the SVG spelling).
_ALLOWED = {tag: frozenset(name.lower() for name in names) for tag, names in ATTRIBUTES.items()}
URL_ATTRIBUTES = frozenset({"href", "src"})
# Attributes Python-Markdown reads and removes (md_in_html: Markdown inside an HTML block).
MARKDOWN_ATTRIBUTES = frozenset({"markdown"})
# Python-Markdown's tables write a column's alignment as this style, and only this.
_ALIGN = re.compile(r"text-align: ?(left|right|center);?")
# What a browser strips from a URL before reading it (tabs and line breaks anywhere, C0 controls
# and spaces at the ends); a URL that still starts with a scheme leaves the site.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Element ids of the theme and of the handbook's scripts (looked up with getElementById).
_RESERVED_ID = re.compile(r"__|hb-search")


def escape(text: str) -> str:
    """Plain text as HTML text or an attribute value (quotes included): shown exactly as typed."""
    return html.escape(text, quote=True)


def css_string(text: str) -> str:
    """Plain text as the content of a double-quoted CSS string inside a <style> element (a running header).

    Every character but letters, digits, CJK and spaces is written as a CSS escape, so a text can
    neither end the string nor the <style> element (`</style>`), and is shown exactly as typed.
    """
    return "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)


def site_url(url: str) -> bool:
    """Whether a URL stays inside the site: relative, with no scheme, host, leading slash or backslash.

    `url` as the browser receives it (character references already decoded).
    """
    cleaned = _URL_IGNORED.sub("", url).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    return not (cleaned.startswith(("/", "\\")) or "\\" in cleaned or _SCHEME.match(cleaned))


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    """Why the policy removes this attribute of this element (None: it is kept as it is)."""
    tag, name = tag.lower(), name.lower()
    if name not in _ALLOWED["*"] and name not in _ALLOWED.get(tag, frozenset()):
        return f"attribute '{name}' is not allowed on <{tag}>"
    if name in URL_ATTRIBUTES and not site_url(value):
        return f"{name}='{value}' leads outside the site (only relative links to the site's own pages and files)"
    if name == "style" and not _ALIGN.fullmatch(value.strip()):
        return "style attributes are not allowed (only a table column's text-align)"
    if name == "id" and _RESERVED_ID.match(value):
        return f"id '{value}' is reserved for the site's own scripts"
    if tag == "input" and name == "type" and value.lower() != "checkbox":
        return f"<input type='{value}'> is not allowed (only checkboxes)"
    return None


def _keep(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the value if the policy keeps the attribute, else None."""
    return value if attribute_problem(tag, name, value) is None else None


def sanitize(fragment: str) -> str:
    """HTML with everything outside the policy removed (elements unwrapped, script and style dropped whole)."""
    return nh3.clean(
        fragment,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_keep,
        url_schemes=set(),  # relative URLs only; `_keep` also refuses protocol-relative and backslash ones
        link_rel=None,
        strip_comments=True,
    )


@dataclass(frozen=True)
class Unsafe:
    """Markup in a source that the policy removes: where it starts (offset into the text) and why."""

    offset: int
    reason: str


class _Tags(HTMLParser):
    """Every start tag of a text with its attributes (decoded, as a browser reads them) and its offset."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self._line_starts: list[int] = [0]

    def scan(self, text: str) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
        """The start tags of `text`, in order."""
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.feed(text)
        self.close()
        return self.found

    def set_cdata_mode(self, elem: str, *, escapable: bool = False) -> None:
        """Read the content of <script> and <style> as markup too: a tag inside is still reported."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Remember a start tag (a self-closing one arrives here too)."""
        line, column = self.getpos()
        self.found.append((self._line_starts[line - 1] + column, tag, attrs))


def unsafe_markup(text: str) -> Iterator[Unsafe]:
    """The raw HTML of a Markdown text that the policy removes, one finding per element.

    `text` holds prose only (code blanked out: code is shown, never run). An element outside the
    allow-list is one finding; an allowed element with an attribute the policy removes is another.
    """
    if "<" not in text:
        return
    for offset, tag, attrs in _Tags().scan(text):
        if tag not in TAGS:
            yield Unsafe(offset, f"<{tag}> is not allowed in the handbook's pages")
            continue
        for name, value in attrs:
            problem = None if name in MARKDOWN_ATTRIBUTES else attribute_problem(tag, name, value or "")
            if problem is not None:
                yield Unsafe(offset, problem)
                break
