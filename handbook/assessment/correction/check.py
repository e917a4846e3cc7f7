"""A correction names an entry that exists: a department month, a branch in it and an item it deducted on."""

from __future__ import annotations

from handbook.assessment.correction.schema import Correction
from handbook.assessment.results import Recorded, check_each
from handbook.assessment.scores.schema import Scores
from handbook.core.periods import Month
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
        month = Month.parse(correction.period)
        if correction.date < month.next().first_day():
            check.report(("date",), f"{correction.date} is before {month} ended: a correction follows an appeal")
        seal = model.assessment.seal_of(correction.period)
        if (
            seal is not None
            and f"correction:{correction.id}" not in model.assessment.sealed
            and correction.date < seal.closed
        ):
            message = (
                f"{correction.date} is before {correction.period} was closed on {seal.closed}: date it when decided"
            )
            check.report(("date",), message)
        least = check.rules.ranking.reason_chars
        if len(correction.reason) < least:
            check.report(("reason",), f"{len(correction.reason)} characters; the rules ask for at least {least}")

    return check_each(model, "correction", one)
