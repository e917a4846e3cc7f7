"""A flow (flows/<id>.yaml): lanes, steps, decisions, sub-flows, time limits, records, basis."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handbook.spec.common import Id, Placed, RefText, Strict, Text


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
    branches: list[Branch] = Field(default_factory=list)
    flow: Id | None = Field(default=None, description="for kind subflow: the flow this step runs")
    time: Text | None = Field(default=None, description="time limit, e.g. 公示不少于5个工作日")
    inputs: list[Text] = Field(default_factory=list)
    records: list[Text] = Field(default_factory=list)
    basis: list[RefText] = Field(default_factory=list)
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


class Every(StrEnum):
    """How often a dated event of a flow recurs."""

    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Of(StrEnum):
    """Which period the due day falls in: the period itself, or the one after (次月5日前)."""

    THIS = "this"
    NEXT = "next"


class RestDay(StrEnum):
    """Where a due day on a weekend or a public holiday moves: to a working day before it, or after it."""

    EARLIER = "earlier"  # 提前: the deadline is still met
    LATER = "later"  # 顺延: only where the rule says so (遇法定节假日顺延)


class Cadence(Strict):
    """A dated event of a flow for the compliance calendar, e.g. 次月5日前: every month, day 5, of next."""

    event: Text = Field(description="what falls due, e.g. 支部委员会")
    every: Every
    month: int | None = Field(
        default=None, description="for every: year, the month (1-12); for every: quarter, its month (1-3)"
    )
    day: int | None = Field(
        default=None,
        description="the day due: of the month (1-31), or of the week (1 Monday … 7 Sunday); default: the last",
    )
    of: Of = Field(default=Of.THIS, description="next: the day falls in the following period (次月5日前)")
    role: Id | None = Field(default=None, description="who acts: a role or unit (default: the flow's owner)")
    rest_day: RestDay = Field(
        default=RestDay.EARLIER,
        description="a due day on a weekend or public holiday moves to the working day before (earlier), "
        "or after it (later: where the rule says 遇节假日顺延)",
    )


class Flow(Placed):
    """A procedure, drawn as a flowchart with one lane per role."""

    summary: Text | None = None
    schedule: Text | None = Field(default=None, description="recurrence as prose, e.g. 每月, 每季度")
    cadence: list[Cadence] = Field(default_factory=list, description="the dated events of the compliance calendar")
    roles: list[Id] = Field(default_factory=list, description="lanes, in display order: ids of roles or units")
    basis: list[RefText] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
