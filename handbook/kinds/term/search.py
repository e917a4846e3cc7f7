"""The search document of a glossary term: its definition, found by its aliases and questions too."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.term.schema import Term
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def term_documents(model: Handbook, doc: Doc[Term]) -> list[SearchDoc]:
    """One document per term."""
    term, ref = doc.meta, Ref("term", doc.meta.id)
    aliases, questions = tuple(term.aliases), tuple(term.questions)
    return [
        SearchDoc(
            str(ref), "term", term.title, model.kinds.url_of(ref), term.definition, aliases=aliases, questions=questions
        )
    ]
