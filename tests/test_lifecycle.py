"""A document's life on the golden project: review plans for a fixed day, warnings, the calendar file, search."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from conftest import ROOT, TODAY

from handbook.cli import main
from handbook.core.project import Project
from handbook.model.calendar import branch_actors, year_events
from handbook.model.lifecycle import add_months
from handbook.pipeline import load_model, search_files
from handbook.search.ranking import Ranker

PROJECT = Path(__file__).resolve().parent / "golden" / "pages" / "project"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the golden project (searching writes its index into the project's cache)."""
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


def _review(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The output of `handbook review` with the given options."""
    assert main(["--root", str(project), "review", *args]) == 0
    return capsys.readouterr().out


def test_review_lists_what_is_due_for_a_fixed_day(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Within 90 days of 2026-11-30: the overdue activity and the flow due on 2026-12-15, by owner."""
    report = json.loads(_review(project, capsys, "--today", "2026-11-30", "--format", "json"))
    items = [(i["owner"], i["ref"], i["review_by"], i["days"], i["overdue"]) for i in report["items"]]
    assert items == [
        ("dang-zhibu", "flow:simple", "2026-12-15", 15, False),
        ("zuzhi-bu", "act:study", "2026-10-31", -30, True),
    ]


def test_review_window_and_what_is_never_reviewed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A wider window adds the later dates; repealed documents and entries still to write are never listed."""
    rows = list(
        csv.DictReader(
            io.StringIO(_review(project, capsys, "--today", "2026-11-30", "--within", "400", "--format", "csv"))
        )
    )
    assert [(r["ref"], r["review_by"]) for r in rows] == [
        ("reg:rule", "2027-06-30"),
        ("reg:amend", "2027-12-31"),
        ("flow:simple", "2026-12-15"),
        ("act:study", "2026-10-31"),
        ("flow:notify", "2027-06-30"),
    ]
    assert {"reg:old", "reg:dangfei", "flow:pending"}.isdisjoint(r["ref"] for r in rows)


def test_review_text_a_year_earlier(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same sources as of another day: nothing is overdue yet."""
    out = _review(project, capsys, "--today", "2025-11-30")
    assert out.startswith("复审计划：按 2025-11-30 计，90 天内到期或已逾期 0 项")


def test_an_overdue_review_warns_but_the_check_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` prints the overdue activity as a warning and exits 0; JSON lists it apart from the problems."""
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert out == (
        "activities/study.md:8 (review_by): warning: review overdue since 2026-10-31 (组织部): "
        "review it, then set a new review_by or reviewed\nok (1 warning)\n"
    )
    assert main(["--root", str(project), "check", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["problems"] == []
    assert [w["path"] for w in report["warnings"]] == ["activities/study.md"]


def test_calendar_file_parses_and_holds_the_year(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The .ics of 2027 parses with icalendar: 12 meetings, 12 reports due by the 2nd, one year-end meeting.

    Days that are not working days move back: 2 January 2027 (a Saturday) to 2026, so December 2027's report,
    due Sunday 2 January 2028, is the year's twelfth; 28 February 2027 is a Sunday.
    """
    output = project / "build" / "cal.ics"
    assert main(["--root", str(project), "calendar", "--year", "2027", "--output", str(output)]) == 0
    cal = icalendar.Calendar.from_ical(output.read_bytes())
    events = [(e.decoded("dtstart"), str(e["summary"])) for e in cal.walk("VEVENT")]
    assert len(events) == 25
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == 25
    assert "报送考核材料（2026年12月）" not in [summary for _, summary in events]
    assert (dt.date(2027, 12, 31), "报送考核材料（2027年12月）") in events
    assert (dt.date(2027, 2, 26), "支部委员会（2027年2月）") in events
    assert (dt.date(2027, 12, 31), "组织生活会（2027年）") in events
    assert all(start.year == 2027 and start.weekday() < 5 for start, _ in events)
    assert str(cal["x-wr-calname"]) == "测试手册 2027年工作日历"


def test_calendar_of_one_role(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--role` takes an id or a title; the unit's year-end meeting is not the secretary's."""
    output = project / "build" / "shuji.ics"
    assert (
        main(["--root", str(project), "calendar", "--year", "2027", "--role", "党支部书记", "--output", str(output)])
        == 0
    )
    cal = icalendar.Calendar.from_ical(output.read_bytes())
    assert len(cal.walk("VEVENT")) == 24
    assert main(["--root", str(project), "calendar", "--role", "cfo"]) == 1
    assert "unknown role or unit 'cfo'" in capsys.readouterr().err


def test_repealed_documents_only_when_asked_for(project: Path) -> None:
    """A repealed regulation stays out of search results unless repealed ones are asked for."""
    model = load_model(Project(project, TODAY))
    ranker = Ranker.from_files(search_files(Project(project, TODAY), model))
    assert "reg:old" not in [hit.key for hit in ranker.search("旧规定")]
    found = {hit.key: hit.repealed for hit in ranker.search("旧规定", repealed=True)}
    assert found["reg:old"] is True
    assert not any(repealed for key, repealed in found.items() if key != "reg:old")


def test_months_are_added_to_the_month_end() -> None:
    """31 January plus one month is the last day of February."""
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 15), 14) == dt.date(2029, 1, 15)


def test_a_branch_calendar_holds_what_its_posts_and_units_do(tmp_path: Path) -> None:
    """`calendar --unit 综采一队党支部`: the branch's secretary's events and its committee's, not the mine's."""
    model = load_model(Project(ROOT, TODAY))
    branch = year_events(model, 2027, branch_actors(model, "dang-zhibu"))
    secretary = year_events(model, 2027, "zhibu-shuji")
    assert set(secretary) < set(branch)
    assert not [e for e in branch if e.actor in ("dangwei", "zuzhibu")]
    output = tmp_path / "branch.ics"
    assert (
        main(["--root", str(ROOT), "calendar", "--year", "2027", "--unit", "综采一队党支部", "--output", str(output)])
        == 0
    )
    assert len(icalendar.Calendar.from_ical(output.read_bytes()).walk("VEVENT")) == len(branch)
