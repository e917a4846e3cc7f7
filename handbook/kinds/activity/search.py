"""The search document of a special activity: aim, participants, schedule and evaluation, then its text."""

from __future__ import annotations

from handbook.kinds.activity.schema import ActivityMeta
from handbook.model.handbook import Handbook
from handbook.search.documents import placed_document
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def activity_documents(model: Handbook, doc: Doc[ActivityMeta]) -> list[SearchDoc]:
    """One document for the whole activity."""
    meta = doc.meta
    fields = [meta.aim or "", " ".join(meta.participants), meta.schedule or "", meta.evaluation or ""]
    return [placed_document(model, "act", doc, fields)]
