"""One department's month (assessment/scores/<month>-<department>.yaml): deductions, vetoes, bonuses."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from handbook.assessment.rules.schema import Points
from handbook.core.periods import MonthText
from handbook.spec.common import Id, Strict, Text


class Deduction(Strict):
    """Points taken off one item, with the facts that justify it."""

    item: int = Field(ge=1, description="the item's number in the department's list")
    points: Points = Field(gt=0)
    reason: Text = Field(description="the facts: what, when, where")
    evidence: Text | None = Field(default=None, description="the record, photo or ledger that proves it")


class BranchScore(Strict):
    """A department's findings for one branch; no deductions means full points."""

    branch: Id
    deductions: list[Deduction] = Field(default_factory=list)


class VetoEntry(Strict):
    """A veto confirmed by the assessment leading group for one branch."""

    branch: Id
    veto: int = Field(ge=1, description="the number of the veto case in the rules")
    decision: Text = Field(description="the number of the leading group's decision")
    reason: Text


class BonusEntry(Strict):
    """Bonus points a department confirms for one branch."""

    branch: Id
    bonus: int = Field(ge=1, description="the number of the bonus item in the rules")
    points: Points = Field(gt=0)
    reason: Text


class Scores(Strict):
    """What one department recorded for one month; entered once, locked when the month is closed."""

    period: MonthText
    department: Id
    sample: bool = Field(default=False, description="generated sample data, labelled as such on every page")
    entered_by: Text = Field(description="the clerk who entered it (经办人)")
    reviewed_by: Text = Field(description="the head of department who checked it (审核人)")
    submitted: date
    scores: list[BranchScore]
    vetoes: list[VetoEntry] = Field(default_factory=list)
    bonuses: list[BonusEntry] = Field(default_factory=list)

    @property
    def id(self) -> str:
        """The file's name: month and department."""
        return f"{self.period}-{self.department}"

    def sealed_entries(self) -> dict[str, Any]:
        """The parts a seal fingerprints one by one, so a change is named by branch."""
        entries: dict[str, Any] = {"header": [self.period, self.department, self.entered_by, self.reviewed_by]}
        entries["header"].append(self.submitted.isoformat())
        for score in self.scores:
            entries[f"branch {score.branch}"] = score.model_dump(mode="json")
        entries["vetoes"] = [v.model_dump(mode="json") for v in self.vetoes]
        entries["bonuses"] = [b.model_dump(mode="json") for b in self.bonuses]
        return entries
