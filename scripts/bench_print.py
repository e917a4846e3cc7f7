"""Benchmark printing: the whole sample handbook and one binder, wall time and peak memory.

Usage: .venv/bin/python scripts/bench_print.py [--repeat 2] [--work /tmp/hb-print]

Builds the site once, then measures, each in a fresh process (`scripts/bench_scale.py`'s `measure`:
wall time, the largest process's peak RSS, and the summed PSS of all processes, Chromium's included,
so that memory its processes share counts once):
- `handbook pdf --site SITE` (the whole handbook, two passes for the contents' page numbers);
- `handbook pdf --site SITE --binder zhibu-shuji` with the full handbook's page numbers current
  (the usual case: they are kept beside the full PDF);
and reports the page counts of both PDFs. Goals: the handbook < 60 s and < 2 GiB, a binder < 15 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import BIN, measure, tree_pss

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-print"))
    args = parser.parse_args()
    site, out = args.work / "site", args.work / "out" / "handbook.pdf"
    measure([str(BIN / "handbook"), "build", "--site-dir", str(site)], ROOT)
    commands = {
        "whole handbook": [str(BIN / "handbook"), "pdf", "--site", str(site), "--output", str(out)],
        "binder 支部书记工作手册": [
            *[str(BIN / "handbook"), "pdf", "--site", str(site), "--output", str(out)],
            "--binder",
            "zhibu-shuji",
        ],
    }
    files = {"whole handbook": out, "binder 支部书记工作手册": out.parent / "binders" / "zhibu-shuji.pdf"}
    print("| print | pages | time (median) | peak RSS, largest process | peak PSS, all processes |")
    print("| --- | --- | --- | --- | --- |")
    for name, command in commands.items():
        runs = [measure(command, ROOT, tree_pss) for _ in range(args.repeat)]
        pages = len(PdfReader(files[name]).pages)
        seconds = statistics.median(run.seconds for run in runs)
        largest, total = max(run.peak_mib for run in runs), max(run.total_mib for run in runs)
        print(f"| {name} | {pages} | {seconds:.1f} s | {largest:.0f} MiB | {total:.0f} MiB |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
