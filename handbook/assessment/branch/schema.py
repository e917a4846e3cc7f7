"""A general branch or branch of the roster (assessment/branches.yaml)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from handbook.core.periods import MonthText
from handbook.spec.common import Id, Strict, Text


class BranchKind(StrEnum):
    """What a roster entry is: a general branch groups branches; branches are assessed."""

    GENERAL = "党总支"
    BRANCH = "党支部"


class TeamKind(StrEnum):
    """The administrative unit a branch is attached to."""

    TEAM = "区队"
    OFFICE = "科室"


class Branch(Strict):
    """A concrete party organisation of the mine."""

    id: Id
    title: Text
    kind: BranchKind
    general: Id | None = Field(default=None, description="the general branch a branch belongs to")
    team: Text | None = Field(default=None, description="the 区队 or 科室 a branch is attached to")
    team_kind: TeamKind | None = None
    line: Id | None = Field(default=None, description="the line whose leader ranks the branch")
    members: int | None = Field(default=None, ge=1, description="party members")
    start: MonthText | None = Field(default=None, description="the first month it is assessed (founded mid-year)")
    end: MonthText | None = Field(default=None, description="the last month it is assessed (merged or dissolved)")

    def active(self, month: str) -> bool:
        """Whether it is assessed in `month` (YYYY-MM: such texts order as the months do)."""
        return (self.start is None or self.start <= month) and (self.end is None or month <= self.end)


class BranchList(Strict):
    """The file assessment/branches.yaml."""

    branches: list[Branch]
