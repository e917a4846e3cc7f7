"""A course (courses/<id>.yaml): audience, hours, objectives, what it covers, sessions, self-test."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from handbook.spec.common import Id, RefText, Strict, Text


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
    covers: list[RefText] = Field(
        default_factory=list, description="what the session teaches, e.g. flow:fazhan-dangyuan"
    )


class QuestionType(StrEnum):
    """The question types of Chinese exam platforms."""

    SINGLE = "单选题"
    MULTIPLE = "多选题"
    TRUE_FALSE = "判断题"
    FILL = "填空题"


class SelfTest(Strict):
    """How the self-test is generated from what the course covers."""

    questions: int = Field(default=20, ge=1, le=200)
    seed: int = Field(default=1, description="the same seed gives the same questions and the same variants")
    variants: int = Field(default=2, ge=1, le=6, description="papers A, B …: the same questions in other orders")
    mix: dict[QuestionType, int] = Field(
        default_factory=dict,
        description="questions per type, e.g. {单选题: 8, 多选题: 3, 判断题: 5, 填空题: 4}, adding up to questions; "
        "default: 40 % 单选题, 15 % 多选题, 25 % 判断题, 20 % 填空题",
    )

    @model_validator(mode="after")
    def _mix_adds_up(self) -> SelfTest:
        """A mix names every question of the test."""
        if self.mix and sum(self.mix.values()) != self.questions:
            raise ValueError(f"mix adds up to {sum(self.mix.values())} questions, not {self.questions}")
        if any(count < 0 for count in self.mix.values()):
            raise ValueError("a count of the mix is negative")
        return self


class Course(Strict):
    """A party-school course."""

    id: Id
    title: Text = Field(description="e.g. 入党积极分子培训班")
    audience: Text
    hours: float = Field(gt=0, description="total 学时; the sessions add up to it")
    objectives: list[Text] = Field(min_length=1)
    basis: list[Text] = Field(
        default_factory=list, description="public rules the course follows, e.g. 《中国共产党发展党员工作细则》第十八条"
    )
    covers: list[RefText] = Field(
        default_factory=list, description="documents, flows, roles and terms the whole course covers"
    )
    sessions: list[Session] = Field(min_length=1)
    test: SelfTest = SelfTest()
    notes: Text | None = None
