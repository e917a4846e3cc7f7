"""What the checks of recorded results share: the rules, and the roster's branches and departments."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from handbook.assessment.rules.schema import Rules
from handbook.core.located import Loc
from handbook.core.periods import Quarter, parse_period
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def no_rules(doc: Doc[Any]) -> Problem:
    """Results recorded in a handbook without rules."""
    return doc.source.problem(doc.loc, "results need the assessment rules (assessment/rules.yaml)")


def check_each(model: Handbook, kind: str, check: Callable[[Recorded], None]) -> list[Problem]:
    """Check every recorded object of a kind against the rules in force for its period (none: each is reported)."""
    problems: list[Problem] = []
    for doc in model.registry(kind).values():
        rules = model.assessment.rules_for(doc.meta.period)
        if rules is None:
            problems.append(no_rules(doc))
            continue
        recorded = Recorded(model, doc, rules)
        check(recorded)
        problems += recorded.problems
    return problems


def assessed(model: Handbook, period: str) -> list[str]:
    """The ids of the branches assessed (党支部) in a month, or at the end of a quarter, in roster order."""
    parsed = parse_period(period)
    month = parsed.last_month if isinstance(parsed, Quarter) else parsed
    return list(model.assessment.active(month))


class Recorded:
    """Checks one recorded file against the rules and the roster, collecting its problems."""

    def __init__(self, model: Handbook, doc: Doc[Any], rules: Rules) -> None:
        self.doc, self.rules = doc, rules
        self.branches = assessed(model, doc.meta.period)
        self.problems: list[Problem] = []

    def report(self, loc: Loc, message: str) -> None:
        """Record a problem at a key of the file."""
        self.problems.append(self.doc.source.problem((*self.doc.loc, *loc), message))

    def branch(self, loc: Loc, branch: str) -> bool:
        """Whether `branch` is an assessed branch; report it if not."""
        if branch in self.branches:
            return True
        self.report(
            loc, f"'{branch}' is not a branch assessed in {self.doc.meta.period}; known: {choices(self.branches)}"
        )
        return False

    def department(self, loc: Loc, department: str) -> bool:
        """Whether `department` scores in the rules; report it if not."""
        known = [d.id for d in self.rules.departments]
        if department in known:
            return True
        self.report(loc, f"unknown department '{department}'; known: {choices(known)}")
        return False

    def within(self, loc: Loc, points: Decimal, number: int, most: Decimal) -> None:
        """Report points beyond what an item (or bonus item) allows."""
        if points > most:
            self.report(loc, f"{points} points is more than item {number}'s {most}")

    def once(self, loc: Loc, branch: str, seen: dict[str, Loc], what: str) -> None:
        """Report a branch entered a second time in the same file."""
        if branch in seen:
            first = self.doc.source.line_of((*self.doc.loc, *seen[branch]))
            self.report(loc, f"'{branch}' is {what} twice in this file (first at line {first})")
        else:
            seen[branch] = loc
