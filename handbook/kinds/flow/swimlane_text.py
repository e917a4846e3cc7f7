"""The text of a swimlane diagram: its size, how wide a label is, and where a label's lines break."""

from __future__ import annotations

import re

FONT = 14  # px; never scaled down on screen (the diagram scrolls sideways instead)
# The first code point of the CJK radicals block: from here up, characters (Chinese, full-width
# punctuation) are square, one FONT wide.
CJK_FIRST = 0x2E80
LATIN_WIDTH = 0.55  # of FONT: the average width of a Latin letter or digit in a sans-serif font


def text_width(text: str) -> float:
    """Approximate width of a text in px: CJK characters are square, others about half as wide."""
    return sum(FONT if ord(char) > CJK_FIRST else FONT * LATIN_WIDTH for char in text)


# Line breaking by the Chinese rules (GB/T 15834, 标点符号用法): no line starts with closing
# punctuation (it hangs at the end of the line before), none ends with opening punctuation (it moves
# to the next), and a number stays whole with its unit or percent sign.
NO_LINE_START = set("，。、；：？！）」』》〉】”’%．,.;:?!)]}…—")
NO_LINE_END = set("（「『《〈【“‘([{")
UNITS = "%个日天月年人次分元条项名步页小时"
_ATOM = re.compile(rf"[0-9０-９]+(?:[.．][0-9０-９]+)?[{UNITS}]?|.", re.S)


def wrap(text: str, width: float) -> list[str]:
    """Break a label into lines no wider than `width`: CJK text between any characters, by the Chinese rules."""
    lines, line = [], ""
    for atom in _ATOM.findall(text):
        if not line or text_width(line + atom) <= width or atom in NO_LINE_START:
            line += atom  # closing punctuation hangs rather than opening a line
            continue
        carried = ""
        while line and line[-1] in NO_LINE_END:  # opening punctuation goes with what it opens
            line, carried = line[:-1], line[-1] + carried
        if line:
            lines.append(line)
        line = (carried + atom).lstrip()
    return [*lines, line] if line else lines or [""]
