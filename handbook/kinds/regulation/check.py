"""Regulations in the model: numbered articles, each number once."""

from __future__ import annotations

from handbook.core.located import Loc, SourceFile
from handbook.core.numerals import chinese
from handbook.core.problems import Problem
from handbook.kinds.regulation.articles import Article, find_articles
from handbook.kinds.regulation.schema import RegulationMeta
from handbook.model.handbook import Regulation


def make_regulation(meta: RegulationMeta | None, file: SourceFile, loc: Loc) -> tuple[Regulation | None, list[Problem]]:
    """A regulation with its articles numbered (None if its front matter failed), reporting a number used twice."""
    articles: dict[int, Article] = {}
    problems = []
    previous = 0
    for article in find_articles(file.body, file.body_line):
        first = articles.setdefault(article.number, article)
        if first is not article:
            message = f"{article.label} appears twice (first at line {first.line})"
        elif article.number > previous + 1:
            gap = range(previous + 1, article.number)
            missing = "、".join(f"第{chinese(n)}条" for n in gap[:3]) + ("…" if len(gap) > 3 else "")
            after = f"follows 第{chinese(previous)}条" if previous else "is the first article"
            message = f"{article.label} {after}: {missing} {'is' if len(gap) == 1 else 'are'} missing"
        elif article.number <= previous:
            message = f"{article.label} comes after 第{chinese(previous)}条: number the articles in order"
        else:
            message = ""
        if message:
            problems.append(Problem(file.path, article.line, message))
        previous = max(previous, article.number)
    if meta is None:
        return None, problems
    return Regulation(meta, file.meta, loc, file.body, file.body_line, articles), problems


def article_anchors(doc: Regulation) -> dict[str, str]:
    """The articles a reference may point at, by anchor (a5), with their labels (第五条)."""
    return {article.anchor: article.label for article in doc.articles.values()}
