"""Small helpers for writing safe Markdown: every text goes in through `plain` (or `attr` in HTML)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from handbook.core.html import escape

# Characters that start Markdown's inline syntax: escapes, code, emphasis, links, table columns, attribute lists.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]|{}"})


def plain(text: object) -> str:
    """Plain text as Markdown inline content (a heading, a paragraph, a table cell, a link's text): shown as typed.

    No HTML (escaped), no emphasis, links, code or attribute lists, no column breaks, one line.
    """
    return escape(str(text)).translate(_MARKDOWN_SPECIALS).replace("\n", " ")


def table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """A Markdown table; cells are expected to be escaped already."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# The language of the fence that carries finished HTML; mkdocs.yml maps it to fences.html_block.
HTML_FENCE = "hb-html"


def html_block(fragment: str) -> str:
    """Finished HTML as a Markdown block the converter passes through as it is.

    Python-Markdown's costliest work on a large generated table or drawing is its block, inline and
    raw-HTML passes (a month's ranking costs ten times a prose page), all useless on HTML we wrote
    ourselves. A fence skips them. Links to pages inside are written as in Markdown (`../x.md#a`)
    and resolved the same way, and terms in the text (outside drawings) get the same tooltips.
    """
    ticks = max((len(run) for run in re.findall("`+", fragment)), default=0)
    fence = "`" * max(3, ticks + 1)
    return f"{fence}{HTML_FENCE}\n{fragment}\n{fence}\n"


def html_table(headers: list[str], rows: Iterable[list[str]]) -> str:
    """An HTML table shaped as a Markdown table renders; headers and cells are HTML already.

    On one line: superfences reads a fence line by line in Python, and a month's tables have
    hundreds of rows (one line saves a fifth of converting the assessment pages).
    """
    head = "".join(f"<th>{header}</th>" for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_link(text: str, href: str) -> str:
    """An HTML link with its text escaped (href as written in Markdown: a relative .md path)."""
    return f'<a href="{attr(href)}">{escape(text)}</a>'


def aliases_line(aliases: list[str]) -> str:
    """The line naming what else people call a term, unit or post (empty without aliases)."""
    return f"又称：{'、'.join(plain(a) for a in aliases)}\n\n" if aliases else ""


def front_matter(meta: Mapping[str, object]) -> str:
    """A YAML front-matter block (JSON is valid YAML and needs no escaping rules of its own)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def attr(text: str) -> str:
    """Text safe inside an HTML attribute value, or as HTML text."""
    return escape(text)
