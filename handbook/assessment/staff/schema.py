"""One department's staff evaluations of a quarter (assessment/staff/<quarter>-<department>.yaml)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from handbook.assessment.rules.schema import Staff, share
from handbook.core.periods import QuarterText
from handbook.spec.common import Id, Strict, Text


class Votes(Strict):
    """The votes of one aspect of the sheet."""

    satisfied: int = Field(ge=0, description="满意")
    fairly: int = Field(ge=0, description="基本满意")
    unsatisfied: int = Field(ge=0, description="不满意")

    @property
    def total(self) -> int:
        """All votes cast on the aspect."""
        return self.satisfied + self.fairly + self.unsatisfied


class Evaluation(Strict):
    """One branch evaluated by the staff of one shift."""

    branch: Id
    held: date
    shift: Text = Field(description="the production shift whose staff took part")
    participants: int = Field(ge=0)
    members: int = Field(ge=0, description="party members among the participants")
    valid: int = Field(ge=0, description="valid sheets")
    votes: list[Votes] = Field(description="one entry per aspect of the sheet, in the rules' order")

    def problems(self, rules: Staff) -> list[tuple[tuple[str | int, ...], str]]:
        """What the rules' counts refuse, as (key in the evaluation, message): the check and the import say the same.

        Enough participants, few enough party members, enough valid sheets, and each aspect's
        votes adding up to the valid sheets.
        """
        found: list[tuple[tuple[str | int, ...], str]] = []
        people = self.participants
        if people < rules.min_participants:
            found.append(
                (("participants",), f"{people} participants; the rules need at least {rules.min_participants}")
            )
        if self.members > share(rules.max_member_share) * people:
            message = f"{self.members} party members of {people} participants; at most {rules.max_member_share} may be"
            found.append((("members",), message))
        if self.valid > people:
            found.append((("valid",), f"{self.valid} valid sheets from {people} participants"))
        elif self.valid < share(rules.min_valid_share) * people:
            message = f"{self.valid} valid sheets of {people}; below {rules.min_valid_share} the evaluation is void"
            found.append((("valid",), message))
        if len(self.votes) != len(rules.aspects):
            found.append((("votes",), f"{len(self.votes)} aspects given; the sheet has {len(rules.aspects)}"))
        for v, votes in enumerate(self.votes):
            if votes.total != self.valid:
                found.append((("votes", v), f"the votes add up to {votes.total}, not the {self.valid} valid sheets"))
        return found


class StaffEvaluations(Strict):
    """The evaluations one department organised in one quarter."""

    period: QuarterText
    department: Id
    sample: bool = False
    entered_by: Text
    submitted: date
    evaluations: list[Evaluation]

    @property
    def id(self) -> str:
        """The file's name: quarter and department."""
        return f"{self.period}-{self.department}"

    def sealed_entries(self) -> dict[str, Any]:
        """The parts a seal fingerprints, one per branch."""
        entries: dict[str, Any] = {"header": [self.period, self.department, self.entered_by]}
        entries["header"].append(self.submitted.isoformat())
        for evaluation in self.evaluations:
            entries[f"branch {evaluation.branch}"] = evaluation.model_dump(mode="json")
        return entries
