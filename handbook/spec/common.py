"""What every source schema shares: strict models, ids, texts, references, status and book placement."""

from __future__ import annotations

import datetime as dt
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
    """Where a document stands: in trial, in force, amended by a later one, repealed, or not yet written."""

    TRIAL = "试行"
    IN_FORCE = "施行"
    AMENDED = "已修改"
    REPEALED = "废止"
    TO_WRITE = "待补充"


class RevisionNote(Strict):
    """One revision of a document, in the organisation's words: when, what changed, who approved it."""

    date: dt.date = Field(description="the day the revision was decided (or took effect)")
    change: Text = Field(description="what changed, e.g. 第十一条：预交期由12个月改为6个月")
    approved: Text | None = Field(default=None, description="the meeting that approved it, e.g. 矿党委会第5次会议")


class Interval(Strict):
    """A review interval, e.g. `{months: 12}`."""

    months: int = Field(ge=1, le=120, description="months between two reviews")


class Placed(Strict):
    """Fields shared by every object that has a place in the book."""

    id: Id
    title: Text
    place: PlaceId = Field(description="id of a part, chapter or section in book.yaml, e.g. p6.c1.s1")
    page: int | None = Field(default=None, ge=1, description="page in the printed book; orders entries")
    status: Status
    owner: Id = Field(description="id of the unit that owns the document and reviews it")
    effective: dt.date | None = Field(default=None, description="the date it takes effect")
    reviewed: dt.date | None = Field(default=None, description="the date of its last review")
    review_by: dt.date | None = Field(default=None, description="the date by which its owner reviews it")
    review_every: Interval | None = Field(
        default=None, description="or: reviewed every so often after reviewed/effective"
    )
    supersedes: list[Id] = Field(default_factory=list, description="ids of the documents of the same kind it replaces")
    superseded_by: Id | None = Field(default=None, description="id of the document of the same kind replacing it")
    amends: list[Id] = Field(default_factory=list, description="ids of the documents of the same kind it amends")
    revisions: list[RevisionNote] = Field(
        default_factory=list,
        description="its revision record, oldest first: printed as 修订记录 (git gives only dates)",
    )
    tags: list[Text] = Field(default_factory=list)
    aliases: list[Text] = Field(
        default_factory=list, description="everyday names people use for it (found by search only)"
    )
    questions: list[Text] = Field(
        default_factory=list, description="questions people ask that it answers (found by search only)"
    )
