"""Related content for the foot of each page: explicit references first, then similar text.

Similar pages (`handbook.search.similar`) are looked for only for pages whose references leave
room in the list.
"""

from __future__ import annotations

from handbook.core.refs import Ref, parse_ref
from handbook.model.handbook import Handbook
from handbook.search.similar import Similarity
from handbook.spec.kind import Registry

LIMIT = 6
Related = dict[Ref, list[Ref]]  # for each page, the pages shown under 相关内容


def _page(kinds: Registry, ref: Ref) -> Ref | None:
    """The page-level object of a reference (steps belong to their flow; terms have no page)."""
    return ref.target if ref.kind in kinds and kinds[ref.kind].own_page else None


def page_refs(model: Handbook) -> list[Ref]:
    """Every object that has a page of its own."""
    return [Ref(spec.prefix, object_id) for spec in model.kinds.paged() for object_id in model.registry(spec.prefix)]


def explicit_pages(model: Handbook) -> Related:
    """For every page, up to LIMIT pages it references or is referenced by, in source order."""
    explicit: Related = {}
    for use in model.uses:
        source, target = _page(model.kinds, use.source), _page(model.kinds, use.target)
        if source and target and source != target:
            for a, b in ((source, target), (target, source)):
                chosen = explicit.setdefault(a, [])
                if b not in chosen and len(chosen) < LIMIT:
                    chosen.append(b)
    return explicit


def needing_similar(model: Handbook, explicit: Related) -> list[Ref]:
    """The pages whose explicit references do not fill their related list."""
    return [ref for ref in page_refs(model) if len(explicit.get(ref, [])) < LIMIT]


def similar_pages(kinds: Registry, similarity: Similarity, pages: list[Ref]) -> dict[str, list[str]]:
    """For each of `pages`, the pages most like it (a step's likeness counts for its flow)."""
    result: dict[str, list[str]] = {}
    for ref in pages:
        found = (_page(kinds, parse_ref(key)) for key in similarity.more_like(str(ref), LIMIT * 3))
        result[str(ref)] = list(dict.fromkeys(str(p) for p in found if p and p != ref))[:LIMIT]
    return result


def related_pages(model: Handbook, explicit: Related, similar: dict[str, list[str]]) -> Related:
    """For every page, up to LIMIT related pages: its references, then similar ones."""
    result: Related = {}
    for ref in page_refs(model):
        chosen = list(explicit.get(ref, []))
        for key in similar.get(str(ref), []):
            if len(chosen) >= LIMIT:
                break
            if (other := parse_ref(key)) not in chosen:
                chosen.append(other)
        result[ref] = chosen
    return result
