"""Binders: every include names a whole document that has a printed page."""

from __future__ import annotations

from collections.abc import Iterator

from handbook.core.problems import Problem, choices
from handbook.core.refs import Ref, RefSyntaxError, parse_ref
from handbook.kinds.binder.schema import Binder
from handbook.kinds.spec import FieldRef
from handbook.model.handbook import Doc, Handbook


def binder_references(doc: Doc[Binder]) -> Iterator[FieldRef]:
    """Every document a binder includes (unknown ones are reported as unresolved references)."""
    me = Ref("binder", doc.meta.id)
    for s, section in enumerate(doc.meta.sections):
        for i, text in enumerate(section.include):
            yield FieldRef(me, text, ("sections", s, "include", i))


def check_binders(model: Handbook) -> list[Problem]:
    """An include is a whole document with a page (or a term of the glossary), named once."""
    printable = sorted(spec.prefix for spec in model.kinds if spec.own_page or spec.object_anchor)
    printable.remove("binder")
    problems = []
    for doc in model.registry("binder").values():
        seen: set[Ref] = set()
        for s, section in enumerate(doc.meta.sections):
            for i, text in enumerate(section.include):
                loc = ("sections", s, "include", i)
                try:
                    ref = parse_ref(text)
                except RefSyntaxError:
                    continue  # reported with the references
                if ref.kind not in printable:
                    message = f"a binder prints whole documents: '{text}' is not one; kinds: {choices(printable)}"
                    problems.append(doc.source.problem(loc, message))
                elif ref.anchor:
                    message = f"a binder prints whole documents: write '{ref.kind}:{ref.id}' without '#{ref.anchor}'"
                    problems.append(doc.source.problem(loc, message))
                elif ref in seen:
                    problems.append(doc.source.problem(loc, f"'{text}' is already in this binder"))
                seen.add(ref)
    return problems
