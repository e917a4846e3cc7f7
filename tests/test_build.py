"""End to end: the real sample handbook builds, with every kind of generated page, and no side effects."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, sources_digest

pytestmark = pytest.mark.build


def test_generated_pages_exist(built_site: Path) -> None:
    """Index pages, a page per object of each kind, landing pages and the local mermaid."""
    expected = [
        "index.html",
        "intro/index.html",
        "regulations/index.html",
        "regulations/fazhan-dangyuan-guize/index.html",
        "flows/index.html",
        "flows/sanhui-yike/index.html",
        "activities/dangyuan-anquangang/index.html",
        "organisation/index.html",
        "organisation/dangwei/index.html",
        "organisation/visions/index.html",
        "roles/zhibu-shuji/index.html",
        "glossary/index.html",
        "coverage/index.html",
        "book/p3/index.html",
        "book/p6.c1.s1/index.html",
        "assets/vendor/mermaid.min.js",
        "search/search_index.json",
    ]
    missing = [page for page in expected if not (built_site / page).is_file()]
    assert missing == []


def test_flow_page_has_diagram_table_and_checklist(built_site: Path) -> None:
    """A flow page carries its Mermaid source (excluded from search), step anchors and checklist."""
    html = (built_site / "flows/sanhui-yike/index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid" data-search-exclude><code>flowchart TD' in html
    assert 'id="step-' in html
    assert 'class="hb-checklist"' in html


def test_mermaid_source_is_not_in_search_index(built_site: Path) -> None:
    """Diagram source text never pollutes the search index."""
    index = (built_site / "search/search_index.json").read_text(encoding="utf-8")
    assert "flowchart TD" not in index
    assert "subgraph" not in index


def test_nothing_generated_into_sources(built_site: Path, digest_before_build: str) -> None:
    """The build writes no file into docs/ or any source folder."""
    assert sources_digest() == digest_before_build


def test_jieba_dictionary_keeps_terms_whole(built_site: Path) -> None:
    """The generated user dictionary holds the glossary's terms, so 三会一课 is one token."""
    words = (ROOT / ".cache/handbook/jieba_user.dict").read_text(encoding="utf-8").split("\n")
    assert any(line.startswith("三会一课 ") for line in words)
    assert any(line.startswith("三重一大 ") for line in words)
