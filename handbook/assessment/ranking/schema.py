"""One line's order for one month (assessment/rankings/<month>-<line>.yaml)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from handbook.core.periods import MonthText
from handbook.spec.common import Id, Strict, Text


class Reasons(Strict):
    """Why the first and the last unit stand where they do."""

    first: Text
    last: Text


class LineRanking(Strict):
    """A line leader's order of all units of the line, best first; no ties, no scores."""

    period: MonthText
    line: Id
    sample: bool = False
    entered_by: Text
    submitted: date
    order: list[Id | list[Id]] = Field(
        min_length=1, description="branch ids, best first; a list of ids in one place is a tie (refused)"
    )
    reasons: Reasons

    @property
    def id(self) -> str:
        """The file's name: month and line."""
        return f"{self.period}-{self.line}"

    def sealed_entries(self) -> dict[str, Any]:
        """The parts a seal fingerprints: the order and the reasons."""
        return {
            "header": [self.period, self.line, self.entered_by, self.submitted.isoformat()],
            "order": self.order,
            "reasons": self.reasons.model_dump(mode="json"),
        }
