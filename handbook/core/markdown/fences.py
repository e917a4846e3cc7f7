"""pymdownx.superfences' fences, found as its preprocessor finds them, before any block is parsed.

A fence opens on a line of ``` or ~~~ (three or more) after any indent and block-quote markers,
with at most a language and what the highlighter accepts after it; its content lines keep that
prefix; it closes on the same fence (same character, same length) with that prefix. A line
indented less, or a block-quote line out of place, breaks it, and a fence never closed is no
fence: its lines stay text. Each fence is replaced by one placeholder line keeping the opening's
prefix, so the block parser sees it where it stood (in a list item, an admonition, a quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from handbook.core.markdown.source import Block, Line

_PREFIX = " >"  # what may stand before a fence: indent and block-quote markers (tabs are expanded)
_START = re.compile(
    r"""(?x)
    (?P<fence>~{3,}|`{3,})
    (?:[ \t]*\.?(?P<lang>[\w#.+-]+)(?=[\t ]|$))?
    (?:
        [ \t]*(\{(?P<attrs>[^\n]*)\})
        | (?P<options>(?:(?:[ \t]*[a-zA-Z][a-zA-Z0-9_]*(?:=(?P<quot>"|').*?(?P=quot))?)(?=[\t ]|$))+)
        | (?P<unrecognized>(?:([ \t]*[^\s]+)(?=[\t ]|$))+)
    )?[ \t]*$
    """
)
_OPTION = re.compile(r"""(?P<key>[a-zA-Z][a-zA-Z0-9_]*)(?:=(?P<quot>"|')(?P<value>.*?)(?P=quot))?""")
# The options pymdownx.highlight takes on a fence (Pygments on), with what each value must match;
# any other option makes the line no fence at all.
_OPTIONS: dict[str, re.Pattern[str] | None] = {
    "hl_lines": re.compile(r"^(?P<hl_lines>\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*)$"),
    "linenums": re.compile(r"(?P<linestart>[\d]+)(?:[ \t]+(?P<linestep>[\d]+))?(?:[ \t]+(?P<linespecial>[\d]+))?"),
    "title": None,
    "title_mode": None,
}
# A fence's placeholder: no block processor matches it, as none matches superfences' own.
PLACEHOLDER = re.compile("^[> ]*\x02fence(\\d+)\x03$")


def fenced(lines: list[str]) -> tuple[Block, dict[int, int]]:
    """The lines with each fenced block replaced by a placeholder, and each fence's first and last line."""
    out: Block = []
    fences: dict[int, int] = {}
    fence: _Fence | None = None
    for number, line in enumerate(lines):
        if fence is None:
            fence = _Fence.open(number, line)
            if fence is None:
                out.append(Line(number, 0, line))
            continue
        ended = fence.feed(line)
        if ended is None:
            continue
        if ended:
            fences[fence.start] = number
            out.append(Line(fence.start, 0, f"{fence.prefix}\x02fence{fence.start}\x03", own=False))
        else:  # no fence after all: its lines stay text, this one too (it is not looked at again)
            out += [Line(n, 0, lines[n]) for n in range(fence.start, number + 1)]
        fence = None
    if fence is not None:
        out += [Line(n, 0, lines[n]) for n in range(fence.start, len(lines))]
    return out, fences


@dataclass
class _Fence:
    """An open fence, and what its lines must look like until it closes."""

    start: int  # the opening line
    prefix: str  # the indent and block-quote markers before the opening fence
    marker: str  # the opening fence, e.g. ``` or ~~~~
    quotes: int  # the block-quote depth of the opening line
    blanks: int = 0  # blank lines since the last content line
    closing: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.closing = re.compile(re.escape(self.marker) + r"[ \t]*$")

    @classmethod
    def open(cls, number: int, line: str) -> _Fence | None:
        """The fence a line opens, if it does."""
        prefix = line[: len(line) - len(line.lstrip(_PREFIX))]
        found = _START.match(line, len(prefix))
        if found is None or found["unrecognized"] is not None:
            return None
        if found["options"] is not None and not _accepted(found["options"]):
            return None
        return cls(number, prefix, found["fence"], prefix.count(">"))

    def feed(self, line: str) -> bool | None:
        """Whether a line closes the fence (True), breaks it (False) or is its content (None)."""
        width = 0
        while width < min(len(self.prefix), len(line)) and line[width] in _PREFIX:
            width += 1
        prefix, content = line[:width], line[width:]
        depth = prefix.count(">")
        if self.quotes:
            if depth > self.quotes:
                return False
            if content == "":
                self.blanks += 1
                return None
            if len(prefix) < len(self.prefix) or (self.blanks and depth < self.quotes):
                return False
        else:
            if depth:
                return False  # a block-quote line, and the fence is not in a block quote
            if not line.strip():
                self.blanks += 1
                return None
            if len(prefix) != len(self.prefix) and content:
                return False  # indented less than the fence
        if self.closing.match(content):
            return True
        self.blanks = 0
        return None


def _accepted(options: str) -> bool:
    """Whether the highlighter takes every option of a fence line."""
    for found in _OPTION.finditer(options):
        value = found["value"] if found["value"] is not None else found["key"]
        if found["key"] not in _OPTIONS:
            return False
        check = _OPTIONS[found["key"]]
        if check is not None and check.match(value) is None:
            return False
    return True
