"""The search document of a regulation: issuer, basis and notes, then its articles."""

from __future__ import annotations

from handbook.model.handbook import Handbook, Regulation
from handbook.search.documents import placed_document
from handbook.spec.search import SearchDoc


def regulation_documents(model: Handbook, doc: Regulation) -> list[SearchDoc]:
    """One document for the whole regulation."""
    meta = doc.meta
    return [placed_document(model, "reg", doc, [meta.issuer, *meta.basis, meta.notes or ""])]
