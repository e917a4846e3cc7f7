"""Closed periods stay as they were sealed: the chain is intact, and every input of their results unchanged.

The inputs are the recorded files (each sealed object, entry by entry), the rules and the roster
in force for the period (their digests) and the corrections sealed with it; recomputed from
them, the results must be those sealed. A correction recorded after the close waits, reported
as a warning, until an amendment seals it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handbook.assessment.ledger import (
    SEALED_KINDS,
    fingerprint,
    object_digest,
    period_objects,
    period_results,
    roster_digest,
    rules_digest,
    seal_digest,
)
from handbook.assessment.seal.schema import LEDGER_FORMAT, Seal
from handbook.core.located import Loc
from handbook.core.periods import Month, Quarter
from handbook.core.problems import Problem
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def _entry_loc(meta: Any, entry: str) -> Loc:
    """Where an entry of a recorded object stands in its file: a branch's item, or a top-level key."""
    kind, _, branch = entry.partition(" ")
    if kind == "branch":
        for key in ("scores", "evaluations"):
            for index, item in enumerate(getattr(meta, key, [])):
                if item.branch == branch:
                    return (key, index)
    return () if kind == "header" else (kind,)


def _chain(docs: list[Doc[Seal]]) -> list[Problem]:
    """Each seal's digest matches its contents and the seal before it."""
    problems, previous = [], None
    for doc in docs:
        seal = doc.meta
        if seal.previous != previous:
            message = "does not match the digest of the seal before it: the ledger was edited"
            problems.append(doc.source.problem((*doc.loc, "previous"), message))
        if seal_digest(seal) != seal.digest:
            message = "does not match what the seal records: the ledger was edited"
            problems.append(doc.source.problem((*doc.loc, "digest"), message))
        previous = seal.digest
    return problems


def _changes(model: Handbook, doc: Doc[Seal]) -> list[Problem]:
    """Every object the seal locks is still there, entry by entry as it was."""
    seal, problems = doc.meta, []
    when = f"after {seal.period} was closed on {seal.closed}"
    for key, sealed in seal.objects.items():
        kind, _, object_id = key.partition(":")
        target = model.registry(kind).get(object_id) if kind in SEALED_KINDS else None
        if target is None:
            problems.append(doc.source.problem((*doc.loc, "objects", key), f"{key} is sealed but gone: restore it"))
            continue
        if object_digest(target.meta) == sealed.digest:
            continue  # the usual case, checked without a digest per entry
        now = fingerprint(target.meta)
        then, current = sealed.by_entry(), now.by_entry()
        for name in list(then) + [name for name in current if name not in then]:
            before, after = then.get(name), current.get(name)
            if before == after:
                continue
            change = "added" if before is None else "removed" if after is None else "changed"
            message = f"the entry '{name}' was {change} {when}; a closed period takes only correction entries"
            problems.append(target.source.problem((*target.loc, *_entry_loc(target.meta, name)), message))
    return problems


def _format(docs: list[Doc[Seal]]) -> list[Problem]:
    """The ledger is written in the layout this engine reads."""
    if not docs:
        return []
    data = docs[0].source.data
    found = data.get("format") if isinstance(data, dict) else None
    if found == LEDGER_FORMAT:
        return []
    message = f"ledger format {found!r}; this engine writes and reads format {LEDGER_FORMAT}"
    return [docs[0].source.problem(("format",), message)]


def _inputs(model: Handbook, docs: list[Doc[Seal]]) -> list[Problem]:
    """For each seal: the rules and roster in force for its period as sealed, and the same results from them."""
    problems: list[Problem] = []
    sealed: dict[str, set[str]] = {}  # the corrections sealed so far, by period
    reported: set[str] = set()
    assessment = model.assessment
    for doc in docs:
        seal = doc.meta
        keys = sealed.setdefault(seal.period, set())
        keys |= {key for key in seal.objects if key.startswith("correction:")}
        when = f"after {seal.period} was sealed on {seal.closed}"
        changed = False
        if rules_digest(model, seal.period) != seal.rules:
            changed = True
            rules = next(
                (d for d in model.registry("rules").values() if d.meta is assessment.rules_for(seal.period)), None
            )
            if rules is not None and rules.path not in reported:
                reported.add(rules.path)
                message = (
                    f"changed {when}: a closed period keeps the rules it was computed with; "
                    "write a revision as a new rules file whose `effective` month follows the last closed one"
                )
                problems.append(rules.source.problem(rules.loc, message))
        if roster_digest(model, seal.period) != seal.roster:
            changed = True
            roster = next(iter(model.registry("branch").values()), None)
            if roster is not None and roster.path not in reported:
                reported.add(roster.path)
                message = (
                    f"the branches assessed in {seal.period} changed {when}: give a branch founded later a `start` "
                    "month, and one merged or dissolved an `end` month, instead of adding or removing it"
                )
                problems.append(roster.source.problem((), message))
        if changed:
            continue
        corrections = [c for c in assessment.corrections_of(seal.period) if f"correction:{c.id}" in keys]
        if period_results(model, seal.period, corrections) != seal.results:
            message = "the results recomputed from the sealed inputs differ from those sealed: the computation changed"
            problems.append(doc.source.problem((*doc.loc, "results"), message))
    return problems


def _pending(model: Handbook) -> list[Problem]:
    """A correction recorded after a period it bears on was closed: a warning until an amendment seals it there.

    A staff correction bears on its quarter and on each month taking staff scores from it: the
    quarter is amended first, then each month.
    """
    assessment = model.assessment
    waiting: dict[str, list[str]] = {}
    periods: list[Month | Quarter] = [*assessment.quarters, *assessment.months]
    for period in periods:
        for correction in assessment.pending(period):
            waiting.setdefault(correction.id, []).append(str(period))
    problems = []
    for correction_id, names in waiting.items():
        doc = model.registry("correction")[correction_id]
        closed = f"{names[0]} was" if len(names) == 1 else f"{', '.join(names)} were"
        commands = "`, then `".join(f"handbook assess close {name}" for name in names)
        message = f"recorded after {closed} closed: the published results change only once it is sealed (`{commands}`)"
        problems.append(replace(doc.source.problem(doc.loc, message), warning=True))
    return problems


def check_seals(model: Handbook) -> list[Problem]:
    """The chain, the sealed objects and inputs, and nothing new recorded for a closed period but corrections."""
    docs: list[Doc[Seal]] = list(model.registry("seal").values())
    problems = _format(docs) + _chain(docs) + _inputs(model, docs) + _pending(model)
    sealed: set[str] = set()
    closed: dict[str, Seal] = {}
    for doc in docs:
        problems += _changes(model, doc)
        sealed |= set(doc.meta.objects)
        closed.setdefault(doc.meta.period, doc.meta)
    for period, seal in closed.items():
        for key in period_objects(model, period):
            if key not in sealed and not key.startswith("correction:"):
                kind, _, object_id = key.partition(":")
                target = model.registry(kind)[object_id]
                message = f"recorded after {period} was closed on {seal.closed}; a closed period takes only corrections"
                problems.append(target.source.problem(target.loc, message))
    return problems
