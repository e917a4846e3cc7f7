"""Related content: references first, then pages of similar text where room is left."""

from __future__ import annotations

from conftest import ROOT, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.core.segment import Segmenter
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model
from handbook.search.documents import documents
from handbook.search.ranking import K1, B, inverse_frequency
from handbook.search.related import LIMIT, explicit_pages, needing_similar, page_refs, related_pages, similar_pages
from handbook.search.similar import KEY_TERMS, Similarity


def test_references_come_first_and_similar_pages_fill_the_rest() -> None:
    """On the sample: at most LIMIT pages, never the page itself, its references before the rest."""
    model = load_model(Project(ROOT, TODAY))
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


BODIES = {  # the body terms of a few documents, as the search index cuts them
    "flow:huanjie": {"支部": 1, "换届": 2, "选举": 1, "委员会": 1, "任期": 1},
    "flow:huanjie#tixing": {"换届": 1, "任期": 1, "届满": 1, "提醒": 1},
    "reg:huanjie": {"换届": 1, "选举": 2, "程序": 1, "任期": 1, "委员会": 1},
    "term:neiwang": {"企业": 1, "内部": 1, "网络": 1},
    "reg:dangfei-guiding": {"党费": 2, "收缴": 1, "标准": 1},
}


def test_similar_text_is_found_across_kinds_and_steps_count_for_their_flow() -> None:
    """换届 documents are alike; the flow's step leads to the flow, never to the page itself."""
    similarity = Similarity(BODIES)
    assert similarity.more_like("reg:huanjie", 3) == ["flow:huanjie", "flow:huanjie#tixing"]
    similar = similar_pages(KINDS, similarity, [Ref("reg", "huanjie"), Ref("flow", "huanjie")])
    assert similar == {"reg:huanjie": ["flow:huanjie"], "flow:huanjie": ["reg:huanjie"]}


def test_a_new_word_changes_nothing_in_texts_without_it() -> None:
    """The premise of the term cache, on the sample's texts: jieba's total is kept when words are added."""
    model = load_model(Project(ROOT, TODAY))
    bodies = [doc.body for doc in documents(model)][:150]
    before, after = Segmenter(model.segmenter.words), Segmenter([*model.segmenter.words, "党建工作", "生产经营"])
    for body in bodies:
        if "党建工作" not in body and "生产经营" not in body:
            assert list(before.tokenize(body, mode="search")) == list(after.tokenize(body, mode="search"))


class PlainSimilarity:
    """The same more-like-this written the plain way (dicts, one document at a time): the reference."""

    def __init__(self, terms: dict[str, dict[str, int]]) -> None:
        self.terms = terms
        lengths = {key: sum(counts.values()) for key, counts in terms.items()}
        average = sum(lengths.values()) / max(len(terms), 1)
        self.norms = {key: K1 * ((1 - B) + B * length / average) for key, length in lengths.items()}
        self.containing: dict[str, list[tuple[str, int]]] = {}
        for key, counts in terms.items():
            for word, count in counts.items():
                self.containing.setdefault(word, []).append((key, count))

    def more_like(self, key: str, limit: int) -> list[str]:
        """Best first, ties by key."""
        counts = self.terms.get(key, {})
        idf = {word: inverse_frequency(len(self.terms), len(self.containing[word])) for word in counts}
        ranked = sorted(((count * idf[word], word) for word, count in counts.items()), key=lambda p: (-p[0], p[1]))
        best = ranked[:KEY_TERMS]
        top = best[0][0] if best else 1.0
        scores: dict[str, float] = {}
        for weight, word in best:
            for other, count in self.containing[word]:
                bm25 = idf[word] * count * (K1 + 1) / (count + self.norms[other])
                scores[other] = scores.get(other, 0.0) + weight / top * bm25
        scores.pop(key, None)
        return [other for other, _ in sorted(scores.items(), key=lambda p: (-p[1], p[0]))[:limit]]


# Few words and small counts, so that ties (in key terms and in scores) are common.
BODY = st.dictionaries(st.sampled_from(list("甲乙丙丁戊己庚辛壬癸")), st.integers(1, 3), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f"reg:d{n}" for n in range(12)]), BODY, min_size=1), st.integers(0, 14))
def test_similar_pages_are_those_of_the_plain_formulas(bodies: dict[str, dict[str, int]], limit: int) -> None:
    """Every document's similar documents, ties and their order included, as the plain formulas rank them."""
    fast, plain = Similarity(bodies), PlainSimilarity(bodies)
    for key in [*bodies, "reg:missing"]:
        assert fast.more_like(key, limit) == plain.more_like(key, limit)
