"""Word's automatic numbering, rendered as Word shows it: 第一章, 第一条, （一）, 1.

A document typed with heading styles often numbers its chapters and articles by a multilevel
list (the level text 第%1章 in 中文数字): the number is then not in the paragraph's text but in
the numbering definitions. Each list instance (`w:num`) counts its levels; a level restarts when
a level above it advances; a start value and start overrides are honoured. A format not listed
here is written in Arabic digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from handbook.core.numerals import chinese

_IDEOGRAPHS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
PLACEHOLDER = re.compile(r"%([1-9])")


def _roman(number: int) -> str:
    """A number in lower-case Roman numerals."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    """a, b … z, aa, bb … as Word counts letters."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def formatted(number: int, kind: str) -> str:
    """A counter's value in a Word number format (decimal, chineseCounting …)."""
    if kind in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting"):
        return chinese(number) if 0 <= number <= 999 else str(number)
    if kind == "ideographTraditional" and 1 <= number <= len(_IDEOGRAPHS):
        return _IDEOGRAPHS[number - 1]
    if kind == "decimalEnclosedCircle" and 1 <= number <= len(_CIRCLED):
        return _CIRCLED[number - 1]
    if kind == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(number))
    if kind in ("lowerRoman", "upperRoman") and number >= 1:
        roman = _roman(number)
        return roman if kind == "lowerRoman" else roman.upper()
    if kind in ("lowerLetter", "upperLetter") and number >= 1:
        letters = _letters(number)
        return letters if kind == "lowerLetter" else letters.upper()
    if kind == "decimalZero":
        return f"{number:02d}"
    if kind in ("none", "bullet"):
        return ""
    return str(number)


@dataclass(frozen=True)
class Level:
    """One level of a list: where it starts, its format, its text (第%1条) and what follows the number."""

    start: int = 1
    kind: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class Numbering:
    """The numbering definitions of a document, and the counters of its lists as the body is read."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # by numId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # start overrides by (numId, level)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """The numbering of a document (none if it has no numbering part)."""
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls()
        abstract: dict[str, dict[int, Level]] = {}
        for definition in root.iterchildren(qn("w:abstractNum")):
            abstract[definition.get(qn("w:abstractNumId"), "")] = {
                int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in definition.iterchildren(qn("w:lvl"))
            }
        numbering = cls()
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val"), "") if ref is not None else "", {}))
            for override in num.iterchildren(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    numbering.starts[(num_id, ilvl)] = int(start.get(qn("w:val"), "1"))
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            numbering.levels[num_id] = levels
        return numbering

    def number(self, paragraph: Any, style: Any) -> str:
        """The number Word shows in front of this paragraph ('' if none), counting it."""
        num_id, ilvl = _numbered(paragraph, style)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id or "", {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self.starts.get((num_id or "", ilvl), level.start)
        for deeper in [d for d in counters if d > ilvl]:
            del counters[deeper]  # a level restarts when one above it advances

        def value(match: re.Match[str]) -> str:
            """One %N of the level text: level N-1's counter in its format."""
            index = int(match[1]) - 1
            shown = levels.get(index, Level())
            count = counters.get(index, self.starts.get((num_id or "", index), shown.start))
            return formatted(count, shown.kind)

        text = PLACEHOLDER.sub(value, level.text)
        if not text:
            return ""
        return text + {"tab": " ", "space": " "}.get(level.suffix, "")


def _level(lvl: Any) -> Level:
    """A `w:lvl` definition."""

    def val(name: str, default: str) -> str:
        """The w:val of a child, or the default."""
        child = lvl.find(qn(name))
        return child.get(qn("w:val"), default) if child is not None else default

    start = val("w:start", "1")
    first = int(start) if start.isdigit() else 1
    return Level(first, val("w:numFmt", "decimal"), val("w:lvlText", ""), val("w:suff", "tab"))


def _numbered(paragraph: Any, style: Any) -> tuple[str | None, int]:
    """The list (numId) and level of a paragraph: its own numbering, else its style's."""
    sources = [paragraph.pPr]
    depth = 0
    while style is not None and depth < 20:
        sources.append(style.element.pPr)
        style, depth = style.base_style, depth + 1
    num_id, ilvl = None, None
    for ppr in sources:
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            continue
        found_id, found_lvl = numpr.find(qn("w:numId")), numpr.find(qn("w:ilvl"))
        if num_id is None and found_id is not None:
            num_id = found_id.get(qn("w:val"))
        if ilvl is None and found_lvl is not None:
            ilvl = int(found_lvl.get(qn("w:val"), "0"))
    if num_id in (None, "0"):
        return None, 0
    return num_id, ilvl or 0
