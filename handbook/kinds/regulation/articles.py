"""Articles (第一条, 第二条 …) of a regulation body: detection, numbering and anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.core.markdown import prose_lines
from handbook.core.numerals import parse_chinese

ARTICLE_LINE = re.compile(
    r"^(?P<lead>\s*(?:\*\*)?)第(?P<num>[零〇一二两三四五六七八九十百]+)条(?P<tail>(?:\*\*)?)", re.MULTILINE
)


def article_anchor(number: int) -> str:
    """The stable anchor of article `number`: a1, a2 …"""
    return f"a{number}"


@dataclass(frozen=True)
class Article:
    """One article of a regulation."""

    number: int
    label: str  # 第五条
    line: int  # 1-based line in the source file
    offset: int = 0  # character offset of the article's line within the body

    @property
    def anchor(self) -> str:
        """The article's anchor inside the regulation page."""
        return article_anchor(self.number)


def find_articles(body: str, first_line: int) -> list[Article]:
    """List the articles that begin a prose line of `body`, with their file line numbers."""
    articles = []
    for line in prose_lines(body):
        match = ARTICLE_LINE.match(line.text)
        if match:
            number = parse_chinese(match["num"])
            articles.append(Article(number, f"第{match['num']}条", first_line + line.number - 1, line.offset))
    return articles


def anchor_articles(body: str) -> str:
    """Give every article line an HTML anchor so references can point at a single article."""
    out, last = [], 0
    for article in find_articles(body, 1):
        lead = ARTICLE_LINE.match(body, article.offset)
        assert lead is not None  # find_articles matched this very line
        at = article.offset + len(lead["lead"])
        out += [body[last:at], f'<span class="hb-article" id="{article.anchor}"></span>']
        last = at
    out.append(body[last:])
    return "".join(out)
