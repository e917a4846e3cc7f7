"""How readable a drawn swimlane diagram is, measured from its SVG alone (not from the layout code).

Per diagram: forward arrows that run upwards, loop-backs, arrow crossings, bends per arrow,
arrows passing through a step, steps drawn above an earlier step, the smallest text and the size.
The benchmark (scripts/bench_diagrams.py) and the tests read the same numbers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_NODE = re.compile(
    r'<a href="[^"]*" class="hb-node[^"]*" data-step="(?P<id>[^"]+)" data-row="\d+"[^>]*>(?P<body>.*?)</a>'
)
_BOX = re.compile(r'<rect x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" width="(?P<w>[\d.]+)" height="(?P<h>[\d.]+)"')
_POLYGON = re.compile(r'<polygon points="(?P<points>[^"]+)"')
_EDGE = re.compile(
    r'<path class="hb-edge hb-(?P<kind>forward|loop)" data-from="[^"]+" data-to="[^"]+" d="(?P<d>[^"]+)"'
)
_FONT = re.compile(r'font-size="(?P<size>[\d.]+)"')
_SIZE = re.compile(r'<svg class="hb-swimlane"[^>]* width="(?P<w>\d+)" height="(?P<h>\d+)"')

Point = tuple[float, float]
Segment = tuple[Point, Point]


@dataclass
class Metrics:
    """The readability numbers of one diagram."""

    steps: int = 0
    arrows: int = 0
    loops: int = 0
    upward: int = 0  # forward arrows with a run going up
    crossings: int = 0
    through_steps: int = 0  # arrow runs crossing a step's box other than their own ends
    out_of_order: int = 0  # steps drawn above a step that comes earlier in the flow
    bends: list[int] = field(default_factory=list)
    smallest_text: float = 0
    width: int = 0
    height: int = 0


def _box(body: str) -> tuple[float, float, float, float]:
    """A node's bounding box (x, y, width, height) from its rect or polygon."""
    found = _BOX.search(body)
    if found:
        return float(found["x"]), float(found["y"]), float(found["w"]), float(found["h"])
    polygon = _POLYGON.search(body)
    assert polygon is not None, body
    points = [tuple(map(float, pair.split(","))) for pair in polygon["points"].split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _route(d: str) -> list[Point]:
    """The points of an `M x y L x y …` path."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _crosses(a: Segment, b: Segment) -> bool:
    """Whether two axis-parallel segments cross in their interiors."""
    if (a[0][0] == a[1][0]) == (b[0][0] == b[1][0]):
        return False
    vertical, horizontal = (a, b) if a[0][0] == a[1][0] else (b, a)
    x, y = vertical[0][0], horizontal[0][1]
    return min(horizontal[0][0], horizontal[1][0]) < x < max(horizontal[0][0], horizontal[1][0]) and min(
        vertical[0][1], vertical[1][1]
    ) < y < max(vertical[0][1], vertical[1][1])


def _inside(segment: Segment, box: tuple[float, float, float, float]) -> bool:
    """Whether a segment runs through the interior of a box."""
    (x1, y1), (x2, y2) = segment
    x, y, w, h = box
    return min(x1, x2) < x + w - 1 and max(x1, x2) > x + 1 and min(y1, y2) < y + h - 1 and max(y1, y2) > y + 1


def measure(svg: str) -> Metrics:
    """The metrics of one swimlane diagram."""
    metrics = Metrics()
    size = _SIZE.search(svg)
    if size:
        metrics.width, metrics.height = int(size["w"]), int(size["h"])
    nodes = [(m["id"], _box(m["body"])) for m in _NODE.finditer(svg)]
    steps = [(node_id, box) for node_id, box in nodes if not node_id.startswith("to-")]
    metrics.steps = len(steps)
    middles = [box[1] + box[3] / 2 for _, box in steps]
    metrics.out_of_order = sum(1 for i in range(1, len(middles)) if middles[i] < max(middles[:i]) - 0.5)
    routes = []
    for found in _EDGE.finditer(svg):
        points = _route(found["d"])
        segments = list(itertools.pairwise(points))
        routes.append(segments)
        metrics.arrows += 1
        metrics.bends.append(len(points) - 2)
        if found["kind"] == "loop":
            metrics.loops += 1
        elif any(b[1] < a[1] - 0.5 for a, b in segments):
            metrics.upward += 1
        own = {i for i, (_, box) in enumerate(nodes) if any(_touches(p, box) for p in (points[0], points[-1]))}
        metrics.through_steps += sum(
            1 for segment in segments for i, (_, box) in enumerate(nodes) if i not in own and _inside(segment, box)
        )
    metrics.crossings = sum(
        _crosses(a, b) for first, second in itertools.combinations(routes, 2) for a in first for b in second
    )
    sizes = [float(m["size"]) for m in _FONT.finditer(svg)]
    metrics.smallest_text = min(sizes, default=0)
    return metrics


def _touches(point: Point, box: tuple[float, float, float, float]) -> bool:
    """Whether a route's end lies on (or in) a box: the step it leaves or enters."""
    x, y, w, h = box
    return x - 1 <= point[0] <= x + w + 1 and y - 1 <= point[1] <= y + h + 1
