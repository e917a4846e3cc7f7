"""Staff evaluations meet the counts the rules require, and each branch is evaluated once a quarter."""

from __future__ import annotations

from handbook.assessment.results import Recorded, check_each
from handbook.assessment.rules.schema import Rules, share
from handbook.assessment.staff.schema import Evaluation
from handbook.core.problems import Problem
from handbook.model.handbook import Handbook


def _counts(check: Recorded, rules: Rules, loc: tuple[str | int, ...], evaluation: Evaluation) -> None:
    """Enough participants, few enough members, enough valid sheets, votes matching the sheets."""
    staff, people = rules.staff, evaluation.participants
    if people < staff.min_participants:
        check.report((*loc, "participants"), f"{people} participants; the rules need at least {staff.min_participants}")
    if evaluation.members > share(staff.max_member_share) * people:
        message = (
            f"{evaluation.members} party members of {people} participants; at most {staff.max_member_share} may be"
        )
        check.report((*loc, "members"), message)
    if evaluation.valid > people:
        check.report((*loc, "valid"), f"{evaluation.valid} valid sheets from {people} participants")
    elif evaluation.valid < share(staff.min_valid_share) * people:
        message = f"{evaluation.valid} valid sheets of {people}; below {staff.min_valid_share} the evaluation is void"
        check.report((*loc, "valid"), message)
    if len(evaluation.votes) != len(staff.aspects):
        check.report((*loc, "votes"), f"{len(evaluation.votes)} aspects given; the sheet has {len(staff.aspects)}")
    for v, votes in enumerate(evaluation.votes):
        if votes.total != evaluation.valid:
            message = f"the votes add up to {votes.total}, not the {evaluation.valid} valid sheets"
            check.report((*loc, "votes", v), message)


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
            _counts(check, check.rules, loc, evaluation)

    return check_each(model, "staff", one)
