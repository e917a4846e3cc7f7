"""Binders: every include names a whole document that has a printed page."""

from __future__ import annotations

from collections.abc import Iterator

from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.kinds.binder.schema import Binder
from handbook.kinds.selection import selection_problems
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def binder_references(doc: Doc[Binder]) -> Iterator[FieldRef]:
    """Every document a binder includes (unknown ones are reported as unresolved references)."""
    me = Ref("binder", doc.meta.id)
    for s, section in enumerate(doc.meta.sections):
        for i, text in enumerate(section.include):
            yield FieldRef(me, text, ("sections", s, "include", i))


def check_binders(model: Handbook) -> list[Problem]:
    """An include is a whole document with a page (or a term of the glossary), named once."""
    problems = []
    for doc in model.registry("binder").values():
        items = [
            (("sections", s, "include", i), text)
            for s, section in enumerate(doc.meta.sections)
            for i, text in enumerate(section.include)
        ]
        problems += selection_problems(model, doc, "binder", items)
    return problems
