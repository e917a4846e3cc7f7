"""The search document of a glossary term: its definition, found by its aliases too."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.term.schema import Term
from handbook.model.handbook import Doc, Handbook
from handbook.search.documents import SearchDoc


def term_documents(model: Handbook, doc: Doc[Term]) -> list[SearchDoc]:
    """One document per term."""
    term, ref = doc.meta, Ref("term", doc.meta.id)
    url = model.kinds.url_of(ref)
    return [SearchDoc(str(ref), "term", term.title, url, term.definition, aliases=tuple(term.aliases))]
