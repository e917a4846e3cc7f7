"""What the assessment costs: compute and render a year of results at 80 and 800 branches, stage by stage.

Usage: .venv/bin/python scripts/bench_assessment.py [--repeat 3] [--build]

For each size, a scratch copy of the project gets a roster of N branches (the sample's 80, or
ten copies of it), a year of results (12 months of every department's scores and every line's
order, 5 quarters of staff evaluations) written by scripts/sample_assessment.py's generator, and
every period closed in the ledger. Then, in this process, the median of --repeat runs of:
- load (read and parse every source), validate (schemas and every check, the ledger included),
  compute (every month and the year), render (the assessment's pages and downloads);
- `handbook check` as a user runs it, against the same project without results (rules and
  roster only): the difference is the check time the results add.
With --build, also full `handbook build`s with and without the results (the goal: < 10 % added),
warm (after one untimed build each), as a maintainer rebuilds: --build-pairs pairs, each the two
builds back to back in alternating order, so that a slow spell of a shared machine slows both
builds of a pair; the added share is the median of the pairs' shares, in wall time and in CPU
time (the build's processes together).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from handbook.assessment.close import append_seal, close_period
from handbook.assessment.model import Assessment
from handbook.core.clock import run_date
from handbook.core.periods import Month, Quarter
from handbook.core.project import Project
from handbook.kinds.registry import KINDS
from handbook.load.sources import load_sources
from handbook.pipeline import load_model
from handbook.render.site import render_assets, render_site
from handbook.validate.validator import build_model

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "book.yaml", "glossary.yaml", "docs", "regulations", "flows", "activities", "organisation")
COPIED += ("binders", "courses", "package.json", "hooks")  # hooks/: the MkDocs hooks mkdocs.yml names
RESULTS = ("scores", "rankings", "staff", "corrections", "ledger.yaml")
YEAR = 2026


def _sample_writer() -> Any:
    """scripts/sample_assessment.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("sample_assessment", ROOT / "scripts" / "sample_assessment.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _roster(project: Path, copies: int) -> None:
    """The sample's roster repeated `copies` times, each copy with its own general branches and lines."""
    folder = project / "assessment"
    branches = yaml.safe_load((ROOT / "assessment" / "branches.yaml").read_text(encoding="utf-8"))["branches"]
    lines = yaml.safe_load((ROOT / "assessment" / "lines.yaml").read_text(encoding="utf-8"))["lines"]

    def renamed(entry: dict[str, Any], k: int) -> dict[str, Any]:
        """One roster entry in copy k (copy 1 keeps its ids)."""
        if k == 1:
            return entry
        out = {**entry, "id": f"{entry['id']}-x{k}", "title": f"{entry['title']}（{k}）"}
        for key in ("general", "line"):
            if key in out:
                out[key] = f"{out[key]}-x{k}"
        return out

    dump = {"allow_unicode": True, "sort_keys": False}
    roster = [renamed(b, k) for k in range(1, copies + 1) for b in branches]
    (folder / "branches.yaml").write_text(yaml.safe_dump({"branches": roster}, **dump), encoding="utf-8")
    all_lines = [renamed(line, k) for k in range(1, copies + 1) for line in lines]
    (folder / "lines.yaml").write_text(yaml.safe_dump({"lines": all_lines}, **dump), encoding="utf-8")


def scratch(work: Path, copies: int, results: bool) -> Path:
    """A project with `copies` × the sample's roster and, if asked, a closed year of results."""
    project = work / f"x{copies}-{'results' if results else 'bare'}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    (project / "assessment").mkdir()
    shutil.copy(ROOT / "assessment" / "rules.yaml", project / "assessment")
    _roster(project, copies)
    if results:
        sample = _sample_writer()
        writer = sample.Writer(project, 2026)
        model = load_model(Project(project, run_date()))
        quality = {b: writer.rng.random() for b in model.assessment.branches}
        for number in range(1, 13):
            writer.scores(model, Month(YEAR, number), quality)
            writer.rankings(model, Month(YEAR, number), quality)
        # January and February count the previous year's last evaluation (考核办法 第十四条).
        quarters = [Quarter(YEAR - 1, 4)] + [Quarter(YEAR, n) for n in range(1, 5)]
        for quarter in quarters:
            writer.staff(model, quality, quarter)
        periods = [str(q) for q in quarters] + [str(Month(YEAR, n)) for n in range(1, 13)]
        for period in periods:
            closed = date(YEAR + 1, 1, 10)
            append_seal(
                project / "assessment" / "ledger.yaml",
                close_period(load_model(Project(project, run_date())), period, closed, "考核办公室"),
            )
    return project


def clock(function: Callable[[], Any]) -> tuple[float, Any]:
    """Wall time of one call, and its result."""
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def stages(project: Path) -> dict[str, float]:
    """Seconds of each stage of one run in this process."""
    handbook = Project(project, run_date())
    times: dict[str, float] = {}
    times["load"], raw = clock(lambda: load_sources(handbook, KINDS))
    times["validate"], model = clock(lambda: build_model(raw, KINDS))
    fresh = Assessment(model)  # computed afresh, not the model's cached one

    def compute() -> None:
        """Every month, then the year."""
        for month in fresh.months:
            fresh.month(month)
        for year in fresh.years():
            fresh.year(year)

    times["compute"], _ = clock(compute)
    model.__dict__["assessment"] = fresh
    assessment_kinds = [KINDS["rules"], KINDS["branch"]]
    times["render assessment"], _ = clock(
        lambda: (
            [page for spec in assessment_kinds for page in (spec.index_pages(model) if spec.index_pages else [])]
            + [
                spec.render(model, doc, [])
                for spec in assessment_kinds
                if spec.render
                for doc in model.registry(spec.prefix).values()
            ]
            + render_assets(model)
        )
    )
    times["render all pages"], _ = clock(lambda: render_site(model))
    return times


def command(project: Path, *args: str) -> float:
    """Wall time of a `handbook` command on the project."""
    return timed_command(project, *args)[0]


def timed_command(project: Path, *args: str) -> tuple[float, float]:
    """Wall time and CPU time (its processes together) of a `handbook` command on the project."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "handbook.cli.main", "--root", str(project), *args],
        check=True,
        env=env,
        capture_output=True,
    )
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build_pairs(with_results: Path, bare: Path, work: Path, pairs: int) -> str:
    """Table rows: full builds with and without results, in pairs, and the share the results add.

    Each project builds into its own site folder, as a maintainer rebuilds, after one untimed
    build each (caches warm). The two builds of a pair run back to back, first one then the
    other in turn, so neither the order nor a slow spell of a shared machine favours one side.
    """

    def build(project: Path) -> tuple[float, float]:
        """Wall and CPU time of one build of the project."""
        return timed_command(project, "build", "--site-dir", str(work / f"site-{project.name}"))

    build(with_results), build(bare)
    runs = []
    for number in range(pairs):
        order = (with_results, bare) if number % 2 == 0 else (bare, with_results)
        done = {project: build(project) for project in order}
        runs.append((done[with_results], done[bare]))
    rows = []
    for name, index in (("墙钟", 0), ("CPU", 1)):
        full, base = (statistics.median(run[side][index] for run in runs) for side in (0, 1))
        added = statistics.median(run[0][index] / run[1][index] - 1 for run in runs)
        rows.append(
            f"| `handbook build` {name}时间：有结果 / 只有规则和名册（中位数）/ 增加（{pairs} 对的中位数） | "
            f"{full:.1f} / {base:.1f} s / {added:+.1%} |"
        )
    return "\n".join(rows)


def main() -> None:
    """Measure both sizes and print a Markdown table per size."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--build", action="store_true", help="also time full builds with and without results")
    options.add_argument("--build-pairs", type=int, default=9, help="pairs of builds (with, without results)")
    options.add_argument(
        "--copies", type=int, nargs="+", default=[1, 10], help="roster sizes, in copies of the sample's"
    )
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-assessment-") as folder:
        work = Path(folder)
        for copies in args.copies:
            with_results, bare = scratch(work, copies, True), scratch(work, copies, False)
            runs = [stages(with_results) for _ in range(args.repeat)]
            files = sum(1 for _ in (with_results / "assessment").rglob("*.yaml"))
            print(f"\n### {copies * 80} 个党支部、一年的结果（{files} 个文件）\n")
            print("| 阶段 | 时间（中位数） |\n| --- | --- |")
            for stage in runs[0]:
                print(f"| {stage} | {statistics.median(r[stage] for r in runs):.2f} s |")
            checks = [(command(with_results, "check"), command(bare, "check")) for _ in range(args.repeat)]
            full, base = statistics.median(c[0] for c in checks), statistics.median(c[1] for c in checks)
            print(
                f"| `handbook check`：有结果 / 只有规则和名册 / 增加 | {full:.2f} / {base:.2f} / {full - base:+.2f} s |"
            )
            if args.build and copies == 1:
                print(build_pairs(with_results, bare, work, args.build_pairs))


if __name__ == "__main__":
    main()
