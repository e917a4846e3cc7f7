"""Related content for the foot of each page: explicit references first, then similar text.

Finding similar pages (Whoosh more-like-this for every page) is the slowest step of a build, so
its result is cached beside the index and recomputed only when the index itself changed.
"""

from __future__ import annotations

import json
from pathlib import Path

from handbook.model import Handbook
from handbook.refs import Ref, parse_ref
from handbook.searchindex import Searcher

LIMIT = 6
_PAGE_KINDS = ("reg", "flow", "act", "unit", "role")


def _page(ref: Ref) -> Ref | None:
    """The page-level object of a reference (steps belong to their flow; terms have no page)."""
    return ref.target if ref.kind in _PAGE_KINDS else None


def page_refs(model: Handbook) -> list[Ref]:
    """Every object that has a page of its own."""
    return [Ref(kind, object_id) for kind in _PAGE_KINDS for object_id in model.registry(kind)]


def similar_pages(searcher: Searcher, pages: list[Ref], cache: Path) -> dict[str, list[str]]:
    """For every page, the pages most like it, from `cache` if it was computed for this index."""
    if cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("index") == searcher.digest:
            return stored["similar"]
    similar = {}
    for ref in pages:
        found = (_page(parse_ref(key)) for key in searcher.more_like(str(ref), LIMIT * 3))
        similar[str(ref)] = list(dict.fromkeys(str(p) for p in found if p and p != ref))[:LIMIT]
    staging = cache.with_suffix(".tmp")
    staging.write_text(json.dumps({"index": searcher.digest, "similar": similar}, ensure_ascii=False), "utf-8")
    staging.replace(cache)
    return similar


def related_pages(model: Handbook, similar: dict[str, list[str]]) -> dict[Ref, list[Ref]]:
    """For every page-level object, up to LIMIT related pages: its references, then similar ones."""
    explicit: dict[Ref, list[Ref]] = {}
    for use in model.uses:
        source, target = _page(use.source), _page(use.target)
        if source and target and source != target:
            for a, b in ((source, target), (target, source)):
                if b not in explicit.setdefault(a, []):
                    explicit[a].append(b)
    result: dict[Ref, list[Ref]] = {}
    for ref in page_refs(model):
        chosen = explicit.get(ref, [])[:LIMIT]
        for key in similar.get(str(ref), []):
            if len(chosen) >= LIMIT:
                break
            if (other := parse_ref(key)) not in chosen:
                chosen.append(other)
        result[ref] = chosen
    return result
