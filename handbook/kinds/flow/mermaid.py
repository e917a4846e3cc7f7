"""Mermaid source of every flow (one subgraph per lane, long flows in parts, steps linking to their rows).

The site draws flows with its own swimlane layout (swimlane.py); the Mermaid text is published
beside each flow page for people who edit diagrams in other tools (draw.io and Mermaid Live read it).
"""

from __future__ import annotations

from handbook.kinds.flow.schema import Flow, Step, StepKind
from handbook.kinds.flow.swimlane import diagram_parts
from handbook.model.handbook import Handbook

# Characters that end or confuse a quoted Mermaid label; written as Mermaid entity codes.
# `%` too: Mermaid reads a `%%{init: …}%%` directive anywhere in the text, even inside a label.
_ENTITIES = {'"': "#quot;", "#": "#35;", ";": "#59;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;", "%": "#37;"}
_SHAPES = {
    StepKind.START: ('(["', '"])'),
    StepKind.END: ('(["', '"])'),
    StepKind.TASK: ('["', '"]'),
    StepKind.DECISION: ('{"', '"}'),
    StepKind.SUBFLOW: ('[["', '"]]'),
}


def label(text: str) -> str:
    """Escape text for use inside a double-quoted Mermaid label."""
    return "".join(_ENTITIES.get(char, char) for char in text.replace("\n", " "))


def node_id(step_id: str) -> str:
    """A Mermaid-safe node id; step ids never contain '_', so the mapping is one-to-one."""
    return "s_" + step_id.replace("-", "_")


def _node(step: Step) -> str:
    """One node line: id, shape and label."""
    opening, closing = _SHAPES[step.kind]
    return f"{node_id(step.id)}{opening}{label(step.label)}{closing}"


def flowchart(flow: Flow, model: Handbook, steps: list[Step] | None = None) -> str:
    """The Mermaid source of a flow (or of a run of its steps): one subgraph per lane, edges, clicks."""
    shown = flow.steps if steps is None else steps
    inside = {step.id for step in shown}
    numbers = {step.id: i for i, step in enumerate(flow.steps, start=1)}
    lines = ["flowchart TD"]
    lanes: dict[str | None, list[Step]] = {role: [] for role in flow.roles}
    for step in shown:
        lanes.setdefault(step.role, []).append(step)
    for number, (role, lane_steps) in enumerate(lanes.items()):
        if role is None:
            lines += [f"  {_node(step)}" for step in lane_steps]
        elif lane_steps:
            lines.append(f'  subgraph lane{number}["{label(model.actor_title(role))}"]')
            lines += [f"    {_node(step)}" for step in lane_steps]
            lines.append("  end")
    stubs: list[str] = []
    for step in shown:
        source = node_id(step.id)
        edges: list[tuple[str, str | None]] = [
            (target, None) for target in ([step.next] if isinstance(step.next, str) else step.next or [])
        ]
        edges += [(branch.next, branch.label) for branch in step.branches]
        for target, text in edges:
            arrow = f'-->|"{label(text)}"|' if text else "-->"
            if target in inside:
                lines.append(f"  {source} {arrow} {node_id(target)}")
            else:
                stub = "x_" + node_id(target)
                if stub not in stubs:
                    stubs.append(stub)
                    lines.append(f'  {stub}(("第{numbers[target]}步"))')
                    lines.append(f'  click {stub} href "#step-{target}"')
                lines.append(f"  {source} {arrow} {stub}")
    lines += [f'  click {node_id(step.id)} href "#step-{step.id}"' for step in shown]
    return "\n".join(lines) + "\n"


def flowchart_parts(flow: Flow, model: Handbook) -> list[tuple[str, str]]:
    """The Mermaid source of each part of a flow's diagram, as (caption, source), the parts as drawn."""
    return [(caption, flowchart(flow, model, steps)) for caption, steps in diagram_parts(flow)]


def mermaid_sources(model: Handbook) -> list[tuple[str, bytes]]:
    """Every flow's diagram as a Mermaid file beside its page (flows/<id>.mmd), to edit in other tools."""
    files = []
    for flow_id, doc in model.flows.items():
        if doc.meta.steps:
            parts = flowchart_parts(doc.meta, model)
            text = "\n".join(f"%% {caption}\n{source}" if caption else source for caption, source in parts)
            files.append((f"flows/{flow_id}.mmd", text.encode()))
    return files
