"""Cross-functional (swimlane) flowcharts drawn at build time as SVG: lanes as columns, work flowing down.

A flow's diagram, or its parts when long, each placed (swimlane_layout.py), routed
(swimlane_routes.py) and drawn (swimlane_draw.py), with the order of its lanes chosen, kept
between builds, and narrowed for paper when too wide. Lanes keep the order the flow declares
unless swapping two neighbours removes crossings. No script draws anything in the reader's
browser, and the PDF shows the same SVG.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from handbook.core.cache import digest
from handbook.kinds.flow.schema import Flow, Step
from handbook.kinds.flow.swimlane_draw import svg
from handbook.kinds.flow.swimlane_layout import MIN_LANE, Layout, declared_roles, draft
from handbook.kinds.flow.swimlane_routes import finish, routing, routing_orders
from handbook.model.handbook import Handbook

COLUMN = 688  # px: the content column of a 1280 px window (Material)
# On paper (export/print/diagrams.py) a drawing up to PRINT_WIDTH px fits a landscape A4 with its
# smallest text at 7 pt; a wider flow gets a second drawing for print, its lanes narrowed to fit.
PRINT_WIDTH, PRINT_MIN_LANE = 1430, 96
# Rounds of narrowing a print drawing: each shrinks the lanes' room by what was still too wide (the
# channels beside the lanes do not shrink with them, so one round may fall short).
PRINT_ROUNDS = 3
# Crossings a diagram keeps without trying other orders of its lanes: in the sample the search
# removed no single crossing and would only lengthen every cold build (measured in
# docs/guide/benchmarks.md, 泳道图代码里的取舍).
KEPT_CROSSINGS = 1
# Routing orders a swap of lanes is first judged by (shortest arrows first, then longest first): a
# quick estimate, so that only the most promising swap is routed in every order.
ESTIMATE_ORDERS = 2


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


# Part of every drawing's cache key: the text of the modules that draw (this one and its
# swimlane_*.py siblings), so any change to the drawing code draws everything afresh, and no one
# has to remember to bump a version.
DRAWING_VERSION = digest(
    *(path.read_text(encoding="utf-8") for path in sorted(Path(__file__).parent.glob("swimlane*.py")))
)


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
    for _ in range(PRINT_ROUNDS):
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
    declared = declared_roles(flow)
    drawing = draft(flow, model, shown, declared, width, narrowest)
    count, router = routing(drawing, routing_orders(drawing))
    if count > KEPT_CROSSINGS:
        # Each swap is first judged by routing in the first few orders only, which is quick; the most
        # promising one is routed in full and kept only if it crosses strictly less.
        drafts = [draft(flow, model, shown, roles, width, narrowest) for roles in _moves(declared)]
        estimate, best = min(
            (
                (routing(other, itertools.islice(routing_orders(other), ESTIMATE_ORDERS))[0], i)
                for i, other in enumerate(drafts)
            ),
            default=(count, 0),
        )
        if estimate < count:
            found, routed = routing(drafts[best], routing_orders(drafts[best]))
            if found < count:
                drawing, router = drafts[best], routed
    finish(drawing, router)
    return drawing


def _moves(roles: list[str]) -> list[list[str]]:
    """The other orders of the lanes reached by swapping two neighbouring lanes."""
    return [[*roles[:lane], roles[lane + 1], roles[lane], *roles[lane + 2 :]] for lane in range(len(roles) - 1)]
