"""The assessment computed from the recorded results, exactly as 考核办法 says (rules from the sources).

Per branch and month: each department's score (its items' deductions capped at the item's maximum,
after corrections), ranking points from the line leader's order, the staff score carried over from
the latest quarterly evaluation, the weighted composite and the mine-wide rank; per year the mean
of the months plus capped bonuses, and the grade. Numbers are Decimals rounded half up to 0.01.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import TYPE_CHECKING

from handbook.assessment.branch.schema import Branch, BranchKind
from handbook.assessment.correction.schema import Correction
from handbook.assessment.line.schema import Line
from handbook.assessment.ranking.schema import LineRanking
from handbook.assessment.rules.schema import Layer, Rules, share
from handbook.assessment.scores.schema import BonusEntry, BranchScore, Deduction, Scores, VetoEntry
from handbook.assessment.seal.schema import Seal
from handbook.assessment.staff.schema import Evaluation, StaffEvaluations
from handbook.core.periods import Month, Quarter

if TYPE_CHECKING:
    from handbook.model.handbook import Handbook

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Round half up to two decimals, as the rules say."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def ranking_points(rules: Rules, place: int, units: int) -> Decimal:
    """Points of the `place`-th of `units`: first and last fixed, the others evenly between."""
    if units == 1:
        return cents(rules.ranking.single)
    step = (rules.ranking.first - rules.ranking.last) / Decimal(units - 1)
    return cents(rules.ranking.first - (place - 1) * step)


def staff_score(rules: Rules, evaluation: Evaluation) -> Decimal:
    """The mean over the sheet's aspects of (满意 × points + 基本满意 × points) ÷ valid sheets."""
    aspects = [
        (votes.satisfied * rules.staff.satisfied + votes.fairly * rules.staff.fairly) / Decimal(evaluation.valid)
        for votes in evaluation.votes
    ]
    return cents(sum(aspects, Decimal(0)) / len(aspects))


@dataclass(frozen=True)
class Loss:
    """What one department took off one branch on one item in a month, with any correction."""

    department: str
    item: int
    deductions: list[Deduction]
    correction: Correction | None
    counted: Decimal  # after the correction, capped at the item's maximum

    @property
    def recorded(self) -> Decimal:
        """The sum of the original deductions."""
        return sum((d.points for d in self.deductions), Decimal(0))


@dataclass
class BranchMonth:
    """One branch's month: the three layers, the composite and the rank."""

    branch: str
    departments: dict[str, Decimal]
    losses: list[Loss]
    vetoes: list[VetoEntry]
    department: Decimal
    ranking: Decimal
    line_place: int
    staff: Decimal
    staff_from: str  # the quarter whose evaluation counts, or 全矿平均
    composite: Decimal
    rank: int = 0


@dataclass
class MonthResult:
    """A month: what is still missing, or every branch's result; and whether it is closed."""

    month: Month
    seal: Seal | None
    missing: list[str]
    branches: dict[str, BranchMonth] = field(default_factory=dict)
    general: dict[str, Decimal] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)
    bonuses: list[BonusEntry] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every input is recorded, so that the month is computed."""
        return not self.missing

    def ranked(self) -> list[BranchMonth]:
        """The branches in the order of the mine-wide ranking."""
        return sorted(self.branches.values(), key=lambda b: (b.rank, b.branch))


@dataclass(frozen=True)
class BranchYear:
    """One branch's year: the mean of its computed months, bonuses and the grade."""

    branch: str
    months: int
    mean: Decimal
    bonus: Decimal
    annual: Decimal
    veto: bool
    grade: str


class Assessment:
    """The results of a handbook's assessment, computed on demand from its sources."""

    def __init__(self, model: Handbook) -> None:
        rules = [doc.meta for doc in model.registry("rules").values()]
        self.rules: Rules | None = rules[0] if rules else None
        self.lines: dict[str, Line] = {d.meta.id: d.meta for d in model.registry("line").values()}
        roster: list[Branch] = [d.meta for d in model.registry("branch").values()]
        self.branches = {b.id: b for b in roster if b.kind is BranchKind.BRANCH}
        self.generals = {b.id: b for b in roster if b.kind is BranchKind.GENERAL}
        self.scores: dict[tuple[Month, str], Scores] = {
            (Month.parse(d.meta.period), d.meta.department): d.meta for d in model.registry("scores").values()
        }
        self.rankings: dict[tuple[Month, str], LineRanking] = {
            (Month.parse(d.meta.period), d.meta.line): d.meta for d in model.registry("ranking").values()
        }
        self.evaluations: dict[tuple[Quarter, str], Evaluation] = {}
        staff: list[StaffEvaluations] = [d.meta for d in model.registry("staff").values()]
        for sheet in sorted(staff, key=lambda s: s.period):
            for evaluation in sheet.evaluations:
                self.evaluations[(Quarter.parse(sheet.period), evaluation.branch)] = evaluation
        corrections: list[Correction] = [d.meta for d in model.registry("correction").values()]
        self.corrections = sorted(corrections, key=lambda c: (c.date, c.id))
        self.seals: list[Seal] = [d.meta for d in model.registry("seal").values()]
        self._years: dict[int, tuple[list[Month], dict[str, BranchYear]]] = {}

    @cached_property
    def months(self) -> list[Month]:
        """Every month something was recorded for, in order."""
        return sorted({month for month, _ in self.scores} | {month for month, _ in self.rankings})

    @cached_property
    def quarters(self) -> list[Quarter]:
        """Every quarter with staff evaluations, in order."""
        return sorted({quarter for quarter, _ in self.evaluations})

    def seal_of(self, period: str) -> Seal | None:
        """The first seal of a period: when it was closed (None while it is open)."""
        return next((seal for seal in self.seals if seal.period == period), None)

    def line_branches(self, line_id: str) -> list[str]:
        """The branches of a line, in roster order."""
        return [b.id for b in self.branches.values() if b.line == line_id]

    # --- the month ---------------------------------------------------------------------

    def month(self, month: Month) -> MonthResult:
        """Compute a month, or list what is missing for it."""
        return self._months[month] if month in self._months else self._compute(month)

    @cached_property
    def _months(self) -> dict[Month, MonthResult]:
        """Every month with records, computed once."""
        return {month: self._compute(month) for month in self.months}

    def _missing(self, month: Month) -> list[str]:
        """The inputs of a month not recorded yet, in words."""
        assert self.rules is not None
        missing = []
        for department in self.rules.departments:
            scores = self.scores.get((month, department.id))
            if scores is None:
                missing.append(f"{department.title}评分")
                continue
            unscored = len(set(self.branches) - {s.branch for s in scores.scores})
            if unscored:
                missing.append(f"{department.title}评分（缺 {unscored} 个党支部）")
        for line in self.lines.values():
            if self.line_branches(line.id) and (month, line.id) not in self.rankings:
                missing.append(f"{line.title}排序")
        if self.branches and not self._staff(month, next(iter(self.branches))):
            missing.append("职工群众评价")
        return missing

    def _staff(self, month: Month, branch: str) -> tuple[Decimal, str] | None:
        """The staff score that counts for a branch in a month, and where it comes from.

        The latest evaluation held by the month counts; a branch never evaluated takes the mean of
        the others' latest scores (考核办法 第十四条).
        """
        assert self.rules is not None
        found = self._evaluated(month, branch)
        if found is not None:
            return staff_score(self.rules, found[1]), found[0].label
        latest = [
            staff_score(self.rules, evaluation)
            for other in self.branches
            if other != branch and (evaluated := self._evaluated(month, other))
            for evaluation in [evaluated[1]]
        ]
        return (cents(sum(latest, Decimal(0)) / len(latest)), "全矿平均") if latest else None

    def _evaluated(self, month: Month, branch: str) -> tuple[Quarter, Evaluation] | None:
        """A branch's latest evaluation held by the month, with its quarter (None if never evaluated)."""
        for quarter in reversed([q for q in self.quarters if q.last_month <= month]):
            evaluation = self.evaluations.get((quarter, branch))
            if evaluation is not None:
                return quarter, evaluation
        return None

    @cached_property
    def _entries(self) -> dict[tuple[str, str], BranchScore]:
        """Every department month's entry of each branch, by (scores id, branch)."""
        return {(sheet.id, entry.branch): entry for sheet in self.scores.values() for entry in sheet.scores}

    @cached_property
    def _latest_corrections(self) -> dict[tuple[str, str, int], Correction]:
        """The correction that counts for each corrected entry: the latest (they apply in date order)."""
        return {(c.scores, c.branch, c.item): c for c in self.corrections}

    def _losses(self, month: Month, branch: str) -> tuple[dict[str, Decimal], list[Loss]]:
        """Each department's score of a branch and the items it lost points on."""
        assert self.rules is not None
        scores, losses = {}, []
        for department in self.rules.departments:
            sheet_id = self.scores[(month, department.id)].id
            by_item: dict[int, list[Deduction]] = defaultdict(list)
            for deduction in self._entries[(sheet_id, branch)].deductions:
                by_item[deduction.item].append(deduction)
            for scores_id, corrected, number in self._latest_corrections:
                if (scores_id, corrected) == (sheet_id, branch):
                    by_item.setdefault(number, [])
            lost = Decimal(0)
            for no, deductions in sorted(by_item.items()):
                item = department.item(no)
                assert item is not None  # the check refuses unknown items
                correction = self._latest_corrections.get((sheet_id, branch, no))
                taken = correction.points if correction else sum((d.points for d in deductions), Decimal(0))
                counted = min(item.max, taken)
                lost += counted
                losses.append(Loss(department.id, no, deductions, correction, counted))
            scores[department.id] = department.max - lost
        return scores, losses

    def _compute(self, month: Month) -> MonthResult:
        """Every branch's month, ranked; only when every input is recorded."""
        assert self.rules is not None
        rules = self.rules
        result = MonthResult(month, self.seal_of(str(month)), self._missing(month))
        result.corrections = [c for c in self.corrections if c.period == str(month)]
        if not result.complete:
            return result
        places: dict[str, tuple[int, int]] = {}
        for line in self.lines.values():
            order = self.rankings.get((month, line.id))
            if order is not None:
                units = len(order.order)
                places |= {branch: (i, units) for i, branch in enumerate(order.order, 1) if isinstance(branch, str)}
        sheets = [self.scores[(month, d.id)] for d in rules.departments]
        vetoes = [veto for sheet in sheets for veto in sheet.vetoes]
        result.bonuses = [bonus for sheet in sheets for bonus in sheet.bonuses]
        weights = rules.weights
        for branch in self.branches:
            departments, losses = self._losses(month, branch)
            own_vetoes = [v for v in vetoes if v.branch == branch]
            department = cents(Decimal(0) if own_vetoes else sum(departments.values(), Decimal(0)))
            place, units = places[branch]
            ranking = ranking_points(rules, place, units)
            staff = self._staff(month, branch)
            assert staff is not None  # else the month would be missing its staff evaluation
            composite = department * weights.department + ranking * weights.ranking + staff[0] * weights.staff
            result.branches[branch] = BranchMonth(
                branch, departments, losses, own_vetoes, department, ranking, place, *staff, cents(composite / 100)
            )
        self._rank(rules, list(result.branches.values()))
        result.general = self._general({b: r.composite for b, r in result.branches.items()})
        return result

    def _rank(self, rules: Rules, months: list[BranchMonth]) -> None:
        """Rank by composite, then the rules' tie-break layers; fully equal branches share a rank."""

        def key(result: BranchMonth) -> tuple[Decimal, ...]:
            """Higher is better: negate for an ascending sort."""
            layers = {Layer.DEPARTMENT: result.department, Layer.RANKING: result.ranking, Layer.STAFF: result.staff}
            return (-result.composite, *(-layers[layer] for layer in rules.tie_break))

        ordered = sorted(months, key=lambda r: (key(r), r.branch))
        for index, result in enumerate(ordered):
            tied = index and key(ordered[index - 1]) == key(result)
            result.rank = ordered[index - 1].rank if tied else index + 1

    def _general(self, scores: dict[str, Decimal]) -> dict[str, Decimal]:
        """Each general branch's score: the mean of its branches'."""
        result = {}
        for general in self.generals:
            own = [score for branch, score in scores.items() if self.branches[branch].general == general]
            if own:
                result[general] = cents(sum(own, Decimal(0)) / len(own))
        return result

    # --- the year ----------------------------------------------------------------------

    def years(self) -> list[int]:
        """Every year with a computed month."""
        return sorted({m.year for m in self.months if self.month(m).complete})

    def year(self, year: int) -> tuple[list[Month], dict[str, BranchYear]]:
        """The computed months of a year and every branch's annual score and grade (so far), computed once."""
        if year not in self._years:
            self._years[year] = self._year(year)
        return self._years[year]

    def _year(self, year: int) -> tuple[list[Month], dict[str, BranchYear]]:
        """Compute a year from its computed months."""
        assert self.rules is not None
        rules = self.rules
        months = [m for m in self.months if m.year == year and self.month(m).complete]
        results = [self.month(m) for m in months]
        earned: dict[str, Decimal] = defaultdict(Decimal)
        for bonus_entry in (b for r in results for b in r.bonuses):
            earned[bonus_entry.branch] += bonus_entry.points
        scores: dict[str, tuple[Decimal, Decimal, Decimal, bool]] = {}
        for branch in self.branches:
            own = [r.branches[branch] for r in results]
            mean = cents(sum((r.composite for r in own), Decimal(0)) / len(own)) if own else Decimal(0)
            bonus = min(earned[branch], rules.bonus_cap)
            scores[branch] = (mean, bonus, cents(mean + bonus), any(r.vetoes for r in own))
        grades = self._grades(rules, {b: (annual, veto) for b, (_, _, annual, veto) in scores.items()})
        return months, {
            branch: BranchYear(branch, len(months), mean, bonus, annual, veto, grades[branch])
            for branch, (mean, bonus, annual, veto) in scores.items()
        }

    def _grades(self, rules: Rules, annual: dict[str, tuple[Decimal, bool]]) -> dict[str, str]:
        """Grade by the bands; a band with a share cap keeps only its best, the rest fall to the next band."""
        worst = rules.grades[-1].title
        grades = {b: worst for b, (_, veto) in annual.items() if veto}
        candidates = sorted((b for b in annual if b not in grades), key=lambda b: (-annual[b][0], b))
        for index, grade in enumerate(rules.grades):
            qualify = [b for b in candidates if b not in grades and annual[b][0] >= grade.min]
            if grade.max_share is not None and index + 1 < len(rules.grades):
                qualify = qualify[: math.floor(share(grade.max_share) * len(annual))]
            grades |= {b: grade.title for b in qualify}
        return grades
