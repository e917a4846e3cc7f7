"""Cross-functional (swimlane) flowcharts drawn at build time as SVG: lanes as columns, work flowing down.

Each role is a column headed by its title; each step sits in its role's column, on a row no
higher than the step before it, so the diagram reads top to bottom in the order of the flow.
Forward arrows only go down or sideways (orthogonal, at most four bends, routed around steps);
loop-backs run up a channel beside the lanes (or a lane's gutter, where that saves a crossing),
dashed and labelled. Lanes keep the order the flow declares unless swapping two neighbours
removes crossings. Steps link to their rows in the step table. No script draws anything in the
reader's browser, and the PDF shows the same SVG.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.cache import digest
from handbook.core.html import escape
from handbook.kinds.flow.schema import Flow, Step, StepKind
from handbook.model.handbook import Handbook

FONT = 14  # px; never scaled down on screen (the diagram scrolls sideways instead)
LINE = 18  # px between lines of a label
PAD = 8  # px inside a step's box
GAP = 40  # px between rows: room for arrows and their labels
HEADER = 40  # px: the lane titles
MIN_LANE, MAX_LANE = 150, 210  # px: lanes share the 688 px content column, within these bounds
# On paper (export/print/diagrams.py) a drawing up to PRINT_WIDTH px fits a landscape A4 with its
# smallest text at 7 pt; a wider flow gets a second drawing for print, its lanes narrowed to fit.
PRINT_WIDTH, PRINT_MIN_LANE = 1430, 96
COLUMN = 688  # px: the content column of a 1280 px window (Material)
MARGIN = 8
CHANNEL = 14  # px between the vertical runs of loop-backs on the right
LOOP_ROOM = 64  # px right of the lanes for the loops' labels

Point = tuple[float, float]
Point3 = tuple[float, float, float]
Box = tuple[
    float, float, float, float
]  # x, y, width, height  # a run: its fixed coordinate, then where it starts and ends


def text_width(text: str) -> float:
    """Approximate width of a text in px: CJK characters are square, others about half as wide."""
    return sum(FONT if ord(char) > 0x2E80 else FONT * 0.55 for char in text)


# Line breaking by the Chinese rules (GB/T 15834, 标点符号用法): no line starts with closing
# punctuation (it hangs at the end of the line before), none ends with opening punctuation (it moves
# to the next), and a number stays whole with its unit or percent sign.
NO_LINE_START = set("，。、；：？！）」』》〉】”’%．,.;:?!)]}…—")
NO_LINE_END = set("（「『《〈【“‘([{")
UNITS = "%个日天月年人次分元条项名步页小时"
_ATOM = re.compile(rf"[0-9０-９]+(?:[.．][0-9０-９]+)?[{UNITS}]?|.", re.S)


def wrap(text: str, width: float) -> list[str]:
    """Break a label into lines no wider than `width`: CJK text between any characters, by the Chinese rules."""
    lines, line = [], ""
    for atom in _ATOM.findall(text):
        if not line or text_width(line + atom) <= width or atom in NO_LINE_START:
            line += atom  # closing punctuation hangs rather than opening a line
            continue
        carried = ""
        while line and line[-1] in NO_LINE_END:  # opening punctuation goes with what it opens
            line, carried = line[:-1], line[-1] + carried
        if line:
            lines.append(line)
        line = (carried + atom).lstrip()
    return [*lines, line] if line else lines or [""]


@dataclass(eq=False)  # a node is itself: compared by identity, quick in the router
class Node:
    """A step (or a stub naming a step of another part) placed in a lane and a row."""

    id: str
    label: str
    kind: StepKind | None  # None: a stub leading to a step drawn in another part
    lane: int
    row: int
    href: str
    number: int = 0  # the step's number in the step table; 0 for a stub
    lines: list[str] = field(default_factory=list)
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0

    @property
    def cx(self) -> float:
        """The centre's x."""
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        """The centre's y."""
        return self.y + self.h / 2


@dataclass
class Edge:
    """An arrow from one node to another, with its route once laid out."""

    source: Node
    target: Node
    label: str | None
    loop: bool  # goes back to an earlier step
    points: list[Point] = field(default_factory=list)


@dataclass
class Layout:
    """A laid-out diagram: lanes, nodes, routed edges and the drawing's size."""

    lanes: list[str]
    lane_width: float
    nodes: list[Node]
    edges: list[Edge]
    width: float = 0
    height: float = 0
    origin: float = MARGIN  # where the first lane starts: further right when arrows run down the left side


def _roles(flow: Flow) -> list[str]:
    """The roles that have steps, in the order the flow declares them (one unnamed lane if none has)."""
    return [role for role in flow.roles if any(step.role == role for step in flow.steps)] or [""]


def _lanes(flow: Flow, roles: list[str]) -> dict[str, int]:
    """Each step's lane, the roles standing in the given order.

    A step without a role (usually start or end) joins the lane of the step it leads to, or
    else of the step that leads to it, so it stands where the reader's eye already is.
    """
    lane_of = {step.id: roles.index(step.role) for step in flow.steps if step.role in roles}
    for step in flow.steps:
        if step.id in lane_of:
            continue
        after = [lane_of[s] for s in step.successors() if s in lane_of]
        before = [lane_of[s.id] for s in flow.steps if step.id in s.successors() and s.id in lane_of]
        lane_of[step.id] = (after or before or [0])[0]
    return lane_of


def _place(steps: list[Step], lane_of: dict[str, int], order: dict[str, int]) -> dict[str, int]:
    """Each step's row: below every earlier step leading to it, never above the step before it."""
    row: dict[str, int] = {}
    taken: set[tuple[int, int]] = set()
    previous = 0
    for step in steps:
        r = previous
        for other in steps:
            if other.id in row and step.id in other.successors() and order[other.id] < order[step.id]:
                r = max(r, row[other.id] + 1)
        while (lane_of[step.id], r) in taken:
            r += 1
        row[step.id] = previous = r
        taken.add((lane_of[step.id], r))
    return row


# Beyond this many steps one diagram stops being readable on a phone or on an A4 page, so a long
# flow is drawn as consecutive parts; an arrow leaving a part ends in a stub naming the step.
MAX_DIAGRAM_STEPS = 25


def diagram_parts(flow: Flow) -> list[tuple[str, list[Step]]]:
    """The runs of steps drawn as one diagram each, with their captions (one uncaptioned part if short)."""
    if len(flow.steps) <= MAX_DIAGRAM_STEPS:
        return [("", flow.steps)]
    return [
        (f"第{start + 1}–{start + len(run)}步", run)
        for start in range(0, len(flow.steps), MAX_DIAGRAM_STEPS)
        for run in [flow.steps[start : start + MAX_DIAGRAM_STEPS]]
    ]


# Part of every drawing's cache key: this module's own text, so any change to the drawing code
# draws everything afresh, and no one has to remember to bump a version.
DRAWING_VERSION = digest(Path(__file__).read_text(encoding="utf-8"))


def swimlane_parts(
    flow: Flow, model: Handbook, width: float = COLUMN, narrowest: float = MIN_LANE
) -> list[tuple[str, str]]:
    """The diagram(s) of a flow as (caption, inline SVG), taken from earlier builds when nothing they show changed.

    `width` and `narrowest`: the lanes' room (see `layout`); a print variant asks for PRINT_WIDTH.
    """
    parts = []
    for caption, steps in diagram_parts(flow):
        title = f"{flow.title}{'（' + caption + '）' if caption else ''}流程图"

        def draw(steps: list[Step] = steps, title: str = title) -> str:
            """Lay out and draw one part."""
            return svg(layout(flow, model, steps, width, narrowest), title)

        if model.outputs is None:
            parts.append((caption, draw()))
            continue
        # Everything a drawing shows: the flow, the part, the titles of its lanes and their room.
        lanes = [model.actor_title(role) for role in flow.roles]
        key = digest(
            DRAWING_VERSION, flow.model_dump_json(), caption, *lanes, *(s.id for s in steps), f"{width} {narrowest}"
        )
        parts.append((caption, model.outputs.text(key, draw)))
    return parts


def print_parts(flow: Flow, model: Handbook, screen: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """Drawings for paper of a flow whose screen drawings are wider than PRINT_WIDTH (None if none is).

    The lanes are narrowed until the drawing, loop-backs at its side included, is PRINT_WIDTH wide
    (or its lanes PRINT_MIN_LANE narrow): the room the lanes share shrinks by what was too much.
    """
    widest = max(drawing_width(drawing) for _, drawing in screen)
    if widest <= PRINT_WIDTH:
        return None
    room = float(PRINT_WIDTH)
    for _ in range(3):
        parts = swimlane_parts(flow, model, room, PRINT_MIN_LANE)
        widest = max(drawing_width(drawing) for _, drawing in parts)
        if widest <= PRINT_WIDTH:
            break
        room -= widest - PRINT_WIDTH
    return parts


def drawing_width(drawing: str) -> float:
    """The width of a drawing made by `svg` (its root's width attribute)."""
    found = re.search(r'<svg class="hb-swimlane"[^>]*?\swidth="([\d.]+)"', drawing)
    assert found is not None, "svg() writes the width"
    return float(found[1])


def layout(
    flow: Flow, model: Handbook, steps: list[Step] | None = None, width: float = COLUMN, narrowest: float = MIN_LANE
) -> Layout:
    """Place the steps of a flow (or a run of them) in lanes and rows and route every arrow.

    The lanes stand in the order the flow declares its roles, unless the diagram has more than one
    crossing and swapping two neighbouring lanes gives strictly fewer: readers find a lane by its
    title, not by its place.
    """
    shown = flow.steps if steps is None else steps
    declared = _roles(flow)
    drawing = _draft(flow, model, shown, declared, width, narrowest)
    count, router = _routing(drawing, _orders(drawing))
    # A single crossing is left alone: no swap removed one in the sample, and trying them all
    # costs as much as drawing every other diagram.
    if count > 1:
        # Each swap is first judged by routing in the first two orders only, which is quick; the most
        # promising one is routed in full and kept only if it crosses strictly less.
        drafts = [_draft(flow, model, shown, roles, width, narrowest) for roles in _moves(declared)]
        estimate, best = min(
            ((_routing(other, itertools.islice(_orders(other), 2))[0], i) for i, other in enumerate(drafts)),
            default=(count, 0),
        )
        if estimate < count:
            found, routed = _routing(drafts[best], _orders(drafts[best]))
            if found < count:
                drawing, router = drafts[best], routed
    _finish(drawing, router)
    return drawing


def _moves(roles: list[str]) -> list[list[str]]:
    """The other orders of the lanes reached by swapping two neighbouring lanes."""
    return [[*roles[:lane], roles[lane + 1], roles[lane], *roles[lane + 2 :]] for lane in range(len(roles) - 1)]


def _draft(flow: Flow, model: Handbook, shown: list[Step], roles: list[str], width: float, narrowest: float) -> Layout:
    """The steps placed and measured in lanes of the given order, with their arrows not yet routed.

    The lanes share `width` (the content column), none narrower than `narrowest` nor wider than MAX_LANE.
    """
    order = {step.id: i for i, step in enumerate(flow.steps, start=1)}
    lane_of = _lanes(flow, roles)
    rows = _place(shown, lane_of, order)
    lane_width = max(narrowest, min(MAX_LANE, (width - 2 * MARGIN - LOOP_ROOM) / len(roles)))
    nodes = {s.id: Node(s.id, s.label, s.kind, lane_of[s.id], rows[s.id], f"#step-{s.id}", order[s.id]) for s in shown}
    edges: list[Edge] = []
    last_row = max(rows.values(), default=0)
    stubs: dict[str, Node] = {}
    for step in shown:
        targets: list[tuple[str, str | None]] = [
            (t, None) for t in ([step.next] if isinstance(step.next, str) else step.next or [])
        ]
        targets += [(branch.next, branch.label) for branch in step.branches]
        for target, text in targets:
            loop = order[target] <= order[step.id]
            if target not in nodes:  # drawn in another part: a stub at the foot names it
                if target not in stubs:
                    lane = lane_of[step.id if loop else target]
                    row = last_row + 1
                    while any(n.lane == lane and n.row == row for n in [*nodes.values(), *stubs.values()]):
                        row += 1
                    verb = "返回" if loop else "转"
                    stubs[target] = Node(
                        f"to-{target}", f"{verb}第{order[target]}步", None, lane, row, f"#step-{target}"
                    )
                edges.append(Edge(nodes[step.id], stubs[target], text, False))
            else:
                edges.append(Edge(nodes[step.id], nodes[target], text, loop))
    titles = [model.actor_title(role) if role else "" for role in roles]
    drawing = Layout(titles, lane_width, [*nodes.values(), *stubs.values()], edges)
    _measure(drawing)
    return drawing


def _measure(drawing: Layout) -> None:
    """Size every node from its wrapped label and give each row the height of its tallest node."""
    inner = drawing.lane_width - 24 - 2 * PAD
    for node in drawing.nodes:
        width = inner - (28 if node.kind is StepKind.DECISION else 0)  # a hexagon's points hold no text
        node.lines = wrap(node.label, width)
        node.w = drawing.lane_width - 24 if node.kind is not None else min(drawing.lane_width - 24, 96)
        node.h = len(node.lines) * LINE + 2 * PAD
    heights: dict[int, float] = {}
    for node in drawing.nodes:
        heights[node.row] = max(heights.get(node.row, 0), node.h)
    tops, y = {}, HEADER + GAP / 2
    for row in sorted(heights):
        tops[row] = y
        y += heights[row] + GAP
    for node in drawing.nodes:
        node.x = MARGIN + node.lane * drawing.lane_width + (drawing.lane_width - node.w) / 2
        node.y = tops[node.row] + (heights[node.row] - node.h) / 2
    drawing.height = y - GAP / 2 + MARGIN


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


def _segments(points: list[Point]) -> list[tuple[Point, Point]]:
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
    source_gutter = MARGIN + s.lane * drawing.lane_width + (drawing.lane_width - 6 if toward > 0 else 6)
    target_gutter = lane_x + (6 if toward > 0 else drawing.lane_width - 6)
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
    out_y, in_y = s.cy + 4, t.cy - 4  # apart, where an arrow leaves and another enters the same step
    below_s = s.y + s.h + GAP / 3
    above_t = t.y - GAP / 3
    out_x, in_x = (s.x + s.w, t.x + t.w) if right else (s.x, t.x)
    return [
        [(out_x, out_y), (x, out_y), (x, in_y), (in_x, in_y)],
        [(s.cx, s.y + s.h), (s.cx, below_s), (x, below_s), (x, above_t), (t.cx, above_t), (t.cx, t.y)],
    ]


def _gutter_routes(drawing: Layout, edge: Edge) -> list[list[Point]]:
    """Routes for a loop-back up the gutter of its own or its target's lane, out of one side, into the same side."""
    s, t = edge.source, edge.target
    routes = []
    for right in (True, False):
        out_x, in_x = (s.x + s.w, t.x + t.w) if right else (s.x, t.x)
        for lane in sorted({s.lane, t.lane}):
            x = MARGIN + lane * drawing.lane_width + (drawing.lane_width - 6 if right else 6)
            routes.append([(out_x, s.cy + 4), (x, s.cy + 4), (x, t.cy - 4), (in_x, t.cy - 4)])
    return routes


def _runs(segments: list[tuple[Point, Point]]) -> tuple[list[Point3], list[Point3]]:
    """Segments as vertical runs (x, top, bottom) and level runs (y, left, right)."""
    upright = [(a[0], min(a[1], b[1]), max(a[1], b[1])) for a, b in segments if a[0] == b[0]]
    level = [(a[1], min(a[0], b[0]), max(a[0], b[0])) for a, b in segments if a[1] == b[1] and a[0] != b[0]]
    return upright, level


def _along(piece: tuple[Point, Point], upright: list[Point3], level: list[Point3]) -> int:
    """How many runs lie on the same line as a run and overlap it."""
    (x1, y1), (x2, y2) = piece
    if x1 == x2:
        top, bottom = min(y1, y2), max(y1, y2)
        return sum(1 for x, low, high in upright if abs(x - x1) < 1 and min(bottom, high) - max(top, low) > 1)
    left, right = min(x1, x2), max(x1, x2)
    return sum(1 for y, low, high in level if abs(y - y1) < 1 and min(right, high) - max(left, low) > 1)


def _count(piece: tuple[Point, Point], upright: list[Point3], level: list[Point3]) -> int:
    """How many of the other arrows' vertical (x, top, bottom) and level (y, left, right) runs a run crosses."""
    (x1, y1), (x2, y2) = piece
    if x1 == x2:
        top, bottom = min(y1, y2), max(y1, y2)
        return sum(1 for y, left, right in level if left < x1 < right and top < y < bottom)
    left, right = min(x1, x2), max(x1, x2)
    return sum(1 for x, top, bottom in upright if top < y1 < bottom and left < x < right)


class _Router:
    """Chooses every arrow's route: free of steps first, then the fewest crossings, then the fewest bends."""

    def __init__(self, drawing: Layout, blocked: dict[tuple[int, tuple[Point, Point]], bool]) -> None:
        self.drawing = drawing
        self.blocked = blocked  # (arrow, segment) → through a step: the same in every routing of one drawing
        self.routes: dict[int, list[Point]] = {}
        self.lanes: dict[int, list[Node]] = {}
        for node in drawing.nodes:
            self.lanes.setdefault(node.lane, []).append(node)
        self.right = MARGIN + len(drawing.lanes) * drawing.lane_width + 16
        self.left = MARGIN - 16

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
            for piece in _segments(points)
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
        while any(abs(x - at) < 1 and low < bottom + GAP / 2 and high > top - GAP / 2 for at, low, high in taken):
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
            pieces = _segments(points)
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
    pieces = [(index, piece) for index, points in routes.items() for piece in _segments(points)]
    return sum(crosses(a, b) for (i, a), (j, b) in itertools.combinations(pieces, 2) if i != j)


# Routing orders tried while a diagram still has crossings: the first two almost always settle it;
# a few seeded shuffles follow for the hard ones (deterministic, so every build draws the same).
SHUFFLES = 6


def _orders(drawing: Layout) -> Iterator[list[int]]:
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


def _routing(drawing: Layout, orders: Iterable[list[int]]) -> tuple[int, _Router]:
    """Route the arrows in each order, each route revised twice, until one has no crossing; the best and its count."""
    best: tuple[int, _Router] | None = None
    blocked: dict[tuple[int, tuple[Point, Point]], bool] = {}
    for order in orders:
        router = _Router(drawing, blocked)
        for _ in range(3):
            for index in order:
                router.choose(index, drawing.edges[index])
        count = _crossings(router.routes)
        if best is None or count < best[0]:
            best = (count, router)
        if count == 0:
            break
    assert best is not None
    return best


def _finish(drawing: Layout, router: _Router) -> None:
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


# --- SVG ---------------------------------------------------------------------------------

# Colours are attributes, not classes: the drawing looks the same in the site, the file:// copy,
# the PDF and anywhere it is pasted, and it defines no ids that could collide in a printed book.
INK = "#37474f"
LOOP = "#b71c1c"
_FILL = {
    StepKind.START: f'fill="#e8f5e9" stroke="{INK}"',
    StepKind.END: f'fill="#e8f5e9" stroke="{INK}"',
    StepKind.TASK: f'fill="#ffffff" stroke="{INK}"',
    StepKind.DECISION: f'fill="#fff8e1" stroke="{INK}"',
    StepKind.SUBFLOW: f'fill="#e3f2fd" stroke="{INK}"',
    None: f'fill="#f5f5f5" stroke="{INK}" stroke-dasharray="4 3"',
}


def _shape(node: Node) -> str:
    """The outline of a node: box, hexagon (decision), stadium (start, end), double-sided box (sub-flow)."""
    x, y, w, h = node.x, node.y, node.w, node.h
    if node.kind is StepKind.DECISION:
        k = min(14, h / 2)
        points = [(x + k, y), (x + w - k, y), (x + w, y + h / 2), (x + w - k, y + h), (x + k, y + h), (x, y + h / 2)]
        return f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" {_FILL[node.kind]}/>'
    radius = h / 2 if node.kind in (StepKind.START, StepKind.END, None) else 4
    box = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius:.1f}" {_FILL[node.kind]}/>'
    if node.kind is StepKind.SUBFLOW:
        box += f'<path d="M{x + 7:.1f} {y:.1f}V{y + h:.1f}M{x + w - 7:.1f} {y:.1f}V{y + h:.1f}" stroke="{INK}"/>'
    return box


def _called(node: Node) -> str:
    """How a step is named when another leads to it: its number and label (a stub says where it goes)."""
    return node.label if node.kind is None else f"第{node.number}步 {node.label}"


def _spoken(drawing: Layout, node: Node) -> str:
    """What a screen reader says for a step: its number, lane and label, and where each of its arrows leads."""
    if node.kind is None:
        return node.label
    after = [_called(e.target) + (f"（{e.label}）" if e.label else "") for e in drawing.edges if e.source is node]
    then = "；下一步：" + "；".join(after) if after else "；流程到此结束"
    return f"第{node.number}步，{drawing.lanes[node.lane]}：{node.label}{then}"


def _node(drawing: Layout, node: Node) -> str:
    """A node as a link to its row, with its label centred line by line, and named for a screen reader."""
    kind = node.kind.value if node.kind else "stub"
    first = node.cy - (len(node.lines) - 1) * LINE / 2 + FONT * 0.35
    text = "".join(
        f'<text x="{node.cx:.1f}" y="{first + i * LINE:.1f}" text-anchor="middle" font-size="{FONT}" fill="#212121">'
        f"{escape(line)}</text>"
        for i, line in enumerate(node.lines)
    )
    return (
        f'<a href="{node.href}" class="hb-node hb-{kind}" data-step="{node.id}" data-row="{node.row}" '
        f'aria-label="{escape(_spoken(drawing, node))}"><title>{escape(node.label)}</title>{_shape(node)}{text}</a>'
    )


def _head(tip: Point, before: Point, colour: str) -> str:
    """An arrowhead at `tip`, pointing away from `before`."""
    (x, y), (px, py) = tip, before
    dx, dy = (x > px) - (x < px), (y > py) - (y < py)  # routes are axis-parallel
    back, half = 9, 4.5
    points = [
        (x, y),
        (x - dx * back - dy * half, y - dy * back - dx * half),
        (x - dx * back + dy * half, y - dy * back + dx * half),
    ]
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}" fill="{colour}"/>'


def _parting(edge: Edge, siblings: list[Edge]) -> int:
    """The first run of an arrow that it does not share with another arrow leaving the same step."""
    runs = _segments(edge.points)
    for index, run in enumerate(runs):
        if not any(
            index < len(_segments(other.points)) and _segments(other.points)[index] == run for other in siblings
        ):
            return index
    return len(runs) - 1


def _edge(edge: Edge) -> str:
    """An arrow: its path and its head."""
    d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in edge.points)
    kind, colour = ("loop", LOOP) if edge.loop else ("forward", INK)
    dash = ' stroke-dasharray="6 4"' if edge.loop else ""
    return (
        f'<path class="hb-edge hb-{kind}" data-from="{edge.source.id}" data-to="{edge.target.id}" d="{d}" '
        f'fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>{_head(edge.points[-1], edge.points[-2], colour)}'
    )


def _label_spots(edge: Edge, start: int) -> list[tuple[float, float, str]]:
    """Where a branch's label may stand (x, baseline, anchor): along each run from where it parts, in order."""
    spots = []
    for (x1, y1), (x2, y2) in _segments(edge.points)[start:]:
        if x1 == x2:  # a vertical run: beside it, near its top
            top = min(y1, y2)
            spots += [(x1 + 4, top + 14, "start"), (x1 - 4, top + 14, "end")]
        else:  # a level run: above it, from where it starts
            spots.append((x1 + (6 if x2 > x1 else -6), y1 - 5, "start" if x2 > x1 else "end"))
    return spots


def _label(drawing: Layout, edge: Edge, siblings: list[Edge], placed: list[Box]) -> str:
    """A branch's condition where its arrow parts from its siblings, clear of steps and other labels."""
    assert edge.label is not None
    width = text_width(edge.label) * (FONT - 1) / FONT
    spots = _label_spots(edge, _parting(edge, siblings))
    boxes = [(n.x, n.y, n.w, n.h) for n in drawing.nodes] + placed

    def box(spot: tuple[float, float, str]) -> Box:
        """The label's box at a spot."""
        x, y, anchor = spot
        return (x if anchor == "start" else x - width, y - FONT + 2, width, FONT)

    def clear(spot: tuple[float, float, str]) -> bool:
        """Whether the label at a spot overlaps no step, no other label and stays inside the drawing."""
        x, y, w, h = box(spot)
        inside = x >= 0 and x + w <= drawing.width and y >= HEADER
        return inside and not any(x < bx + bw and x + w > bx and y < by + bh and y + h > by for bx, by, bw, bh in boxes)

    spot = next((s for s in spots if clear(s)), spots[0])
    placed.append(box(spot))
    x, y, anchor = spot
    bx, by, bw, bh = box(spot)
    colour = LOOP if edge.loop else INK
    # A plain backing instead of a stroked halo: Chromium prints stroked text as Type 3 fonts.
    return (
        f'<rect x="{bx - 1:.1f}" y="{by:.1f}" width="{bw + 2:.1f}" height="{bh:.1f}" fill="#ffffff" opacity="0.85"/>'
        f'<text class="hb-edge-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT - 1}" '
        f'fill="{colour}">{escape(edge.label)}</text>'
    )


def svg(drawing: Layout, title: str) -> str:
    """The diagram as one line of inline SVG at its natural size (pages scroll it sideways if wide)."""
    width, height = math.ceil(drawing.width), math.ceil(drawing.height)
    lanes = []
    for index, name in enumerate(drawing.lanes):
        x = drawing.origin + index * drawing.lane_width
        fill = "#fafafa" if index % 2 else "#f1f3f4"
        lanes.append(
            f'<rect class="hb-lane" x="{x:.1f}" y="0" width="{drawing.lane_width:.1f}" height="{height}" '
            f'fill="{fill}" stroke="#cfd8dc"/><rect x="{x:.1f}" y="0" width="{drawing.lane_width:.1f}" '
            f'height="{HEADER}" fill="#cfd8dc"/><text class="hb-lane-title" x="{x + drawing.lane_width / 2:.1f}" '
            f'y="{HEADER / 2 + 5:.1f}" text-anchor="middle" font-size="{FONT}" font-weight="bold" fill="#263238">'
            f"{escape(name)}</text>"
        )
    placed: list[Box] = []  # labels are drawn last, over arrows, each clear of the steps and the others
    labels = [
        _label(drawing, e, [o for o in drawing.edges if o.source is e.source and o is not e], placed)
        for e in drawing.edges
        if e.label
    ]
    steps = sum(1 for node in drawing.nodes if node.kind is not None)
    described = (
        f"共{steps}个环节，{len(drawing.lanes)}条泳道：{'、'.join(drawing.lanes)}。每个环节是一个链接，"
        "读出它的泳道和下一步，并指向下方步骤表中的同一行；步骤表是本图的文字版。"
    )
    # A group, not an image: its steps are links a reader can reach. Lanes, arrows and their labels are
    # drawing only (the steps say what they show); the title and description name the whole.
    return (
        f'<svg class="hb-swimlane" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" font-family="sans-serif">'
        f"<title>{escape(title)}</title><desc>{escape(described)}</desc>"
        f'<g aria-hidden="true">{"".join(lanes)}{"".join(_edge(e) for e in drawing.edges)}</g>'
        f"{''.join(_node(drawing, n) for n in drawing.nodes)}"
        f'<g aria-hidden="true">{"".join(labels)}</g></svg>'
    )
