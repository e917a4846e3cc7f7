"""Benchmark the site search at 1×, 10× and 100× the sample: index build, size, bytes per query and latency in Chromium.

Usage: .venv/bin/python scripts/bench_search.py --site /tmp/site [--scales 1 10 100] [--work /tmp/hb-search]

For each scale, the synthetic corpus (scripts/synth_corpus.py; 1× is the sample itself) is loaded
and its search index built by `site_files` (the function a build calls, without the term cache,
so the time is the cold one). The index replaces the search/ folder of a copy of the built sample
site (--site, from `handbook build`), which is served over HTTP and opened in Debian's Chromium:
the page is loaded, the box opened (which fetches the manifest, the vocabulary and the sounds), then the
queries of the three gold sets (tuned, held-out, everyday) are filled in one after the other (an
input event each), and last a 5,000-character paste. Reported per scale: documents, index files
and size on disk, build time, the manifest's, the vocabulary's and the sounds' size, and in the browser the
bytes fetched under search/ and the time from the input event to the rendered results, for the
first query (its shards and body pieces; what the box fetched on opening is in the column before)
and for the later ones (p50, p95, max), and for the paste. The time includes the box's debounce
(50 ms). The CLI's latency (`Ranker.search` over the same files, p50/p95) is reported too.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_corpus import write_corpus

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.export.print.chromium import chromium, serve
from handbook.pipeline import load_model
from handbook.search.documents import documents
from handbook.search.ranking import FOLDER, SOUNDS, Ranker, site_files

ROOT = Path(__file__).resolve().parent.parent
QUERIES = list(
    dict.fromkeys(
        item.get("q") or item["query"]
        for name in ("search_gold", "search_heldout", "search_everyday")
        for item in yaml.safe_load((ROOT / f"tests/data/{name}.yaml").read_text("utf-8"))["queries"]
    )
)
PASTE = "党费怎么交" * 1000  # pasted by mistake: 5,000 characters
# The time of the last input event, read against window.__hbSearch.times (docs/assets/search.js).
TYPED = "document.addEventListener('input', () => { window.__hbTyped = performance.now(); }, true);"


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def index_of(scale: int, work: Path) -> tuple[int, dict[str, bytes], float]:
    """Documents, index files and build seconds of the corpus of `scale` copies of the sample."""
    root = ROOT
    if scale > 1:
        root = work / f"corpus-{scale}x"
        write_corpus(root, scale)
    model = load_model(Project(root, run_date()))
    start = time.perf_counter()
    files = site_files(model)
    return len(documents(model)), files, time.perf_counter() - start


def site_with(site: Path, files: dict[str, bytes], out: Path) -> Path:
    """A copy of the built site (linked, not copied) whose search/ folder holds `files`."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for entry in site.iterdir():
        if entry.name != FOLDER:
            (out / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for path, content in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(content)
    return out


def browser_run(site: Path) -> tuple[list[float], list[int]]:
    """Per query (the gold queries, then the paste), the milliseconds to its results and the bytes under search/."""
    fetched: list[int] = []
    with chromium() as browser, serve(site) as url:
        page = browser.new_page()
        page.add_init_script(TYPED)
        page.on("requestfinished", lambda r: "/search/" in r.url and fetched.append(r.sizes()["responseBodySize"]))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.locator("input.md-search__input").click()
        box = page.locator("input.md-search__input")
        millis, sizes = [], []
        for query in [*QUERIES, PASTE]:
            before, count = page.evaluate("window.__hbSearch.times.length"), len(fetched)
            box.fill(query)
            page.wait_for_function(f"window.__hbSearch.times.length > {before}", timeout=30_000)
            page.wait_for_load_state("networkidle")  # the chunks of the shown results
            millis.append(page.evaluate("window.__hbSearch.times.at(-1) - window.__hbTyped"))
            sizes.append(sum(fetched[count:]))
    return millis, sizes


def cli_run(files: dict[str, bytes]) -> list[float]:
    """Milliseconds per gold query through `Ranker.search` (a fresh ranker: shards parsed on first use)."""
    ranker = Ranker.from_files(files)
    times = []
    for query in QUERIES:
        start = time.perf_counter()
        ranker.search(query, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    """Print one Markdown row per scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="the sample built by `handbook build`")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-search"))
    args = parser.parse_args()
    print(
        "| scale | documents | files | on disk | build | manifest + vocabulary + sounds | first query: bytes, ms "
        "| later queries: KB p50/p95/max | later ms p50/p95/max | 5,000-character paste ms | CLI ms p50/p95 |\n"
        + "|---" * 11
        + "|",
        flush=True,
    )
    for scale in args.scales:
        count, files, seconds = index_of(scale, args.work)
        millis, sizes = browser_run(site_with(args.site, files, args.work / f"site-{scale}x"))
        later, later_kb = millis[1:-1], [size / 1024 for size in sizes[1:-1]]
        cli = cli_run(files)
        print(
            f"| {scale}× | {count:,} | {len(files):,} | {sum(map(len, files.values())) / 2**20:.1f} MiB "
            f"| {seconds:.1f} s | {len(files[f'{FOLDER}/manifest.json']) / 1024:.0f} + "
            f"{len(files[f'{FOLDER}/words.json']) / 1024:.0f} + "
            f"{len(files[f'{FOLDER}/{SOUNDS}']) / 1024:.0f} KB "
            f"| {sizes[0] / 1024:.0f} KB, {millis[0]:.0f} ms "
            f"| {statistics.median(later_kb):.0f} / {percentile(later_kb, 0.95):.0f} / {max(later_kb):.0f} "
            f"| {statistics.median(later):.0f} / {percentile(later, 0.95):.0f} / {max(later):.0f} "
            f"| {millis[-1]:.0f} | {statistics.median(cli):.1f} / {percentile(cli, 0.95):.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
