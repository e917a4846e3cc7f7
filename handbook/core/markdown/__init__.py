"""The one Markdown scanner: which parts of a text are code, exactly as the site's Python-Markdown sees them.

References (`[[…]]`), embeds, articles (第一条) and the quality checks all read Markdown through
`prose_lines`, so they agree with each other and with the page: outside code a reference is
linked and validated, inside code it is an example shown as written. The scanner retraces, on
the text's own lines, the steps of Python-Markdown with the extensions mkdocs.yml configures:

- source.py: the text's lines normalised (tabs expanded, blank lines emptied), as views that map back;
- fences.py: pymdownx.superfences' fences (also in block quotes and list items; closed only by
  the same fence; never closed, no fence);
- raw_html.py: raw HTML blocks (no Markdown inside, unless md_in_html's `markdown` attribute);
- blocks.py: the block parser (indented code, lists, admonitions, details, quotes, headings,
  tables, paragraphs) and which texts are processed inline;
- inline.py: the code spans of those texts (across lines; a backslash escapes a backtick).

tests/test_markdown_scanner.py compares the scanner with Python-Markdown itself, on edge cases
and on documents composed at random.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from handbook.core.markdown.blocks import parse
from handbook.core.markdown.inline import code_spans

# What a text needs for any code to be in it: a backtick or tilde (code spans, fences), a tab or
# four spaces (indented code; Python-Markdown expands tabs, and drops STX and ETX, which can
# bring spaces together).
_MAY_HOLD_CODE = re.compile("[`~\t\x02\x03]| {4}")
_INLINE_CODE, _BLOCK_CODE = 1, 2  # what a character of the text is, beyond prose
_INLINE_RUN = re.compile(b"\x01+")


@dataclass(frozen=True)
class ProseLine:
    """A line outside code blocks, with where it stands and its inline code spans."""

    number: int  # 1-based line within the scanned text
    offset: int  # character offset of the line's start within the text
    text: str  # the line without its line break
    code: tuple[tuple[int, int], ...]  # spans of inline code, relative to the line

    def in_code(self, position: int) -> bool:
        """Whether a position of the line lies inside inline code."""
        return any(start <= position < end for start, end in self.code)


def prose_lines(text: str) -> Iterator[ProseLine]:
    """Every line of `text` (as str.splitlines breaks it) that is not inside a code block."""
    if not _MAY_HOLD_CODE.search(text):
        # Most texts hold no code at all (a YAML field, a step's label, most bodies), and they
        # are scanned tens of thousands of times a build: every line is prose.
        return _lines(text, None)
    return iter(_scanned(text))


@lru_cache(maxsize=4096)
def _scanned(text: str) -> tuple[ProseLine, ...]:
    """`_scan`, remembered: references, embeds, articles and the checks each scan the same bodies.

    A pure function of the text, so remembering it across builds (`handbook serve`) is exact.
    """
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[ProseLine]:
    """Every line of `text` that is not inside a code block, with its inline code spans."""
    return _lines(text, _code(text))


def _lines(text: str, kinds: bytearray | None) -> Iterator[ProseLine]:
    """The text's non-blank lines outside code blocks, given what each character is (None: all prose)."""
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if not line.strip():
            continue
        found = kinds[start : start + len(line)] if kinds else b""
        if _BLOCK_CODE not in found:
            yield ProseLine(number, start, line, tuple(match.span() for match in _INLINE_RUN.finditer(found)))


def _code(text: str) -> bytearray:
    """What each character of the text is: prose (0), inline code or in a code block."""
    kinds = bytearray(len(text))
    structure = parse(text)
    for unit in structure.units:
        if any("`" in line.text for line in unit):
            for start, end in code_spans(unit):
                for low, high in structure.source.ranges(unit, start, end):
                    kinds[low:high] = bytes([_INLINE_CODE]) * (high - low)
    for number in structure.code_lines:
        start, end = structure.source.span(number)
        kinds[start:end] = bytes([_BLOCK_CODE]) * (end - start)
    return kinds
