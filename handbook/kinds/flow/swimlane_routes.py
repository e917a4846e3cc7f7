"""The arrows of a swimlane diagram: orthogonal routes around the steps with the fewest crossings.

Forward arrows only go down or sideways (at most four bends, routed around steps); loop-backs run
up a channel beside the lanes (or a lane's gutter, where that saves a crossing). Every arrow is
routed given all the others, in several orders, until one routing has no crossing.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator

from handbook.kinds.flow.swimlane_layout import GAP, LOOP_ROOM, MARGIN, Edge, Layout, Node, Point

Point3 = tuple[float, float, float]  # a run: its fixed coordinate, then where it starts and ends

CHANNEL = 14  # px between neighbouring vertical runs in a channel beside the lanes
# px from the outer lanes' borders to the first channel on either side: clear of the lanes' own
# gutter runs (GUTTER inside the border) and of the border line itself.
CHANNEL_START = 16
# px below a step (and above its target) where a route along a channel turns: a third of the gap,
# off its middle (GAP / 2), where the arrows within the lanes turn.
CHANNEL_TURN = GAP / 3
# px from a lane's border to an arrow running down its gutter: inside the lane, clear of the border
# line and of the steps, which stand STEP_INSET (12 px) from the border.
GUTTER = 6
# px above a step's middle where an arrow leaves its side, and below it where one enters: an arrow
# leaving and another entering the same side stay apart.
PORT_SHIFT = 4
SAME_LINE = 1  # px: runs less than this apart lie on one line (their coordinates are sums of floats)
OVERLAP = 1  # px two runs on one line must share to run along each other (touching ends do not)
# Times every arrow is routed in one order: first against the arrows routed before it, then twice
# revised against all the others.
PASSES = 3


def _blocked(lanes: dict[int, list[Node]], width: float, segment: tuple[Point, Point], ends: tuple[Node, Node]) -> bool:
    """Whether a segment passes through a node other than its own two ends (only its lanes' nodes are looked at)."""
    (x1, y1), (x2, y2) = segment
    left, right, top, bottom = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    first, last = int((left - MARGIN) // width), int((right - MARGIN) // width)
    return any(
        node is not ends[0]
        and node is not ends[1]
        and left < node.x + node.w
        and right > node.x
        and top < node.y + node.h
        and bottom > node.y
        for lane in range(first, last + 1)
        for node in lanes.get(lane, ())
    )


def segments(points: list[Point]) -> list[tuple[Point, Point]]:
    """The straight pieces of a route."""
    return list(itertools.pairwise(points))


def crosses(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Whether two axis-parallel segments cross (touching at an end does not count)."""
    if (a[0][0] == a[1][0]) == (b[0][0] == b[1][0]):
        return False  # parallel runs do not cross
    vertical, horizontal = (a, b) if a[0][0] == a[1][0] else (b, a)
    (vx, vy1), (_, vy2) = vertical
    (hx1, hy), (hx2, _) = horizontal
    return min(hx1, hx2) < vx < max(hx1, hx2) and min(vy1, vy2) < hy < max(vy1, vy2)


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points in a line."""
    out: list[Point] = []
    for point in points:
        if out and point == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == point[0] or out[-2][1] == out[-1][1] == point[1]):
            out[-1] = point
        else:
            out.append(point)
    return out


def _candidates(drawing: Layout, edge: Edge) -> list[list[Point]]:
    """Orthogonal routes through the lanes for a forward arrow.

    The arrow leaves the step at its foot or at the side facing the target, runs down one vertical
    line (the source's or target's centre, or the gutter of either lane on the side facing the
    other) and enters the target at its head or at the side facing the source.
    """
    s, t = edge.source, edge.target
    below_s, above_t = s.y + s.h + GAP / 2, t.y - GAP / 2
    lane_x = MARGIN + t.lane * drawing.lane_width
    toward = 1 if t.lane > s.lane else -1 if t.lane < s.lane else 1
    source_gutter = MARGIN + s.lane * drawing.lane_width + (drawing.lane_width - GUTTER if toward > 0 else GUTTER)
    target_gutter = lane_x + (GUTTER if toward > 0 else drawing.lane_width - GUTTER)
    runs = [s.cx, t.cx, source_gutter, target_gutter]
    exits = [((s.cx, s.y + s.h), (s.cx, below_s)), ((s.x + s.w if toward > 0 else s.x, s.cy), None)]
    entries = [((t.cx, t.y), (t.cx, above_t)), ((t.x if toward > 0 else t.x + t.w, t.cy), None)]
    routes = []
    for start, turn in exits:
        for end, approach in entries:
            for x in runs:
                first = turn or start
                last = approach or end
                if (turn is None and x == s.cx) or (approach is None and x == t.cx) or last[1] < first[1]:
                    continue
                points = [start, first, (x, first[1]), (x, last[1]), last, end]
                routes.append(_simplify(points))
    return sorted(routes, key=len)


def _channel_routes(edge: Edge, x: float, right: bool) -> list[list[Point]]:
    """Routes along a channel beside the lanes: from the side, or through the gaps above and below."""
    s, t = edge.source, edge.target
    out_y, in_y = s.cy + PORT_SHIFT, t.cy - PORT_SHIFT
    below_s = s.y + s.h + CHANNEL_TURN
    above_t = t.y - CHANNEL_TURN
    out_x, in_x = (s.x + s.w, t.x + t.w) if right else (s.x, t.x)
    return [
        [(out_x, out_y), (x, out_y), (x, in_y), (in_x, in_y)],
        [(s.cx, s.y + s.h), (s.cx, below_s), (x, below_s), (x, above_t), (t.cx, above_t), (t.cx, t.y)],
    ]


def _gutter_routes(drawing: Layout, edge: Edge) -> list[list[Point]]:
    """Routes for a loop-back up the gutter of its own or its target's lane, out of one side, into the same side."""
    s, t = edge.source, edge.target
    out_y, in_y = s.cy + PORT_SHIFT, t.cy - PORT_SHIFT
    routes = []
    for right in (True, False):
        out_x, in_x = (s.x + s.w, t.x + t.w) if right else (s.x, t.x)
        for lane in sorted({s.lane, t.lane}):
            x = MARGIN + lane * drawing.lane_width + (drawing.lane_width - GUTTER if right else GUTTER)
            routes.append([(out_x, out_y), (x, out_y), (x, in_y), (in_x, in_y)])
    return routes


def _runs(pieces: list[tuple[Point, Point]]) -> tuple[list[Point3], list[Point3]]:
    """Segments as vertical runs (x, top, bottom) and level runs (y, left, right)."""
    upright = [(a[0], min(a[1], b[1]), max(a[1], b[1])) for a, b in pieces if a[0] == b[0]]
    level = [(a[1], min(a[0], b[0]), max(a[0], b[0])) for a, b in pieces if a[1] == b[1] and a[0] != b[0]]
    return upright, level


def _along(piece: tuple[Point, Point], upright: list[Point3], level: list[Point3]) -> int:
    """How many runs lie on the same line as a run and overlap it."""
    (x1, y1), (x2, y2) = piece
    if x1 == x2:
        top, bottom = min(y1, y2), max(y1, y2)
        return sum(
            1 for x, low, high in upright if abs(x - x1) < SAME_LINE and min(bottom, high) - max(top, low) > OVERLAP
        )
    left, right = min(x1, x2), max(x1, x2)
    return sum(1 for y, low, high in level if abs(y - y1) < SAME_LINE and min(right, high) - max(left, low) > OVERLAP)


def _count(piece: tuple[Point, Point], upright: list[Point3], level: list[Point3]) -> int:
    """How many of the other arrows' vertical (x, top, bottom) and level (y, left, right) runs a run crosses."""
    (x1, y1), (x2, y2) = piece
    if x1 == x2:
        top, bottom = min(y1, y2), max(y1, y2)
        return sum(1 for y, left, right in level if left < x1 < right and top < y < bottom)
    left, right = min(x1, x2), max(x1, x2)
    return sum(1 for x, top, bottom in upright if top < y1 < bottom and left < x < right)


class Router:
    """Chooses every arrow's route: free of steps first, then the fewest crossings, then the fewest bends."""

    def __init__(self, drawing: Layout, blocked: dict[tuple[int, tuple[Point, Point]], bool]) -> None:
        self.drawing = drawing
        self.blocked = blocked  # (arrow, segment) → through a step: the same in every routing of one drawing
        self.routes: dict[int, list[Point]] = {}
        self.lanes: dict[int, list[Node]] = {}
        for node in drawing.nodes:
            self.lanes.setdefault(node.lane, []).append(node)
        self.right = MARGIN + len(drawing.lanes) * drawing.lane_width + CHANNEL_START
        self.left = MARGIN - CHANNEL_START

    def _others(self, index: int, strangers: bool = False) -> list[tuple[Point, Point]]:
        """The segments of every routed arrow but one; if asked, not of those leaving or entering the same step.

        Arrows leaving one step may run together before they part, and arrows entering one step may
        join before it: a reader sees a branch or a merge. Any other shared run misleads.
        """
        edges, me = self.drawing.edges, self.drawing.edges[index]

        def kin(other: int) -> bool:
            """Whether the other arrow leaves or enters the same step as this one."""
            return edges[other].source is me.source or edges[other].target is me.target

        return [
            piece
            for other, points in self.routes.items()
            if other != index and not (strangers and kin(other))
            for piece in segments(points)
        ]

    def _slot(self, index: int, top: float, bottom: float, right: bool) -> float:
        """A channel's nearest free x for a vertical run from `top` to `bottom`."""
        start, step = (self.right, CHANNEL) if right else (self.left, -CHANNEL)
        taken = [
            (x, min(p[1] for p in points), max(p[1] for p in points))
            for other, points in self.routes.items()
            if other != index
            for x in {p[0] for p in points}
            if (x >= self.right if right else x <= self.left)
        ]
        x = start
        while any(
            abs(x - at) < SAME_LINE and low < bottom + GAP / 2 and high > top - GAP / 2 for at, low, high in taken
        ):
            x += step
        return x

    def _through(self, index: int, piece: tuple[Point, Point]) -> bool:
        """Whether a segment of an arrow passes through a step other than the arrow's own two ends."""
        key = (index, piece)
        if key not in self.blocked:
            edge = self.drawing.edges[index]
            self.blocked[key] = _blocked(self.lanes, self.drawing.lane_width, piece, (edge.source, edge.target))
        return self.blocked[key]

    def choose(self, index: int, edge: Edge) -> None:
        """Route one arrow given all the others."""
        s, t = edge.source, edge.target
        top, bottom = min(s.y, t.y) - GAP, max(s.y + s.h, t.y + t.h) + GAP
        options = _gutter_routes(self.drawing, edge) if edge.loop else _candidates(self.drawing, edge)
        # A loop-back runs up a lane's gutter only where that saves a crossing: along the side it stands apart.
        inner = len(options) if edge.loop else 0
        for right in (True, False):
            options += _channel_routes(edge, self._slot(index, top, bottom, right), right)
        upright, level = _runs(self._others(index))
        # Arrows of other steps running along the same line look like one arrow: as bad as a crossing.
        strange_upright, strange_level = _runs(self._others(index, strangers=True))
        best: tuple[int, int, bool, int, int, int] | None = None
        for number, points in enumerate(options):
            pieces = segments(points)
            blocked = sum(self._through(index, piece) for piece in pieces)
            if best is not None and blocked > best[0]:
                continue  # through more steps than a route already found: no count of crossings can save it
            crossing = 0
            for piece in pieces:
                crossing += _count(piece, upright, level) + _along(piece, strange_upright, strange_level)
                if best is not None and (blocked, crossing) > best[:2]:
                    break  # already worse than a route found: the rest of it need not be counted
            else:
                length = round(sum(abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in pieces))
                score = (blocked, crossing, number < inner, len(points), length, number)
                if best is None or score < best:
                    best, self.routes[index] = score, points


def _crossings(routes: dict[int, list[Point]]) -> int:
    """All crossings between the arrows of a routing."""
    pieces = [(index, piece) for index, points in routes.items() for piece in segments(points)]
    return sum(crosses(a, b) for (i, a), (j, b) in itertools.combinations(pieces, 2) if i != j)


# Routing orders tried while a diagram still has crossings: four by span and rows, then a few seeded
# shuffles for the hard ones, which reach their fewest crossings in different orders (measured in
# docs/guide/benchmarks.md); seeded, so every build draws the same.
SHUFFLES = 6


def routing_orders(drawing: Layout) -> Iterator[list[int]]:
    """Orders to route the arrows in: by span both ways, by rows both ways, then seeded shuffles."""
    edges = drawing.edges
    span = {i: abs(edge.target.row - edge.source.row) for i, edge in enumerate(edges)}
    yield sorted(span, key=lambda i: span[i])
    yield sorted(span, key=lambda i: -span[i])
    yield sorted(span, key=lambda i: (edges[i].source.row, edges[i].target.row))
    yield sorted(span, key=lambda i: (-edges[i].target.row, -edges[i].source.row))
    for seed in range(SHUFFLES):
        order = list(span)
        random.Random(seed).shuffle(order)
        yield order


def routing(drawing: Layout, orders: Iterable[list[int]]) -> tuple[int, Router]:
    """Route the arrows in each order, each route revised twice, until one has no crossing; the best and its count."""
    best: tuple[int, Router] | None = None
    blocked: dict[tuple[int, tuple[Point, Point]], bool] = {}
    for order in orders:
        router = Router(drawing, blocked)
        for _ in range(PASSES):
            for index in order:
                router.choose(index, drawing.edges[index])
        count = _crossings(router.routes)
        if best is None or count < best[0]:
            best = (count, router)
        if count == 0:
            break
    assert best is not None
    return best


def finish(drawing: Layout, router: Router) -> None:
    """Give every arrow its route and the drawing its size, moved right if arrows run down the left side."""
    left = min((x for points in router.routes.values() for x, _ in points), default=MARGIN)
    shift = MARGIN - left + LOOP_ROOM if left < MARGIN else 0  # room for arrows down the left side and their labels
    for index, edge in enumerate(drawing.edges):
        edge.points = [(x + shift, y) for x, y in router.routes[index]]
    for node in drawing.nodes:
        node.x += shift
    drawing.origin += shift
    right = max((x for edge in drawing.edges for x, _ in edge.points), default=0)
    lanes = drawing.origin + len(drawing.lanes) * drawing.lane_width
    drawing.width = max(lanes + MARGIN, right + LOOP_ROOM if right > lanes else 0)
