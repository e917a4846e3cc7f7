"""Small helpers for writing safe Markdown."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping

_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\`*_[]|"})


def cell(text: object) -> str:
    """Plain text safe inside a Markdown table cell: no HTML, no emphasis, no column breaks."""
    return html.escape(str(text), quote=False).translate(_MARKDOWN_SPECIALS).replace("\n", " ")


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
    return f'<a href="{attr(href)}">{html.escape(text, quote=False)}</a>'


def link_text(text: str) -> str:
    """Text safe inside the brackets of a Markdown link."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def aliases_line(aliases: list[str]) -> str:
    """The line naming what else people call a term, unit or post (empty without aliases)."""
    return f"又称：{'、'.join(aliases)}\n\n" if aliases else ""


def front_matter(meta: Mapping[str, object]) -> str:
    """A YAML front-matter block (JSON is valid YAML and needs no escaping rules of its own)."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def attr(text: str) -> str:
    """Text safe inside an HTML attribute value."""
    return html.escape(text, quote=True)
