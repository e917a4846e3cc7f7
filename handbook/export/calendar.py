"""The compliance calendar as an iCalendar file (RFC 5545) for phones and Outlook, and as a year planner to print."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as VEvent
from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.core.atomic import write_atomic
from handbook.core.html import escape
from handbook.core.problems import ProjectError
from handbook.export.print.chromium import page_pdf, print_view
from handbook.model.calendar import WEEKDAYS, Event, Scope, rest_days_note
from handbook.model.handbook import Handbook

# The planner's layouts, tried in turn until the year fits: pages and columns of months on each page (one
# quarter a column on a single page, two quarters a page, a quarter, a month); and the text sizes (pt) tried
# in each. Below 7 pt a planner on the office wall is not legible: a year that does not fit even a month a
# page is better printed per role or branch.
PLANNER_LAYOUTS = ((1, 4), (2, 2), (4, 3), (12, 1))
PLANNER_SIZES = (8.5, 8, 7.5, 7)
# Share the twelve months among the pages and columns of the first layout in which no column runs over,
# the months of a column one under the other; return the number of pages, or 0 when none fits.
FIT = """async ({layouts, sizes}) => {
  await document.fonts.ready;
  const months = [...document.querySelectorAll("section.month")];
  const sheets = document.getElementById("sheets");
  const blank = document.getElementById("sheet").content.firstElementChild;
  const fits = (c) => c.scrollHeight <= c.clientHeight + 1 && c.scrollWidth <= c.clientWidth + 1;
  for (const [pages, columns] of layouts) {
    sheets.replaceChildren();
    const per = 12 / pages / columns;
    for (let p = 0; p < pages; p++) {
      const sheet = blank.cloneNode(true);
      sheet.querySelector(".page").textContent = `第${p + 1}页 共${pages}页`;
      const grid = sheet.querySelector(".grid");
      grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
      for (let c = 0; c < columns; c++) {
        const column = document.createElement("div");
        column.className = "column";
        const first = (p * columns + c) * per;
        column.append(...months.slice(first, first + per));
        grid.append(column);
      }
      sheets.append(sheet);
    }
    for (const size of sizes) {
      document.documentElement.style.fontSize = `${size}pt`;
      if ([...document.querySelectorAll(".column")].every(fits)) return pages;
    }
  }
  return 0;
}"""
# The print engine's fonts (export/print/fonts.py): TrueType only, since Chromium embeds anything else,
# and any bold it synthesizes, as Type 3 fonts, which print shops and archival tools reject.
STYLE = """
@page{size:A4 landscape;margin:0}
html{font-size:8pt}
body{margin:0;font-family:HBPunct,HBPrint,"DejaVu Sans","WenQuanYi Zen Hei";color:#111}
h1,h2{font-weight:normal}
.sheet{box-sizing:border-box;width:297mm;height:210mm;padding:8mm 10mm 6mm;display:flex;flex-direction:column;
  overflow:hidden;break-after:page}
.sheet:last-child{break-after:auto}
header,footer{display:flex;justify-content:space-between;align-items:baseline;gap:4mm}
header{margin-bottom:2mm}
footer{margin-top:1.5mm;font-size:0.85rem;color:#444}
h1{font-size:1.6rem;margin:0}
.legend{font-size:0.85rem;color:#444}
.grid{flex:1;min-height:0;display:grid;gap:2.5mm}
.column{display:flex;flex-direction:column;gap:1.5mm;min-height:0;overflow:hidden}
section{border:0.3mm solid #444;padding:1mm 1.5mm}
section:last-child{flex:1}
h2{font-size:1.15rem;margin:0 0 0.6mm}
table{border-collapse:collapse;width:100%}
td{vertical-align:top;padding:0.2mm 0.5mm;border-top:0.1mm solid #bbb;line-height:1.2}
td.d{text-align:right;white-space:nowrap;width:1%}
td.w{white-space:nowrap;width:1%}
td.r{width:24%;color:#333}
tr.g td{border-top:0.3mm solid #444;color:#333}
.p,.m,.x{color:#555}
.none{color:#888;margin:0}
.page{white-space:nowrap}
"""


def _who(model: Handbook, event: Event, scope: Scope) -> str:
    """Who acts on an event: the role or unit, and of which branch when the calendar is one branch's."""
    title = model.actor_title(event.actor)
    return f"{title}（{scope.title}）" if scope.branch else title


def _moved(event: Event) -> str:
    """Where a moved event was due, and which way it moved (原10月2日国庆节，提前), or ''."""
    way = "提前" if event.date < event.due else "顺延"
    return f"原{event.due.month}月{event.due.day}日{event.rest}，{way}" if event.rest else ""


def ical(model: Handbook, events: list[Event], year: int, scope: Scope) -> bytes:
    """One all-day VEVENT per event, with UIDs stable across runs and distinct between calendars.

    A UID names the calendar's scope, the flow's cadence and the period, not the date: importing again
    after the year's holiday arrangement moved a date updates the event instead of adding a second one.
    """
    cal = Calendar()
    cal.add("prodid", "-//party-handbook//compliance calendar//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{scope.title or model.book.title} {year}年工作日历")
    cal.add("x-wr-caldesc", f"{model.book.title}：各流程的例行工作和截止日期。{rest_days_note(year)}")
    stamp = dt.datetime.combine(model.today, dt.time(), tzinfo=dt.UTC)
    for event in events:
        flow = model.flows[event.flow.id].meta
        entry = VEvent()
        entry.add("uid", f"{event.flow.id}-{event.index}-{event.key}.{scope.key}@handbook")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + dt.timedelta(days=1))
        entry.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it books no time
        entry.add("summary", f"{event.event}（{event.period}）")
        if event.within:
            when = "期内任选一日完成，此日为期末最后一个工作日。"
        else:
            when = f"{_moved(event)}。" if event.rest else ""
        who = _who(model, event, scope)
        entry.add("description", f"{flow.title}：{event.rule}。责任：{who}。{when}")
        entry.add("categories", [model.actor_title(event.actor), *([scope.title] if scope.branch else [])])
        cal.add_component(entry)
    return bytes(cal.to_ical())


def _period(event: Event) -> str:
    """The event's period where its date does not tell it: （第1季度）, （11月）, （2026年度）; '' for its own month."""
    year = f"{event.date.year}年"
    if event.period == f"{year}{event.date.month}月":
        return ""
    if event.period.endswith("年"):
        return "（本年度）" if event.period == year else f"（{event.period}度）"
    return f"（{event.period.removeprefix(year)}）"


def _day(day: dt.date) -> str:
    """A day of the planner's month with its weekday, a weekend day worked by the year's arrangement marked 调休."""
    makeup = "<span class='x'>调休</span>" if day.weekday() >= 5 else ""
    return f"<td class='d'>{day.day}日</td><td class='w'>周{WEEKDAYS[day.weekday()]}{makeup}</td>"


def _row(model: Handbook, event: Event, dated: bool) -> str:
    """One event of a month: its day (if `dated`), what with its period and where it was due if moved, who acts."""
    moved = f"<span class='m'>（{_moved(event)}）</span>" if event.rest else ""
    period = f"<span class='p'>{escape(_period(event))}</span>" if _period(event) else ""
    day = _day(event.date) if dated else "<td class='d'></td><td class='w'></td>"
    who = escape(model.actor_title(event.actor))
    return f"<tr>{day}<td>{escape(event.event)}{period}{moved}</td><td class='r'>{who}</td></tr>"


def _month(model: Handbook, events: list[Event]) -> str:
    """A month's events: those due on a day of their own, then those of any day by the month's last working day.

    The meetings held once a month or a quarter (支部委员会, 党课 …) fall due together at the end of their
    period; listed under that day as one group, they do not read as a pile of deadlines on it.
    """
    rows = [_row(model, e, dated=True) for e in events if not e.within]
    for last in sorted({e.date for e in events if e.within}):
        rows.append(f"<tr class='g'>{_day(last)}<td colspan='2'>以下事项期内任选一日完成，最迟此日：</td></tr>")
        rows += [_row(model, e, dated=False) for e in events if e.within and e.date == last]
    return f"<table>{''.join(rows)}</table>" if rows else "<p class='none'>无例行事项</p>"


def planner_html(model: Handbook, events: list[Event], year: int, scope: Scope) -> str:
    """A printable year planner (A4 landscape): the twelve months, each with its dated events and who acts.

    The months wait outside any page until `print_planner` shares them among as few pages as hold them.
    """
    months = []
    for month in range(1, 13):
        body = _month(model, [e for e in events if e.date.month == month])
        months.append(f"<section class='month'><h2>{month}月</h2>{body}</section>")
    title = f"{scope.title} {year}年工作日历" if scope.title else f"{year}年工作日历"
    legend = "日期为截止日；“原…”为逢休息日调整前的日期；每月、每季度一次而未定日期的事项列在期末最后一个工作日之下。"
    sheet = (
        f"<div class='sheet'><header><h1>{escape(title)}</h1><span class='legend'>{escape(model.book.title)}　"
        f"{legend}</span></header><div class='grid'></div><footer><span>{escape(rest_days_note(year))}"
        f"由各流程的周期生成，{model.today}。</span><span class='page'></span></footer></div>"
    )
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><template id='sheet'>{sheet}</template><div id='sheets'>"
        f"{''.join(months)}</div></body></html>"
    )


def print_planner(html_text: str, output: Path, browser: Browser | None = None) -> int:
    """Lay the planner out in Chromium on as few pages as hold every month at a legible size; write it; its pages."""
    with print_view(html_text, browser) as page:
        pages = int(page.evaluate(FIT, {"layouts": PLANNER_LAYOUTS, "sizes": PLANNER_SIZES}))
        if not pages:
            raise ProjectError("too many events to print the year legibly; print one role or branch (--role, --unit)")
        pdf = page_pdf(page)
    printed = len(PdfReader(io.BytesIO(pdf)).pages)
    if printed != pages:  # the planner says 共N页 on every page: that must be what is printed
        raise ProjectError(f"the planner was laid out on {pages} pages but printed on {printed}")
    write_atomic(output, pdf)
    return pages
