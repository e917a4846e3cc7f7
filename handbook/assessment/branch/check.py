"""The roster holds together: each branch has its general branch, team and line."""

from __future__ import annotations

from handbook.assessment.branch.schema import Branch, BranchKind
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc


def check_branches(model: Handbook) -> list[Problem]:
    """A 党支部 names its 党总支, its 区队 or 科室 and a known line."""
    problems = []
    roster = model.registry("branch")
    generals = [b for b, doc in roster.items() if doc.meta.kind is BranchKind.GENERAL]
    lines = model.registry("line")
    doc: Doc[Branch]
    for doc in roster.values():
        branch = doc.meta
        if branch.kind is not BranchKind.BRANCH:
            continue
        for key in ("general", "team", "team_kind", "line"):
            if getattr(branch, key) is None:
                problems.append(doc.source.problem((*doc.loc, key), f"a 党支部 needs '{key}'"))
        if branch.general is not None and branch.general not in generals:
            message = f"unknown general branch '{branch.general}'; known: {choices(generals)}"
            problems.append(doc.source.problem((*doc.loc, "general"), message))
        if branch.line is not None and branch.line not in lines:
            message = f"unknown line '{branch.line}'; known: {choices(lines)}"
            problems.append(doc.source.problem((*doc.loc, "line"), message))
    return problems
