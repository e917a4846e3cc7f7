"""Raw HTML blocks, taken out as Python-Markdown's HTML block preprocessor (md_in_html's) takes them out.

A block-level element's start tag, or a comment, after at most three spaces at the start of a
line (fences are already placeholders) starts a raw block; it runs to the end tag closing that
element, or to the end of the text. Nothing in it is Markdown, so nothing in it is code (the
quality check reads it as HTML), unless the element has md_in_html's `markdown` attribute: then
its content is parsed as Markdown blocks (or as one inline text). Each raw block becomes a
placeholder line of its own; what follows its end tag on the same line starts the next block.

Left out, as no handbook source needs them: a start tag spanning lines, and a block-level tag
right after another block's end tag on the same line.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from handbook.core.markdown.source import BLANK, Block, Line, joined, views

# Python-Markdown's block-level elements (tests/test_markdown_scanner.py compares them with its own).
BLOCK_LEVEL = frozenset(
    [
        *("address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup", "dd", "details"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "group", "h1", "h2", "h3"),
        *("h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend", "li", "main", "map", "math"),
        *("menu", "nav", "noscript", "object", "ol", "option", "output", "p", "pre", "progress", "script"),
        *("section", "style", "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul"),
        "video",
    ]
)
# md_in_html: elements whose content `markdown="1"` parses as inline text only, and those it never parses.
_SPAN_TAGS = frozenset(["address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary"])
_SPAN_TAGS |= {"td", "th"}
_RAW_TAGS = frozenset(["canvas", "math", "option", "pre", "script", "style", "textarea"])
_CDATA = ("script", "style")  # elements whose content the HTML parser reads as text, tags and all
_EMPTY = "hr"  # the block-level element Python-Markdown never expects an end tag for
_MARKUP = re.compile(
    r"""<!--.*?-->|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/?)>""", re.S
)
_ATTRIBUTE = r"""\s{}(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?"""
_MARKDOWN = re.compile(_ATTRIBUTE.format("markdown"))
_CLASS = re.compile(_ATTRIBUTE.format("class"))
_LINE_START = 3  # spaces a raw block's start tag may stand after


class Element(NamedTuple):
    """An element with md_in_html's `markdown` attribute: its tag for the block parser, how its content is parsed."""

    tag: str
    mode: str  # "block" or "span"
    content: Block


def raw_html(lines: Block, elements: list[Element]) -> Block:
    """The lines with each raw HTML block replaced by a placeholder; md_in_html elements added to `elements`.

    An element's placeholder holds its index in `elements`; any other raw block's holds `html`.
    """
    out: Block = []
    text = joined(lines)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line.text) + 1)
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _start(line.text)
        close = None if opened is None else _end(text, starts[index] + opened[0], starts[index] + opened[1], opened[2])
        if opened is None or close is None:
            out.append(line)
            index += 1
            continue
        begin, tag_end, name = opened
        last = bisect.bisect_right(starts, close) - 1
        placeholder = "html"
        mode = _mode(name, line.text[:tag_end]) if name is not None and not begin else None
        if name is not None and mode is not None:
            content = views(lines, starts[index] + tag_end, _content_end(text, close, name))
            elements.append(Element(_tag(name, line.text[:tag_end]), mode, raw_html(content, elements)))
            placeholder = str(len(elements) - 1)
        # Python-Markdown puts a line break before the placeholder: after an indent, the line of
        # spaces left keeps the placeholder in the block before it (where md_in_html no longer
        # finds its element), else the empty line makes it a block of its own.
        before = Line(line.number, 0, line.text[:begin], own=False) if begin else BLANK
        out += [before, Line(line.number, 0, f"\x02{placeholder}\x03", own=False), BLANK]
        tail = lines[last].cut(close - starts[last])
        if tail.text:
            out.append(tail)
        index = last + 1
    return out


def _start(text: str) -> tuple[int, int, str | None] | None:
    """Where a raw block starting this line begins and its first tag ends, and the element's name if it has content.

    No name for a comment or an empty element (`<hr>`, `<div/>`).
    """
    begin = len(text) - len(text.lstrip(" "))
    if begin > _LINE_START:
        return None
    if text.startswith("<!--", begin):
        return begin, begin + len("<!--"), None
    tag = _MARKUP.match(text, begin)
    if tag is None or tag["name"] is None or tag["end"] or tag["name"].lower() not in BLOCK_LEVEL:
        return None
    name = tag["name"].lower()
    return begin, tag.end(), None if tag["empty"] or name == _EMPTY else name


def _end(text: str, begin: int, after: int, name: str | None) -> int | None:
    """Where a raw block ends: after its comment, its empty tag, or the end tag closing its element.

    None for a comment never closed: Python-Markdown reads its `<` as text.
    """
    if text.startswith("<!--", begin):
        closed = _MARKUP.match(text, begin)
        return closed.end() if closed else None
    if name is None:
        return after
    stack = [name]
    at = after
    while stack:
        if stack[-1] in _CDATA:
            found = re.compile(rf"</{stack[-1]}\s*>", re.I).search(text, at)
            if found is None:
                return len(text)
            stack.pop()
            at = found.end()
            continue
        markup = _MARKUP.search(text, at)
        if markup is None:
            return len(text)
        at = markup.end()
        if markup["name"] is None:
            continue  # a comment
        tag = markup["name"].lower()
        if markup["end"]:
            if tag in stack:  # closes it and every element opened inside it
                del stack[len(stack) - 1 - stack[::-1].index(tag) :]
        elif not markup["empty"] and tag != _EMPTY:
            stack.append(tag)
    return at


def _content_end(text: str, end: int, name: str) -> int:
    """Where the content of an element ending at `end` ends: before its end tag (if it has one)."""
    return text.rfind("</", 0, end) if text[:end].lower().endswith(f"{name}>") else end


def _tag(name: str, start_tag: str) -> str:
    """An md_in_html element as the block processors see it: a `div` of class `admonition` is an admonition."""
    classes = _CLASS.search(start_tag)
    value = next((group for group in classes.groups() if group is not None), "") if classes else ""
    return "admonition" if name == "div" and "admonition" in value else name


def _mode(name: str, start_tag: str) -> str | None:
    """How md_in_html parses an element's content: as blocks, as inline text, or not at all (None)."""
    found = _MARKDOWN.search(start_tag)
    if found is None:
        return None
    value = next((group for group in found.groups() if group is not None), "1")
    value = "1" if value == "markdown" else value
    if name in _RAW_TAGS or value not in ("1", "block", "span"):
        return None
    return "block" if value == "block" or (value == "1" and name not in _SPAN_TAGS) else "span"
