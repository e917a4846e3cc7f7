"""The compliance calendar: the cadences of the flows as dated events of one year, due on China's working days."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import chinese_calendar  # type: ignore[import-untyped]  # ships no type information

from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Cadence, Every, Of, RestDay
from handbook.model.handbook import Handbook
from handbook.spec.common import Status

# Words of a cadence for people: how often, and of which period a day is.
EVERY_WORDS = {Every.WEEK: "每周", Every.MONTH: "每月", Every.QUARTER: "每季度", Every.YEAR: "每年"}
_NEXT_WORDS = {Every.WEEK: "次周", Every.MONTH: "次月", Every.QUARTER: "下季度", Every.YEAR: "次年"}
WEEKDAYS = "一二三四五六日"
# 《全国年节及纪念日放假办法》（2024年修订）第二条 fixes these holidays on the Gregorian calendar (清明 on its solar
# term). The lunar ones (春节、端午节、中秋节) and the make-up working days (调休) are known only from the State
# Council's arrangement for the year, which chinese-calendar carries from the release after its publication.
_FIXED_HOLIDAYS = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}
_QINGMING = "清明"


@dataclass(frozen=True)
class Event:
    """One dated occurrence of a cadence: what falls due, when, in which flow, for whom."""

    date: dt.date  # the day it is due: `due`, or the nearest working day before (or after) it when `due` is a rest day
    event: str
    period: str  # the period it belongs to: 2027年3月, 2027年第1季度
    flow: Ref
    actor: str  # the role or unit that acts
    rule: str  # the cadence in words: 每月，次月5日前
    index: int  # the cadence's place in its flow, for stable identifiers
    key: str  # the period as an identifier (2027-03, 2027-Q1, 2027-W05, 2027): stays when the date moves
    due: dt.date  # the day the cadence names
    rest: str  # why the named day `due` is not a working day (国庆节, 周六); '' on a working day or when none is named
    within: bool  # any day of its month or quarter will do (每月一次): `due` is only the period's last day


@dataclass(frozen=True)
class Scope:
    """Whose calendar it is: everything, one role or unit, or one branch of the roster."""

    key: str  # in every event's UID, so that two branches' calendars never share an event: 'all', an id
    title: str  # what the calendar is named for: 综采一队党支部, 党支部书记; '' for everything
    branch: bool = False  # a branch of the roster: its roles are that branch's secretary, committee, members


ALL = Scope("all", "")


def describe(cadence: Cadence) -> str:
    """A cadence in words: 每月，次月5日前; 每季度第1个月; 每年12月."""
    words = EVERY_WORDS[cadence.every]
    when = _NEXT_WORDS[cadence.every] if cadence.of == Of.NEXT else ""
    if cadence.month is not None:
        when += f"第{cadence.month}个月" if cadence.every == Every.QUARTER else f"{cadence.month}月"
    if cadence.day is not None:
        when += f"周{WEEKDAYS[cadence.day - 1]}" if cadence.every == Every.WEEK else f"{cadence.day}日前"
    said = f"{words}，{when}" if when else f"{words}一次"
    return f"{said}（遇节假日顺延）" if cadence.rest_day == RestDay.LATER else said


@functools.cache
def arrangement_known(year: int) -> bool:
    """Whether the installed chinese-calendar holds the State Council's holiday arrangement (with 调休) for `year`."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:  # its way of saying the year's arrangement is not in this release
        return False
    return True


@functools.cache
def _qingming(year: int) -> dt.date | None:
    """The day of the solar term 清明 (a public holiday), or None beyond the years the formula covers."""
    try:
        terms = chinese_calendar.get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 30))
    except NotImplementedError:
        return None
    return next((day for day, term in terms if term == _QINGMING), None)


@functools.cache
def rest_day(day: dt.date) -> str:
    """Why `day` is not a working day in China (国庆节, 周六), or '' when it is one (a 调休 Saturday included)."""
    weekend = f"周{WEEKDAYS[day.weekday()]}" if day.weekday() >= 5 else ""
    if arrangement_known(day.year):
        resting, name = chinese_calendar.get_holiday_detail(day)
        if not resting:  # a weekday, or a weekend day the arrangement makes a working day
            return ""
        return str(chinese_calendar.Holiday(name).chinese) if name else weekend
    return _FIXED_HOLIDAYS.get((day.month, day.day)) or (_QINGMING if day == _qingming(day.year) else weekend)


def working_day(day: dt.date, shift: RestDay = RestDay.EARLIER) -> dt.date:
    """`day` if it is a working day, else the nearest working day before it (a deadline met early) or after it."""
    step = dt.timedelta(days=-1 if shift == RestDay.EARLIER else 1)
    while rest_day(day):
        day += step
    return day


def rest_days_note(year: int) -> str:
    """How the year's deadlines were moved off rest days, in words for the calendar's readers."""
    moved = "截止日逢周末或法定节假日的，提前到此前最近的工作日，规定“遇节假日顺延”的顺延到此后最近的工作日"
    if arrangement_known(year):
        return f"{moved}；节假日和调休上班日按国务院办公厅公布的{year}年节假日安排。"
    return (
        f"{moved}。本机的 chinese-calendar 尚无{year}年节假日安排（国务院办公厅一般在上一年11月公布）："
        "目前只按周末和元旦、清明节、劳动节、国庆节的法定日期调整，春节、端午节、中秋节和调休上班日"
        "待更新 chinese-calendar 后重新生成。"
    )


def _day(year: int, month: int, day: int | None) -> dt.date:
    """A day of a month (its last day when none is given, or when the month is shorter)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day or last, last))


def _month(year: int, month: int, day: int | None) -> dt.date:
    """A day of the `month`th month counted from January of `year` (13 is the next January)."""
    return _day(year + (month - 1) // 12, (month - 1) % 12 + 1, day)


def _periods(cadence: Cadence, year: int) -> Iterator[tuple[str, str, dt.date]]:
    """(key, period, due date) of the periods whose dates may fall in `year` once moved off rest days.

    The year before holds 次月 and 次年 dates in `year`; the year after, dates early in January that a
    holiday moves back into `year`.
    """
    for y in (year - 1, year, year + 1):
        if cadence.every == Every.YEAR:
            yield str(y), f"{y}年", _day(y + (cadence.of == Of.NEXT), cadence.month or 12, cadence.day)
        elif cadence.every == Every.QUARTER:
            for q in range(4):
                month = q * 3 + (cadence.month or 3) + (3 if cadence.of == Of.NEXT else 0)
                yield f"{y}-Q{q + 1}", f"{y}年第{q + 1}季度", _month(y, month, cadence.day)
        elif cadence.every == Every.MONTH:
            for m in range(1, 13):
                yield f"{y}-{m:02d}", f"{y}年{m}月", _month(y, m + (cadence.of == Of.NEXT), cadence.day)
        else:
            monday = dt.date.fromisocalendar(y, 1, 1)
            while monday.isocalendar()[0] == y:
                weeks = 1 if cadence.of == Of.NEXT else 0
                due = monday + dt.timedelta(weeks=weeks, days=(cadence.day or 7) - 1)
                week = monday.isocalendar()[1]
                yield f"{y}-W{week:02d}", f"{y}年第{week}周", due
                monday += dt.timedelta(weeks=1)


def year_events(model: Handbook, year: int, actor: str | Collection[str] | None = None) -> list[Event]:
    """Every event of the flows in force falling in `year` (only those of one or several roles or units), by date.

    An event is dated on its working day: a due date on a weekend or a public holiday moves to the nearest
    working day before it (after it where the cadence says so), and may so move into another year.
    """
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
            within = cadence.day is None and cadence.every != Every.WEEK
            # Without a day named, the period's last working day is the deadline itself, not a day moved to.
            named = cadence.day is not None
            for key, period, due in _periods(cadence, year):
                date = working_day(due, cadence.rest_day)
                if date.year == year:
                    ref = Ref("flow", flow.id)
                    rest = rest_day(due) if named else ""
                    event = Event(date, cadence.event, period, ref, who, rule, index, key, due, rest, within)
                    events.append(event)
    return sorted(events, key=lambda e: (e.date, str(e.flow), e.index, e.key))


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
