"""Benchmark flow generation: per flow and for all flows of the sample, plus a synthetic 200-step flow.

Usage: .venv/bin/python scripts/bench_flows.py [--repeat 7] [--steps 200]
Prints medians (the machine is shared and noisy; single timings mean little).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.kinds.flow.check import check_flow
from handbook.kinds.flow.page import flow_page
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

ROOT = Path(__file__).resolve().parent.parent


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic_flow(steps: int, roles: list[str]) -> str:
    """A valid flow of `steps` steps over four lanes, with a decision and a loop every ten steps."""
    lines = ["id: bench-long", "title: 基准测试长流程", "place: p3.c3", "status: 施行", f"roles: [{', '.join(roles)}]"]
    lines.append("steps:")
    for i in range(1, steps + 1):
        kind = "start" if i == 1 else "end" if i == steps else "decision" if i % 10 == 0 else "task"
        lines += [f"  - id: s{i}", f"    label: 第{i}个环节：核对材料并登记台账", f"    kind: {kind}"]
        if kind != "end":
            lines.append(f"    role: {roles[i % len(roles)]}")
        if kind == "decision":
            lines += [
                "    branches:",
                f"      - {{label: 通过, next: s{i + 1}}}",
                f"      - {{label: 退回整改, next: s{i - 5}}}",
            ]
        elif kind != "end":
            lines += [f"    next: s{i + 1}", "    time: 5个工作日内", "    records: [登记表]"]
    return "\n".join(lines) + "\n"


def render_all(model: Handbook) -> None:
    """Render every flow page."""
    links = model.backlinks()
    for doc in model.flows.values():
        flow_page(model, doc, links.get(Ref("flow", doc.meta.id), []))


def main() -> None:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()

    model = load_model(Project(ROOT, run_date()))
    per_flow = {
        flow_id: median_ms(lambda doc=doc: flow_page(model, doc, []), args.repeat)
        for flow_id, doc in model.flows.items()
    }
    print(f"sample: {len(model.flows)} flows, {sum(len(d.meta.steps) for d in model.flows.values())} steps")
    load_ms = median_ms(lambda: load_model(Project(ROOT, run_date())), args.repeat)
    print(f"load + validate whole sample: {load_ms:.1f} ms")
    typical, worst = statistics.median(per_flow.values()), max(per_flow.values())
    print(f"render one flow page: median {typical:.2f} ms, max {worst:.2f} ms")
    print(f"render all flow pages: {median_ms(lambda: render_all(model), args.repeat):.1f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", ".cache"))
        roles = ["zhibu-shuji", "zuzhi-weiyuan", "dangyuan", "zuzhibu"]
        (project / "flows" / "bench-long.yaml").write_text(synthetic_flow(args.steps, roles), encoding="utf-8")
        big_model = load_model(Project(project, run_date()))
        big = big_model.flows["bench-long"]
        validate_ms = median_ms(lambda: check_flow(big, big_model), args.repeat)
        render_ms = median_ms(lambda: flow_page(big_model, big, []), args.repeat)
        print(f"synthetic {args.steps}-step flow: validate {validate_ms:.2f} ms, render page {render_ms:.2f} ms")


if __name__ == "__main__":
    main()
