"""Where a `handbook serve` rebuild spends its time, stage by stage, in this process.

Usage: .venv/bin/python scripts/bench_rebuild.py [--root DIR] [--repeat 3]

Builds the project once with the serve loop's builder (`IncrementalBuilder`), then makes each
edit of scripts/bench_serve.py (a regulation article, a flow summary, a unit duty, a glossary
definition) --repeat + 1 times (the first rebuild, which still warms what the first build left,
is not counted), each time a new text, and times each rebuild up to the pages (what the browser
waits for; the search index follows after the reload and is timed apart), with a wall-clock timer
around the functions of each stage (no profiler). For a project N times the sample:
`scripts/synth_corpus.py --scale 10 DIR`, then `--root DIR`. Each edited file is restored.
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
from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.integrations.mkdocs import incremental, internals
from handbook.integrations.mkdocs.incremental import IncrementalBuilder
from handbook.search.ranking import TermCache

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_serve import EDITS  # sibling scripts, not a package
from bench_stages import timed

# (stage, owner, attribute): a stage's time is the sum of its calls.
STAGES: list[tuple[str, Any, str]] = [
    ("load + validate", pipeline, "load_model"),
    ("render pages", pipeline, "render_site"),
    ("MkDocs reads every page", internals, "read"),
    ("the edited page converted (the others' conversions restored)", IncrementalBuilder, "_populate"),
    ("related content (the build's own, when the second process has none)", site_build, "related_content"),
    ("waiting for the second process's related content", incremental.RelatedWorker, "answer"),
    ("pages written (templates, or the last file's frame)", incremental.PageWriter, "write"),
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
    for edit in EDITS:
        if edit.old not in (root / edit.path).read_text(encoding="utf-8"):
            parser.error(f"{edit.path} no longer contains {edit.old!r}: edit bench_serve.EDITS")
    stages = [s for s, _, _ in STAGES] + ["rebuild up to the pages", "search index (after the reload)"]
    counts = ["pages written", "of them in their frame"]
    medians: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as site:
        terms = TermCache(Project(root, run_date()).search_terms)
        with IncrementalBuilder(root / "mkdocs.yml", Path(site), terms, run_date) as builder:
            builder.build()
            terms.save()  # the next run of this script skips cutting every document again
            for edit in EDITS:
                path = root / edit.path
                original = path.read_text(encoding="utf-8")
                runs: list[dict[str, float]] = []
                try:
                    for run in range(args.repeat + 1):
                        edited = original.replace(edit.old, edit.new.format(marker=f"改{run}"), 1)
                        path.write_text(edited, encoding="utf-8")
                        totals.clear()
                        start = time.perf_counter()
                        report = builder.build_pages()
                        totals["rebuild up to the pages"] = time.perf_counter() - start
                        totals["pages written"], totals["of them in their frame"] = report.written, report.framed
                        start = time.perf_counter()
                        builder.finish()
                        totals["search index (after the reload)"] = time.perf_counter() - start
                        if run:
                            runs.append(dict(totals))
                finally:
                    path.write_text(original, encoding="utf-8")
                builder.build()  # back to the original before the next kind of edit
                medians[edit.name.split(":")[0]] = {
                    stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in stages + counts
                }
    names = list(medians)
    print(f"| stage, median of {args.repeat} (s) | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for stage in next(iter(medians.values())):
        cells = [f"{medians[name][stage]:.0f}" if stage in counts else f"{medians[name][stage]:.2f}" for name in names]
        print(f"| {stage} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
