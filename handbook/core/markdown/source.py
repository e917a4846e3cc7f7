"""A Markdown text's lines as Python-Markdown holds them, and views of them that map back to the text.

Python-Markdown first normalises the text (its NormalizeWhitespace preprocessor): line breaks
are `\\n`, `\\r\\n` or `\\r` (not the others str.splitlines knows), STX and ETX are dropped, tabs
are expanded to stops of four, and every line of spaces but the first is emptied. Every later
step works on blocks of these lines with prefixes cut off (block-quote markers, indents); here a
block is a list of `Line` views, each knowing its line and column, so what a step finds in a
block maps back to offsets in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

TAB = 4  # Python-Markdown's tab_length: the indent of indented code and of nested content
_BREAK = re.compile(r"\r\n|\r|\n")
_CHANGED = re.compile("[\t\x02\x03]")  # what the normaliser changes within a line


class Line(NamedTuple):
    """A view of one normalised line from a column on: a block's line once prefixes and indents are cut off."""

    number: int  # the line's index among the text's lines
    column: int  # where the view starts in the normalised line
    text: str  # the normalised line from `column` on (or a part of it)
    own: bool = True  # False for what stands for text taken out (a placeholder) or a line added

    def cut(self, width: int) -> Line:
        """The view without its first `width` characters."""
        return Line(self.number, self.column + width, self.text[width:], self.own)

    def part(self, start: int, end: int) -> Line:
        """The view of `text[start:end]`."""
        return Line(self.number, self.column + start, self.text[start:end], self.own)

    def emptied(self) -> Line:
        """The view as an empty line."""
        return Line(self.number, self.column, "", self.own)

    def strip(self, chars: str | None = None) -> Line:
        """The view without leading and trailing `chars` (white space by default)."""
        lead = len(self.text) - len(self.text.lstrip(chars))
        return self.part(lead, max(lead, len(self.text.rstrip(chars))))


Block = list[Line]
BLANK = Line(-1, 0, "", own=False)  # an empty line a step adds between blocks


@dataclass(frozen=True)
class Source:
    """A text's lines: where each stands in the text, and as Python-Markdown holds it."""

    starts: list[int]  # offset of each line in the text
    ends: list[int]  # offset of each line's end (before its line break)
    lines: list[str]  # each line normalised
    columns: list[list[int] | None]  # for a line the normaliser changed, the raw offset of each character

    def block(self) -> Block:
        """Every line, whole."""
        return [Line(number, 0, line) for number, line in enumerate(self.lines)]

    def span(self, number: int) -> tuple[int, int]:
        """A line's start and end offsets in the text."""
        return self.starts[number], self.ends[number]

    def ranges(self, unit: Block, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The ranges of the text holding the characters `start:end` of lines joined by newlines."""
        at = 0
        for line in unit:
            first, last = max(start, at) - at, min(end, at + len(line.text)) - at
            if line.own and first < last:
                columns = self.columns[line.number]
                low, high = line.column + first, line.column + last
                if columns is not None:
                    low, high = columns[low], columns[high - 1] + 1
                base = self.starts[line.number]
                yield base + low, min(base + high, self.ends[line.number])
            at += len(line.text) + 1
            if at >= end:
                return


def read(text: str) -> Source:
    """A text's lines, normalised as Python-Markdown does before anything else."""
    starts: list[int] = []
    ends: list[int] = []
    lines: list[str] = []
    columns: list[list[int] | None] = []
    at = 0
    for found in [*_BREAK.finditer(text), None]:
        end = found.start() if found else len(text)
        raw = text[at:end]
        line, mapping = _normalised(raw) if _CHANGED.search(raw) else (raw, None)
        # The first line keeps its spaces: Python-Markdown empties lines of spaces after a line break.
        lines.append("" if lines and not line.strip(" ") else line)
        columns.append(mapping)
        starts.append(at)
        ends.append(end)
        at = found.end() if found else end
    return Source(starts, ends, lines, columns)


def _normalised(raw: str) -> tuple[str, list[int]]:
    """A line with STX and ETX dropped and tabs expanded, and for each of its characters the raw offset."""
    chars: list[str] = []
    columns: list[int] = []
    for offset, char in enumerate(raw):
        if char in "\x02\x03":
            continue
        width = TAB - len(chars) % TAB if char == "\t" else 1
        chars += [" "] * width if char == "\t" else [char]
        columns += [offset] * width
    return "".join(chars), [*columns, len(raw)]


def joined(block: Block) -> str:
    """A block's text as Python-Markdown holds it: its lines joined by newlines."""
    return "\n".join(line.text for line in block)


def views(block: Block, start: int, end: int) -> Block:
    """The lines of a block's joined text `start:end`, as views, without empty lines at either end."""
    out, at = [], 0
    for line in block:
        first, last = max(start, at), min(end, at + len(line.text))
        if first < last or (not line.text and start <= at < end):
            out.append(line.part(first - at, last - at))
        at += len(line.text) + 1
    while out and not out[-1].text:
        out.pop()
    return out[next((i for i, line in enumerate(out) if line.text), len(out)) :]


def split(lines: Block) -> list[Block]:
    """The blocks of a chunk: its runs of lines between empty lines."""
    blocks: list[Block] = [[]]
    for line in lines:
        if line.text == "":
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]
