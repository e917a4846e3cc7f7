"""The Markdown fences of the site (pymdownx.superfences custom fences).

- `hb-mermaid`: a hand-written Mermaid diagram; docs/assets/handbook.js draws it with the site's
  own copy of mermaid.js, loaded by that page only.
- `hb-html` (render.markdown.HTML_FENCE): finished HTML the render stage wrote (large tables,
  drawings), passed through with its links and tooltips made as the Markdown around it gets them.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Any

from mkdocs.utils import get_relative_url

from handbook.core.html import escape
from handbook.integrations.mkdocs.tooltips import attribute

# An href attribute's value (the render stage writes every attribute in double quotes).
_HREF = re.compile(r'(?<=\shref=")[^"]*')
# A relative link to a page, without anchor, query or escapes (../2026-10.md).
_PAGE_LINK = re.compile(r"(?!/)[\w./-]+\.md")
# A character reference (&amp;): never part of a term.
_ENTITY = re.compile(r"&#?\w+;")


def fence(source: str, language: str, css_class: str, options: dict[str, Any], md: object, **kwargs: object) -> str:
    """Superfences formatter: a `pre` of the configured class (hb-mermaid)."""
    return f'<pre class="{css_class}"><code>{escape(source)}</code></pre>'


def html_block(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: object) -> str:
    """Superfences formatter: the HTML as it is, with links to pages resolved and terms given tooltips.

    The links are resolved as MkDocs' own resolver (its `relpath` tree processor of this page)
    resolves the links of the page's Markdown, and by it wherever it validates or warns; the abbr
    extension's glossary gives the terms in the text (outside drawings) the same tooltips.
    """
    if "relpath" in md.treeprocessors:  # not when converted outside MkDocs
        source = _resolve_links(source, md.treeprocessors["relpath"])
    glossary = md.treeprocessors["abbr"].abbrs if "abbr" in md.treeprocessors else {}
    if glossary:
        source = _add_tooltips(source, glossary)
    return source


def _resolve_links(source: str, resolver: Any) -> str:
    """Every href as MkDocs resolves a Markdown link of the page (a relative .md path becomes a URL)."""
    resolved: dict[str, str] = {}  # a table links to the same page many times; MkDocs resolves it once

    def url(href: re.Match[str]) -> str:
        """One href, resolved."""
        if href[0] not in resolved:
            resolved[href[0]] = escape(_page_url(resolver, html.unescape(href[0])))
        return resolved[href[0]]

    return _HREF.sub(url, source)


def _page_url(resolver: Any, href: str) -> str:
    """What MkDocs' resolver makes of a link: worked out here for a plain link to a page of the site.

    That is what a month's tables hold thousands of; for it the resolver would only look the
    target up and return its URL relative to this page. Anything else (an anchor, a missing or
    excluded page, an outside link) goes to the resolver, which also validates and warns.
    """
    if _PAGE_LINK.fullmatch(href):
        file = resolver.file  # the page's
        target = resolver.files.get_file_from_path(
            posixpath.normpath(posixpath.join(posixpath.dirname(file.src_uri), href))
        )
        if target is not None and not target.inclusion.is_excluded():
            return get_relative_url(target.url, file.url)
    return str(resolver.path_to_url(href))


@lru_cache(maxsize=8)
def _terms(words: tuple[str, ...]) -> re.Pattern[str]:
    """The abbr extension's pattern for these words (the longest first, whole words only), found faster.

    The lookahead for a term's first character matches the same texts and lets the engine pass
    over every other position at once: four times faster on a month's tables.
    """
    first = "".join(sorted({re.escape(word[0]) for word in words}))
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?=[{first}])\b(?:{alternatives})\b")


def _add_tooltips(source: str, glossary: dict[str, str]) -> str:
    """Each term in the text wrapped as the abbr extension wraps it: `<abbr title="definition">`.

    Not inside a tag, a character reference or a drawing (an SVG text cannot hold an HTML abbr).
    The terms are looked for in the whole block at once and each find is then placed: a table has
    thousands of texts and few terms.
    """
    out, last = [], 0
    for term in _terms(tuple(glossary)).finditer(source):
        start, end = term.span()
        if not glossary[term[0]] or _in_markup(source, start, end):
            continue
        out += [source[last:start], f'<abbr title="{attribute(glossary[term[0]])}">{term[0]}</abbr>']
        last = end
    return "".join(out) + source[last:]


def _in_markup(source: str, start: int, end: int) -> bool:
    """Whether source[start:end] lies inside a tag, a character reference or an SVG drawing."""
    if source.rfind("<", 0, start) > source.rfind(">", 0, start):
        return True
    if source.rfind("<svg", 0, start) > source.rfind("</svg>", 0, start):
        return True
    ampersand = source.rfind("&", 0, start)
    reference = _ENTITY.match(source, ampersand) if ampersand >= 0 else None
    return reference is not None and reference.end() >= end
