"""Search documents built from the model (not scraped from HTML): each kind contributes its own."""

from __future__ import annotations

import html
import re
from typing import Any

from handbook.core.refs import Ref, find_markdown_refs, parse_ref
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.kind import Registry
from handbook.spec.search import SearchDoc

STEP = "step"  # a flow's step is a search document of its own, though not a kind
_MARKUP = re.compile(r"[*#>|`_]+|^\s*[-+]\s+|\{[^}]*\}|<[^>]+>", re.MULTILINE)
# A backslash escape (the Word import writes 1\. and 0\.5% so that they stay text): the character itself, never markup.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def types(kinds: Registry) -> dict[str, str]:
    """The document types a search can be restricted to, with their Chinese names."""
    names = {spec.name: spec.title for spec in kinds}
    return {**names, STEP: "环节"}


def plain(model: Handbook, markdown: str) -> str:
    """Markdown as plain text: embeds generated, references replaced by their titles, markup removed, escaped
    characters and character references as the characters they stand for."""
    markdown = model.expand(markdown)
    out, last = [], 0
    for found in find_markdown_refs(markdown):
        start, end = found.span
        out += [markdown[last:start], found.label or model.title_of(parse_ref(found.ref_text))]
        last = end
    out.append(markdown[last:])
    pieces = _ESCAPED.split("".join(out))  # text, escaped character, text …
    text = "".join(piece if index % 2 else _MARKUP.sub(" ", piece) for index, piece in enumerate(pieces))
    return html.unescape(text)  # &lt; and &amp;, which the import writes for < and &


def part_of(model: Handbook, place_id: str) -> str:
    """The title of the part (篇) a place belongs to."""
    place = model.places[place_id]
    while place.parent:
        place = model.places[place.parent]
    return f"{place.label} {place.title}"


def placed_document(model: Handbook, prefix: str, doc: Doc[Any], fields: list[str]) -> SearchDoc:
    """The search document of a regulation or activity: its fields, then its Markdown body."""
    meta, ref = doc.meta, Ref(prefix, doc.meta.id)
    body = " ".join([*fields, plain(model, doc.body)])
    return SearchDoc(
        str(ref),
        model.kinds[prefix].name,
        meta.title,
        model.kinds.url_of(ref),
        body,
        aliases=tuple(meta.aliases),
        questions=tuple(meta.questions),
        part=part_of(model, meta.place),
        tags=tuple(meta.tags),
        status=meta.status.value,
    )


def documents(model: Handbook) -> list[SearchDoc]:
    """Every searchable thing of the handbook, kind by kind."""
    return [
        found
        for spec in model.kinds
        for doc in model.registry(spec.prefix).values()
        for found in spec.search(model, doc)
    ]
