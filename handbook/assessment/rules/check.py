"""The rules add up: departments are units and share 100 points, weights 100 %, grades go down to 0."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from handbook.assessment.rules.schema import Rules
from handbook.core.problems import Problem, choices
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def rules_references(doc: Doc[Rules]) -> Iterator[FieldRef]:
    """The regulations the rules name."""
    me = Ref("rules", doc.meta.id)
    return (FieldRef(me, text, ("regulations", i)) for i, text in enumerate(doc.meta.regulations))


def _repeated(numbers: list[int]) -> list[int]:
    """The numbers given more than once."""
    return sorted(n for n, count in Counter(numbers).items() if count > 1)


def check_rules(model: Handbook) -> list[Problem]:
    """Every department is a unit, items are numbered once, and the totals are what the rules promise."""
    problems = []
    doc: Doc[Rules]
    for doc in model.registry("rules").values():
        rules, at = doc.meta, doc.source.problem
        for d, department in enumerate(rules.departments):
            if department.id not in model.units:
                message = f"unknown unit '{department.id}'; known: {choices(model.units)}"
                problems.append(at(("departments", d, "id"), message))
            for number in _repeated([item.number for item in department.items]):
                problems.append(at(("departments", d, "items"), f"item number {number} appears twice"))
        total = sum((department.max for department in rules.departments), Decimal(0))
        if total != 100:
            problems.append(at(("departments",), f"the departments' items add up to {total} points, not 100"))
        weights = rules.weights.department + rules.weights.ranking + rules.weights.staff
        if weights != 100:
            problems.append(at(("weights",), f"the weights add up to {weights} %, not 100 %"))
        if rules.ranking.first <= rules.ranking.last:
            problems.append(at(("ranking", "last"), "the first place must get more points than the last"))
        bands = [grade.min for grade in rules.grades]
        if bands != sorted(bands, reverse=True) or len(set(bands)) < len(bands) or bands[-1] != 0:
            problems.append(at(("grades",), "grades go from the best down, each lower, to a last one with min 0"))
        known = {department.id for department in rules.departments}
        for b, bonus in enumerate(rules.bonuses):
            if bonus.department not in known:
                message = f"unknown department '{bonus.department}'; known: {choices(known)}"
                problems.append(at(("bonuses", b, "department"), message))
        for key, numbers in (
            ("bonuses", [b.number for b in rules.bonuses]),
            ("vetoes", [v.number for v in rules.vetoes]),
        ):
            problems += [at((key,), f"number {n} appears twice") for n in _repeated(numbers)]
    return problems
