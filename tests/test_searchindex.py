"""The Whoosh module on its own: a tiny index, grouped results, and no warnings from Whoosh's code."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from handbook.core.segment import Segmenter
from handbook.search.documents import SearchDoc
from handbook.search.index import Searcher, ensure_index

DOCS = [
    SearchDoc("flow:huanjie", "flow", "支部换届选举流程", "flows/huanjie/", "换届 选举 支部委员会"),
    SearchDoc("flow:huanjie#tixing", "step", "换届提醒", "flows/huanjie/#step-tixing", "支部换届 任期届满"),
    SearchDoc("reg:huanjie", "regulation", "换届选举程序", "regulations/huanjie/", "支部 换届 程序"),
    SearchDoc("term:neiwang", "term", "内网", "glossary/#term-neiwang", "企业内部网络", aliases=("局域网",)),
]


def test_a_page_is_listed_once_by_its_best_document(tmp_path: Path) -> None:
    """A flow and its steps are one page: only the best of them is listed."""
    ensure_index(tmp_path / "index", DOCS, Segmenter(["内网", "换届"]))
    searcher = Searcher(tmp_path / "index")
    urls = [hit.url.split("#")[0] for hit in searcher.search("支部换届")]
    searcher.close()
    assert sorted(urls) == ["flows/huanjie/", "regulations/huanjie/"]


def test_user_words_are_loaded_before_parsing_a_query(tmp_path: Path) -> None:
    """内网 is one word in the index and in the query, and an alias finds its term."""
    ensure_index(tmp_path / "index", DOCS, Segmenter(["内网", "换届"]))
    searcher = Searcher(tmp_path / "index")
    assert [hit.key for hit in searcher.search("内网")] == ["term:neiwang"]
    assert [hit.key for hit in searcher.search("局域网")] == ["term:neiwang"]
    searcher.close()


def test_the_index_is_rebuilt_only_when_its_documents_change(tmp_path: Path) -> None:
    """Same documents: nothing is written; one changed document: a new index."""
    assert ensure_index(tmp_path / "index", DOCS, Segmenter([])) is True
    assert ensure_index(tmp_path / "index", DOCS, Segmenter([])) is False
    assert ensure_index(tmp_path / "index", DOCS[:-1], Segmenter([])) is True


def test_whoosh_code_we_run_compiles_without_warnings(tmp_path: Path) -> None:
    """Every Whoosh module a search loads compiles cleanly: upstream 2.7.4 warns on Python 3.12+.

    (jieba, a fixed choice of the project, has such escapes in finalseg; pip compiles it once at
    install time, so it does not warn at run time.)
    """
    ensure_index(tmp_path / "index", DOCS, Segmenter([]))
    searcher = Searcher(tmp_path / "index")
    searcher.search("换届")
    searcher.close()
    loaded = [m.__file__ for name, m in sys.modules.items() if name.split(".")[0] == "whoosh"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # invalid escapes warn at compile time: Deprecation- or SyntaxWarning
        for path in filter(None, loaded):
            compile(Path(path).read_text(encoding="utf-8"), path, "exec")
