"""Python-Markdown's block parser with the site's extensions, retraced on views of the source lines.

After the preprocessors (fences.py, raw_html.py), Python-Markdown splits the text into blocks at
blank lines and gives each block to the first of its block processors that takes it, by
priority: admonition, md_in_html, details, list indent, code, table, hash header, setext header,
rule, ordered and unordered lists, block quote, abbreviation, link reference, paragraph. A
processor may take part of a block and give the rest back, or parse a part, cut of its prefix,
inside an element it adds. Here each does the same, with the same tests and regular
expressions, on `Line` views, and builds a tree of element tags only: what the next processors
look at (the last element: a list? an admonition? a code block?). The outcome is which lines
are code (fences, indented code) and which texts Python-Markdown processes inline (paragraphs,
headings, table cells, titles), where markdown/inline.py finds the code spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from handbook.core.markdown import fences
from handbook.core.markdown.raw_html import Element, raw_html
from handbook.core.markdown.source import TAB, Block, Line, Source, joined, read, split, views

_INDENT = " " * TAB
_ELEMENT = re.compile("^\x02(\\d+)\x03")  # the placeholder of an md_in_html element
_ADMONITION = re.compile(r'(?:^|\n)!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)')
_DETAILS = re.compile(
    r'(?:^|\n)\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *(?:\n|$)'
)
_SUMMARY_HEADING = re.compile(r"^(?P<level>#{1,6})(?P<header>(?:\\.|[^\\]|#+(?=[^#\n]))*?)#*$")
_INDENT_LEVELS = re.compile(rf"^(([ ]{{{TAB}}})+)")
_HASH_HEADER = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")
_SETEXT_HEADER = re.compile(r"^.*?\n(?:=+|-+)[ ]*(\n|$)", re.MULTILINE)
_RULE_START = re.compile(r"^ {0,3}[-_*]", re.MULTILINE)  # what a rule's line starts with: quick to look for
_RULE = re.compile(
    r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$",
    re.MULTILINE,
)
_ORDERED_ITEM = re.compile(rf"^[ ]{{0,{TAB - 1}}}\d+\.[ ]+(.*)")
_UNORDERED_ITEM = re.compile(rf"^[ ]{{0,{TAB - 1}}}[*+-][ ]+(.*)")
_ANY_ITEM = re.compile(rf"^[ ]{{0,{TAB - 1}}}((\d+\.)|[*+-])[ ]+(.*)")
_NESTED_ITEM = re.compile(rf"^[ ]{{{TAB},{TAB * 2 - 1}}}((\d+\.)|[*+-])[ ]+.*")
_QUOTE = re.compile(r"(^|\n)[ ]{0,3}>[ ]?(.*)")
_ABBREVIATION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", re.MULTILINE)
_REFERENCE = re.compile(
    r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
    re.MULTILINE,
)
_CODE_PIPES = re.compile(r"(?:(\\\\)|(\\`+)|(`+)|(\\\|)|(\|))")
_END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")
_LISTS = ("ul", "ol")


@dataclass(frozen=True)
class Structure:
    """What Python-Markdown makes of a text, as far as code goes."""

    source: Source
    code_lines: set[int]  # the lines inside fences and indented code blocks
    units: list[Block]  # the texts processed inline: paragraphs, headings, table cells, titles …


def parse(text: str) -> Structure:
    """The code lines and inline texts of a Markdown text, as the site's Python-Markdown finds them."""
    source = read(text)
    lines, fenced = fences.fenced(source.lines)
    parser = _Parser(source, fenced)
    root = _Node("root")
    parser.chunk(root, raw_html(lines, parser.elements))
    units: list[Block] = []
    root.collect(units)
    for first, last in parser.fences.items():  # the fences no indented code block put back as text
        parser.code_lines.update(range(first, last + 1))
    return Structure(source, parser.code_lines, units)


@dataclass
class _Node:
    """An element the block parser adds: its tag, children, and its text and tail (texts processed inline)."""

    tag: str
    children: list[_Node] = field(default_factory=list)
    text: Block = field(default_factory=list)
    tail: Block = field(default_factory=list)

    def last(self) -> _Node | None:
        """The last child, if any."""
        return self.children[-1] if self.children else None

    def add(self, tag: str) -> _Node:
        """A new last child."""
        child = _Node(tag)
        self.children.append(child)
        return child

    def collect(self, units: list[Block]) -> None:
        """Every text in the tree Python-Markdown processes inline (a code block's text is code)."""
        if self.text and self.tag != "pre":
            units.append(self.text)
        if self.tail:  # text after the element, in its parent
            units.append(self.tail)
        for child in self.children:
            child.collect(units)


def _line_at(found: re.Match[str]) -> int:
    """The index of the line of a block a match starts on (after the line break it may begin with)."""
    return found.string.count("\n", 0, found.start()) + found[0].startswith("\n")


def _detab(block: Block, width: int = TAB) -> tuple[Block, Block]:
    """The lines indented by `width` (blank ones too) without it, and the rest from the first that is not."""
    inside: Block = []
    for line in block:
        if line.text.startswith(" " * width):
            inside.append(line.cut(width))
        elif not line.text.strip():
            inside.append(line.emptied())
        else:
            break
    return inside, block[len(inside) :]


def _loose_detab(block: Block, level: int = 1) -> Block:
    """The lines with `level` indents cut off where they have them."""
    width = TAB * level
    return [line.cut(width) if line.text.startswith(" " * width) else line for line in block]


class _Parser:
    """The block processors, in Python-Markdown's order, and the state they share."""

    def __init__(self, source: Source, fenced: dict[int, int]) -> None:
        self.source = source
        self.fences = fenced  # first line → last line of each fence still standing
        self.code_lines: set[int] = set()
        self.state: list[str] = []  # Python-Markdown's parser state: looselist, list, detabbed, blockquote
        self.elements: list[Element] = []
        self.processors: list[Callable[[_Node, list[Block], str], bool]] = [
            self.admonition,
            self.markdown_element,
            self.details,
            self.empty,
            self.list_indent,
            self.indented_code,
            self.table,
            self.hash_header,
            self.setext_header,
            self.rule,
            self.ordered_list,
            self.unordered_list,
            self.block_quote,
            self.abbreviation,
            self.reference,
            self.paragraph,
        ]

    def chunk(self, parent: _Node, lines: Block) -> None:
        """Parse lines split at blank lines (Python-Markdown's parseChunk)."""
        self.blocks(parent, split(lines))

    def blocks(self, parent: _Node, blocks: list[Block]) -> None:
        """Give each block to the first processor that takes it (Python-Markdown's parseBlocks)."""
        while blocks:
            text = joined(blocks[0])
            for processor in self.processors:
                if processor(parent, blocks, text):
                    break

    # Each processor takes the first block and returns True, or leaves it and returns False.

    def admonition(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """`!!! note "title"` and its indented content (Python-Markdown's admonition)."""
        found = _ADMONITION.search(text) if "!!!" in text else None
        return self._container(parent, blocks, found, "admonition", title_group=2)

    def details(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """`??? note "title"` and its indented content (pymdownx.details)."""
        found = _DETAILS.search(text) if "???" in text else None
        return self._container(parent, blocks, found, "details", title_group=3)

    def _container(
        self, parent: _Node, blocks: list[Block], found: re.Match[str] | None, tag: str, title_group: int
    ) -> bool:
        """An admonition or details block: a title line opening it, or indented content continuing the last one."""
        block = blocks[0]
        if found is None:
            continued = self._continued(parent, block, tag)
            if continued is None:
                return False
            blocks.pop(0)
            sibling, content, rest = continued
            if sibling.tag == "li" and sibling.text:
                paragraph = _Node("p", text=sibling.text)
                sibling.text = []
                sibling.children.append(paragraph)
            self.chunk(sibling, content)
        else:
            block, head = self._take_from(parent, blocks, found)
            content, rest = _detab(block[head + 1 :])
            node = parent.add(tag)
            if found[title_group]:
                title = views(block, found.start(title_group), found.end(title_group))
                heading = _SUMMARY_HEADING.match(found[title_group]) if tag == "details" else None
                if heading:
                    title = views(title, heading.start("header"), heading.end("header"))
                node.add("p").text = [line.strip() for line in title]
            self.chunk(node, content)
        if rest:
            blocks.insert(0, rest)
        return True

    def _continued(self, parent: _Node, block: Block, tag: str) -> tuple[_Node, Block, Block] | None:
        """The admonition or details block indented content continues (inside a list of it, if indented deeper)."""
        sibling = parent.last()
        if sibling is None or sibling.tag != tag:
            return None
        first, indent = block[0].text, 0
        last = sibling.last()
        while last is not None and first.startswith(_INDENT * 2) and last.tag in (*_LISTS, "dl"):
            sibling = last.last()
            last = sibling.last() if sibling is not None else None
            first, indent = first[TAB:], indent + TAB
        if sibling is None or not first.startswith(_INDENT):
            return None
        content, rest = _detab(block, indent + TAB)
        return sibling, content, rest

    def markdown_element(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A raw HTML element with md_in_html's `markdown` attribute: its content parsed as Markdown."""
        found = _ELEMENT.match(text)
        if found is None:
            return False
        blocks.pop(0)
        tag, mode, content = self.elements[int(found[1])]
        node = parent.add(tag)
        if mode == "block":
            self.chunk(node, content)
        else:
            node.text = content
        return True

    def empty(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A block that is empty or starts with an empty line: that line dropped (a block may hold blank lines)."""
        if blocks[0] and blocks[0][0].text:
            return False
        rest = blocks.pop(0)[1:]
        if rest:
            blocks.insert(0, rest)
        return True

    def list_indent(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """An indented block continuing the last list item (Python-Markdown's ListIndentProcessor)."""
        block = blocks[0]
        last = parent.last()
        if (
            not block[0].text.startswith(_INDENT)
            or self.state[-1:] == ["detabbed"]
            or not (parent.tag == "li" or (last is not None and last.tag in _LISTS))
        ):
            return False
        blocks.pop(0)
        level, sibling = self._level(parent, block)
        block = _loose_detab(block, level)
        self.state.append("detabbed")
        if parent.tag == "li":
            self.blocks(last if last is not None and last.tag in _LISTS else parent, [block])
        elif sibling.tag == "li":
            self.blocks(sibling, [block])
        elif sibling.children and sibling.children[-1].tag == "li":
            item = sibling.children[-1]
            if item.text:
                item.children.insert(0, _Node("p", text=item.text))
                item.text = []
            self.chunk(item, block)
        else:
            self.blocks(sibling.add("li"), [block])
        self.state.pop()
        return True

    def _level(self, parent: _Node, block: Block) -> tuple[int, _Node]:
        """How deep in the lists an indented block goes, and the element it goes into."""
        indents = _INDENT_LEVELS.match(block[0].text)
        depth = len(indents[1]) // TAB if indents else 0
        level = 1 if self.state[-1:] == ["list"] else 0
        while depth > level:
            child = parent.last()
            if child is None or child.tag not in (*_LISTS, "li"):
                break
            level += child.tag in _LISTS
            parent = child
        return level, parent

    def indented_code(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """An indented code block: its lines as long as they are indented (or blank).

        As pymdownx.superfences does, every fence in the block is first put back as the lines it
        was (cut as its placeholder was): those indented enough are this code block's, the rest
        are text again.
        """
        if not blocks[0][0].text.startswith(_INDENT):
            return False
        block: Block = []
        for line in blocks.pop(0):
            fence = fences.PLACEHOLDER.match(line.text)
            if fence is None or line.own:
                block.append(line)
                continue
            first = int(fence[1])
            last = self.fences.pop(first)
            block += [Line(n, line.column, self.source.lines[n][line.column :]) for n in range(first, last + 1)]
            if last == first + 1:  # superfences puts an empty fence back with an empty line inside
                block.insert(len(block) - 1, Line(first, line.column, "", own=False))
        code, rest = _detab(block)
        self.code_lines.update(line.number for line in code if line.own)
        if parent.last() is None or parent.children[-1].tag != "pre":
            parent.add("pre")
        if rest:
            blocks.insert(0, rest)
        return True

    def table(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A table (its header and separator rows valid): each cell a text of its own."""
        block = blocks[0]
        if len(block) < 2 or "|" not in block[0].text or "|" not in block[1].text:
            return False  # the header row and the separator row each need a pipe
        rows = [line.strip(" ") for line in block]
        border = (rows[0].text.startswith("|"), _END_BORDER.search(rows[0].text) is not None)
        columns = len(_cells(rows[0], border))
        is_table = columns > 1
        if columns == 1 and any(border):
            is_table = all(row.text.startswith("|") or _END_BORDER.search(row.text) for row in rows[1:])
        if not is_table:
            return False
        separator = _cells(rows[1], border)
        if len(separator) != columns or not set("".join(cell.text for cell in separator)) <= set("|:- "):
            return False
        blocks.pop(0)
        table = parent.add("table")
        for row in [rows[0], *(line.strip(" ") for line in block[2:])]:
            for cell in _cells(row, border)[:columns]:
                table.add("td").text = [cell.strip(" ")]
        return True

    def _take_from(self, parent: _Node, blocks: list[Block], found: re.Match[str]) -> tuple[Block, int]:
        """Take the first block, in which `found` starts a construct: the lines before it become blocks of
        their own (as Python-Markdown splits them). The block and the construct's first line in it."""
        block = blocks.pop(0)
        at = _line_at(found)
        if at:
            self.blocks(parent, [block[:at]])
        return block, at

    def hash_header(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A `#` heading on any line of the block; the lines before and after are blocks of their own."""
        found = _HASH_HEADER.search(text) if "#" in text else None
        if found is None:
            return False
        block, head = self._take_from(parent, blocks, found)
        parent.add("h").text = [line.strip() for line in views(block, found.start("header"), found.end("header"))]
        after = block[head + 1 :]
        if after:
            blocks.insert(0, _loose_detab(after) if self.state[-1:] == ["looselist"] else after)
        return True

    def setext_header(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A heading underlined with `=` or `-` on the block's first two lines."""
        block = blocks[0]
        if len(block) < 2 or not _SETEXT_HEADER.match(text):
            return False
        blocks.pop(0)
        parent.add("h").text = [block[0].strip()]
        if len(block) > 2:
            blocks.insert(0, block[2:])
        return True

    def rule(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A horizontal rule on any line of the block; the lines before and after are blocks of their own."""
        found = _RULE.search(text) if _RULE_START.search(text) else None
        if found is None:
            return False
        block, at = self._take_from(parent, blocks, found)
        parent.add("hr")
        if block[at + 1 :]:
            blocks.insert(0, block[at + 1 :])
        return True

    def ordered_list(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A list starting `1.`: its items, each parsed as blocks (Python-Markdown's OListProcessor)."""
        return self._list(parent, blocks, _ORDERED_ITEM, "ol")

    def unordered_list(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A list starting `-`, `*` or `+`."""
        return self._list(parent, blocks, _UNORDERED_ITEM, "ul")

    def _list(self, parent: _Node, blocks: list[Block], start: re.Pattern[str], tag: str) -> bool:
        """A list block: a new list, or more items of the list before it."""
        if not start.match(blocks[0][0].text):
            return False
        items = _items(blocks.pop(0))
        sibling = parent.last()
        if sibling is not None and sibling.tag in _LISTS:
            container = sibling
            previous = container.children[-1]
            if previous.text:  # the item before gets its text in a paragraph: the list is loose now
                previous.children.insert(0, _Node("p", text=previous.text))
                previous.text = []
            inner = previous.last()
            if inner is not None and inner.tail:
                previous.add("p").text = inner.tail
                inner.tail = []
            self.state.append("looselist")
            self.blocks(container.add("li"), [items.pop(0)])
            self.state.pop()
        elif parent.tag in _LISTS:
            container = parent
        else:
            container = parent.add(tag)
        self.state.append("list")
        for item in items:
            if item[0].text.startswith(_INDENT):
                self.blocks(container.children[-1], [item])
            else:
                self.blocks(container.add("li"), [item])
        self.state.pop()
        return True

    def block_quote(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A block quote from its first `>` line: the lines before are a block of their own."""
        found = _QUOTE.search(text) if ">" in text else None
        if found is None:
            return False
        block, head = self._take_from(parent, blocks, found)
        quoted = []
        for line in block[head:]:
            marker = _QUOTE.match(line.text)
            if line.text.strip() == ">":
                quoted.append(line.emptied())
            else:
                quoted.append(line.cut(marker.start(2)) if marker else line)
        sibling = parent.last()
        quote = sibling if sibling is not None and sibling.tag == "blockquote" else parent.add("blockquote")
        self.state.append("blockquote")
        self.chunk(quote, quoted)
        self.state.pop()
        return True

    def abbreviation(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """An abbreviation's definition (`*[HTML]: …`) anywhere in the block: taken out, the lines around it apart."""
        found = _ABBREVIATION.search(text) if "*[" in text else None
        if found is None or not found["abbr"].strip() or not found["title"].strip():
            return False
        self._take_out(blocks, text, found.start(), found.end())
        return True

    def reference(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """Link reference definitions (`[id]: url`) from the first one on: taken out, the lines around them apart."""
        found = _REFERENCE.search(text) if "]:" in text else None
        if found is None:
            return False
        start = end = found.start()
        for found in _REFERENCE.finditer(text, start):
            if found.start() > start and (text[end : found.start()].strip("\n") or "\n" in found[0]):
                break  # a definition after the first that spans lines waits for the next pass
            end = found.end()
        self._take_out(blocks, text, start, end)
        return True

    def _take_out(self, blocks: list[Block], text: str, start: int, end: int) -> None:
        """Drop `start:end` of the first block's text; what stands before and after it become blocks of their own."""
        block = blocks.pop(0)
        if text[end:].strip():
            blocks.insert(0, views(block, end, len(text)))
        if text[:start].strip():
            blocks.insert(0, views(block, 0, start))

    def paragraph(self, parent: _Node, blocks: list[Block], text: str) -> bool:
        """A paragraph; in a tight list item, the item's own text (or the tail of its last element)."""
        block = blocks.pop(0)
        if not text.strip():
            return True
        if self.state[-1:] != ["list"]:
            parent.add("p").text = block
        elif (sibling := parent.last()) is not None:
            sibling.tail = [*sibling.tail, *block]
        else:
            parent.text = [*parent.text, *block]
        return True


def _items(block: Block) -> list[Block]:
    """A list block's items: a line starting an item starts one, an indented item line or any other continues one."""
    items: list[Block] = []
    for line in block:
        item = _ANY_ITEM.match(line.text)
        if item:
            items.append([line.cut(item.start(3))])
        elif _NESTED_ITEM.match(line.text) and not items[-1][0].text.startswith(_INDENT):
            items.append([line])
        else:
            items[-1].append(line)
    return items


def _cells(row: Line, border: tuple[bool, bool]) -> list[Line]:
    """A table row's cells, split at pipes outside code (the tables extension's `_split_row`)."""
    if any(border):
        if row.text.startswith("|"):
            row = row.cut(1)
        end = _END_BORDER.search(row.text)
        if end:
            row = row.part(0, end.start())
    text = row.text
    ticks: list[tuple[int, int, int, int]] = []  # length, start, end, escaped
    pipes = []
    for found in _CODE_PIPES.finditer(text):
        if found[2]:
            ticks.append((len(found[2]) - 1, found.start(2), found.end(2) - 1, 1))
        elif found[3]:
            ticks.append((len(found[3]), found.start(3), found.end(3) - 1, 0))
        elif found[5]:
            pipes.append(found.start(5))
    regions = []
    at = 0
    while at < len(ticks):
        size = ticks[at][0] - ticks[at][3]
        closing = next((i for i in range(at + 1, len(ticks)) if ticks[i][0] == size), None) if size else None
        if closing is None:
            at += 1
            continue
        regions.append((ticks[at][1], ticks[closing][2]))
        at = closing + 1
    cells, start = [], 0
    for pipe in pipes:
        if not any(low <= pipe <= high for low, high in regions):
            cells.append(row.part(start, pipe))
            start = pipe + 1
    return [*cells, row.part(start, len(text))]
