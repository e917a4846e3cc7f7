"""The compliance calendar on the sample: working days (holidays, 调休), branches' own files, the planner PDF."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import icalendar
import pytest
from conftest import ROOT, TODAY
from playwright.sync_api import Browser
from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject

from handbook.cli import main
from handbook.core.project import Project
from handbook.export.calendar import planner_html, print_planner
from handbook.kinds.flow.schema import RestDay
from handbook.model.calendar import (
    ALL,
    Event,
    Scope,
    arrangement_known,
    branch_actors,
    rest_day,
    working_day,
    year_events,
)
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model
from handbook.spec.common import Status


@pytest.fixture(scope="module")
def model() -> Handbook:
    """The sample handbook as of the tests' date."""
    return load_model(Project(ROOT, TODAY))


def _event(model: Handbook, flow: str, event: str, key: str) -> Event:
    """The one event of a flow's cadence (by its name) for a period (2026-09, 2026-Q1), in the year it falls in."""
    year = int(key[:4])
    found = [
        e
        for y in (year, year + 1)
        for e in year_events(model, y)
        if e.flow.id == flow and e.event == event and e.key == key
    ]
    assert len(found) == 1, found
    return found[0]


def test_deadlines_on_rest_days_move_to_the_previous_working_day(model: Handbook) -> None:
    """2026 as the State Council arranged it: holidays and weekends move back, a 调休 Saturday is a working day."""
    # January's dues, handed up by 15 February (春节, a Sunday): the day before is a 调休 Saturday, worked.
    dues = _event(model, "dangfei-shoujiao", "支部向组织部上缴党费", "2026-01")
    assert (dues.due, dues.rest, dues.date) == (dt.date(2026, 2, 15), "春节", dt.date(2026, 2, 14))
    # September's report, due 2 October (国庆节): back over the holiday to Wednesday 30 September.
    report = _event(model, "sixiang-dongtai-fenxi", "支部思想动态分析上报", "2026-09")
    assert (report.due, report.rest, report.date) == (dt.date(2026, 10, 2), "国庆节", dt.date(2026, 9, 30))
    # December 2025's report, due 2 January 2026 (元旦): moved into 2025, so not in 2026's calendar.
    assert _event(model, "yuedu-kaohe", "报送月度考核材料", "2025-12").date == dt.date(2025, 12, 31)
    # A meeting of any day of February is due by its last working day: the 调休 Saturday 28 February.
    meeting = _event(model, "sanhui-yike", "支部委员会", "2026-02")
    assert (meeting.date, meeting.rest, meeting.within) == (dt.date(2026, 2, 28), "", True)
    # 录入 by the 5th, 遇法定节假日顺延 (kaohe-banfa 第十条): 5 October goes on to Thursday 8 October.
    entry = _event(model, "yuedu-kaohe", "录入月度考核结果", "2026-09")
    assert (entry.due, entry.date) == (dt.date(2026, 10, 5), dt.date(2026, 10, 8))
    assert working_day(dt.date(2026, 10, 9), RestDay.LATER) == dt.date(2026, 10, 9)
    assert working_day(dt.date(2026, 10, 4), RestDay.LATER) == dt.date(2026, 10, 8)
    assert working_day(dt.date(2026, 10, 11), RestDay.LATER) == dt.date(2026, 10, 12)  # Sunday after the 调休 Saturday
    assert working_day(dt.date(2026, 10, 11)) == dt.date(2026, 10, 10)  # the 调休 Saturday itself


def test_no_event_of_the_sample_falls_on_a_rest_day(model: Handbook) -> None:
    """Every event of 2026 and 2027 is on a working day; of 2026's, those that moved were due on rest days."""
    for year in (2026, 2027):
        events = year_events(model, year)
        assert events and all(e.date.year == year and not rest_day(e.date) for e in events)
        assert all(e.date != e.due and e.rest == rest_day(e.due) for e in events if e.rest)
    assert sum(e.date != e.due for e in year_events(model, 2026)) > 30


def test_a_year_without_the_arrangement_moves_off_the_fixed_holidays() -> None:
    """Before the State Council publishes a year, the days the law fixes and the weekends are rest days."""
    assert arrangement_known(2026) and not arrangement_known(2099)
    assert rest_day(dt.date(2099, 10, 1)) == "国庆节" and rest_day(dt.date(2099, 5, 2)) == "劳动节"
    assert rest_day(dt.date(2099, 1, 1)) == "元旦" and rest_day(dt.date(2099, 4, 4)) == "清明"
    assert rest_day(dt.date(2099, 10, 4)) == "周日" and rest_day(dt.date(2099, 10, 5)) == ""
    assert working_day(dt.date(2099, 10, 3)) == dt.date(2099, 9, 30)


def test_every_cadence_of_every_sample_flow_is_in_the_year(model: Handbook) -> None:
    """Each cadence of each flow in force has its events in 2027, one per period and none twice."""
    cadences = {
        (flow_id, index)
        for flow_id, doc in model.flows.items()
        if doc.meta.status not in (Status.REPEALED, Status.TO_WRITE)
        for index in range(len(doc.meta.cadence))
    }
    events = year_events(model, 2027)
    assert {(e.flow.id, e.index) for e in events} == cadences
    assert len({(e.flow.id, e.index, e.key) for e in events}) == len(events)
    # The fixes of the sample's cadences: the 三会一课 plan by 15 January, dues handed up the month after.
    plan = [e for e in events if e.event == "制订年度“三会一课”计划"]
    assert [(e.due, e.period) for e in plan] == [(dt.date(2027, 1, 15), "2027年")]
    dues = [e for e in events if e.event == "支部向组织部上缴党费"]
    assert [(e.due, e.period) for e in dues][:2] == [
        (dt.date(2027, 1, 15), "2026年12月"),
        (dt.date(2027, 2, 15), "2027年1月"),
    ]


def _calendar(tmp_path: Path, *args: str) -> icalendar.Calendar:
    """The .ics `handbook calendar` writes for 2027 with the given options."""
    output = tmp_path / f"{len(list(tmp_path.iterdir()))}.ics"
    assert main(["--root", str(ROOT), "calendar", "--year", "2027", "--output", str(output), *args]) == 0
    return icalendar.Calendar.from_ical(output.read_bytes())


def test_two_branches_get_their_own_calendars(tmp_path: Path) -> None:
    """Same duties, same days; each named for its branch, with UIDs of its own that stay the same run after run."""
    one, two = _calendar(tmp_path, "--unit", "综采一队党支部"), _calendar(tmp_path, "--unit", "zongcai-erdui")
    assert str(one["x-wr-calname"]) == "综采一队党支部 2027年工作日历"
    assert str(two["x-wr-calname"]) == "综采二队党支部 2027年工作日历"
    uids = [{str(e["uid"]) for e in cal.walk("VEVENT")} for cal in (one, two)]
    assert uids[0].isdisjoint(uids[1]) and len(uids[0]) == len(one.walk("VEVENT"))
    days = [[(e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT")] for cal in (one, two)]
    assert days[0] == days[1]
    assert all("综采一队党支部" in str(e["description"]) for e in one.walk("VEVENT"))
    assert {str(e["uid"]) for e in _calendar(tmp_path, "--unit", "zongcai-yidui").walk("VEVENT")} == uids[0]


def _fonts(resources: DictionaryObject) -> list[DictionaryObject]:
    """Every font of a page's resources, those of the forms it draws included."""
    fonts = [font.get_object() for font in resources.get("/Font", DictionaryObject()).get_object().values()]
    for form in resources.get("/XObject", DictionaryObject()).get_object().values():
        inner = form.get_object().get("/Resources")
        fonts += _fonts(inner.get_object()) if inner is not None else []
    return fonts


def _text(page: PageObject) -> str:
    """A PDF page's text without the spaces pypdf puts between CJK and Latin, its radicals as the usual characters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", page.extract_text()))


def _planner(model: Handbook, tmp_path: Path, browser: Browser, scope: Scope, actors: set[str] | None) -> PdfReader:
    """The 2027 planner of `actors` printed as `handbook calendar --pdf` prints it, checked: its stated pages, A4."""
    output = tmp_path / f"{scope.key}.pdf"
    pages = print_planner(planner_html(model, year_events(model, 2027, actors), 2027, scope), output, browser)
    pdf = PdfReader(output)
    assert len(pdf.pages) == pages
    for number, page in enumerate(pdf.pages, 1):
        assert (round(page.mediabox.width), round(page.mediabox.height)) == (842, 595)  # A4 landscape, in pt
        assert f"第{number}页共{pages}页" in _text(page)
        subtypes = {str(font["/Subtype"]) for font in _fonts(page["/Resources"].get_object())}
        assert subtypes == {"/Type0"}  # CID TrueType fonts only: no Type 3
    return pdf


@pytest.mark.browser
def test_year_planner_prints_on_its_stated_pages_in_truetype(model: Handbook, tmp_path: Path, browser: Browser) -> None:
    """A branch's year on one A4 landscape page, the whole sample's on the pages it says; weekdays and roles shown."""
    branch = _planner(
        model, tmp_path, browser, Scope("zongcai-yidui", "综采一队党支部", True), branch_actors(model, "dang-zhibu")
    )
    assert len(branch.pages) == 1
    text = _text(branch.pages[0])
    assert "综采一队党支部2027年工作日历" in text
    assert "15日周五支部向组织部上缴党费" in text  # day, weekday, event …
    assert "组织委员" in text and "党小组组长" in text  # … and who acts
    assert "原5月2日劳动节" in text  # a moved deadline says where it was due
    assert len(_planner(model, tmp_path, browser, ALL, None).pages) > 1
