"""Pydantic schema of every source kind: what a maintainer may write, field by field."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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


# --- book structure --------------------------------------------------------------------


class Section(Strict):
    """A section (节) of a chapter."""

    id: PlaceId
    title: Text
    page: int | None = None
    shows: Literal["duties", "visions"] | None = Field(
        default=None, description="a place whose pages are generated from the organisation sources"
    )


class Chapter(Section):
    """A chapter (章) of a part."""

    sections: list[Section] = []


class Part(Section):
    """A part (篇) of the book."""

    label: Text
    chapters: list[Chapter] = []


class Book(Strict):
    """The book's fixed structure: parts, chapters and sections."""

    title: Text
    parts: list[Part]


# --- regulations and activities (Markdown with front matter) ---------------------------


class RegulationMeta(Placed):
    """Front matter of a regulation."""

    issuer: Text
    effective: dt.date | None = None
    version: Text = "1.0"
    flows: list[Id] = []
    related: list[RefText] = []
    basis: list[Text] = Field(default=[], description="public rules this document rests on")
    notes: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _version_as_text(cls, data: object) -> object:
        """Accept `version: 2.0` written without quotes."""
        if isinstance(data, dict) and isinstance(data.get("version"), int | float):
            data = {**data, "version": str(data["version"])}
        return data


class ActivityMeta(Placed):
    """Front matter of a special activity (第五篇)."""

    aim: Text | None = None
    participants: list[Text] = []
    schedule: Text | None = None
    evaluation: Text | None = None
    flows: list[Id] = []
    related: list[RefText] = []


# --- flows -----------------------------------------------------------------------------


class StepKind(StrEnum):
    """The shape of a step in a flowchart."""

    START = "start"
    TASK = "task"
    DECISION = "decision"
    SUBFLOW = "subflow"
    END = "end"


class Branch(Strict):
    """A labelled exit of a decision."""

    label: Text
    next: Id


class Step(Strict):
    """One step of a flow."""

    id: Id
    label: Text
    kind: StepKind = StepKind.TASK
    role: Id | None = None
    next: Id | list[Id] | None = None
    branches: list[Branch] = []
    flow: Id | None = Field(default=None, description="for kind subflow: the flow this step runs")
    time: Text | None = Field(default=None, description="time limit, e.g. 公示不少于5个工作日")
    inputs: list[Text] = []
    records: list[Text] = []
    basis: list[RefText] = []
    note: Text | None = None

    def successors(self) -> list[str]:
        """Ids of the steps that may follow this one."""
        if self.next is None:
            nexts: list[str] = []
        elif isinstance(self.next, str):
            nexts = [self.next]
        else:
            nexts = list(self.next)
        return nexts + [branch.next for branch in self.branches]


class Flow(Placed):
    """A procedure, drawn as a flowchart with one lane per role."""

    summary: Text | None = None
    schedule: Text | None = Field(default=None, description="recurrence, e.g. 每月, 每季度")
    roles: list[Id] = Field(default=[], description="lanes, in display order: ids of roles or units")
    basis: list[RefText] = []
    steps: list[Step] = []


# --- organisation and glossary ----------------------------------------------------------


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
    aliases: list[Text] = Field(default=[], description="other names people use for it (found by search)")
    kind: UnitKind
    parent: Id | None = None
    status: Status = Status.IN_FORCE
    summary: Text | None = None
    duties: list[Text] = []
    vision: Text | None = None
    goals: list[Text] = []


class Role(Strict):
    """A post or a person's role, with its duties."""

    id: Id
    title: Text
    aliases: list[Text] = Field(default=[], description="other names people use for it (found by search)")
    unit: Id | None = Field(default=None, description="the unit the post belongs to")
    status: Status = Status.IN_FORCE
    summary: Text | None = None
    duties: list[Text] = []


class RoleList(Strict):
    """The file organisation/roles.yaml."""

    roles: list[Role]


class Term(Strict):
    """A glossary term."""

    id: Id
    title: Text
    aliases: list[Text] = []
    definition: Text
    see: list[RefText] = []


class Glossary(Strict):
    """The file glossary.yaml."""

    terms: list[Term]
