"""A laid-out swimlane diagram drawn as one line of inline SVG: lanes, steps, arrows and their labels.

Loop-backs are dashed and red; each step links to its row in the step table and says, for a
screen reader, its lane and where its arrows lead. No script draws anything in the reader's
browser, and the PDF shows the same SVG.
"""

from __future__ import annotations

import math

from handbook.core.html import escape
from handbook.kinds.flow.schema import StepKind
from handbook.kinds.flow.swimlane_layout import DECISION_POINT, HEADER, LINE, Edge, Layout, Node, Point
from handbook.kinds.flow.swimlane_routes import segments
from handbook.kinds.flow.swimlane_text import FONT, text_width

Box = tuple[float, float, float, float]  # x, y, width, height


# Colours are attributes, not classes: the drawing looks the same in the site, the file:// copy,
# the PDF and anywhere it is pasted, and it defines no ids that could collide in a printed book.
INK = "#37474f"  # the outlines and forward arrows: dark blue-grey, softer than black
LOOP = "#b71c1c"  # loop-backs and their labels: red, so going back stands out
TEXT_INK = "#212121"  # the steps' labels: near black
PAPER = "#ffffff"  # a task's box and the backing of an arrow's label
LANE_FILLS = ("#f1f3f4", "#fafafa")  # the lanes alternate two light greys, so each column reads as one
LANE_LINE = "#cfd8dc"  # the lanes' borders and the band of their titles
TITLE_INK = "#263238"  # the lanes' titles: darker than the band they stand on
STUB_DASH = "4 3"  # px drawn, px left out: a stub's outline, lighter than a step's
# Each kind of step its fill, all light so the dark text stays legible: start and end green,
# decisions amber, sub-flows blue, stubs (steps drawn in another part) grey and dashed.
_FILL = {
    StepKind.START: f'fill="#e8f5e9" stroke="{INK}"',
    StepKind.END: f'fill="#e8f5e9" stroke="{INK}"',
    StepKind.TASK: f'fill="{PAPER}" stroke="{INK}"',
    StepKind.DECISION: f'fill="#fff8e1" stroke="{INK}"',
    StepKind.SUBFLOW: f'fill="#e3f2fd" stroke="{INK}"',
    None: f'fill="#f5f5f5" stroke="{INK}" stroke-dasharray="{STUB_DASH}"',
}
CORNER = 4  # px: the rounding of a task's corners, enough to look soft, too little to look like a stadium
# px from each side of a sub-flow's box to its inner line (the flowchart symbol of a predefined process)
SUBFLOW_BAR = 7
BASELINE = 0.35  # of FONT: from a line's middle down to its baseline, so the text looks centred

EDGE_STROKE = 1.5  # px: thicker than the boxes' outlines (1 px), so arrows read as arrows
LOOP_DASH = "6 4"  # px drawn, px left out: a loop-back's dashes, longer than a stub's
HEAD_LENGTH = 9  # px from an arrowhead's tip back to its base
HEAD_HALF_WIDTH = 4.5  # px from an arrowhead's axis to each corner of its base: a narrow head

LABEL_FONT = FONT - 1  # px: a branch's label, a size smaller than the steps' text so they are not confused
LABEL_SIDE = 4  # px between a vertical run and a label beside it
LABEL_DROP = 14  # px from a vertical run's top down to the baseline of a label beside it: one line's room
LABEL_START = 6  # px along a level run from where it starts to a label above it: clear of the turn
LABEL_RISE = 5  # px from a level run up to a label's baseline: clear of the stroke and the arrowhead
LABEL_DESCENT = 2  # px a label's box reaches below its baseline (descenders, the comma's tail)
BACKING_BLEED = 1  # px the white backing reaches past a label on each side
BACKING_OPACITY = 0.85  # an arrow under a label shows through faintly, so it still reads as one line
TITLE_DROP = 5  # px from the header's middle down to a lane title's baseline: about FONT * BASELINE


def _shape(node: Node) -> str:
    """The outline of a node: box, hexagon (decision), stadium (start, end), double-sided box (sub-flow)."""
    x, y, w, h = node.x, node.y, node.w, node.h
    if node.kind is StepKind.DECISION:
        k = min(DECISION_POINT, h / 2)
        points = [(x + k, y), (x + w - k, y), (x + w, y + h / 2), (x + w - k, y + h), (x + k, y + h), (x, y + h / 2)]
        return f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" {_FILL[node.kind]}/>'
    radius = h / 2 if node.kind in (StepKind.START, StepKind.END, None) else CORNER
    box = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius:.1f}" {_FILL[node.kind]}/>'
    if node.kind is StepKind.SUBFLOW:
        left, right = x + SUBFLOW_BAR, x + w - SUBFLOW_BAR
        box += f'<path d="M{left:.1f} {y:.1f}V{y + h:.1f}M{right:.1f} {y:.1f}V{y + h:.1f}" stroke="{INK}"/>'
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
    first = node.cy - (len(node.lines) - 1) * LINE / 2 + FONT * BASELINE
    text = "".join(
        f'<text x="{node.cx:.1f}" y="{first + i * LINE:.1f}" text-anchor="middle" font-size="{FONT}" fill="{TEXT_INK}">'
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
    back, half = HEAD_LENGTH, HEAD_HALF_WIDTH
    points = [
        (x, y),
        (x - dx * back - dy * half, y - dy * back - dx * half),
        (x - dx * back + dy * half, y - dy * back + dx * half),
    ]
    return f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in points)}" fill="{colour}"/>'


def _parting(edge: Edge, siblings: list[Edge]) -> int:
    """The first run of an arrow that it does not share with another arrow leaving the same step."""
    runs = segments(edge.points)
    for index, run in enumerate(runs):
        if not any(index < len(segments(other.points)) and segments(other.points)[index] == run for other in siblings):
            return index
    return len(runs) - 1


def _edge(edge: Edge) -> str:
    """An arrow: its path and its head."""
    d = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in edge.points)
    kind, colour = ("loop", LOOP) if edge.loop else ("forward", INK)
    dash = f' stroke-dasharray="{LOOP_DASH}"' if edge.loop else ""
    return (
        f'<path class="hb-edge hb-{kind}" data-from="{edge.source.id}" data-to="{edge.target.id}" d="{d}" '
        f'fill="none" stroke="{colour}" stroke-width="{EDGE_STROKE}"{dash}/>'
        f"{_head(edge.points[-1], edge.points[-2], colour)}"
    )


def _label_spots(edge: Edge, start: int) -> list[tuple[float, float, str]]:
    """Where a branch's label may stand (x, baseline, anchor): along each run from where it parts, in order."""
    spots = []
    for (x1, y1), (x2, y2) in segments(edge.points)[start:]:
        if x1 == x2:  # a vertical run: beside it, near its top
            top = min(y1, y2)
            spots += [(x1 + LABEL_SIDE, top + LABEL_DROP, "start"), (x1 - LABEL_SIDE, top + LABEL_DROP, "end")]
        else:  # a level run: above it, from where it starts
            spots.append(
                (x1 + (LABEL_START if x2 > x1 else -LABEL_START), y1 - LABEL_RISE, "start" if x2 > x1 else "end")
            )
    return spots


def _label(drawing: Layout, edge: Edge, siblings: list[Edge], placed: list[Box]) -> str:
    """A branch's condition where its arrow parts from its siblings, clear of steps and other labels."""
    assert edge.label is not None
    width = text_width(edge.label) * LABEL_FONT / FONT
    spots = _label_spots(edge, _parting(edge, siblings))
    boxes = [(n.x, n.y, n.w, n.h) for n in drawing.nodes] + placed

    def box(spot: tuple[float, float, str]) -> Box:
        """The label's box at a spot."""
        x, y, anchor = spot
        return (x if anchor == "start" else x - width, y - FONT + LABEL_DESCENT, width, FONT)

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
        f'<rect x="{bx - BACKING_BLEED:.1f}" y="{by:.1f}" width="{bw + 2 * BACKING_BLEED:.1f}" height="{bh:.1f}" '
        f'fill="{PAPER}" opacity="{BACKING_OPACITY}"/>'
        f'<text class="hb-edge-label" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{LABEL_FONT}" '
        f'fill="{colour}">{escape(edge.label)}</text>'
    )


def svg(drawing: Layout, title: str) -> str:
    """The diagram as one line of inline SVG at its natural size (pages scroll it sideways if wide)."""
    width, height = math.ceil(drawing.width), math.ceil(drawing.height)
    lanes = []
    for index, name in enumerate(drawing.lanes):
        x = drawing.origin + index * drawing.lane_width
        fill = LANE_FILLS[index % 2]
        lanes.append(
            f'<rect class="hb-lane" x="{x:.1f}" y="0" width="{drawing.lane_width:.1f}" height="{height}" '
            f'fill="{fill}" stroke="{LANE_LINE}"/><rect x="{x:.1f}" y="0" width="{drawing.lane_width:.1f}" '
            f'height="{HEADER}" fill="{LANE_LINE}"/><text class="hb-lane-title" x="{x + drawing.lane_width / 2:.1f}" '
            f'y="{HEADER / 2 + TITLE_DROP:.1f}" text-anchor="middle" font-size="{FONT}" font-weight="bold" '
            f'fill="{TITLE_INK}">'
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
