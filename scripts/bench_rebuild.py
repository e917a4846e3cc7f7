"""Where a `handbook serve` rebuild spends its time, stage by stage, in this process.

Usage: .venv/bin/python scripts/bench_rebuild.py [--root DIR] [--repeat 3]

Builds the project once with the serve loop's builder (`IncrementalBuilder`), then edits one
regulation article --repeat + 1 times (the first rebuild, which still warms what the first build
left, is not counted), each time a new text, and times each rebuild up to the pages
(what the browser waits for; the search index follows after the reload and is timed apart), with
a wall-clock timer around the functions of each stage (no profiler). For a project N times the
sample: `scripts/synth_corpus.py --scale 10 DIR`, then `--root DIR`. The edited file is restored.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import handbook.integrations.mkdocs.build as site_build
import handbook.pipeline as pipeline
from handbook.core.project import Project
from handbook.integrations.mkdocs import incremental
from handbook.integrations.mkdocs.incremental import IncrementalBuilder
from handbook.search.ranking import TermCache

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_stages import timed  # a sibling script, not a package

EDITED = ("regulations/dangfei-guiding.md", "**第二条** 按期交纳党费", "**第二条** {marker}按期交纳党费")
# (stage, owner, attribute): a stage's time is the sum of its calls.
STAGES: list[tuple[str, Any, str]] = [
    ("load + validate", pipeline, "load_model"),
    ("render pages", pipeline, "render_site"),
    ("MkDocs reads every page (the edited one converted)", IncrementalBuilder, "_populate"),
    ("related content", site_build, "related_content"),
    ("templates of the pages written", incremental, "_build_page"),
]


def main() -> None:
    """Print the table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    root = args.root.resolve()
    os.chdir(root)
    logging.basicConfig(level=logging.ERROR)
    totals: dict[str, float] = defaultdict(float)
    for stage, owner, name in STAGES:
        setattr(owner, name, timed(totals, stage, getattr(owner, name)))
    path, old, new = root / EDITED[0], EDITED[1], EDITED[2]
    original = path.read_text(encoding="utf-8")
    if old not in original:
        parser.error(f"{EDITED[0]} no longer contains {old!r}: edit EDITED")
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as site:
        builder = IncrementalBuilder(root / "mkdocs.yml", Path(site), TermCache(Project(root).search_terms))
        builder.build()
        try:
            for run in range(args.repeat + 1):
                path.write_text(original.replace(old, new.format(marker=f"改{run}"), 1), encoding="utf-8")
                totals.clear()
                start = time.perf_counter()
                builder.build_pages()
                totals["rebuild up to the pages"] = time.perf_counter() - start
                start = time.perf_counter()
                builder.finish()
                totals["search index (after the reload)"] = time.perf_counter() - start
                if run:
                    runs.append(dict(totals))
        finally:
            path.write_text(original, encoding="utf-8")
    print(f"| stage | median of {args.repeat} (s) |\n| --- | --- |")
    for stage in [s for s, _, _ in STAGES] + ["rebuild up to the pages", "search index (after the reload)"]:
        print(f"| {stage} | {statistics.median(run.get(stage, 0.0) for run in runs):.2f} |")


if __name__ == "__main__":
    main()
