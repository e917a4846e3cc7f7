"""Where a swimlane diagram's steps stand: each in its role's lane, on a row, sized to its label.

Each role is a column headed by its title; each step sits in its role's column, on a row no
higher than the step before it, so the diagram reads top to bottom in the order of the flow. The
arrows are only listed here; swimlane_routes.py routes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handbook.kinds.flow.schema import Flow, Step, StepKind
from handbook.kinds.flow.swimlane_text import wrap
from handbook.model.handbook import Handbook

LINE = 18  # px between lines of a label
PAD = 8  # px inside a step's box
GAP = 40  # px between rows: room for arrows and their labels
HEADER = 40  # px: the lane titles
MIN_LANE, MAX_LANE = 150, 210  # px: lanes share the 688 px content column, within these bounds
MARGIN = 8  # px around the lanes: the outer lanes' borders and the arrows stay off the drawing's edge
LOOP_ROOM = 64  # px right of the lanes for the loops' labels
# px between a step's box and each border of its lane: the gutter where arrows run past the steps.
STEP_INSET = 12
DECISION_POINT = 14  # px a decision's hexagon narrows to its point on each side: no text fits there
# px: a stub is a small pill naming a step, not a step's box; this wide holds "返回第100步" on one line.
STUB_WIDTH = 96

Point = tuple[float, float]


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


def declared_roles(flow: Flow) -> list[str]:
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


def draft(flow: Flow, model: Handbook, shown: list[Step], roles: list[str], width: float, narrowest: float) -> Layout:
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
    inner = drawing.lane_width - 2 * STEP_INSET - 2 * PAD
    for node in drawing.nodes:
        width = inner - (2 * DECISION_POINT if node.kind is StepKind.DECISION else 0)
        node.lines = wrap(node.label, width)
        box = drawing.lane_width - 2 * STEP_INSET
        node.w = box if node.kind is not None else min(box, STUB_WIDTH)
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
