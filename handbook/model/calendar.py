"""The compliance calendar: the cadences of the flows as dated events of one year."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from handbook.core.refs import Ref
from handbook.kinds.common import Status
from handbook.kinds.flow.schema import Cadence, Every, Of
from handbook.model.handbook import Handbook

# Words of a cadence for people: how often, and of which period a day is.
EVERY_WORDS = {Every.WEEK: "每周", Every.MONTH: "每月", Every.QUARTER: "每季度", Every.YEAR: "每年"}
_NEXT_WORDS = {Every.WEEK: "次周", Every.MONTH: "次月", Every.QUARTER: "下季度", Every.YEAR: "次年"}
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Event:
    """One dated occurrence of a cadence: what falls due, when, in which flow, for whom."""

    date: dt.date
    event: str
    period: str  # the period it belongs to: 2027年3月, 2027年第1季度
    flow: Ref
    actor: str  # the role or unit that acts
    rule: str  # the cadence in words: 每月，次月5日前
    index: int  # the cadence's place in its flow, for stable identifiers


def describe(cadence: Cadence) -> str:
    """A cadence in words: 每月，次月5日前; 每季度第1个月; 每年12月."""
    words = EVERY_WORDS[cadence.every]
    when = _NEXT_WORDS[cadence.every] if cadence.of == Of.NEXT else ""
    if cadence.month is not None:
        when += f"第{cadence.month}个月" if cadence.every == Every.QUARTER else f"{cadence.month}月"
    if cadence.day is not None:
        when += f"周{_WEEKDAYS[cadence.day - 1]}" if cadence.every == Every.WEEK else f"{cadence.day}日前"
    return f"{words}，{when}" if when else f"{words}一次"


def _day(year: int, month: int, day: int | None) -> dt.date:
    """A day of a month (its last day when none is given, or when the month is shorter)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or last, last))


def _periods(cadence: Cadence, year: int) -> Iterator[tuple[str, dt.date]]:
    """(period, due date) for every period of `year` and of the year before (whose dates may fall in `year`)."""
    for y in (year - 1, year):
        if cadence.every == Every.YEAR:
            month = cadence.month or 12
            yield f"{y}年", _day(y + (cadence.of == Of.NEXT), month, cadence.day)
        elif cadence.every == Every.QUARTER:
            for q in range(4):
                month = q * 3 + (cadence.month or 3) + (3 if cadence.of == Of.NEXT else 0)
                yield f"{y}年第{q + 1}季度", _day(y + (month - 1) // 12, (month - 1) % 12 + 1, cadence.day)
        elif cadence.every == Every.MONTH:
            for m in range(1, 13):
                month = m + (cadence.of == Of.NEXT)
                yield f"{y}年{m}月", _day(y + (month - 1) // 12, (month - 1) % 12 + 1, cadence.day)
        else:
            monday = dt.date.fromisocalendar(y, 1, 1)
            while monday.isocalendar()[0] == y:
                weeks = 1 if cadence.of == Of.NEXT else 0
                due = monday + dt.timedelta(weeks=weeks, days=(cadence.day or 7) - 1)
                yield f"{y}年第{monday.isocalendar()[1]}周", due
                monday += dt.timedelta(weeks=1)


def year_events(model: Handbook, year: int, actor: str | Collection[str] | None = None) -> list[Event]:
    """Every event of the flows in force falling in `year` (only those of one or several roles or units), by date."""
    actors = {actor} if isinstance(actor, str) else set(actor) if actor is not None else None
    events = []
    for doc in model.flows.values():
        flow = doc.meta
        if flow.status in (Status.REPEALED, Status.TO_WRITE):
            continue
        for index, cadence in enumerate(flow.cadence):
            who = cadence.role or flow.owner
            if actors is not None and who not in actors:
                continue
            rule = describe(cadence)
            for period, due in _periods(cadence, year):
                if due.year == year:
                    events.append(Event(due, cadence.event, period, Ref("flow", flow.id), who, rule, index))
    return sorted(events, key=lambda e: (e.date, str(e.flow), e.index))


def actors_with_events(model: Handbook, year: int) -> list[str]:
    """The roles and units that have events in `year`, roles first, each in their sources' order."""
    found = {event.actor for event in year_events(model, year)}
    return [a for a in model.roles if a in found] + [u for u in model.units if u in found]


def branch_actors(model: Handbook, unit: str) -> set[str]:
    """Everyone who acts for a party organisation of the given unit type: the unit, its parts and their posts."""
    units = {unit}
    grew = True
    while grew:  # the units below it (a branch's committee, its groups), however deep
        below = {u for u, doc in model.units.items() if doc.meta.parent in units} - units
        units |= below
        grew = bool(below)
    return units | {r for r, doc in model.roles.items() if doc.meta.unit in units}
