"""A reader's first query on a phone link: time to the first result and bytes fetched, at 1× and 100× the sample.

Usage: .venv/bin/python scripts/bench_search_phone.py --site /tmp/site [--scales 1 100] [--queries 30] [--pauses 0 1000]

For each scale, the index of the synthetic corpus (scripts/bench_search.py: `site_files`, 1× is the
sample) replaces the search/ folder of a copy of the built site (--site), which is served over
HTTP (Python's server: HTTP/1.0, no compression, so Chromium opens at most six connections at once)
and opened in Debian's Chromium at a phone's size (390×844). For each of the first --queries gold
queries, in a fresh browser context (nothing cached), the page is loaded, then the link is
throttled with Chromium's own network emulation (CDP `Network.emulateNetworkConditions`:
1.6 Mbit/s down, 750 kbit/s up, 150 ms latency, the slow phone link of issue 30), the box is
opened from the header (which fetches the manifest), and after a pause (--pauses, ms: 0 types at
once, 1000 as a reader who looks at the box for a second) the query is put in (an input event).
Reported per scale and pause: the milliseconds from the input event to the first result on
screen (the box's 50 ms debounce included), to the whole list of 20, and the bytes fetched under
search/ from opening the box until the list was complete, as median / p95 / max over the queries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import Browser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import QUERIES, TYPED, index_of, percentile, site_with

from handbook.export.print.chromium import chromium, serve

PHONE = {"width": 390, "height": 844}
LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


def first_query(browser: Browser, url: str, query: str, pause: int) -> tuple[float, float, int]:
    """Milliseconds to the first result and to the whole list, and bytes under search/, of one first query."""
    context = browser.new_context(viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.add_init_script(TYPED)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    fetched: list[int] = []
    page.on("requestfinished", lambda r: "/search/" in r.url and fetched.append(r.sizes()["responseBodySize"]))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK)
    page.locator("label.md-header__button[for='__search']").click()  # the box opens: the manifest is fetched
    page.wait_for_timeout(pause)
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function("window.__hbSearch.times.length > 0", timeout=60_000)
    page.wait_for_load_state("networkidle")
    first, whole = page.evaluate(
        "[window.__hbSearch.first[0] - window.__hbTyped, window.__hbSearch.times[0] - window.__hbTyped]"
    )
    context.close()
    return first, whole, sum(fetched)


def summary(values: list[float]) -> str:
    """Median / p95 / max."""
    return f"{statistics.median(values):.0f} / {percentile(values, 0.95):.0f} / {max(values):.0f}"


def main() -> None:
    """Print one Markdown row per scale and pause."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the sample built by `handbook build`")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--queries", type=int, default=30, help="how many gold queries, each a first query")
    parser.add_argument("--pauses", type=int, nargs="+", default=[0, 1000], help="ms between opening and typing")
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-search"))
    args = parser.parse_args()
    print(
        "| scale | pause | first result ms p50 / p95 / max | whole list ms | bytes KB p50 / p95 / max |\n"
        + "|---" * 5
        + "|",
        flush=True,
    )
    for scale in args.scales:
        _, files, _ = index_of(scale, args.work)
        site = site_with(args.site, files, args.work / f"site-{scale}x")
        with chromium() as browser, serve(site) as url:
            for pause in args.pauses:
                runs = [first_query(browser, url, query, pause) for query in QUERIES[: args.queries]]
                first, whole, sizes = zip(*runs, strict=True)
                print(
                    f"| {scale}× | {pause} ms | {summary(list(first))} | {summary(list(whole))} "
                    f"| {summary([size / 1024 for size in sizes])} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
