"""Units: every parent unit exists."""

from __future__ import annotations

from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook


def check_units(model: Handbook) -> list[Problem]:
    """A unit's parent names an existing unit."""
    units = model.units
    return [
        doc.source.problem((*doc.loc, "parent"), f"unknown unit '{doc.meta.parent}'; known: {choices(units)}")
        for doc in units.values()
        if doc.meta.parent is not None and doc.meta.parent not in units
    ]
