"""Everyday names (aliases) that name two unrelated pages: a reader typing one would get either."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def _key(word: str) -> str:
    """A name as it is compared: case and spaces do not make two names."""
    return "".join(word.casefold().split())


def _named(model: Handbook) -> Iterator[tuple[Ref, Doc[Any]]]:
    """Every object that people call by everyday names (its `aliases`), kind by kind, in file order."""
    for spec in model.kinds:
        for doc in model.registry(spec.prefix).values():
            if isinstance(getattr(doc.meta, "aliases", None), list):
                yield Ref(spec.prefix, doc.meta.id), doc


def _related(model: Handbook) -> set[frozenset[Ref]]:
    """The pairs of objects that belong together: one refers to the other, owns it, or names it as a lane or post."""
    pairs = {frozenset((use.source.target, use.target.target)) for use in model.uses}
    for spec in model.kinds:
        for doc in model.registry(spec.prefix).values():
            ref, meta = Ref(spec.prefix, doc.meta.id), doc.meta
            actors = [getattr(meta, "owner", None), getattr(meta, "unit", None), *getattr(meta, "roles", [])]
            actors += [step.role for step in getattr(meta, "steps", [])]
            for actor in filter(None, actors):
                kind = "unit" if actor in model.units else "role"
                pairs.add(frozenset((ref, Ref(kind, actor))))
    return pairs


def alias_problems(model: Handbook) -> list[Problem]:
    """An alias that also names another, unrelated object (as its title or an alias), as a warning at the alias.

    Two aliases alike are reported at the second; names shared by related objects (a flow and the
    regulation it rests on, a unit and its posts) are fine, and glossary terms among themselves are
    checked by the term kind.
    """
    titles: dict[str, list[Ref]] = {}
    for ref, doc in _named(model):
        titles.setdefault(_key(doc.meta.title), []).append(ref)
    related = _related(model)
    given: dict[str, list[Ref]] = {}  # the objects given each alias so far
    problems = []
    for ref, doc in _named(model):
        for index, alias in enumerate(doc.meta.aliases):
            word = _key(alias)
            others = [*titles.get(word, []), *given.get(word, [])]
            clash = next(
                (o for o in others if o != ref and frozenset((o, ref)) not in related and not _terms(o, ref)), None
            )
            given.setdefault(word, []).append(ref)
            if clash is not None:
                loc: Loc = (*doc.loc, "aliases", index)
                message = (
                    f"'{alias}' also names {model.title_of(clash)} ({clash}), which is unrelated: search lists both; "
                    "keep it on one, or link the two (related, basis, see)"
                )
                problems.append(replace(doc.source.problem(loc, message), warning=True))
    return problems


def _terms(one: Ref, other: Ref) -> bool:
    """Whether both are glossary terms, whose names the term kind keeps apart itself."""
    return one.kind == other.kind == "term"
