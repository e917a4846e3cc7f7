"""The one Markdown scanner: which lines are prose and which are code, as Python-Markdown sees them.

References (`[[…]]`), articles (第一条) and the quality checks all read Markdown through
`prose_lines`, so they agree on what is code: fenced blocks (``` or ~~~, closed only by a fence
of the same character at least as long), indented code blocks, and inline code spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
# Lines that open a block whose body is indented (list items, admonitions, details): an indented
# line inside them is their content, not code.
_CONTAINER = re.compile(r"^(?P<indent> *)(?P<marker>[-*+] |\d+[.)] |!!! |\?\?\?\+? )")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")
CODE_INDENT = 4
# What a text needs for any code to start in it: a line break (any str.splitlines knows), a
# backtick or tilde, or a leading indent.
_SPECIAL = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029`~]|^[ \t]")


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


def _indent(line: str) -> int:
    """The width of a line's leading white space (a tab counts as four spaces)."""
    expanded = line.expandtabs(CODE_INDENT)
    return len(expanded) - len(expanded.lstrip(" "))


def _closes(line: str, fence: str) -> bool:
    """Whether a line closes the open fence: the same character, at least as many, nothing after."""
    closing = _FENCE.match(line)
    if closing is None:
        return False
    marker = closing["fence"]
    return marker[0] == fence[0] and len(marker) >= len(fence) and not line[closing.end() :].strip()


def prose_lines(text: str) -> Iterator[ProseLine]:
    """Every line of `text` that is not inside a code block."""
    if not _SPECIAL.search(text):
        # Most texts are one plain line (a YAML field, a step's label): no code can start in
        # them, and they are scanned tens of thousands of times a build.
        return iter([ProseLine(1, 0, text, ())] if text.strip() else [])
    return iter(_scanned(text))


@lru_cache(maxsize=4096)
def _scanned(text: str) -> tuple[ProseLine, ...]:
    """`_scan`, remembered: references, embeds, articles and the checks each scan the same bodies.

    A pure function of the text, so remembering it across builds (`handbook serve`) is exact.
    """
    return tuple(_scan(text))


def _scan(text: str) -> Iterator[ProseLine]:
    """Every line of `text` that is not inside a code block, line by line."""
    fence: str | None = None  # the open fence's marker, e.g. ``` or ~~~~
    containers = [0]  # content indents of the open list items and admonitions
    blank_before = True
    in_indented_code = False
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if fence is not None:
            if _closes(line, fence):
                fence = None
            continue
        if not line.strip():
            blank_before = True
            continue
        indent = _indent(line)
        while len(containers) > 1 and indent < containers[-1] and blank_before:
            containers.pop()
        if (in_indented_code or blank_before) and indent >= containers[-1] + CODE_INDENT:
            in_indented_code = True
            blank_before = False
            continue
        in_indented_code = False
        blank_before = False
        opening = _FENCE.match(line)
        if opening:
            fence = opening["fence"]
            continue
        container = _CONTAINER.match(line)
        if container:
            width = CODE_INDENT if container["marker"][0] in "!?" else len(container["marker"])
            containers.append(len(container["indent"]) + width)
        code = tuple(match.span() for match in _CODE_SPAN.finditer(line))
        yield ProseLine(number, start, line, code)
