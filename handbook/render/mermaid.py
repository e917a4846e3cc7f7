"""Mermaid flowcharts generated from flows, and the Markdown fence that carries them."""

from __future__ import annotations

import html

from handbook.model import Handbook
from handbook.schema import Flow, Step, StepKind

# Characters that end or confuse a quoted Mermaid label; written as Mermaid entity codes.
_ENTITIES = {'"': "#quot;", "#": "#35;", ";": "#59;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
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


def flowchart(flow: Flow, model: Handbook) -> str:
    """The Mermaid source of a flow: one subgraph per lane, edges, and clicks to the step rows."""
    lines = ["flowchart TD"]
    lanes: dict[str | None, list[Step]] = {role: [] for role in flow.roles}
    for step in flow.steps:
        lanes.setdefault(step.role, []).append(step)
    for number, (role, steps) in enumerate(lanes.items()):
        if role is None:
            lines += [f"  {_node(step)}" for step in steps]
            continue
        if not steps:
            continue
        lines.append(f'  subgraph lane{number}["{label(model.actor_title(role))}"]')
        lines += [f"    {_node(step)}" for step in steps]
        lines.append("  end")
    for step in flow.steps:
        source = node_id(step.id)
        targets = [step.next] if isinstance(step.next, str) else list(step.next or [])
        lines += [f"  {source} --> {node_id(target)}" for target in targets]
        lines += [f'  {source} -->|"{label(b.label)}"| {node_id(b.next)}' for b in step.branches]
    for step in flow.steps:
        lines.append(f'  click {node_id(step.id)} href "#step-{step.id}"')
    return "\n".join(lines) + "\n"


def fence(source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object) -> str:  # noqa: ARG001
    """Superfences formatter: a `pre.mermaid` that Material renders and search leaves out."""
    return f'<pre class="{css_class}" data-search-exclude><code>{html.escape(source)}</code></pre>'
