"""A flow (flows/<id>.yaml): lanes, steps, decisions, sub-flows, time limits, records, basis."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handbook.kinds.common import Id, Placed, RefText, Strict, Text


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
