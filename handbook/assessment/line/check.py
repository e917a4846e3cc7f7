"""A line is led by a known role."""

from __future__ import annotations

from handbook.assessment.line.schema import Line
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def check_lines(model: Handbook) -> list[Problem]:
    """The leader's role of every line exists."""
    lines: list[Doc[Line]] = list(model.registry("line").values())
    return [
        doc.source.problem((*doc.loc, "role"), f"unknown role '{doc.meta.role}'; known: {choices(model.roles)}")
        for doc in lines
        if doc.meta.role not in model.roles
    ]
