"""Recall@5 of the tuned and the held-out search sets, on the CLI and in the browser, and the parity of the two.

Usage: .venv/bin/python scripts/bench_search_gold.py --site /tmp/heldout-site [--cli-only]

Measured on a site built beforehand (`handbook build --site-dir …`), for the tuned set
(tests/data/search_gold.yaml) and the seven other sets (tests/data/search_heldout.yaml and
tests/data/search_everyday.yaml, _2.yaml, _3.yaml, _4.yaml, _5.yaml and _6.yaml; only sets 3, 5 and 6
are still held out, the misses of the others were looked at; the everyday sets name their pages as URL paths):

- CLI: `handbook search`'s ranking (`Ranker.search`, as `cmd_search` calls it) on the site's search/ index.
- Browser: the site's search box (docs/assets/search.js) in Debian's Chromium, the site served over
  HTTP, on a desktop (1280×900) and a phone (390×844) viewport, each query committed two ways:
  `keyup` (the text filled in, then a key pressed, as after typing or an input method's commit) and
  `input` (the text filled in with no key event, as pasted, spoken or handwritten). A query whose
  results are not rendered within --timeout seconds counts as answered with nothing, and is counted
  apart as not answered.
- Parity: the share of queries whose top five results name the same set of pages in both front ends
  (anchors dropped, so the glossary is one page); tests/test_search_recall.py asserts the stricter
  form, the same five URLs in the same order.

A query is found when one of its expected references is in the top five (as in tests/test_search_recall.py).
Prints Markdown: recall per set and front end, parity, and every miss of the sets no longer held out.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from playwright.sync_api import Browser, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from handbook.core.refs import parse_ref
from handbook.export.print.chromium import chromium, serve
from handbook.kinds.registry import KINDS
from handbook.search.ranking import Ranker

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "tuned": ROOT / "tests/data/search_gold.yaml",
    "held-out": ROOT / "tests/data/search_heldout.yaml",
    "everyday": ROOT / "tests/data/search_everyday.yaml",
    "everyday-2": ROOT / "tests/data/search_everyday_2.yaml",
    "everyday-3": ROOT / "tests/data/search_everyday_3.yaml",
    "everyday-4": ROOT / "tests/data/search_everyday_4.yaml",
    "everyday-5": ROOT / "tests/data/search_everyday_5.yaml",
    "everyday-6": ROOT / "tests/data/search_everyday_6.yaml",
}
# Sets still held out: their totals are printed, their misses never (looking at them would end that).
HELD_OUT = {"everyday-3", "everyday-5", "everyday-6"}
TOP = 5
VIEWPORTS: dict[str, ViewportSize] = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
MODES = ("keyup", "input")
# The result list: one item per page, its link the page's best document.
GROUPS = """top => [...document.querySelectorAll(".md-search-result__item")].slice(0, top)
    .map(item => [...item.querySelectorAll("a")].map(a => a.href))"""


@dataclass(frozen=True)
class Query:
    """A query of a set and the site-relative targets that count as found."""

    set: str
    text: str
    expected: frozenset[str]


def load_queries() -> list[Query]:
    """The queries of every set, tuned first."""
    return [
        Query(name, item["query"], frozenset(map(target, item["pages"])))
        if "pages" in item
        else Query(name, item["q"], frozenset(target(KINDS.url_of(parse_ref(ref))) for ref in item["expect"]))
        for name, path in SETS.items()
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    ]


def target(url: str) -> str:
    """What a result is compared by: its page, or its anchor on the glossary (one term per section)."""
    page, _, anchor = url.partition("#")
    return url if page == "glossary/" and anchor else page


def page_of(url: str) -> str:
    """A site-relative URL without its anchor."""
    return url.partition("#")[0]


def cli_results(index: Path, queries: list[Query]) -> dict[str, list[list[str]]]:
    """Each query's top five from the CLI's ranking, one single-URL group per hit."""
    ranker = Ranker.from_folder(index)
    return {q.text: [[hit.url] for hit in ranker.search(q.text, limit=TOP)] for q in queries}


def site_relative(href: str, site: str) -> str:
    """A result link as a site-relative URL with its anchor."""
    parsed = urlparse(urljoin(site, href))  # the query (?h=, the words to mark on the page) is dropped
    return parsed.path.removeprefix(urlparse(site).path) + (f"#{parsed.fragment}" if parsed.fragment else "")


def browser_results(
    browser: Browser, site: str, viewport: ViewportSize, mode: str, queries: list[Query], timeout: float
) -> tuple[dict[str, list[list[str]]], list[str]]:
    """The top five results in the search box per query committed by `mode`, and those not answered."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site)
    opener = page.locator("label.md-header__button[for='__search']")
    box = page.locator("input.md-search__input")
    (opener if opener.is_visible() else box).click()  # on a phone the box opens from the header
    box.fill("党员")  # not a set query: waits until the index is loaded and the box answers
    page.wait_for_function("window.__hbSearch.answered.length > 0", timeout=60_000)
    found: dict[str, list[list[str]]] = {}
    unanswered: list[str] = []
    for query in queries:
        before = page.evaluate("window.__hbSearch.answered.length")
        box.fill(query.text)  # sets the text and fires `input` only
        if mode == "keyup":
            box.press("End")
        try:
            page.wait_for_function(f"window.__hbSearch.answered.length > {before}", timeout=timeout * 1000)
        except PlaywrightTimeout:
            found[query.text] = []
            unanswered.append(query.text)
            continue
        groups = page.evaluate(GROUPS, TOP)
        found[query.text] = [[site_relative(href, site) for href in hrefs] for hrefs in groups]
    context.close()
    return found, unanswered


def hit(query: Query, groups: list[list[str]]) -> bool:
    """Whether an expected target is among the top five groups."""
    return bool(query.expected & {target(url) for urls in groups for url in urls})


def pages(groups: list[list[str]]) -> frozenset[str]:
    """The pages of the top five groups."""
    return frozenset(page_of(urls[0]) for urls in groups)


def share(flags: list[bool]) -> str:
    """A share as `0.947 (72/76)`."""
    return f"{sum(flags) / len(flags):.3f} ({sum(flags)}/{len(flags)})"


def report(queries: list[Query], runs: dict[str, dict[str, list[list[str]]]], unanswered: dict[str, list[str]]) -> None:
    """Print recall per set and front end, parity with the CLI, and the misses of the sets no longer held out."""
    names = list(runs)
    subsets = {name: [q for q in queries if q.set == name] for name in SETS} | {"both": queries}
    print("Recall@5\n\n| set | queries | " + " | ".join(names) + " |\n|---|---|" + "---|" * len(names))
    for name, subset in subsets.items():
        cells = [share([hit(q, runs[run][q.text]) for q in subset]) for run in names]
        print(f"| {name} | {len(subset)} | " + " | ".join(cells) + " |")
    browsers = names[1:]
    if browsers:
        print("\nParity with the CLI (same set of top-5 pages)\n")
        print("| set | " + " | ".join(browsers) + " |\n|---|" + "---|" * len(browsers))
        for name, subset in subsets.items():
            cells = [
                share([pages(runs["CLI"][q.text]) == pages(runs[run][q.text]) for q in subset]) for run in browsers
            ]
            print(f"| {name} | " + " | ".join(cells) + " |")
        print(
            "\nNot answered (no results rendered in time): " + ", ".join(f"{run} {unanswered[run]}" for run in browsers)
        )
    empty = {
        run: [q.text for q in queries if not runs[run][q.text] and q.text not in unanswered.get(run, [])]
        for run in names
    }
    print("\nAnswered with no results: " + ", ".join(f"{run} {texts}" for run, texts in empty.items()))
    print("\nMisses (sets no longer held out)\n")
    for query in [q for q in queries if q.set != "tuned" and q.set not in HELD_OUT]:
        missed = [run for run in names if not hit(query, runs[run][query.text])]
        if missed:
            print(f"- {query.text}: expected one of {sorted(query.expected)}")
            for run in missed:
                print(f"    - {run} top: {[page_of(urls[0]) for urls in runs[run][query.text]]}")


def main() -> None:
    """Measure the CLI and, unless --cli-only, the four browser variants; print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="a site built by `handbook build`")
    parser.add_argument("--cli-only", action="store_true", help="skip the browser (Chromium) measurement")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for a query's results")
    args = parser.parse_args()
    queries = load_queries()
    runs = {"CLI": cli_results(args.site / "search", queries)}
    unanswered: dict[str, list[str]] = {}
    if not args.cli_only:
        with chromium() as browser, serve(args.site) as site:
            for view, viewport in VIEWPORTS.items():
                for mode in MODES:
                    run = f"{view} {mode}"
                    runs[run], unanswered[run] = browser_results(browser, site, viewport, mode, queries, args.timeout)
    report(queries, runs, unanswered)


if __name__ == "__main__":
    main()
