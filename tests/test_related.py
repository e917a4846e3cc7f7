"""Related content: references first, similar pages only where room is left, cached per index."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from test_searchindex import DOCS

from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.core.segment import Segmenter
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model
from handbook.search.index import Searcher, ensure_index
from handbook.search.related import LIMIT, explicit_pages, needing_similar, page_refs, related_pages, similar_pages


def test_references_come_first_and_similar_pages_fill_the_rest() -> None:
    """On the sample: at most LIMIT pages, never the page itself, its references before the rest."""
    model = load_model(Project(ROOT))
    explicit = explicit_pages(model)
    wanting = needing_similar(model, explicit)
    assert 0 < len(wanting) < len(page_refs(model))  # some pages are full of references already
    assert all(len(explicit.get(ref, [])) < LIMIT for ref in wanting)
    other = Ref("reg", "dangfei-guiding")
    similar = {str(ref): [str(other)] for ref in wanting}
    related = related_pages(model, explicit, similar)
    for ref, pages in related.items():
        assert len(pages) <= LIMIT and ref not in pages
        assert pages[: len(explicit.get(ref, []))] == explicit.get(ref, [])
    assert all(other in related[ref] for ref in wanting if ref != other)


def test_similar_pages_are_cached_per_page_while_the_index_is_the_same(tmp_path: Path) -> None:
    """Stored lists are reused, a page not asked before is added, and another index starts afresh."""
    ensure_index(tmp_path / "index", DOCS, Segmenter(["换届"]))
    searcher = Searcher(tmp_path / "index")
    cache = tmp_path / "similar.json"
    flow, reg = Ref("flow", "huanjie"), Ref("reg", "huanjie")
    first = similar_pages(KINDS, searcher, [flow], cache)
    assert list(first) == ["flow:huanjie"]
    stored = json.loads(cache.read_text(encoding="utf-8"))
    stored["similar"]["flow:huanjie"] = ["act:marker"]  # only a reused cache can return this
    cache.write_text(json.dumps(stored), encoding="utf-8")
    both = similar_pages(KINDS, searcher, [flow, reg], cache)
    assert both["flow:huanjie"] == ["act:marker"]
    assert json.loads(cache.read_text(encoding="utf-8")) == {"index": searcher.digest, "similar": both}
    stored["index"] = "another index"
    cache.write_text(json.dumps(stored), encoding="utf-8")
    assert similar_pages(KINDS, searcher, [flow], cache) == first
    searcher.close()
