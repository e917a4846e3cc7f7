"""Staff evaluations meet the counts the rules require, and each branch is evaluated once a quarter."""

from __future__ import annotations

from handbook.assessment.results import Recorded, check_each
from handbook.core.problems import Problem
from handbook.model.handbook import Handbook


def check_staff(model: Handbook) -> list[Problem]:
    """Every quarter's evaluations against the rules and the roster."""
    first: dict[tuple[str, str], str] = {}  # (quarter, branch) → where it was first evaluated, across files

    def one(check: Recorded) -> None:
        """One department's evaluations of one quarter."""
        doc, sheet = check.doc, check.doc.meta
        check.department(("department",), sheet.department)
        for e, evaluation in enumerate(sheet.evaluations):
            loc = ("evaluations", e)
            if check.branch((*loc, "branch"), evaluation.branch):
                where = f"{doc.path}:{doc.source.line_of((*doc.loc, *loc))}"
                earlier = first.setdefault((sheet.period, evaluation.branch), where)
                if earlier != where:
                    check.report(
                        (*loc, "branch"),
                        f"'{evaluation.branch}' is evaluated twice in {sheet.period} (first at {earlier})",
                    )
            for key, message in evaluation.problems(check.rules.staff):
                check.report((*loc, *key), message)

    return check_each(model, "staff", one)
