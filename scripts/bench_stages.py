"""Where a full build of the handbook spends its time, stage by stage, against the floor.

Usage: .venv/bin/python scripts/bench_stages.py [--root .] [--repeat 3]

Runs `mkdocs build` in this process with a wall-clock timer around the functions that make up
each stage (no profiler, so the numbers are the build's own), and reports per stage the median
of --repeat builds into a scratch folder:
- load + validate (our pipeline), render pages (ours), tooltips (the abbr extension's pass),
  Markdown → HTML (Python-Markdown, tooltips included), templating (Jinja), waiting for related
  content (the second process), the search index (ours: scored from the model's search documents,
  their terms cached, and written into search/);
- the second process's own work (cutting every search document into terms),
  cold, timed on its own.
The floor is a build of the same Markdown by MkDocs alone: everything but our stages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import jinja2
import markdown.extensions.abbr
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

import handbook.integrations.mkdocs.build as site_build
import handbook.pipeline as pipeline
from handbook.core.clock import run_date
from handbook.core.project import Project

# (stage, owner, attribute, ours): the functions timed; a stage's time is the sum of its calls.
STAGES: list[tuple[str, Any, str, bool]] = [
    ("load + validate", pipeline, "load_model", True),
    ("render pages", pipeline, "render_site", True),
    ("Markdown → HTML (MkDocs)", Page, "render", False),
    ("  of which tooltips (abbr)", markdown.extensions.abbr.AbbrTreeprocessor, "run", False),
    ("templating (Jinja)", jinja2.Template, "render", False),
    ("related content: wait and collect", site_build.SiteBuild, "collect_related", True),
    ("search index: score and write search/", site_build.SiteBuild, "write_search", True),
]


def timed(totals: dict[str, float], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` with its wall time added to `totals[stage]` (outermost call only)."""
    depth = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        depth[0] += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                totals[stage] += time.perf_counter() - start

    return wrapper


def one_build(root: Path, site: Path) -> dict[str, float]:
    """Stage times of one full build (the cache of the second process kept warm)."""
    totals: dict[str, float] = defaultdict(float)
    originals = [(owner, name, getattr(owner, name)) for _, owner, name, _ in STAGES]
    for stage, owner, name, _ in STAGES:
        setattr(owner, name, timed(totals, stage, getattr(owner, name)))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        start = time.perf_counter()
        build(config)
        totals["total"] = time.perf_counter() - start
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    return totals


def cold_second_process(root: Path) -> float:
    """The terms of every search document from an empty cache, as the second process cuts them."""
    project = Project(root, run_date())
    project.search_terms.unlink(missing_ok=True)
    start = time.perf_counter()
    pipeline.warm_cache(str(root), project.today.isoformat())
    return time.perf_counter() - start


def main() -> None:
    """Print the table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = args.root.resolve()
    os.chdir(root)
    second = cold_second_process(root)
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.repeat):
            runs.append(one_build(root, Path(scratch) / "site"))
    median = {stage: statistics.median(run.get(stage, 0.0) for run in runs) for stage in runs[0]}
    ours = sum(median[stage] for stage, _, _, mine in STAGES if mine)
    print(f"| stage | median of {args.repeat} (s) |\n| --- | --- |")
    for stage, _, _, mine in STAGES:
        print(f"| {stage}{' (ours)' if mine else ''} | {median.get(stage, 0.0):.2f} |")
    print(f"| **full build** | **{median['total']:.2f}** |")
    print(f"| floor: MkDocs alone on the same Markdown (full build − our stages) | {median['total'] - ours:.2f} |")
    print(f"| second process, cold (cutting every search document; beside MkDocs) | {second:.2f} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
