"""The search index and its ranking on their own (tiny documents), and the Whoosh index of related pages."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest

from handbook.core.segment import Segmenter
from handbook.search.documents import SearchDoc
from handbook.search.index import Searcher, ensure_index
from handbook.search.ranking import Ranker, TermCache, inline_script, segment, site_files

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
    assert len(again.entries) == len(DOCS) + 1
    assert first != files(monkeypatch, changed)


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


def test_the_similarity_index_is_rebuilt_only_when_its_documents_change(tmp_path: Path) -> None:
    """Same documents: nothing is written; one changed document: a new index."""
    assert ensure_index(tmp_path / "index", DOCS, Segmenter([])) is True
    assert ensure_index(tmp_path / "index", DOCS, Segmenter([])) is False
    assert ensure_index(tmp_path / "index", DOCS[:-1], Segmenter([])) is True


def test_whoosh_code_we_run_compiles_without_warnings(tmp_path: Path) -> None:
    """Every Whoosh module related pages load compiles cleanly: upstream 2.7.4 warns on Python 3.12+.

    (jieba, a fixed choice of the project, has such escapes in finalseg; pip compiles it once at
    install time, so it does not warn at run time.)
    """
    ensure_index(tmp_path / "index", DOCS, Segmenter([]))
    searcher = Searcher(tmp_path / "index")
    assert searcher.more_like("flow:huanjie", 3)
    searcher.close()
    loaded = [m.__file__ for name, m in sys.modules.items() if name.split(".")[0] == "whoosh"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # invalid escapes warn at compile time: Deprecation- or SyntaxWarning
        for path in filter(None, loaded):
            compile(Path(path).read_text(encoding="utf-8"), path, "exec")
