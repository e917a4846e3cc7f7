"""A correction entry (assessment/corrections/<id>.yaml): names the original entry, the decision, the reason.

A correction names one recorded file (a department month `scores`, a line month `ranking` or a
department's quarter of `staff` evaluations), a branch in it and what the appeal changed: an
item's deduction (`item`, `points`) or a veto withdrawn (`veto`), the branch's place in the order
(`place`), or the votes of its evaluation (`votes`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, model_validator

from handbook.assessment.rules.schema import Points
from handbook.assessment.staff.schema import Votes
from handbook.spec.common import Id, Strict, Text

TARGETS = ("scores", "ranking", "staff")
# What each kind of correction states besides its target and branch; no correction states another's.
CHANGES = {"item": ("item", "points"), "veto": ("veto",), "ranking": ("place",), "staff": ("votes",)}
WHAT = {"item": "a deduction", "veto": "a veto", "ranking": "a ranking", "staff": "a staff evaluation"}


class Correction(Strict):
    """A dated correction, after an appeal, of one entry of one branch in one recorded file."""

    id: Id
    date: date
    sample: bool = False
    scores: Id | None = Field(default=None, description="the corrected department month, e.g. 2026-10-zuzhibu")
    ranking: Id | None = Field(default=None, description="or the corrected line month, e.g. 2026-10-caimei")
    staff: Id | None = Field(default=None, description="or the corrected quarter's evaluations, e.g. 2026-q3-zuzhibu")
    branch: Id
    item: int | None = Field(default=None, ge=1, description="scores: the item whose deduction is corrected")
    points: Points | None = Field(default=None, description="scores: the deduction on the item after (0: none)")
    veto: int | None = Field(default=None, ge=1, description="scores: the veto case withdrawn for the branch")
    place: int | None = Field(
        default=None, ge=1, description="ranking: the branch's place after (the rest move up or down)"
    )
    votes: list[Votes] | None = Field(
        default=None, min_length=1, description="staff: the votes of every aspect after, in the rules' order"
    )
    decision: Text = Field(description="the number of the leading group's ruling on the appeal")
    reason: Text
    entered_by: Text

    @model_validator(mode="after")
    def _names_one_change(self) -> Correction:
        """One target, and exactly the fields of its kind of change."""
        targets = [key for key in TARGETS if getattr(self, key) is not None]
        if len(targets) != 1:
            raise ValueError("a correction names the one file it corrects: scores, ranking or staff")
        need = CHANGES[self.what]
        missing = [key for key in need if getattr(self, key) is None]
        other = [key for keys in CHANGES.values() for key in keys if key not in need and getattr(self, key) is not None]
        if missing or other:
            said = f"; not {', '.join(other)}" if other else ""
            raise ValueError(f"a correction of {WHAT[self.what]} states {' and '.join(need)}{said}")
        return self

    @property
    def what(self) -> str:
        """Which kind of change it is: item, veto, ranking or staff."""
        if self.scores is not None:
            return "veto" if self.veto is not None and self.item is None else "item"
        return "ranking" if self.ranking is not None else "staff"

    @property
    def target_kind(self) -> str:
        """The kind of the corrected file: scores, ranking or staff."""
        return next(key for key in TARGETS if getattr(self, key) is not None)

    @property
    def target(self) -> str:
        """The id of the corrected file."""
        return str(getattr(self, self.target_kind))

    @property
    def period(self) -> str:
        """The month (or, for staff evaluations, the quarter) corrected: the first seven characters of the target."""
        return self.target[:7]

    def sealed_entries(self) -> dict[str, Any]:
        """A correction is fingerprinted whole: what it states (a correction of an item, as before the other kinds)."""
        return {"correction": self.model_dump(mode="json", exclude_none=True)}
