"""A seal: the fingerprints of everything recorded for a period when it was closed, chained to the last."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from handbook.kinds.common import Strict, Text

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
ShortDigest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]


class Sealed(Strict):
    """The fingerprint of one source object, and of each of its entries (to name what changed)."""

    digest: Digest
    entries: dict[str, ShortDigest]


class Seal(Strict):
    """One closing of a period (or of corrections to it), chained to the seal before it."""

    period: Text
    closed: date
    by: Text
    previous: Digest | None = Field(description="the digest of the seal before (none for the first)")
    objects: dict[str, Sealed] = Field(description="by kind and id, e.g. scores:2026-10-zuzhibu")
    digest: Digest = Field(description="sha256 of this seal's other fields, chaining it to the previous")

    @property
    def id(self) -> str:
        """A seal is named by the start of its digest."""
        return self.digest[:12]


class Ledger(Strict):
    """The file assessment/ledger.yaml: seals, oldest first, appended by `handbook assess close`."""

    seals: list[Seal]
