"""Articles (第一条, 第二条 …) of a regulation body: detection, numbering and anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
ARTICLE_LINE = re.compile(r"^(?P<lead>\s*(?:\*\*)?)第(?P<num>[零〇一二两三四五六七八九十百]+)条(?P<tail>(?:\*\*)?)")


def chinese_number(text: str) -> int:
    """Convert a Chinese numeral up to 999 (十二, 二十, 一百零五) into an int."""
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            total += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + digit


def article_anchor(number: int) -> str:
    """The stable anchor of article `number`: a1, a2 …"""
    return f"a{number}"


@dataclass(frozen=True)
class Article:
    """One article of a regulation."""

    number: int
    label: str  # 第五条
    line: int  # 1-based line in the source file

    @property
    def anchor(self) -> str:
        """The article's anchor inside the regulation page."""
        return article_anchor(self.number)


def find_articles(body: str, first_line: int) -> list[Article]:
    """List the articles that begin a line of `body`, with their file line numbers."""
    articles = []
    fence = False
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            continue
        match = None if fence else ARTICLE_LINE.match(line)
        if match:
            number = chinese_number(match["num"])
            articles.append(Article(number, f"第{match['num']}条", first_line + offset))
    return articles


def anchor_articles(body: str) -> str:
    """Give every article line an HTML anchor so references can point at a single article."""
    out = []
    fence = False
    for line in body.splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else ARTICLE_LINE.match(line)
        if match:
            anchor = article_anchor(chinese_number(match["num"]))
            line = f'{match["lead"]}<span class="hb-article" id="{anchor}"></span>{line[len(match["lead"]) :]}'
        out.append(line)
    return "".join(out)
