"""Benchmark the handbook at N times the sample: check, full build, peak memory, and our overhead.

Usage: .venv/bin/python scripts/bench_scale.py [--scales 1 10 100] [--repeat 3] [--work /tmp/hb-bench]
                                              [--measure check cold warm plain]

For each scale it writes a synthetic corpus (scripts/synth_corpus.py) and measures, each in a
fresh process, wall time and peak resident memory (of the largest process, exact, and of all the
command's processes together, sampled: a build runs MkDocs and the index side by side):
- `handbook check`;
- `handbook build` cold (no cache: the search terms and related lists made) and warm (cache kept);
- a plain `mkdocs build` of the very Markdown our hook hands to MkDocs, exported beforehand, with
  the same theme, plugins and extensions but without the hook.
The overhead of our pipeline is (our build − plain build) / plain build. Medians of --repeat runs
at scale 1; one run above that (a 100× build takes many minutes on two cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_corpus import write_corpus

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.kinds.term.page import tooltips
from handbook.pipeline import generate
from handbook.render.book import book_nav
from handbook.render.links import Linker

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MEASURES = ("check", "cold", "warm", "plain")
PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.25


@dataclass
class Run:
    """Wall time and peak memory of one command."""

    seconds: float
    peak_mib: float  # the largest single process (exact, from the kernel)
    total_mib: float  # the command and all its processes together (sampled)


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (read from /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended while being read
    return total


def tree_pss(pid: int) -> int:
    """Proportional memory of a process and its descendants, in bytes: shared pages counted once in all.

    RSS sums count the memory Chromium's processes share once per process; PSS splits it among them.
    """
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(child) for child in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue  # it ended while being read
    return total


def measure(
    command: list[str], cwd: Path, sample: Callable[[int], int] = tree_rss, env: dict[str, str] | None = None
) -> Run:
    """Run a command to completion (in `env`, by default this one's); its wall time and peak memory (it must
    succeed)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL)
    total = 0
    while True:
        # A build runs two processes at once (MkDocs, and the index beside it): sum them.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        total = max(total, sample(process.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {process.returncode})")
    return Run(seconds, usage.ru_maxrss / 1024, total / 2**20)


def median(runs: list[Run]) -> Run:
    """The median time and the largest peak memory of several runs."""
    return Run(
        statistics.median(r.seconds for r in runs), max(r.peak_mib for r in runs), max(r.total_mib for r in runs)
    )


def export_plain(corpus: Path, out: Path) -> None:
    """Write the Markdown our plugin gives MkDocs, and a mkdocs.yml building it without the plugin."""
    project = Project(corpus, run_date())
    model, pages = generate(project)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(project.docs, out / "docs")
    for path in (out / "docs").rglob("*.md"):
        uri = path.relative_to(out / "docs").as_posix()
        path.write_text(Linker(model, uri).resolve(path.read_text(encoding="utf-8")), encoding="utf-8")
    for page in pages:
        target = out / "docs" / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    vendor = out / "docs" / "assets" / "vendor"
    vendor.mkdir(parents=True)
    shutil.copy(corpus / "node_modules/mermaid/dist/mermaid.min.js", vendor)
    shutil.copy(corpus / "node_modules/iframe-worker/shim/index.js", vendor / "iframe-worker-shim.js")
    with open(corpus / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file)
    config["plugins"] = [p for p in config["plugins"] if p != "handbook"]
    config["nav"] = [entry for item in config["nav"] for entry in (book_nav(model) if item == "@book" else [item])]
    config["markdown_extensions"] = [
        {"abbr": {"glossary": tooltips(model)}} if item == "abbr" else item for item in config["markdown_extensions"]
    ]
    # yaml.dump (not safe_dump) writes the Mermaid fence formatter back as !!python/name.
    (out / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def bench(scale: int, repeat: int, work: Path, wanted: set[str]) -> dict[str, Run]:
    """The wanted measurements at one scale (a warm build needs the cold one before it)."""
    corpus, plain, site = work / f"corpus-{scale}x", work / f"plain-{scale}x", work / f"site-{scale}x"
    write_corpus(corpus, scale)
    handbook = [str(BIN / "handbook")]
    build = [*handbook, "build", "--site-dir", str(site)]
    results: dict[str, list[Run]] = {name: [] for name in MEASURES if name in wanted}
    for _ in range(repeat):
        if "check" in wanted:
            results["check"].append(measure([*handbook, "check"], corpus))
        if wanted & {"cold", "warm"}:
            shutil.rmtree(corpus / ".cache", ignore_errors=True)
            cold = measure(build, corpus)
            if "cold" in wanted:
                results["cold"].append(cold)
        if "warm" in wanted:
            results["warm"].append(measure(build, corpus))
    if "plain" in wanted:
        export_plain(corpus, plain)
        for _ in range(repeat):
            mkdocs = [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(work / f"plain-site-{scale}x")]
            results["plain"].append(measure(mkdocs, plain))
    return {name: median(runs) for name, runs in results.items()}


def cell(result: dict[str, Run], name: str) -> str:
    """A time in seconds, or a dash when it was not measured."""
    return f"{result[name].seconds:.1f} s" if name in result else "–"


def overhead(result: dict[str, Run], name: str) -> str:
    """How much longer a build of ours took than the plain build, or a dash."""
    if name not in result or "plain" not in result:
        return "–"
    return f"{result[name].seconds / result['plain'].seconds - 1:+.0%}"


def memory(result: dict[str, Run]) -> str:
    """Peak memory of our cold build (largest process / all processes) and of the plain build."""
    cold = result.get("cold")
    ours = f"{cold.peak_mib:.0f} / {cold.total_mib:.0f} MiB" if cold else "–"
    return f"{ours} (plain {result['plain'].peak_mib:.0f} MiB)" if "plain" in result else ours


def main() -> None:
    """Run the benchmark at every scale and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=3, help="runs at scale 1 (one run above)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-bench"))
    parser.add_argument("--measure", nargs="+", choices=MEASURES, default=list(MEASURES))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print("| scale | check | build, cold | build, warm | plain build | overhead cold / warm | peak memory |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for scale in args.scales:
        r = bench(scale, args.repeat if scale == 1 else 1, args.work, set(args.measure))
        print(
            f"| {scale}× | {cell(r, 'check')} | {cell(r, 'cold')} | {cell(r, 'warm')} | {cell(r, 'plain')} | "
            f"{overhead(r, 'cold')} / {overhead(r, 'warm')} | {memory(r)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
