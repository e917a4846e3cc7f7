"""Glossary terms: a word names one term only, and see-also references resolve."""

from __future__ import annotations

from collections.abc import Iterator

from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.kinds.term.schema import Term
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def check_terms(model: Handbook) -> list[Problem]:
    """A term or alias names one term only, so search and tooltips stay unambiguous."""
    problems = []
    owner: dict[str, str] = {}
    for doc in model.terms.values():
        for index, word in enumerate([doc.meta.title, *doc.meta.aliases]):
            key: Loc = (*doc.loc, "title") if index == 0 else (*doc.loc, "aliases", index - 1)
            if word in owner and owner[word] != doc.meta.id:
                problems.append(doc.source.problem(key, f"'{word}' is already a term or alias of '{owner[word]}'"))
            owner.setdefault(word, doc.meta.id)
    return problems


def term_references(doc: Doc[Term]) -> Iterator[FieldRef]:
    """The see-also references of a term."""
    for i, text in enumerate(doc.meta.see):
        yield FieldRef(Ref("term", doc.meta.id), text, (*doc.loc, "see", i))
