"""What binders and courses share: a selection of whole documents, each named once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from handbook.core.located import Loc
from handbook.core.problems import Problem, choices
from handbook.core.refs import Ref, RefSyntaxError, parse_ref
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def selection_problems(model: Handbook, doc: Doc[Any], what: str, items: Iterable[tuple[Loc, str]]) -> list[Problem]:
    """Each item is a whole document with a printed page (or a glossary term), named once in `doc`."""
    printable = sorted(
        spec.prefix for spec in model.kinds if (spec.own_page or spec.object_anchor) and not _selects(spec.prefix)
    )
    problems = []
    seen: set[Ref] = set()
    for loc, text in items:
        try:
            ref = parse_ref(text)
        except RefSyntaxError:
            continue  # reported with the references
        if ref.kind not in printable:
            message = f"a {what} takes whole documents: '{text}' is not one; kinds: {choices(printable)}"
            problems.append(doc.source.problem(loc, message))
        elif ref.anchor:
            message = f"a {what} takes whole documents: write '{ref.kind}:{ref.id}' without '#{ref.anchor}'"
            problems.append(doc.source.problem(loc, message))
        elif ref in seen:
            problems.append(doc.source.problem(loc, f"'{text}' is already in this {what}"))
        seen.add(ref)
    return problems


def _selects(prefix: str) -> bool:
    """Kinds that are selections themselves (a binder or a course never holds another)."""
    return prefix in ("binder", "course")
