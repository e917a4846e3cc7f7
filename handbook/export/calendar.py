"""The compliance calendar as an iCalendar file (RFC 5545) for phones and Outlook, and as a year planner to print."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as VEvent

from handbook.core.html import escape
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


def planner_html(model: Handbook, events: list[Event], year: int, who: str) -> str:
    """A printable year planner (A4 landscape): the twelve months side by side, each with its dated events."""
    months = []
    for month in range(1, 13):
        rows = "".join(
            f"<tr><td class='d'>{e.date.day}日</td><td>{escape(e.event)}"
            f"<span class='p'>（{escape(e.period)}）</span></td></tr>"
            for e in events
            if e.date.month == month
        )
        body = f"<table>{rows}</table>" if rows else "<p class='none'>无例行事项</p>"
        months.append(f"<section><h2>{month}月</h2>{body}</section>")
    title = f"{who} {year}年工作日历" if who else f"{year}年工作日历"
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        "@page{size:A4 landscape;margin:10mm}body{font-family:'Noto Sans CJK SC',sans-serif;font-size:8pt;margin:0}"
        "h1{font-size:14pt;margin:0 0 4mm}main{display:grid;grid-template-columns:repeat(4,1fr);gap:3mm}"
        "section{border:1px solid #444;padding:2mm;break-inside:avoid}h2{font-size:10pt;margin:0 0 1mm}"
        "table{border-collapse:collapse;width:100%}td{vertical-align:top;padding:0.3mm 1mm}"
        "td.d{white-space:nowrap;width:1%}.p{color:#666}.none{color:#999;margin:0}"
        "</style></head><body>"
        f"<h1>{escape(model.book.title)}　{escape(title)}</h1><main>{''.join(months)}</main>"
        f"<p>由各流程的周期生成，{model.today}。</p></body></html>"
    )
