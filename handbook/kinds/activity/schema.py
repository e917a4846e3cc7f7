"""Front matter of a special activity (activities/<id>.md, 第五篇)."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, Placed, RefText, Text


class ActivityMeta(Placed):
    """Front matter of a special activity (第五篇)."""

    aim: Text | None = None
    participants: list[Text] = Field(default_factory=list)
    schedule: Text | None = None
    evaluation: Text | None = None
    flows: list[Id] = Field(default_factory=list)
    related: list[RefText] = Field(default_factory=list)
