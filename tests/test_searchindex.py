"""The search index and its ranking on their own (tiny documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handbook.core.segment import Segmenter
from handbook.search.documents import SearchDoc
from handbook.search.ranking import QUERY_CHARS, QUERY_TERMS, Ranker, TermCache, inline_script, segment, site_files

DOCS = [
    SearchDoc("flow:huanjie", "flow", "支部换届选举流程", "flows/huanjie/", "换届 选举 支部委员会"),
    SearchDoc("flow:huanjie#tixing", "step", "换届提醒", "flows/huanjie/#step-tixing", "支部换届 任期届满"),
    SearchDoc("reg:huanjie", "regulation", "换届选举程序", "regulations/huanjie/", "第一条 总则 第二条 支部 换届 程序"),
    SearchDoc("term:neiwang", "term", "内网", "glossary/#term-neiwang", "企业内部网络", aliases=("局域网",)),
    SearchDoc("reg:old", "regulation", "旧换届办法", "regulations/old/", "换届 旧办法", status="废止"),
]
WORDS = ["内网", "换届"]


class Model:
    """The two things `site_files` reads of a handbook: its documents and its segmenter."""

    def __init__(self, docs: list[SearchDoc]) -> None:
        self.docs = docs
        self.segmenter = Segmenter(WORDS)


@pytest.fixture
def ranker(monkeypatch: pytest.MonkeyPatch) -> Ranker:
    """A ranker over the index of DOCS, built in memory."""
    return Ranker.from_files(files(monkeypatch, DOCS))


def files(monkeypatch: pytest.MonkeyPatch, docs: list[SearchDoc], cache: TermCache | None = None) -> dict[str, bytes]:
    """The index files of `docs` (the model's documents replaced by them)."""
    from handbook.kinds.registry import KINDS
    from handbook.search import ranking

    monkeypatch.setattr(ranking, "documents", lambda model: model.docs)
    model = Model(docs)
    model.kinds = KINDS  # type: ignore[attr-defined]
    return site_files(model, cache)  # type: ignore[arg-type]


def test_a_page_is_listed_once_by_its_best_document(ranker: Ranker) -> None:
    """A flow and its steps are one page; a repealed document only when asked for."""
    urls = [hit.url.split("#")[0] for hit in ranker.search("支部换届")]
    assert sorted(urls) == ["flows/huanjie/", "regulations/huanjie/"]
    assert "reg:old" in [hit.key for hit in ranker.search("支部换届", repealed=True)]


def test_user_words_stay_whole_and_aliases_find_their_term(ranker: Ranker) -> None:
    """内网 is one word in the index and in the query, and an alias finds its term."""
    assert [hit.key for hit in ranker.search("内网")] == ["term:neiwang"]
    assert [hit.key for hit in ranker.search("局域网")] == ["term:neiwang"]


def test_question_words_are_dropped_and_a_partly_typed_word_is_completed(ranker: Ranker) -> None:
    """怎么 carries no topic; 委 at the end of 支部委 is completed to 委员 and 委员会."""
    assert "怎么" not in ranker.query_terms("换届怎么选")
    assert "委员会" in ranker.query_terms("支部委")
    assert ranker.query_terms("支部委 ") == ["支部"]  # a space ends the word: nothing is completed


def test_a_hit_names_its_kind_matched_step_or_article_and_marks_the_query(ranker: Ranker) -> None:
    """A step is shown under its flow's title; a regulation by the article the snippet is in."""
    by_key = {hit.key: hit for hit in ranker.search("任期届满")}
    step = by_key["flow:huanjie#tixing"]
    assert (step.type, step.title, step.match) == ("step", "支部换届选举流程", "换届提醒")
    regulation = ranker.search("程序", kind="regulation")[0]
    assert (regulation.match, "【程序】" in regulation.snippet) == ("第二条", True)


def test_the_cut_terms_are_cached_by_document(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A second build with one document changed cuts only that one; the files are the same as without a cache."""
    cache = TermCache(tmp_path / "terms.json")
    first = files(monkeypatch, DOCS, cache)
    cache.save()
    changed = [*DOCS[:-1], SearchDoc("reg:old", "regulation", "旧办法", "regulations/old/", "新内容")]
    again = TermCache(tmp_path / "terms.json")
    assert files(monkeypatch, changed, again) == files(monkeypatch, changed)
    assert len(again.entries) == len(DOCS) + 1 and len(again.cut) == 1
    assert first != files(monkeypatch, changed)


def test_a_changed_word_list_cuts_again_only_the_documents_containing_a_changed_word(tmp_path: Path) -> None:
    """Cached terms serve the other documents: jieba's total is kept, so they would be cut the same."""
    cache = TermCache(tmp_path / "terms.json")
    for doc in DOCS:
        cache.terms(doc, Segmenter(["换届"]))
    cache.save()
    again = TermCache(tmp_path / "terms.json")
    terms = {doc.key: again.terms(doc, Segmenter(["换届", "内部网络"])) for doc in DOCS}
    assert len(again.cut) == 1 and ["内部网络", 1] in [list(t) for t in terms["term:neiwang"]["body"]]


def test_segmentation_prefers_known_words_then_fewer_words() -> None:
    """Known words cover the run; a Latin word or number is one piece; ties cut as early as possible."""
    words = {"三会一课", "三会", "一课", "党费", "u盘"}
    assert segment("三会一课党费", words.__contains__) == [(0, 4), (4, 6)]
    assert segment("u盘2010", words.__contains__) == [(0, 2), (2, 6)]


def test_the_offline_script_holds_every_file(ranker: Ranker, monkeypatch: pytest.MonkeyPatch) -> None:
    """search/index.js assigns every file of the index, by its path under search/."""
    built = files(monkeypatch, DOCS)
    script = inline_script(built).decode()
    assert script.startswith("window.__hbSearchFiles={") and script.endswith("};\n")
    inlined = json.loads(script.removeprefix("window.__hbSearchFiles=").removesuffix(";\n"))
    assert inlined["manifest.json"] == json.loads(built["search/manifest.json"])
    assert len(inlined) == len(built)


def test_a_long_query_is_read_up_to_a_bound(ranker: Ranker) -> None:
    """Only the first QUERY_CHARS characters are read and QUERY_TERMS terms looked up, whatever is pasted."""
    pasted = "支部换届" * 2000
    assert ranker.query_terms(pasted) == ranker.query_terms(pasted[:QUERY_CHARS])
    words = " ".join(f"换届{i}" for i in range(1000))
    assert len(ranker.query_terms(words)) <= QUERY_TERMS
    assert ranker.search(pasted)
