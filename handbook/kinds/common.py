"""What every source schema shares: strict models, ids, texts, references, status and book placement."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
PlaceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
RefText = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]+:[^\s]+$")]


class Strict(BaseModel):
    """Base of all source models: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Status(StrEnum):
    """Where a document stands: in trial, in force, repealed, or not yet written."""

    TRIAL = "试行"
    IN_FORCE = "施行"
    REPEALED = "废止"
    TO_WRITE = "待补充"


class Placed(Strict):
    """Fields shared by every object that has a place in the book."""

    id: Id
    title: Text
    place: Text = Field(description="id of a part, chapter or section in book.yaml, e.g. p6.c1.s1")
    page: int | None = Field(default=None, ge=1, description="page in the printed book; orders entries")
    status: Status
    owner: Id | None = Field(default=None, description="id of the unit that owns the document")
    tags: list[Text] = []
