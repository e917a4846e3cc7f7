"""Related content for the foot of each page: explicit references first, then similar text."""

from __future__ import annotations

from handbook.model import Handbook
from handbook.refs import Ref, parse_ref
from handbook.searchindex import Searcher

LIMIT = 6
_PAGE_KINDS = ("reg", "flow", "act", "unit", "role")


def _page(ref: Ref) -> Ref | None:
    """The page-level object of a reference (steps belong to their flow; terms have no page)."""
    return ref.target if ref.kind in _PAGE_KINDS else None


def related_pages(model: Handbook, searcher: Searcher) -> dict[Ref, list[Ref]]:
    """For every page-level object, up to LIMIT related pages."""
    explicit: dict[Ref, list[Ref]] = {}
    for use in model.uses:
        source, target = _page(use.source), _page(use.target)
        if source and target and source != target:
            for a, b in ((source, target), (target, source)):
                if b not in explicit.setdefault(a, []):
                    explicit[a].append(b)
    result: dict[Ref, list[Ref]] = {}
    for kind in _PAGE_KINDS:
        for object_id in model.registry(kind):
            ref = Ref(kind, object_id)
            chosen = list(explicit.get(ref, []))[:LIMIT]
            for key in searcher.more_like(str(ref), LIMIT * 3):
                if len(chosen) >= LIMIT:
                    break
                similar = _page(parse_ref(key))
                if similar and similar != ref and similar not in chosen:
                    chosen.append(similar)
            result[ref] = chosen
    return result
