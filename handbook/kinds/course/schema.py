"""A course (courses/<id>.yaml): audience, hours, objectives, what it covers, sessions, self-test."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handbook.kinds.common import Id, RefText, Strict, Text


class SessionKind(StrEnum):
    """How a session is taught."""

    LECTURE = "讲授"
    SELF_STUDY = "自学"
    DISCUSSION = "研讨"
    PRACTICE = "实践"
    EXAM = "考试"


class Session(Strict):
    """One session of a course."""

    title: Text
    kind: SessionKind = SessionKind.LECTURE
    hours: float = Field(gt=0, description="学时")
    covers: list[RefText] = Field(default=[], description="what the session teaches, e.g. flow:fazhan-dangyuan")


class SelfTest(Strict):
    """How the self-test is generated from what the course covers."""

    questions: int = Field(default=20, ge=1, le=200)
    seed: int = Field(default=1, description="the same seed gives the same questions")


class Course(Strict):
    """A party-school course."""

    id: Id
    title: Text = Field(description="e.g. 入党积极分子培训班")
    audience: Text
    hours: float = Field(gt=0, description="total 学时; the sessions add up to it")
    objectives: list[Text] = Field(min_length=1)
    basis: list[Text] = Field(
        default=[], description="public rules the course follows, e.g. 《中国共产党发展党员工作细则》第十八条"
    )
    covers: list[RefText] = Field(default=[], description="documents, flows, roles and terms the whole course covers")
    sessions: list[Session] = Field(min_length=1)
    test: SelfTest = SelfTest()
    notes: Text | None = None
