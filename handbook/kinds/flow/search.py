"""Search documents of a flow: the flow itself (found by its everyday names and questions too), and each step."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Flow
from handbook.model.handbook import Handbook
from handbook.search.documents import STEP, part_of
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def flow_documents(model: Handbook, doc: Doc[Flow]) -> list[SearchDoc]:
    """The flow's document, then one per step."""
    flow, ref = doc.meta, Ref("flow", doc.meta.id)
    roles = tuple(model.actor_title(r) for r in flow.roles if r in model.roles or r in model.units)
    steps = " ".join(f"{s.label} {s.time or ''} {' '.join(s.records)}" for s in flow.steps)
    body = " ".join([flow.summary or "", flow.schedule or "", steps])
    part = part_of(model, flow.place)
    url = model.kinds.url_of
    status = flow.status.value
    tags = tuple(flow.tags)
    aliases, questions = tuple(flow.aliases), tuple(flow.questions)
    found = [
        SearchDoc(
            str(ref),
            "flow",
            flow.title,
            url(ref),
            body,
            aliases=aliases,
            questions=questions,
            roles=roles,
            part=part,
            tags=tags,
            status=status,
        )
    ]
    for step in flow.steps:
        step_ref = Ref("flow", flow.id, step.id)
        owner = (model.actor_title(step.role),) if step.role else ()
        text = " ".join([flow.title, step.time or "", *step.inputs, *step.records, step.note or ""])
        found.append(
            SearchDoc(str(step_ref), STEP, step.label, url(step_ref), text, roles=owner, part=part, status=status)
        )
    return found
