"""Closed periods stay as they were sealed: the chain is intact and every sealed object unchanged."""

from __future__ import annotations

from typing import Any

from handbook.assessment.ledger import SEALED_KINDS, fingerprint, object_digest, period_objects, seal_digest
from handbook.assessment.seal.schema import Seal
from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.model.handbook import Doc, Handbook


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
        if seal_digest(seal.period, seal.closed, seal.by, seal.previous, seal.objects) != seal.digest:
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


def check_seals(model: Handbook) -> list[Problem]:
    """The chain, the sealed objects, and nothing new recorded for a closed period but corrections."""
    docs: list[Doc[Seal]] = list(model.registry("seal").values())
    problems = _chain(docs)
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
