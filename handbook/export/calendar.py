"""The compliance calendar as an iCalendar file (RFC 5545), for phones, Outlook and shared calendars."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as VEvent

from handbook.model.calendar import Event
from handbook.model.handbook import Handbook


def ical(model: Handbook, events: list[Event], year: int) -> bytes:
    """One all-day VEVENT per event; stable UIDs, so a re-import updates instead of duplicating."""
    cal = Calendar()
    cal.add("prodid", "-//party-handbook//compliance calendar//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{model.book.title} {year}年工作日历")
    stamp = dt.datetime.combine(model.today, dt.time(), tzinfo=dt.UTC)
    for event in events:
        flow = model.flows[event.flow.id].meta
        entry = VEvent()
        entry.add("uid", f"{event.flow.id}-{event.index}-{event.date.isoformat()}@handbook")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + dt.timedelta(days=1))
        entry.add("summary", f"{event.event}（{event.period}）")
        who = model.actor_title(event.actor)
        entry.add("description", f"{flow.title}：{event.rule}。责任：{who}。")
        entry.add("categories", [who])
        cal.add_component(entry)
    return bytes(cal.to_ical())
