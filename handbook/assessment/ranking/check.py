"""A line's order ranks every unit of the line exactly once, alone, with reasons long enough."""

from __future__ import annotations

from handbook.assessment.ranking.schema import LineRanking
from handbook.assessment.results import Recorded, check_each
from handbook.core.problems import Problem, choices
from handbook.model.handbook import Handbook


def check_rankings(model: Handbook) -> list[Problem]:
    """No unit missing, repeated, foreign or tied; first and last explained."""
    lines = model.registry("line")
    roster = model.registry("branch")

    def one(check: Recorded) -> None:
        """One line's order for one month."""
        ranking: LineRanking = check.doc.meta
        if ranking.line not in lines:
            check.report(("line",), f"unknown line '{ranking.line}'; known: {choices(lines)}")
            return
        title = lines[ranking.line].meta.title
        members = [b for b in check.branches if roster[b].meta.line == ranking.line]
        seen: dict[str, tuple[str | int, ...]] = {}
        for i, entry in enumerate(ranking.order):
            if isinstance(entry, list):
                check.report(("order", i), f"a tie of {', '.join(entry)}: every unit takes a place of its own")
            elif entry not in members:
                check.report(("order", i), f"'{entry}' is not a unit of {title}; its units: {choices(members)}")
            else:
                check.once(("order", i), entry, seen, "ranked")
        flat = {b for entry in ranking.order for b in ([entry] if isinstance(entry, str) else entry)}
        left_out = [b for b in members if b not in flat]
        if left_out:
            check.report(("order",), f"the order leaves out {', '.join(left_out)} of {title}")
        least = check.rules.ranking.reason_chars
        for key in ("first", "last"):
            length = len(getattr(ranking.reasons, key))
            if length < least:
                check.report(("reasons", key), f"{length} characters; the rules ask for at least {least}")

    return check_each(model, "ranking", one)
