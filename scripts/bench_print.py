"""Benchmark printing: the whole sample handbook and one binder, wall time and peak memory.

Usage: .venv/bin/python scripts/bench_print.py [--repeat 2] [--work /tmp/hb-print]

Builds the site once, then measures, each in a fresh process (`scripts/bench_scale.py`'s `measure`:
wall time, the largest process's peak RSS, and the summed PSS of all processes, Chromium's included,
so that memory its processes share counts once):
- `handbook pdf --site SITE` (the whole handbook) three ways, with the pages of the body's runs kept in
  a cache of the benchmark's own (XDG_CACHE_HOME under --work; the converted fonts are shared):
  with nothing kept (a first print: a measuring pass, then the print), printed again with everything
  kept (one pass), and after one document's printed text changed (that run measured, then one pass);
  the last prints a copy of the site in which one regulation's page has a paragraph more;
- `handbook pdf --site SITE --binder zhibu-shuji` with the full handbook's page numbers current
  (the usual case: they are kept beside the full PDF);
and reports the page counts of the PDFs. Time and the largest process's RSS are the median and the
largest of --repeat runs; the PSS sum comes from one more run, since sampling it slows the run.
Goals: the handbook <= 10 s and <= 1 GiB.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import BIN, ENV, Run, measure, tree_pss

from handbook.core.cache import user_cache

ROOT = Path(__file__).resolve().parent.parent
CHANGED = "regulations/congyan-guanli-ganbu-yijian/index.html"  # the page given a paragraph more


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-print"))
    args = parser.parse_args()
    site, edited, out = args.work / "site", args.work / "site-edited", args.work / "out" / "handbook.pdf"
    edited_out = out.parent / "edited.pdf"
    cache = args.work / "cache"
    kept = cache / "handbook" / "pages"
    env = {**ENV, "XDG_CACHE_HOME": str(cache)}
    kept.parent.mkdir(parents=True, exist_ok=True)
    if not (kept.parent / "fonts").exists():  # the converted fonts are shared: converting them takes minutes
        user_cache("fonts").mkdir(parents=True, exist_ok=True)
        (kept.parent / "fonts").symlink_to(user_cache("fonts"), target_is_directory=True)
    measure([str(BIN / "handbook"), "build", "--site-dir", str(site)], ROOT)

    def pdf(output: Path, built: Path, *more: str) -> list[str]:
        """`handbook pdf` writing `output` from the site `built`."""
        return [str(BIN / "handbook"), "pdf", "--output", str(output), "--site", str(built), *more]

    def forget() -> None:
        """Nothing kept: as on a first print."""
        shutil.rmtree(kept, ignore_errors=True)

    def edit(run: int) -> None:
        """A copy of the site whose one regulation page has a paragraph it did not have before."""
        shutil.rmtree(edited, ignore_errors=True)
        shutil.copytree(site, edited, symlinks=True)
        page = edited / CHANGED
        text = page.read_text(encoding="utf-8")
        paragraph = f"<p>（第 {run} 次修改）本条所称会议，包括支部委员会会议和党员大会。</p>" * (3 + run)
        page.write_text(text.replace("</article>", paragraph + "</article>", 1), encoding="utf-8")

    cases: dict[str, tuple[list[str], Callable[[int], None], Path]] = {
        "whole handbook, nothing kept": (pdf(out, site), lambda run: forget(), out),
        "whole handbook, printed again": (pdf(out, site), lambda run: None, out),
        "whole handbook, one document changed": (pdf(edited_out, edited), edit, edited_out),
        "binder 支部书记工作手册": (
            pdf(out, site, "--binder", "zhibu-shuji"),
            lambda run: None,
            out.parent / "binders" / "zhibu-shuji.pdf",
        ),
    }
    print("| print | pages | time (median) | peak RSS, largest process | peak PSS, all processes |")
    print("| --- | --- | --- | --- | --- |")
    for name, (command, prepare, printed) in cases.items():
        runs: list[Run] = []
        for run in range(args.repeat):
            prepare(run)
            runs.append(measure(command, ROOT, env=env))
        # PSS is sampled in a run of its own: reading every process's smaps_rollup takes time of its own
        prepare(args.repeat)
        total = measure(command, ROOT, tree_pss, env).total_mib
        pages = len(PdfReader(printed).pages)
        seconds = statistics.median(run.seconds for run in runs)
        largest = max(run.peak_mib for run in runs)
        print(f"| {name} | {pages} | {seconds:.1f} s | {largest:.0f} MiB | {total:.0f} MiB |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
