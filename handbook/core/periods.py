"""Assessment periods: a month (2026-10), a quarter (2026-q3) or a year (2026), as text and in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import StringConstraints

MonthText = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
QuarterText = Annotated[str, StringConstraints(pattern=r"^\d{4}-q[1-4]$")]
_QUARTER_NAMES = "一二三四"


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, the period of the monthly assessment."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read `2026-10`; raise ValueError on anything else."""
        year, _, month = text.partition("-")
        if len(year) != 4 or len(month) != 2 or not (year + month).isdigit() or not 1 <= int(month) <= 12:
            raise ValueError(f"'{text}' is not a month; write it as YYYY-MM, e.g. 2026-10")
        return cls(int(year), int(month))

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The month in Chinese: 2026年10月."""
        return f"{self.year}年{self.month}月"

    @property
    def quarter(self) -> Quarter:
        """The quarter the month falls in."""
        return Quarter(self.year, (self.month - 1) // 3 + 1)

    def next(self) -> Month:
        """The month after this one."""
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def first_day(self) -> date:
        """The first day of the month."""
        return date(self.year, self.month, 1)


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter, the period of the staff representatives' evaluation."""

    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read `2026-q3`; raise ValueError on anything else."""
        year, _, rest = text.partition("-q")
        if len(year) != 4 or not year.isdigit() or rest not in {"1", "2", "3", "4"}:
            raise ValueError(f"'{text}' is not a quarter; write it as YYYY-qN, e.g. 2026-q3")
        return cls(int(year), int(rest))

    def __str__(self) -> str:
        return f"{self.year}-q{self.number}"

    @property
    def label(self) -> str:
        """The quarter in Chinese: 2026年第三季度."""
        return f"{self.year}年第{_QUARTER_NAMES[self.number - 1]}季度"

    @property
    def first_month(self) -> Month:
        """The quarter's first month."""
        return Month(self.year, self.number * 3 - 2)

    @property
    def last_month(self) -> Month:
        """The month in which the quarter's evaluation is held (its last)."""
        return Month(self.year, self.number * 3)


def parse_period(text: str) -> Month | Quarter:
    """A month or a quarter from its text."""
    return Quarter.parse(text) if "q" in text else Month.parse(text)
