"""A department's month names known branches once each, items of its own, points within range."""

from __future__ import annotations

from handbook.assessment.results import Recorded, check_each
from handbook.assessment.rules.schema import Department
from handbook.assessment.scores.schema import Scores
from handbook.core.problems import Problem
from handbook.model.handbook import Handbook


def _deductions(check: Recorded, department: Department, scores: Scores) -> None:
    """Each branch once; each deduction on an item of the department, within the item's points."""
    seen: dict[str, tuple[str | int, ...]] = {}
    for s, score in enumerate(scores.scores):
        if check.branch(("scores", s, "branch"), score.branch):
            check.once(("scores", s, "branch"), score.branch, seen, "scored")
        for d, deduction in enumerate(score.deductions):
            item = department.item(deduction.item)
            where = ("scores", s, "deductions", d)
            if item is None:
                numbers = ", ".join(str(i.number) for i in department.items)
                check.report((*where, "item"), f"no item {deduction.item} in {department.title}; items: {numbers}")
            else:
                check.within((*where, "points"), deduction.points, item.number, item.max)


def check_scores(model: Handbook) -> list[Problem]:
    """Every department month against the rules and the roster."""
    return check_each(model, "scores", _scores)


def _scores(check: Recorded) -> None:
    """One department month: its department, deductions, vetoes and bonuses."""
    rules, scores = check.rules, check.doc.meta
    department = rules.department(scores.department)
    if check.department(("department",), scores.department) and department is not None:
        _deductions(check, department, scores)
    vetoes = [v.number for v in rules.vetoes]
    for v, veto in enumerate(scores.vetoes):
        check.branch(("vetoes", v, "branch"), veto.branch)
        if veto.veto not in vetoes:
            check.report(("vetoes", v, "veto"), f"no veto case {veto.veto}; cases: {vetoes}")
    bonuses = {b.number: b for b in rules.bonuses}
    for b, bonus in enumerate(scores.bonuses):
        check.branch(("bonuses", b, "branch"), bonus.branch)
        item = bonuses.get(bonus.bonus)
        if item is None:
            check.report(("bonuses", b, "bonus"), f"no bonus item {bonus.bonus}; items: {sorted(bonuses)}")
        else:
            check.within(("bonuses", b, "points"), bonus.points, item.number, item.max)
