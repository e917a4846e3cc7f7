"""A correction entry (assessment/corrections/<id>.yaml): names the original entry, the decision, the reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from handbook.assessment.rules.schema import Points
from handbook.kinds.common import Id, Strict, Text


class Correction(Strict):
    """A dated correction of one department's deduction on one item of one branch's month."""

    id: Id
    date: date
    sample: bool = False
    scores: Id = Field(description="the corrected department month, e.g. 2026-10-zuzhibu")
    branch: Id
    item: int = Field(ge=1)
    points: Points = Field(description="the deduction on the item after the correction (0: none)")
    decision: Text = Field(description="the number of the leading group's ruling on the appeal")
    reason: Text
    entered_by: Text

    @property
    def period(self) -> str:
        """The month corrected (the first seven characters of the scores' id)."""
        return self.scores[:7]

    def sealed_entries(self) -> dict[str, Any]:
        """A correction is fingerprinted whole."""
        return {"correction": self.model_dump(mode="json")}
