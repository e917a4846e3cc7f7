"""A correction names an entry that exists: a department month, a branch in it and an item it deducted on."""

from __future__ import annotations

from handbook.assessment.correction.schema import Correction
from handbook.assessment.results import Recorded, check_each
from handbook.assessment.scores.schema import Scores
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook


def check_corrections(model: Handbook) -> list[Problem]:
    """Every correction points at a recorded deduction and stays within the item's points."""
    recorded = model.registry("scores")

    def one(check: Recorded) -> None:
        """One correction entry."""
        correction: Correction = check.doc.meta
        target = recorded.get(correction.scores)
        if target is None:
            check.report(("scores",), f"no recorded scores '{correction.scores}'; known: {choices(recorded)}")
            return
        scores: Scores = target.meta
        deducted = {(s.branch, d.item) for s in scores.scores for d in s.deductions}
        if (correction.branch, correction.item) not in deducted:
            message = (
                f"{correction.scores} records no deduction for '{correction.branch}' on item "
                f"{correction.item}; a correction names an existing entry"
            )
            check.report(("item",), message)
        department = check.rules.department(scores.department)
        item = department.item(correction.item) if department else None
        if item is not None:
            check.within(("points",), correction.points, item.number, item.max)

    return check_each(model, "correction", one)
