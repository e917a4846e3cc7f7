"""Regulations in the model: numbered articles, each number once."""

from __future__ import annotations

from handbook.core.located import Loc, SourceFile
from handbook.core.problems import Problem
from handbook.kinds.regulation.articles import Article, find_articles
from handbook.kinds.regulation.schema import RegulationMeta
from handbook.model.handbook import Regulation


def make_regulation(meta: RegulationMeta | None, file: SourceFile, loc: Loc) -> tuple[Regulation | None, list[Problem]]:
    """A regulation with its articles numbered (None if its front matter failed), reporting a number used twice."""
    articles: dict[int, Article] = {}
    problems = []
    for article in find_articles(file.body, file.body_line):
        first = articles.setdefault(article.number, article)
        if first is not article:
            message = f"{article.label} appears twice (first at line {first.line})"
            problems.append(Problem(file.path, article.line, message))
    if meta is None:
        return None, problems
    return Regulation(meta, file.meta, loc, file.body, file.body_line, articles), problems


def article_anchors(doc: Regulation) -> dict[str, str]:
    """The articles a reference may point at, by anchor (a5), with their labels (第五条)."""
    return {article.anchor: article.label for article in doc.articles.values()}
