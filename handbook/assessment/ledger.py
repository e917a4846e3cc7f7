"""Fingerprints of recorded results and the hash chain of seals that locks closed periods.

A seal holds the sha256 of each object recorded for a period (and a short digest of each of its
entries, so that a later change can be named by branch), the digests of the rules and roster in
force for the period, the results as published, and the digest of the seal before it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from handbook.assessment.model import score
from handbook.assessment.seal.schema import Seal, Sealed
from handbook.core.periods import Month, Quarter, parse_period
from handbook.model.handbook import Handbook

# The kinds whose objects a seal locks; each object has `period` and `sealed_entries()`.
SEALED_KINDS = ("scores", "ranking", "staff", "correction")


def _canonical(data: Any) -> bytes:
    """One byte string per value, whatever the key order or formatting of the source."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _sha256(data: Any) -> str:
    """The hex sha256 of a value's canonical bytes."""
    return hashlib.sha256(_canonical(data)).hexdigest()


def object_digest(meta: Any) -> str:
    """The digest of a recorded object: all a check needs while the object is as it was sealed."""
    return _sha256(meta.sealed_entries())


def fingerprint(meta: Any) -> Sealed:
    """The digest of a recorded object and of each of its entries (to name a changed entry)."""
    entries = meta.sealed_entries()
    short = ";".join(f"{key}={_sha256(value)[:12]}" for key, value in entries.items())
    return Sealed(digest=_sha256(entries), entries=short)


def seal_digest(seal: Seal) -> str:
    """The digest that chains a seal: everything it says but its digest, and the digest of the seal before."""
    body = seal.model_dump(mode="json", exclude={"digest"})
    return _sha256(body)


# Settings of the rules that decide no result: where they come from, when records are due, and how long
# branches may appeal after a month is published (a longer window is no change to a published number).
UNSEALED_RULES = ("provenance", "deadlines", "appeal_days")


def rules_digest(model: Handbook, period: str) -> str:
    """The digest of the rules in force for a period: what their file says of the results (UNSEALED_RULES aside).

    The file's data, not the model's: an engine that adds an optional setting leaves it the same.
    """
    rules = model.assessment.rules_for(period)
    doc = next((d for d in model.registry("rules").values() if d.meta is rules), None)
    data = doc.source.data if doc is not None and isinstance(doc.source.data, dict) else {}
    return _sha256({key: value for key, value in data.items() if key not in UNSEALED_RULES})


def roster_digest(model: Handbook, period: str) -> str:
    """The digest of what the roster says of the branches assessed in a period: which, where, ranked by whom."""
    parsed = parse_period(period)
    month = parsed.last_month if isinstance(parsed, Quarter) else parsed
    assessment = model.assessment
    branches = [[b.id, b.general, b.line] for b in assessment.active(month).values()]
    return _sha256({"branches": branches, "lines": sorted(assessment.lines)})


def period_results(model: Handbook, period: str, corrections: list[Any]) -> dict[str, str]:
    """A period's results as a seal keeps them: a month's (with these corrections), or a quarter's staff scores."""
    assessment = model.assessment
    parsed = parse_period(period)
    if isinstance(parsed, Month):
        return assessment.sealed_results(assessment.compute(parsed, corrections))
    return {branch: score(value) for branch, value in assessment.quarter(parsed, corrections).items()}


def seals(model: Handbook) -> list[Seal]:
    """The seals of the ledger, oldest first."""
    return [doc.meta for doc in model.registry("seal").values()]


def period_objects(model: Handbook, period: str) -> dict[str, Any]:
    """Every recorded object of a period (month or quarter), as `kind:id` → its data.

    Its corrections are those bearing on its results: for a month, those of the staff evaluations
    it takes staff scores from as well (so each month an evaluation counts in is amended in turn).
    """
    objects = {
        f"{kind}:{object_id}": doc.meta
        for kind in SEALED_KINDS
        if kind != "correction"
        for object_id, doc in model.registry(kind).items()
        if doc.meta.period == period
    }
    return objects | {f"correction:{c.id}": c for c in model.assessment.corrections_of(period)}


def head(model: Handbook) -> str | None:
    """The digest of the newest seal: publishing it lets anyone check a printout against the ledger."""
    chain = seals(model)
    return chain[-1].digest if chain else None


def new_seal(model: Handbook, period: str, closed: date, by: str) -> Seal | None:
    """The seal that closes `period` now, or amends its closing with corrections recorded since (None if nothing new).

    It seals what was recorded for the period and is not sealed yet, and the results as they are
    then published: with every correction of the period.
    """
    earlier = model.assessment.seals_of(period)
    done = {key for seal in earlier for key in seal.objects}
    objects = {key: fingerprint(meta) for key, meta in period_objects(model, period).items() if key not in done}
    if not objects:
        return None
    corrections = model.assessment.corrections_of(period)
    seal = Seal(
        period=period,
        closed=closed,
        by=by,
        previous=head(model),
        amends=earlier[-1].digest if earlier else None,
        objects=objects,
        rules=rules_digest(model, period),
        roster=roster_digest(model, period),
        results=period_results(model, period, corrections),
        digest="0" * 64,
    )
    return seal.model_copy(update={"digest": seal_digest(seal)})


def seal_yaml(seal: Seal) -> str:
    """The seal as a YAML list item, to be appended to the ledger (the file is never rewritten).

    Digests are quoted: a hex digest of digits only would otherwise read as a number.
    """
    lines = [
        f"  - period: {json.dumps(seal.period)}",
        f"    closed: {seal.closed.isoformat()}",
        f"    by: {json.dumps(seal.by, ensure_ascii=False)}",
        f"    previous: {json.dumps(seal.previous)}",
        f"    amends: {json.dumps(seal.amends)}",
        "    objects:",
    ]
    for key, sealed in seal.objects.items():
        lines += [
            f"      {json.dumps(key)}:",
            f'        digest: "{sealed.digest}"',
            f'        entries: "{sealed.entries}"',
        ]
    lines += [f'    rules: "{seal.rules}"', f'    roster: "{seal.roster}"', "    results:"]
    lines += [f"      {json.dumps(key)}: {json.dumps(value)}" for key, value in seal.results.items()]
    lines.append(f'    digest: "{seal.digest}"')
    return "\n".join(lines) + "\n"
