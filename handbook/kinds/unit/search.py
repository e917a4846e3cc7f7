"""The search document of a unit: its kind, summary, duties, vision and goals."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.unit.schema import Unit
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def unit_documents(model: Handbook, doc: Doc[Unit]) -> list[SearchDoc]:
    """One document per unit, found by its aliases and questions too."""
    unit, ref = doc.meta, Ref("unit", doc.meta.id)
    body = " ".join([unit.kind.value, unit.summary or "", *unit.duties, unit.vision or "", *unit.goals])
    aliases, questions = tuple(unit.aliases), tuple(unit.questions)
    return [
        SearchDoc(str(ref), "unit", unit.title, model.kinds.url_of(ref), body, aliases=aliases, questions=questions)
    ]
