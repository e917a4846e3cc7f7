"""How readable and how quick the flow diagrams are: every diagram of the sample, measured from its SVG.

Usage: .venv/bin/python scripts/bench_diagrams.py [--repeat 3] [--site site]

Prints, for the swimlane diagrams drawn at build time (handbook/kinds/flow/swimlane.py), the
metrics of issue 17 over all diagrams (handbook/verify/diagrams.py: forward arrows pointing up,
loop-backs, crossings, bends, steps out of order, arrows through steps, smallest text, size),
the time to draw all of them (median of --repeat), and, given a built site, the weight of a
page without a diagram: the HTML with the scripts and styles it loads.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.kinds.flow.swimlane import swimlane_parts
from handbook.pipeline import load_model
from handbook.verify.diagrams import Metrics, measure

ROOT = Path(__file__).resolve().parent.parent
_ASSET = re.compile(r'<(?:script[^>]* src|link[^>]* href)="([^"]+\.(?:js|css))"')


def page_weight(site: Path, page: str) -> int:
    """Bytes of a built page and of every script and style sheet it loads from the site."""
    html = (site / page).read_text(encoding="utf-8")
    folder = (site / page).parent
    assets = {(folder / href).resolve() for href in _ASSET.findall(html) if not href.startswith("http")}
    return len(html.encode()) + sum(path.stat().st_size for path in assets if path.is_file())


def main() -> None:
    """Measure and print a Markdown table."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--site", type=Path, default=None, help="a built site, for the page weight")
    args = options.parse_args()
    model = load_model(Project(ROOT, run_date()))
    flows = [doc.meta for doc in model.flows.values() if doc.meta.steps]
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        drawn = [(flow.id, svg) for flow in flows for _, svg in swimlane_parts(flow, model)]
        times.append(time.perf_counter() - start)
    metrics: list[Metrics] = [measure(svg) for _, svg in drawn]
    steps, arrows = sum(m.steps for m in metrics), sum(m.arrows for m in metrics)
    crossings = [m.crossings for m in metrics]
    bends = [b for m in metrics for b in m.bends]
    print(f"| 度量（{len(flows)} 个流程、{len(metrics)} 张图、{steps} 个环节、{arrows} 条箭头） | 泳道图 |")
    print("| --- | --- |")
    print(f"| 指向后续环节却向上的箭头 | {sum(m.upward for m in metrics)} |")
    print(f"| 返回前面环节的箭头（虚线，沿侧边通道或本列边缘） | {sum(m.loops for m in metrics)} |")
    print(
        f"| 交叉：中位数 / 最多的一张 / 合计 | {statistics.median(crossings):g} / {max(crossings)} / {sum(crossings)} |"
    )
    print(f"| 没有交叉的图 | {sum(1 for c in crossings if c == 0) / len(crossings):.0%} |")
    print(f"| 每条箭头的拐点：中位数 / 最多 | {statistics.median(bends):g} / {max(bends)} |")
    disorder, through = sum(m.out_of_order for m in metrics), sum(m.through_steps for m in metrics)
    print(f"| 画在前一环节上方的环节 / 穿过环节的箭头 | {disorder} / {through} |")
    print(f"| 最小字号（按自然尺寸显示，不缩小） | {min(m.smallest_text for m in metrics):g} px |")
    width = statistics.median(m.width for m in metrics)
    height = statistics.median(m.height for m in metrics)
    print(f"| 图的尺寸（中位数） | {width:g} × {height:g} px |")
    print(f"| 构建时绘制全部 {len(metrics)} 张图（中位数） | {statistics.median(times):.2f} s |")
    worst = sorted(zip(crossings, [flow_id for flow_id, _ in drawn], strict=True), reverse=True)[:4]
    print(f"\n交叉最多的图：{'，'.join(f'{flow_id} {count}' for count, flow_id in worst)}")
    if args.site:
        for page in ("glossary/index.html", "flows/sanhui-yike/index.html"):
            print(f"页面 {page}：{page_weight(args.site, page) / 1024:.0f} KiB（HTML 加上它加载的脚本和样式）")


if __name__ == "__main__":
    main()
