"""Search documents built from the model (not scraped from HTML): one per page, step and term."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.model import Doc, Handbook
from handbook.refs import Ref, find_markdown_refs, parse_ref
from handbook.render.links import anchor_of, page_of, page_url

TYPES = ("regulation", "flow", "step", "activity", "unit", "role", "term")
_MARKUP = re.compile(r"[*#>|`_]+|^\s*[-+]\s+|\{[^}]*\}|<[^>]+>", re.MULTILINE)


@dataclass(frozen=True)
class SearchDoc:
    """What the search index knows of one findable thing."""

    key: str  # the reference, e.g. flow:fazhan-dangyuan#vote
    type: str  # one of TYPES
    title: str
    url: str  # path of the page in the site, with anchor, relative to the site root
    body: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    part: str = ""
    tags: tuple[str, ...] = ()


def url_of(ref: Ref) -> str:
    """The site-relative URL of a reference (directory URLs, as MkDocs writes them)."""
    anchor = anchor_of(ref)
    return page_url(page_of(ref)) + (f"#{anchor}" if anchor else "")


def plain(model: Handbook, markdown: str) -> str:
    """Markdown as plain text: references replaced by their titles, markup removed."""
    out, last = [], 0
    for found in find_markdown_refs(markdown):
        start, end = found.span
        out += [markdown[last:start], found.label or model.title_of(parse_ref(found.ref_text))]
        last = end
    out.append(markdown[last:])
    return _MARKUP.sub(" ", "".join(out))


def _part(model: Handbook, place_id: str) -> str:
    """The title of the part (篇) a place belongs to."""
    place = model.places[place_id]
    while place.parent:
        place = model.places[place.parent]
    return f"{place.label} {place.title}"


def _placed(model: Handbook, ref: Ref, kind: str, doc: Doc, fields: list[str]) -> SearchDoc:  # type: ignore[type-arg]
    """The search document of a regulation or activity: its fields, then its Markdown body."""
    meta = doc.meta
    body = " ".join([*fields, plain(model, doc.body)])
    return SearchDoc(
        str(ref), kind, meta.title, url_of(ref), body, part=_part(model, meta.place), tags=tuple(meta.tags)
    )


def documents(model: Handbook) -> list[SearchDoc]:
    """Every searchable thing of the handbook."""
    docs: list[SearchDoc] = []
    for doc in model.regulations.values():
        meta = doc.meta
        docs.append(
            _placed(model, Ref("reg", meta.id), "regulation", doc, [meta.issuer, *meta.basis, meta.notes or ""])
        )
    for doc in model.activities.values():
        meta = doc.meta
        fields = [meta.aim or "", " ".join(meta.participants), meta.schedule or "", meta.evaluation or ""]
        docs.append(_placed(model, Ref("act", meta.id), "activity", doc, fields))
    for doc in model.flows.values():
        flow, ref = doc.meta, Ref("flow", doc.meta.id)
        roles = tuple(model.actor_title(r) for r in flow.roles if r in model.roles or r in model.units)
        steps = " ".join(f"{s.label} {s.time or ''} {' '.join(s.records)}" for s in flow.steps)
        body = " ".join([flow.summary or "", flow.schedule or "", steps])
        part = _part(model, flow.place)
        docs.append(
            SearchDoc(str(ref), "flow", flow.title, url_of(ref), body, roles=roles, part=part, tags=tuple(flow.tags))
        )
        for step in flow.steps:
            step_ref = Ref("flow", flow.id, step.id)
            owner = (model.actor_title(step.role),) if step.role else ()
            text = " ".join([flow.title, step.time or "", *step.inputs, *step.records, step.note or ""])
            docs.append(SearchDoc(str(step_ref), "step", step.label, url_of(step_ref), text, roles=owner, part=part))
    for doc in model.units.values():
        unit, ref = doc.meta, Ref("unit", doc.meta.id)
        body = " ".join([unit.kind.value, unit.summary or "", *unit.duties, unit.vision or "", *unit.goals])
        docs.append(SearchDoc(str(ref), "unit", unit.title, url_of(ref), body, aliases=tuple(unit.aliases)))
    for doc in model.roles.values():
        role, ref = doc.meta, Ref("role", doc.meta.id)
        owned = [step.label for _, _, step in model.steps_by_actor.get(role.id, [])]
        body = " ".join([role.summary or "", *role.duties, *owned])
        docs.append(
            SearchDoc(str(ref), "role", role.title, url_of(ref), body, aliases=tuple(role.aliases), roles=(role.title,))
        )
    for doc in model.terms.values():
        term, ref = doc.meta, Ref("term", doc.meta.id)
        docs.append(SearchDoc(str(ref), "term", term.title, url_of(ref), term.definition, aliases=tuple(term.aliases)))
    return docs
