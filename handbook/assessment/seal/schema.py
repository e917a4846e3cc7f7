"""A seal: the fingerprints of everything recorded for a period when it was closed, chained to the last."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from handbook.spec.common import Strict, Text

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# name=digest;… with a 12-digit digest per entry: one YAML scalar per object keeps a year of a
# large mine's ledger quick to read; the object's full digest is what protects it.
Entries = Annotated[str, StringConstraints(pattern=r"^[a-z0-9 -]+=[0-9a-f]{12}(;[a-z0-9 -]+=[0-9a-f]{12})*$")]


class Sealed(Strict):
    """The fingerprint of one source object, and a short one of each entry (to name what changed)."""

    digest: Digest
    entries: Entries

    def by_entry(self) -> dict[str, str]:
        """The short digest of each entry, by name."""
        return dict(item.split("=") for item in self.entries.split(";"))


class Seal(Strict):
    """One closing of a period, or an amendment of it (corrections sealed later), chained to the seal before it.

    It covers every input of the period's results: the recorded files (`objects`), the rules and
    the roster in force for it (digests), and the results themselves, as published.
    """

    period: Text
    closed: date
    by: Text
    previous: Digest | None = Field(description="the digest of the seal before (none for the first)")
    amends: Digest | None = Field(default=None, description="the earlier seal of the same period this one amends")
    objects: dict[str, Sealed] = Field(description="by kind and id, e.g. scores:2026-10-zuzhibu")
    rules: Digest = Field(description="the digest of the rules in force for the period")
    roster: Digest = Field(description="the digest of the branches and lines assessed in the period")
    results: dict[str, str] = Field(
        description="as published: a month's branches 'composite rank', its general branches 'score'; "
        "a quarter's staff scores"
    )
    digest: Digest = Field(description="sha256 of this seal's other fields, chaining it to the previous")

    @property
    def id(self) -> str:
        """A seal is named by the start of its digest."""
        return self.digest[:12]


# The ledger's layout: an engine that writes seals differently gives its ledgers another number.
LEDGER_FORMAT = 2


class Ledger(Strict):
    """The file assessment/ledger.yaml: seals, oldest first, appended by `handbook assess close`."""

    seals: list[Seal]  # first: the key of the list of objects (Source.list_key)
    format: Literal[2] = Field(description="the ledger's layout (LEDGER_FORMAT)")
