"""Roles: each post's unit exists, and no id is both a role and a unit (a flow lane needs one meaning)."""

from __future__ import annotations

from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook


def check_roles(model: Handbook) -> list[Problem]:
    """Posts name existing units; role and unit ids never coincide."""
    units = model.units
    problems = [
        doc.source.problem((*doc.loc, "unit"), f"unknown unit '{doc.meta.unit}'; known: {choices(units)}")
        for doc in model.roles.values()
        if doc.meta.unit is not None and doc.meta.unit not in units
    ]
    for role_id in sorted(model.roles.keys() & units.keys()):
        role = model.roles[role_id]
        message = f"'{role_id}' is both a role and a unit; flow lanes need one meaning"
        problems.append(role.source.problem((*role.loc, "id"), message))
    return problems
