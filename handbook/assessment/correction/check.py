"""A correction names an entry that exists, is dated after its period (and its closing) and says why.

An item's deduction the department recorded, a veto it recorded, a branch of the line's order (and
a place within it), or a branch's evaluation in the quarter's file (whose corrected votes still
add up as the rules require).
"""

from __future__ import annotations

from handbook.assessment.correction.schema import Correction
from handbook.assessment.ranking.schema import LineRanking
from handbook.assessment.results import Recorded, check_each
from handbook.assessment.scores.schema import Scores
from handbook.assessment.staff.schema import StaffEvaluations
from handbook.core.periods import Quarter, parse_period
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook

NAMES = {"scores": "scores", "ranking": "ranking", "staff": "staff evaluations"}
EXISTING = "a correction names an existing entry"


def _item(check: Recorded, correction: Correction, scores: Scores) -> None:
    """An item the department deducted on for the branch, corrected within the item's points."""
    deducted = {(s.branch, d.item) for s in scores.scores for d in s.deductions}
    if (correction.branch, correction.item) not in deducted:
        message = (
            f"{correction.scores} records no deduction for '{correction.branch}' on item {correction.item}; {EXISTING}"
        )
        check.report(("item",), message)
    department = check.rules.department(scores.department)
    item = department.item(correction.item or 0) if department else None
    if item is not None and correction.points is not None:
        check.within(("points",), correction.points, item.number, item.max)


def _veto(check: Recorded, correction: Correction, scores: Scores) -> None:
    """A veto the department month records for the branch."""
    if (correction.branch, correction.veto) not in {(v.branch, v.veto) for v in scores.vetoes}:
        message = f"{correction.scores} records no veto {correction.veto} for '{correction.branch}'; {EXISTING}"
        check.report(("veto",), message)


def _ranking(check: Recorded, correction: Correction, ranking: LineRanking) -> None:
    """A branch of the order, moved to a place the order has."""
    if correction.branch not in ranking.order:
        check.report(("branch",), f"{ranking.id} does not rank '{correction.branch}'; {EXISTING}")
    elif correction.place is not None and correction.place > len(ranking.order):
        check.report(("place",), f"place {correction.place} is beyond the {len(ranking.order)} units of {ranking.id}")


def _staff(check: Recorded, correction: Correction, sheet: StaffEvaluations) -> None:
    """A branch's evaluation in the file, whose corrected votes meet the rules as any evaluation's must."""
    evaluation = next((e for e in sheet.evaluations if e.branch == correction.branch), None)
    if evaluation is None:
        check.report(("branch",), f"{sheet.id} holds no evaluation of '{correction.branch}'; {EXISTING}")
        return
    corrected = evaluation.model_copy(update={"votes": correction.votes})
    for key, message in corrected.problems(check.rules.staff):
        if key[0] == "votes":  # the rest is as recorded, and reported on the recorded file
            check.report(key, message)


def check_corrections(model: Handbook) -> list[Problem]:
    """Every correction points at a recorded entry, follows its period and its closing, and gives its reason."""

    def one(check: Recorded) -> None:
        """One correction entry."""
        correction: Correction = check.doc.meta
        kind = correction.target_kind
        recorded = model.registry(kind)
        target = recorded.get(correction.target)
        if target is None:
            message = f"no recorded {NAMES[kind]} '{correction.target}'; known: {choices(recorded)}"
            check.report((kind,), message)
            return  # its period, read from the id, is as doubtful as the id
        if correction.what == "item":
            _item(check, correction, target.meta)
        elif correction.what == "veto":
            _veto(check, correction, target.meta)
        elif correction.what == "ranking":
            _ranking(check, correction, target.meta)
        else:
            _staff(check, correction, target.meta)
        period = parse_period(correction.period)
        ended = (period.last_month if isinstance(period, Quarter) else period).next().first_day()
        if correction.date < ended:
            check.report(("date",), f"{correction.date} is before {period} ended: a correction follows an appeal")
        seal = model.assessment.seal_of(correction.period)
        if (
            seal is not None
            and f"correction:{correction.id}" not in model.assessment.sealed_in.get(correction.period, set())
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
