"""Recall@5 of the gold queries (tuned, held-out, everyday) on the CLI; the search box lists the same in Chromium."""

from __future__ import annotations

import functools
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from conftest import ROOT, TODAY
from playwright.sync_api import Browser, Page

from handbook.cli import main
from handbook.core.project import Project
from handbook.core.refs import parse_ref
from handbook.kinds.registry import KINDS
from handbook.pipeline import load_model
from handbook.search.ranking import Ranker

GOLD = Path(__file__).parent / "data" / "search_gold.yaml"
# Held out: written after the ranking was tuned on GOLD, and never tuned on (see its header).
HELDOUT = GOLD.with_name("search_heldout.yaml")
# Held out too, written for issue 30 by someone who had not read the search code, as URL paths:
# measured 0.827 before the everyday names and questions, 0.907 (68 of 75) after (the goal, 0.95,
# is not reached; docs/guide/benchmarks.md says which queries miss).
EVERYDAY = GOLD.with_name("search_everyday.yaml")
# A second everyday set, written the same way on the same day and frozen before it was first measured
# (0.913, 95 of 104, at commit 5bad0b4).
EVERYDAY_2 = GOLD.with_name("search_everyday_2.yaml")
# A third, 90 questions, written the same way and frozen (commit 8f2bef3) before the everyday sayings
# (everyday.yaml) were first measured on it: 0.922 before them, 0.944 after.
EVERYDAY_3 = GOLD.with_name("search_everyday_3.yaml")
# A fourth, 72 questions, frozen (commit 70ecd18) before the coordination of query terms (`Ranker.totals`)
# was first measured on it: 0.861 before, 0.903 after (docs/guide/benchmarks.md).
EVERYDAY_4 = GOLD.with_name("search_everyday_4.yaml")
# A fifth, 72 questions, frozen (commit 5e5bf63) before mending typos and joining split words was first
# measured on it: 0.944 (68 of 72) before and after.
EVERYDAY_5 = GOLD.with_name("search_everyday_5.yaml")
# A sixth, 99 questions, frozen (commit 7277352) and first measured on unchanged code: 0.980 (97 of 99).
EVERYDAY_6 = GOLD.with_name("search_everyday_6.yaml")
# What each everyday set reached (measured: 74 of 75, 102 of 104, 86 of 90, 70 of 72, 68 of 72, 97 of 99): a floor, so a
# change cannot lose ground. Sets 1, 2 and 4 are no longer held out: their misses were looked at.
EVERYDAY_REACHED = {
    EVERYDAY: 0.986,
    EVERYDAY_2: 0.980,
    EVERYDAY_3: 0.955,
    EVERYDAY_4: 0.972,
    EVERYDAY_5: 0.944,
    EVERYDAY_6: 0.979,
}
EVERYDAY_IDS = ["everyday", "everyday-2", "everyday-3", "everyday-4", "everyday-5", "everyday-6"]
TOP = 5
TARGET = 0.95


def gold(path: Path = GOLD) -> list[tuple[str, set[str]]]:
    """The queries of a gold set with the site-relative targets that count as found (references, or URL paths)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    if path in EVERYDAY_REACHED:  # the everyday sets name pages as URL paths
        return [(item["query"], {target(page) for page in item["pages"]}) for item in data]
    return [(item["q"], {target(KINDS.url_of(parse_ref(ref))) for ref in item["expect"]}) for item in data]


def target(url: str) -> str:
    """What a result is compared by: its page, or its anchor on the glossary (one term per section)."""
    page, _, anchor = url.partition("#")
    return url if page == "glossary/" and anchor else page


def recall(found: dict[str, list[str]], path: Path = GOLD) -> tuple[float, list[str]]:
    """Recall@5 over a gold set, and a line for every query that missed."""
    misses = []
    for query, expected in gold(path):
        top = found[query]
        if not expected & set(top):
            misses.append(f"{query}: expected one of {sorted(expected)}, got {top}")
    return 1 - len(misses) / len(found), misses


@pytest.mark.parametrize(("path", "size"), [(GOLD, 40), (HELDOUT, 60)], ids=["tuned", "held-out"])
def test_gold_set_is_large_and_resolvable(path: Path, size: int) -> None:
    """Enough queries, each expecting objects (and articles or steps) that exist in the sample handbook."""
    queries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    assert len(queries) >= size
    model = load_model(Project(ROOT, TODAY))
    unknown = []
    for item in queries:
        assert item["expect"], f"{item['q']}: no expected page"
        for text in item["expect"]:
            ref = parse_ref(text)
            registry = model.registry(ref.kind)
            anchors = model.kinds[ref.kind].anchors
            if ref.id not in registry:
                unknown.append(f"{item['q']}: {text}: no {ref.kind} '{ref.id}'")
            elif ref.anchor is not None and (anchors is None or ref.anchor not in anchors(registry[ref.id])):
                unknown.append(f"{item['q']}: {text}: no anchor '{ref.anchor}' in '{ref.id}'")
    assert not unknown, "\n".join(unknown)


@pytest.mark.parametrize("path", list(EVERYDAY_REACHED), ids=EVERYDAY_IDS)
def test_everyday_set_names_pages_of_the_site(built_site: Path, path: Path) -> None:
    """Each of its 60 or more questions names pages the built site has (a glossary anchor: a term's section)."""
    queries = gold(path)
    assert len(queries) >= 60
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    for query, pages in queries:
        for page in pages:
            path, _, anchor = page.partition("#")
            assert (built_site / path / "index.html").is_file(), f"{query}: no page {page}"
            assert not anchor or f'id="{anchor}"' in glossary, f"{query}: no anchor {page}"


@functools.cache  # the recall tests and the parity test ask the CLI the same queries: once per worker is enough
def cli_urls(query: str, index: Path) -> list[str]:
    """The URLs of the CLI's top five for a query, in order, read from its --json output."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--root", str(ROOT), "search", query, "--json", "--limit", str(TOP), "--index", str(index)]) == 0
    return [hit["url"] for hit in json.loads(out.getvalue())["results"]]


def cli_top(query: str, index: Path) -> list[str]:
    """The targets of the CLI's top five for a query."""
    return [target(url) for url in cli_urls(query, index)]


def test_cli_recall_at_5(built_site: Path) -> None:
    """`handbook search` puts an expected page in the top five for ≥ 95 % of the tuned queries (measured 0.993)."""
    index = built_site / "search"
    score, misses = recall({query: cli_top(query, index) for query, _ in gold()})
    print(f"CLI recall@5 = {score:.3f}", *misses, sep="\n")
    assert score >= TARGET, "\n".join(misses)


def test_cli_recall_at_5_heldout(built_site: Path) -> None:
    """`handbook search` on the held-out set: recall@5 at least the goal, 0.95 (measured 1.000, 76 of 76)."""
    index = built_site / "search"
    score, misses = recall({query: cli_top(query, index) for query, _ in gold(HELDOUT)}, HELDOUT)
    print(f"CLI held-out recall@5 = {score:.3f}", *misses, sep="\n")
    assert score >= TARGET, "\n".join(misses)


@pytest.mark.parametrize("path", list(EVERYDAY_REACHED), ids=EVERYDAY_IDS)
def test_cli_recall_at_5_everyday(built_site: Path, path: Path) -> None:
    """`handbook search` on each everyday set: at least what was reached (the goal is 0.95; set 5 is below it)."""
    index = built_site / "search"
    score, misses = recall({query: cli_top(query, index) for query, _ in gold(path)}, path)
    print(f"CLI {path.name} recall@5 = {score:.3f}", *misses, sep="\n")
    assert score >= EVERYDAY_REACHED[path], "\n".join(misses)


def box_top(page: Page, query: str, site: str) -> list[str]:
    """The URLs of the top five results the search box lists for a query filled in (an input event, no key)."""
    before = page.evaluate("window.__hbSearch.answered.length")
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function(f"window.__hbSearch.answered.length > {before}", timeout=10_000)
    hrefs = page.evaluate(
        """top => [...document.querySelectorAll(".md-search-result__item a")].slice(0, top).map(a => a.href)""", TOP
    )
    base = urlparse(site).path
    return [urlparse(urljoin(site, href))._replace(query="").geturl().split(base, 1)[1] for href in hrefs]


def page_top(page: Page, queries: list[str]) -> dict[str, list[str]]:
    """The URLs of the top five the page's own search (the one behind the box) answers for each query, in one call."""
    found: dict[str, list[str]] = page.evaluate(
        """async ([queries, top]) => {
          const found = {};
          for (const query of queries) {
            const result = await window.__hbSearch.search(query, {limit: top});
            found[query] = result.hits.map(hit => hit.url);
          }
          return found;
        }""",
        [queries, TOP],
    )
    return found


@pytest.mark.browser
def test_search_box_and_cli_list_the_same_top_five(browser: Browser, served_site: str, built_site: Path) -> None:
    """One ranking, two front ends: on every query of the eight sets the same five pages in the same order (100 %).

    Every query through the page's search function (what the box calls); every fourteenth, and a text pasted by
    mistake, typed into the box itself, whose list must show the same five.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site)
    page.locator("input.md-search__input").click()
    sets = {GOLD: TARGET, HELDOUT: TARGET} | EVERYDAY_REACHED
    queries = list(dict.fromkeys(query for path in sets for query, _ in gold(path)))
    long = "党费怎么交" * 1000  # pasted by mistake: read up to its first characters, by both
    ranked = page_top(page, [*queries, long])
    typed = [*queries[::14], long]
    box = {query: box_top(page, query, served_site) for query in typed}
    context.close()
    assert {query: ranked[query] for query in typed} == box
    differ = [
        f"{q}: page {ranked[q]}, CLI {cli}" for q in ranked if ranked[q] != (cli := cli_urls(q, built_site / "search"))
    ]
    assert not differ, f"{len(differ)} of {len(ranked)} differ:\n" + "\n".join(differ)
    for path, reached in sets.items():
        score, misses = recall({query: [target(url) for url in ranked[query]] for query, _ in gold(path)}, path)
        assert score >= reached, f"{path.name}:\n" + "\n".join(misses)


TYPOS = GOLD.with_name("search_typos.yaml")


def test_homophone_typos_are_mended_and_correct_text_is_left_alone(built_site: Path) -> None:
    """The blind typo set (measured 2026-12-07): of 38 typos in words of three or more characters 33 mended as meant
    and none otherwise; of 22 in two-character words, which are left alone, 1 (丧藏费, a three-character alias);
    none of 60 correctly typed questions changed; the page found for 51 typos and 58 correct questions."""
    data = yaml.safe_load(TYPOS.read_text(encoding="utf-8"))
    ranker = Ranker.from_folder(built_site / "search")
    typos, clean = data["typos"], data["clean"]
    mended = [(item, ranker.mended(item["query"])) for item in typos]
    assert [item["query"] for item, text in mended if text and text != item["intended"].lower()] == []
    assert sum(text == item["intended"].lower() for item, text in mended if item["word_len"] == "3+") >= 33
    assert [item["query"] for item in clean if ranker.mended(item["query"])] == []

    def found(item: dict[str, str]) -> bool:
        """Whether the item's page is in the top five."""
        return target(item["page"]) in [target(hit.url) for hit in ranker.search(item["query"], limit=TOP)]

    assert sum(map(found, typos)) >= 51 and sum(map(found, clean)) >= 58
