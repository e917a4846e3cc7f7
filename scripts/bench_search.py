"""Benchmark search: the Whoosh index (build time, size, query latency) and Material search in Chromium.

Usage: .venv/bin/python scripts/bench_search.py [--repeat 3] [--docs 10000] [--work /tmp/hb-search]

- Whoosh, for the sample and for a synthetic corpus cut to --docs documents (scripts/synth_corpus.py):
  index build time (median of --repeat), index size on disk, and p50/p95 latency of the gold
  queries (tests/data/search_gold.yaml), each run --repeat times through `Searcher.search`.
- Material, on the built sample site served over HTTP in Chromium: the size of search_index.json
  (raw and gzip), the time until the first query has results after opening a page (the index is
  loaded then), and p50/p95 from a query to its rendered results.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_corpus import write_corpus

from handbook.core.project import Project
from handbook.pipeline import load_model
from handbook.search.documents import documents
from handbook.search.index import Searcher, ensure_index

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [item["q"] for item in yaml.safe_load((ROOT / "tests/data/search_gold.yaml").read_text("utf-8"))["queries"]]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# Times each query from its input event to its rendered results (shared with the recall test).
PROBE = ROOT / "tests/data/search_probe.js"


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def folder_size(folder: Path) -> int:
    """Bytes of every file in a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench_whoosh(project_root: Path, limit: int | None, repeat: int, work: Path) -> str:
    """One table row: documents, build time, size, query p50/p95 for a project's index."""
    model = load_model(Project(project_root))
    docs = documents(model)[:limit]
    builds = []
    for _ in range(repeat):
        shutil.rmtree(work / "index", ignore_errors=True)
        start = time.perf_counter()
        ensure_index(work / "index", docs, model.segmenter)
        builds.append(time.perf_counter() - start)
    searcher = Searcher(work / "index")
    latencies = []
    for _ in range(repeat):
        for query in QUERIES:
            start = time.perf_counter()
            searcher.search(query, limit=10)
            latencies.append((time.perf_counter() - start) * 1000)
    searcher.close()
    return (
        f"| {len(docs):,} | {statistics.median(builds):.1f} s | {folder_size(work / 'index') / 2**20:.1f} MiB | "
        f"{percentile(latencies, 0.5):.1f} ms | {percentile(latencies, 0.95):.1f} ms |"
    )


def bench_material(site: Path) -> str:
    """One paragraph: browser index size, time to the first results, and p50/p95 per query."""
    index = (site / "search" / "search_index.json").read_bytes()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.add_init_script(path=PROBE)
        opened = time.perf_counter()
        page.goto(f"http://127.0.0.1:{server.server_port}/")
        box = page.locator("input.md-search__input")
        box.fill("党员")  # not a gold query: each of those must be a new query to be sent at all
        box.press("End")
        page.wait_for_function("window.__hbSearch.rendered.length > 0", timeout=60_000)
        first = time.perf_counter() - opened
        for query in QUERIES:
            count = page.evaluate("window.__hbSearch.rendered.length")
            box.fill(query)
            box.press("End")
            page.wait_for_function(f"window.__hbSearch.rendered.length > {count}")
        times = page.evaluate("window.__hbSearch.rendered")[1:]
        browser.close()
    server.shutdown()
    return (
        f"search_index.json: {len(index) / 2**20:.2f} MiB ({len(gzip.compress(index)) / 2**20:.2f} MiB gzip); "
        f"page opened to first results: {first:.2f} s; query to rendered results: "
        f"p50 {percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f} ms ({len(times)} queries)"
    )


def main() -> None:
    """Run both benchmarks and print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", type=int, default=10_000, help="documents of the synthetic corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-search"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print("| documents | index build | index size | query p50 | query p95 |\n| --- | --- | --- | --- | --- |")
    print(bench_whoosh(ROOT, None, args.repeat, args.work), flush=True)
    scale = 1 + args.docs // len(documents(load_model(Project(ROOT))))
    write_corpus(args.work / "corpus", scale)
    print(bench_whoosh(args.work / "corpus", args.docs, args.repeat, args.work), flush=True)
    site = args.work / "site"
    subprocess.run([Path(sys.executable).parent / "handbook", "build", "--site-dir", str(site)], cwd=ROOT, check=True)
    print("\n" + bench_material(site))


if __name__ == "__main__":
    main()
