"""Fingerprints of recorded results and the hash chain of seals that locks closed periods.

A seal holds the sha256 of each object recorded for a period (and a short digest of each of its
entries, so that a later change can be named by branch), and the digest of the seal before it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from handbook.assessment.seal.schema import Seal, Sealed
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


def seal_digest(period: str, closed: date, by: str, previous: str | None, objects: dict[str, Sealed]) -> str:
    """The digest that chains a seal: everything it says, and the digest of the seal before."""
    body = {
        "period": period,
        "closed": closed.isoformat(),
        "by": by,
        "previous": previous,
        "objects": {key: sealed.model_dump() for key, sealed in objects.items()},
    }
    return _sha256(body)


def seals(model: Handbook) -> list[Seal]:
    """The seals of the ledger, oldest first."""
    return [doc.meta for doc in model.registry("seal").values()]


def sealed_keys(model: Handbook) -> set[str]:
    """Every object some seal locks, as `kind:id`."""
    return {key for seal in seals(model) for key in seal.objects}


def period_objects(model: Handbook, period: str) -> dict[str, Any]:
    """Every recorded object of a period (month or quarter), as `kind:id` → its data."""
    return {
        f"{kind}:{object_id}": doc.meta
        for kind in SEALED_KINDS
        for object_id, doc in model.registry(kind).items()
        if doc.meta.period == period
    }


def head(model: Handbook) -> str | None:
    """The digest of the newest seal: publishing it lets anyone check a printout against the ledger."""
    chain = seals(model)
    return chain[-1].digest if chain else None


def new_seal(model: Handbook, period: str, closed: date, by: str) -> Seal | None:
    """The seal that closes `period` now: what was recorded for it and is not sealed yet (None if nothing)."""
    done = sealed_keys(model)
    objects = {key: fingerprint(meta) for key, meta in period_objects(model, period).items() if key not in done}
    if not objects:
        return None
    previous = head(model)
    digest = seal_digest(period, closed, by, previous, objects)
    return Seal(period=period, closed=closed, by=by, previous=previous, objects=objects, digest=digest)


def seal_yaml(seal: Seal) -> str:
    """The seal as a YAML list item, to be appended to the ledger (the file is never rewritten).

    Digests are quoted: a hex digest of digits only would otherwise read as a number.
    """
    lines = [
        f"  - period: {json.dumps(seal.period)}",
        f"    closed: {seal.closed.isoformat()}",
        f"    by: {json.dumps(seal.by, ensure_ascii=False)}",
        f"    previous: {json.dumps(seal.previous)}",
        "    objects:",
    ]
    for key, sealed in seal.objects.items():
        lines += [
            f"      {json.dumps(key)}:",
            f'        digest: "{sealed.digest}"',
            f'        entries: "{sealed.entries}"',
        ]
    lines.append(f'    digest: "{seal.digest}"')
    return "\n".join(lines) + "\n"
