"""The assessment computed from the recorded results, exactly as 考核办法 says (rules from the sources).

Per branch and month: each department's score (its items' deductions capped at the item's maximum;
0 under a veto), ranking points from the line leader's order, the staff score carried over from the
latest quarterly evaluation, the weighted composite and the mine-wide rank, each after the
corrections that count; per year the mean of the months plus capped bonuses, and the grade.
Numbers are Decimals rounded half up to 0.01.
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
from handbook.core.periods import Month, Quarter, parse_period

if TYPE_CHECKING:
    from handbook.model.handbook import Handbook

CENT = Decimal("0.01")


def score(value: Decimal) -> str:
    """A score with two decimals, as published and sealed."""
    return f"{value:.2f}"


def cents(value: Decimal) -> Decimal:
    """Round half up to two decimals, as the rules say."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _staff_fixes(corrections: list[Correction]) -> dict[tuple[str, str], Correction]:
    """The latest correction of each (quarter, branch)'s staff evaluation among these (in date order)."""
    return {(c.period, c.branch): c for c in corrections if c.what == "staff"}


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
    """The results of a handbook's assessment, computed on demand from its sources.

    A closed period shows what was sealed: its records (never changed, the check sees to that),
    the rules and roster in force for it, and only the corrections sealed with it; a correction
    recorded after the close waits (`pending`) until `handbook assess close` seals it as an amendment.
    """

    def __init__(self, model: Handbook) -> None:
        # Versions of the rules, each from its `effective` month: a revision never reaches back.
        self.versions: list[Rules] = sorted(
            (doc.meta for doc in model.registry("rules").values()), key=lambda r: r.effective or ""
        )
        self.rules: Rules | None = self.rules_for(f"{model.today:%Y-%m}") or (
            self.versions[-1] if self.versions else None
        )
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
        self.evaluated_in: dict[tuple[Quarter, str], str] = {}  # the file each evaluation is recorded in
        staff: list[StaffEvaluations] = [d.meta for d in model.registry("staff").values()]
        for sheet in sorted(staff, key=lambda s: s.period):
            for evaluation in sheet.evaluations:
                self.evaluations[(Quarter.parse(sheet.period), evaluation.branch)] = evaluation
                self.evaluated_in[(Quarter.parse(sheet.period), evaluation.branch)] = sheet.id
        corrections: list[Correction] = [d.meta for d in model.registry("correction").values()]
        self.corrections = sorted(corrections, key=lambda c: (c.date, c.id))
        self.seals: list[Seal] = [d.meta for d in model.registry("seal").values()]
        # by period, `correction:<id>` of every correction its seals lock (a staff correction: its quarter's and
        # each month's that takes its staff scores from it)
        self.sealed_in: dict[str, set[str]] = defaultdict(set)
        for seal in self.seals:
            self.sealed_in[seal.period] |= {key for key in seal.objects if key.startswith("correction:")}
        self._years: dict[int, tuple[list[Month], dict[str, BranchYear]]] = {}

    def rules_for(self, period: str) -> Rules | None:
        """The rules in force for a period (YYYY-MM, or a quarter by its first month): the latest effective by then."""
        parsed = parse_period(period)
        month = str(parsed.first_month if isinstance(parsed, Quarter) else parsed)
        found = [rules for rules in self.versions if (rules.effective or "") <= month]
        return found[-1] if found else None

    def active(self, month: Month) -> dict[str, Branch]:
        """The branches assessed in a month, in roster order (the roster's start and end months)."""
        return {b: branch for b, branch in self.branches.items() if branch.active(str(month))}

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

    def seals_of(self, period: str) -> list[Seal]:
        """Every seal of a period, the closing first, then its amendments."""
        return [seal for seal in self.seals if seal.period == period]

    def corrections_of(self, period: str) -> list[Correction]:
        """The corrections bearing on a period's results, in date order.

        A quarter's are those of its staff evaluations; a month's are its own and those of the staff
        evaluations it takes staff scores from (a branch's latest evaluation, which also makes the
        mine-wide mean a branch never evaluated takes).
        """
        parsed = parse_period(period)
        if isinstance(parsed, Quarter):
            return [c for c in self.corrections if c.period == period]
        return [c for c in self.corrections if c.period == period or self._counts_in(parsed, c)]

    def _counts_in(self, month: Month, correction: Correction) -> bool:
        """Whether a staff correction is of the evaluation that counts for its branch in `month`."""
        if correction.staff is None:
            return False
        found = self._evaluated(month, correction.branch)
        return found is not None and self.evaluated_in[(found[0], correction.branch)] == correction.staff

    def pending(self, period: Month | Quarter) -> list[Correction]:
        """Corrections of a closed period not sealed with it yet: published only once closed again (an amendment)."""
        if self.seal_of(str(period)) is None:
            return []
        sealed = self.sealed_in.get(str(period), set())
        return [c for c in self.corrections_of(str(period)) if f"correction:{c.id}" not in sealed]

    def unevaluated(self, quarter: Quarter) -> list[str]:
        """The branches due for a quarter's evaluation and not evaluated yet, in roster order.

        Those assessed in its last month, but a branch founded during the quarter: it is evaluated
        from the next one (and takes the mine-wide mean until then).
        """
        due = [
            b
            for b, branch in self.active(quarter.last_month).items()
            if not branch.start or branch.start <= str(quarter.first_month)
        ]
        return [b for b in due if (quarter, b) not in self.evaluations]

    def line_branches(self, line_id: str, month: Month | None = None) -> list[str]:
        """The branches of a line, in roster order (those assessed in `month`, if given)."""
        return [b.id for b in self.branches.values() if b.line == line_id and (month is None or b.active(str(month)))]

    # --- the month ---------------------------------------------------------------------

    def month(self, month: Month) -> MonthResult:
        """A month as published: computed with the corrections that count (sealed ones, once it is closed)."""
        return self._months[month] if month in self._months else self.compute(month, self._counted(month))

    @cached_property
    def _months(self) -> dict[Month, MonthResult]:
        """Every month with records, computed once."""
        return {month: self.compute(month, self._counted(month)) for month in self.months}

    def _counted(self, period: Month | Quarter) -> list[Correction]:
        """The corrections that count for a period as published: all while it is open, the sealed ones once closed."""
        waiting = {c.id for c in self.pending(period)}
        return [c for c in self.corrections_of(str(period)) if c.id not in waiting]

    def quarter(self, quarter: Quarter, corrections: list[Correction] | None = None) -> dict[str, Decimal]:
        """Each evaluated branch's staff score of a quarter, as published (or with these corrections), by branch id."""
        rules = self.rules_for(str(quarter))
        assert rules is not None  # recorded evaluations are checked to have rules
        fixes = _staff_fixes(self._counted(quarter) if corrections is None else corrections)
        return {
            branch: staff_score(rules, self._corrected(quarter, branch, evaluation, fixes))
            for (held, branch), evaluation in sorted(self.evaluations.items(), key=lambda item: item[0][1])
            if held == quarter
        }

    def _corrected(
        self, quarter: Quarter, branch: str, evaluation: Evaluation, fixes: dict[tuple[str, str], Correction]
    ) -> Evaluation:
        """An evaluation with the latest correction of its votes (one naming the file it is recorded in)."""
        fix = fixes.get((str(quarter), branch))
        if fix is None or fix.staff != self.evaluated_in[(quarter, branch)]:
            return evaluation
        return evaluation.model_copy(update={"votes": fix.votes})

    def _missing(self, month: Month, rules: Rules) -> list[str]:
        """The inputs of a month not recorded yet, in words."""
        missing = []
        active = self.active(month)
        for department in rules.departments:
            scores = self.scores.get((month, department.id))
            if scores is None:
                missing.append(f"{department.title}评分")
                continue
            unscored = len(set(active) - {s.branch for s in scores.scores})
            if unscored:
                missing.append(f"{department.title}评分（缺 {unscored} 个党支部）")
        for line in self.lines.values():
            if self.line_branches(line.id, month) and (month, line.id) not in self.rankings:
                missing.append(f"{line.title}排序")
        quarter = month.quarter
        if month == quarter.last_month:  # the quarter's evaluation is held this month: it counts from now
            unevaluated = self.unevaluated(quarter)
            if unevaluated:
                missing.append(f"{quarter.label}职工群众评价（缺 {len(unevaluated)} 个党支部）")
        if active and not self._staff(month, next(iter(active)), rules):
            missing.append("职工群众评价")
        return missing

    def _staff(
        self, month: Month, branch: str, rules: Rules, fixes: dict[tuple[str, str], Correction] | None = None
    ) -> tuple[Decimal, str] | None:
        """The staff score that counts for a branch in a month (after these corrections), and where it comes from.

        The latest evaluation held by the month counts; a branch never evaluated takes the mean of
        the others' latest scores (考核办法 第十四条).
        """
        fixes = fixes or {}
        found = self._evaluated(month, branch)
        if found is not None:
            return staff_score(rules, self._corrected(found[0], branch, found[1], fixes)), found[0].label
        latest = [
            staff_score(rules, self._corrected(evaluated[0], other, evaluated[1], fixes))
            for other in self.active(month)
            if other != branch and (evaluated := self._evaluated(month, other))
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

    def _losses(
        self, month: Month, branch: str, rules: Rules, latest: dict[tuple[str, str, int], Correction]
    ) -> tuple[dict[str, Decimal], list[Loss]]:
        """Each department's score of a branch and the items it lost points on (`latest`: the corrections counted)."""
        scores, losses = {}, []
        for department in rules.departments:
            sheet_id = self.scores[(month, department.id)].id
            by_item: dict[int, list[Deduction]] = defaultdict(list)
            for deduction in self._entries[(sheet_id, branch)].deductions:
                by_item[deduction.item].append(deduction)
            for scores_id, corrected, number in latest:
                if (scores_id, corrected) == (sheet_id, branch):
                    by_item.setdefault(number, [])
            lost = Decimal(0)
            for no, deductions in sorted(by_item.items()):
                item = department.item(no)
                if item is None:  # a correction naming no item of the rules: an error of the check, counts nothing
                    continue
                correction = latest.get((sheet_id, branch, no))
                recorded = sum((d.points for d in deductions), Decimal(0))
                taken = recorded if correction is None or correction.points is None else correction.points
                counted = min(item.max, taken)
                lost += counted
                losses.append(Loss(department.id, no, deductions, correction, counted))
            scores[department.id] = department.max - lost
        return scores, losses

    def orders(self, month: Month, corrections: list[Correction]) -> dict[str, list[str | list[str]]]:
        """Each recorded line order of a month, best first, after the ranking corrections (in date order).

        A correction moves its branch to its place; the branches between move one place up or down.
        """
        orders: dict[str, list[str | list[str]]] = {}
        for line in self.lines.values():
            ranking = self.rankings.get((month, line.id))
            if ranking is None:
                continue
            order: list[str | list[str]] = list(ranking.order)
            for correction in corrections:
                if correction.ranking == ranking.id and correction.place and correction.branch in order:
                    order.remove(correction.branch)
                    order.insert(correction.place - 1, correction.branch)
            orders[line.id] = order
        return orders

    def compute(self, month: Month, corrections: list[Correction]) -> MonthResult:
        """Every branch's month, ranked, with these corrections (in date order); only when every input is recorded."""
        rules = self.rules_for(str(month))
        result = MonthResult(month, self.seal_of(str(month)), self._missing(month, rules) if rules else ["考核规则"])
        result.corrections = list(corrections)
        if rules is None or not result.complete:
            return result
        # the latest correction of an item counts
        items = {(c.target, c.branch, c.item): c for c in corrections if c.what == "item" and c.item is not None}
        withdrawn = {(c.scores, c.branch, c.veto) for c in corrections if c.what == "veto"}
        fixes = _staff_fixes(corrections)
        places: dict[str, tuple[int, int]] = {}
        for order in self.orders(month, corrections).values():
            places |= {branch: (i, len(order)) for i, branch in enumerate(order, 1) if isinstance(branch, str)}
        sheets = [self.scores[(month, d.id)] for d in rules.departments]
        vetoes = [v for sheet in sheets for v in sheet.vetoes if (sheet.id, v.branch, v.veto) not in withdrawn]
        result.bonuses = [bonus for sheet in sheets for bonus in sheet.bonuses]
        weights = rules.weights
        for branch in self.active(month):
            departments, losses = self._losses(month, branch, rules, items)
            own_vetoes = [v for v in vetoes if v.branch == branch]
            department = cents(Decimal(0) if own_vetoes else sum(departments.values(), Decimal(0)))
            place, units = places[branch]
            ranking = ranking_points(rules, place, units)
            staff = self._staff(month, branch, rules, fixes)
            assert staff is not None  # else the month would be missing its staff evaluation
            composite = department * weights.department + ranking * weights.ranking + staff[0] * weights.staff
            result.branches[branch] = BranchMonth(
                branch, departments, losses, own_vetoes, department, ranking, place, *staff, cents(composite / 100)
            )
        self._rank(rules, list(result.branches.values()))
        result.general = self._general({b: r.composite for b, r in result.branches.items()})
        return result

    def sealed_results(self, result: MonthResult) -> dict[str, str]:
        """A computed month as a seal keeps it: each branch's composite and rank, each general branch's score."""
        branches = {b: f"{score(r.composite)} {r.rank}" for b, r in result.branches.items()}
        return branches | {g: score(value) for g, value in result.general.items()}

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

    def final(self, year: int) -> bool:
        """Whether a year's grades are final: all twelve months are closed (else they are 暂定)."""
        return all(self.seal_of(str(Month(year, m))) for m in range(1, 13))

    def _year(self, year: int) -> tuple[list[Month], dict[str, BranchYear]]:
        """Compute a year from its computed months, by the rules in force at its last one."""
        months = [m for m in self.months if m.year == year and self.month(m).complete]
        rules = self.rules_for(str(months[-1])) if months else self.rules
        assert rules is not None
        results = [self.month(m) for m in months]
        earned: dict[str, Decimal] = defaultdict(Decimal)
        for bonus_entry in (b for r in results for b in r.bonuses):
            earned[bonus_entry.branch] += bonus_entry.points
        scores: dict[str, tuple[Decimal, Decimal, Decimal, bool]] = {}
        for branch in self.branches:
            own = [r.branches[branch] for r in results if branch in r.branches]
            if not own:
                continue  # not assessed in any computed month of the year
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
