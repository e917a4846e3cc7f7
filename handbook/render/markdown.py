"""Small helpers for writing safe Markdown."""

from __future__ import annotations

import html
import json
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
