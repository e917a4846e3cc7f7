"""The assessment rules as data: what the department scoring, ranking, staff evaluation and grades count."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated

from pydantic import Field, StringConstraints

from handbook.core.periods import MonthText
from handbook.kinds.flow.schema import Of, RestDay
from handbook.spec.common import Id, RefText, Strict, Text

Points = Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)]
Share = Annotated[str, StringConstraints(pattern=r"^\d+/[1-9]\d*$")]


class Layer(StrEnum):
    """The three layers of the monthly assessment."""

    DEPARTMENT = "department"
    RANKING = "ranking"
    STAFF = "staff"


def share(text: str) -> Fraction:
    """A share written as `1/3`."""
    return Fraction(text)


class Item(Strict):
    """One quantified item a department scores every branch on, from its maximum downwards."""

    number: int = Field(ge=1, description="the item's number within its department")
    title: Text
    criterion: Text = Field(description="what a branch must do to keep the item's points")
    deductions: list[Text] = Field(min_length=1, description="how points are taken off, one rule each")
    max: Points = Field(gt=0)
    method: Text = Field(description="how the department checks")
    frequency: Text = Field(description="when it is checked, e.g. 每月")
    evidence: Text = Field(description="what proves each deduction")
    data_from: Text | None = Field(default=None, description="the office whose records are the data")


class Department(Strict):
    """A functional department that scores branches; its maximum is the sum of its items'."""

    id: Id = Field(description="id of the department's unit in organisation/units")
    title: Text
    short: Text = Field(description="the short name clerks use, e.g. 组织部")
    focus: Text = Field(description="what its items are about")
    items: list[Item] = Field(min_length=1)

    @property
    def max(self) -> Decimal:
        """The department's share of the 100 points."""
        return sum((item.max for item in self.items), Decimal(0))

    def item(self, no: int) -> Item | None:
        """The item with number `no`, if any."""
        return next((item for item in self.items if item.number == no), None)


class Weights(Strict):
    """The weights (in per cent) of the three layers in the monthly composite."""

    department: int = Field(ge=0, le=100)
    ranking: int = Field(ge=0, le=100)
    staff: int = Field(ge=0, le=100)


class Ranking(Strict):
    """How a line leader's order becomes points: first and last get fixed points, the rest evenly between."""

    first: Points
    last: Points
    single: Points = Field(description="the points of the only unit of a line")
    reason_chars: int = Field(ge=0, description="the least characters of the reasons for first and last")


class Aspect(Strict):
    """One aspect of the staff evaluation sheet."""

    title: Text
    note: Text


class Staff(Strict):
    """The quarterly evaluation by staff representatives: sheet, scoring and the counts it needs."""

    aspects: list[Aspect] = Field(min_length=1)
    satisfied: Points = Field(description="points of a 满意 vote")
    fairly: Points = Field(description="points of a 基本满意 vote")
    min_participants: int = Field(ge=1)
    max_member_share: Share = Field(description="party members among participants at most, e.g. 1/3")
    min_valid_share: Share = Field(description="valid sheets at least, as a share of participants, e.g. 2/3")
    interview_below: Points = Field(description="a score below this leads to a talk with the secretary")


class Grade(Strict):
    """An annual grade: from `min` points upwards, optionally for at most a share of the branches."""

    title: Text
    min: Points
    max_share: Share | None = None


class Bonus(Strict):
    """An item for which a branch earns bonus points in its annual score."""

    number: int = Field(ge=1)
    title: Text
    standard: Text
    department: Id = Field(description="the department that confirms it")
    max: Points = Field(gt=0, description="the most one entry may add")


class Veto(Strict):
    """A case in which the branch's month is scored 0 and its year graded 差."""

    number: int = Field(ge=1)
    text: Text


class Deadline(Strict):
    """When a record is due: a day of the period's last month or of the month after, moved off rest days as the
    calendar moves a flow's deadline, and optionally some working days after it (3个工作日内)."""

    day: int = Field(ge=1, le=31, description="the day of the month (the month's last day if it is shorter)")
    of: Of = Field(description="this: the period's (last) month; next: the month after it (次月5日前)")
    working_days: int = Field(default=0, ge=0, le=20, description="working days allowed after that day")
    rest_day: RestDay = Field(
        default=RestDay.EARLIER,
        description="a day on a weekend or public holiday moves to the working day before (earlier), "
        "or after it (later: where the rule says 遇节假日顺延)",
    )


class Deadlines(Strict):
    """When departments, line leaders and the evaluating departments submit (the submission status page)."""

    scores: Deadline | None = Field(default=None, description="a department's month of scores")
    ranking: Deadline | None = Field(default=None, description="a line leader's order of a month")
    staff: Deadline | None = Field(default=None, description="a department's staff evaluations of a quarter")


class Rules(Strict):
    """The whole assessment rule book of one handbook."""

    id: Id
    title: Text
    effective: MonthText | None = Field(
        default=None,
        description="the first month these rules apply to; a revision is a new rules file (rules-2027.yaml)",
    )
    regulations: list[RefText] = Field(
        min_length=1,
        description="the regulations that set out these rules, e.g. reg:kaohe-banfa (linked from the results)",
    )
    departments: list[Department] = Field(min_length=1)
    weights: Weights
    ranking: Ranking
    staff: Staff
    grades: list[Grade] = Field(min_length=1, description="from the best down; the last has min 0")
    tie_break: list[Layer] = Field(description="the layers that order equal composites, first decides first")
    bonus_cap: Points = Field(description="the most bonus points a branch earns in a year")
    appeal_days: int | None = Field(
        default=None, ge=1, le=60, description="days after a month is closed (published) in which a branch may appeal"
    )
    bonuses: list[Bonus] = Field(default_factory=list)
    vetoes: list[Veto] = Field(default_factory=list)
    deadlines: Deadlines | None = Field(
        default=None,
        description="when each record is due; decides no result, so a seal does not cover it (like provenance)",
    )
    provenance: Text | None = Field(
        default=None,
        description="where these settings come from (e.g. that they are a sample's choice); shown beside them",
    )

    def department(self, department_id: str) -> Department | None:
        """The department with this id, if any."""
        return next((d for d in self.departments if d.id == department_id), None)
