"""A unit of the organisation (organisation/units/<id>.yaml): duties, vision and goals."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handbook.spec.common import Id, RevisionNote, Status, Strict, Text


class UnitKind(StrEnum):
    """The kinds of unit in the party organisation."""

    COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    GROUP = "党小组"
    DEPARTMENT = "党群部门"
    MEETING = "会议"
    EXTERNAL = "上级组织"


class Unit(Strict):
    """A unit of the organisation, with its duties, vision and goals."""

    id: Id
    title: Text
    aliases: list[Text] = Field(default_factory=list, description="other names people use for it (found by search)")
    questions: list[Text] = Field(
        default_factory=list, description="questions people ask that it answers (found by search only)"
    )
    kind: UnitKind
    parent: Id | None = None
    status: Status = Status.IN_FORCE
    summary: Text | None = None
    duties: list[Text] = Field(default_factory=list)
    vision: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    revisions: list[RevisionNote] = Field(
        default_factory=list, description="its revision record, oldest first (修订记录)"
    )
