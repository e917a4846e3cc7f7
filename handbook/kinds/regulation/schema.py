"""Front matter of a regulation (regulations/<id>.md)."""

from __future__ import annotations

from pydantic import Field, model_validator

from handbook.spec.common import Id, Placed, RefText, Text


class RegulationMeta(Placed):
    """Front matter of a regulation."""

    issuer: Text
    version: Text = "1.0"
    flows: list[Id] = Field(default_factory=list)
    related: list[RefText] = Field(default_factory=list)
    basis: list[Text] = Field(default_factory=list, description="public rules this document rests on")
    notes: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _version_as_text(cls, data: object) -> object:
        """Accept `version: 2.0` written without quotes."""
        if isinstance(data, dict) and isinstance(data.get("version"), int | float):
            data = {**data, "version": str(data["version"])}
        return data
