"""Related content: references first, then similar pages where room is left, from word counts cached per text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import ROOT
from test_searchindex import DOCS

from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.core.segment import Segmenter
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model
from handbook.search.documents import documents
from handbook.search.index import words_of
from handbook.search.related import LIMIT, explicit_pages, needing_similar, page_refs, related_pages, similar_pages
from handbook.search.similar import Similarity, body_terms


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


def test_similar_text_is_found_across_kinds_and_steps_count_for_their_flow() -> None:
    """换届 documents are alike; the flow's step leads to the flow, never to the page itself."""
    segmenter = Segmenter(["换届", "内网"])
    terms = {doc.key: Counter(words_of(segmenter)(doc.body)) for doc in DOCS}
    similarity = Similarity(terms)
    assert sorted(similarity.more_like("reg:huanjie", 3)) == ["flow:huanjie", "flow:huanjie#tixing"]
    similar = similar_pages(KINDS, similarity, [Ref("reg", "huanjie"), Ref("flow", "huanjie")])
    assert similar == {"reg:huanjie": ["flow:huanjie"], "flow:huanjie": ["reg:huanjie"]}


def test_words_of_a_text_are_cut_again_only_when_a_word_in_it_changed(tmp_path: Path) -> None:
    """Cached counts serve unchanged texts; a word added to the list re-cuts only the texts containing it."""
    cut: list[str] = []

    def analyze(text: str) -> list[str]:
        """Cut like the index, and note which text was cut."""
        cut.append(text)
        return list(words_of(Segmenter(words))(text))

    cache, words = tmp_path / "words.json", ("换届",)
    first = body_terms(DOCS, words, analyze, cache)
    assert len(cut) == len(DOCS)
    cut.clear()
    assert body_terms(DOCS, words, analyze, cache) == first and cut == []
    words = ("换届", "内部网络")
    again = body_terms(DOCS, words, analyze, cache)
    assert cut == ["企业内部网络"] and again["term:neiwang"]["内部网络"] == 1  # one word now, with its sub-words


def test_a_new_word_changes_nothing_in_texts_without_it() -> None:
    """The premise of the cache above, on the sample's texts: jieba's total is kept when words are added."""
    model = load_model(Project(ROOT))
    bodies = [doc.body for doc in documents(model)][:150]
    before, after = Segmenter(model.segmenter.words), Segmenter([*model.segmenter.words, "党建工作", "生产经营"])
    for body in bodies:
        if "党建工作" not in body and "生产经营" not in body:
            assert list(before.tokenize(body, mode="search")) == list(after.tokenize(body, mode="search"))
