"""The whole year of the assessment (issue 29): what line leaders, staff representatives and the 考核办公室 do.

The line leaders' ranking forms and the evaluating departments' staff forms are filled as a clerk
would and imported, all or nothing, every problem at its sheet, row and column; a correction of a
ranking, of a staff evaluation (its quarter first, then each month it counts in) or of a veto
changes a closed month's published results only as a sealed amendment; the status page marks what
came late or has not come; the 公示栏 sheet prints on one A3 page at a legible size, TrueType only;
and the branches below the 谈话 line are those a recomputation from the recorded votes finds.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import chinese_calendar  # type: ignore[import-untyped]
import pytest
import yaml
from conftest import ROOT, TODAY
from openpyxl import load_workbook
from playwright.sync_api import Browser
from pypdf import PdfReader
from test_print import runs_of

from handbook.assessment.close import notice_html, print_notice
from handbook.assessment.rules.schema import Deadline
from handbook.assessment.scores.page import due_date, results_pages
from handbook.cli import main
from handbook.core.periods import Month, Quarter
from handbook.core.problems import SourceProblems
from handbook.core.project import Project
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

FIXTURE = ROOT / "tests" / "golden" / "pages" / "project"
REASON = "申诉成立：经考核领导小组复核，原记录与事实不符，予以更正。"


def _copy(tmp_path: Path) -> Path:
    """A writable copy of the small project (2026-01 closed and amended, 2026-02 open, 2025-q4 evaluated)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


def _run(project: Path, *args: str) -> int:
    """`handbook --root PROJECT …`."""
    return main(["--root", str(project), *args])


def _model(project: Path) -> Handbook:
    """The project's model as of the tests' date."""
    return load_model(Project(project, TODAY))


def _problems(project: Path) -> tuple[list[str], list[str]]:
    """Every error and every warning `handbook check` finds in assessment/ (the project's review dates aside)."""
    try:
        found = load_model(Project(project, TODAY)).warnings
    except SourceProblems as exc:
        found = exc.problems
    mine = [p for p in found if p.path.startswith("assessment/")]
    return [str(p) for p in mine if not p.warning], [str(p) for p in mine if p.warning]


def _cents(value: Decimal) -> Decimal:
    """Half up to hundredths, as 考核办法 rounds."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _staff_score(votes: list[tuple[int, int, int]], valid: int) -> Decimal:
    """考核细则: each aspect (满意 × 100 + 基本满意 × 60) ÷ valid sheets, the score their mean — written out here."""
    aspects = [(Decimal(s) * 100 + Decimal(f) * 60) / valid for s, f, _ in votes]
    return _cents(sum(aspects, Decimal(0)) / len(aspects))


def _correction(project: Path, name: str, **fields: Any) -> Path:
    """Record a correction entry."""
    data = {"id": name, **fields, "decision": "考核裁〔2026〕9号", "reason": REASON, "entered_by": "经办甲"}
    path = project / "assessment" / "corrections" / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _page(model: Handbook, src_uri: str) -> str:
    """A generated assessment page's Markdown."""
    return dict(results_pages(model))[src_uri]


# ---- the line leader's ranking form ---------------------------------------------------------------


def _ranking_form(project: Path, tmp_path: Path) -> Path:
    """February's 生产战线 form, its recorded order removed, filled as the line leader would: 甲 1, 乙 2, 丙 3."""
    (project / "assessment" / "rankings" / "2026-02-l1.yaml").unlink()
    form = tmp_path / "ranking.xlsx"
    assert _run(project, "assess", "sheet", "--ranking", "生产战线", "--month", "2026-02", "--output", str(form)) == 0
    book = load_workbook(form)
    ws = book.worksheets[0]
    assert [ws.cell(row, 1).value for row in range(1, 11)] == [
        "排序战线",
        "排序人",
        ws["A3"].value,
        "党支部",
        "甲队党支部",
        "乙队党支部",
        "丙队党支部",
        None,
        "第一名理由（不少于10字）",
        "最后一名理由（不少于10字）",
    ]
    ws["B2"], ws["D2"] = "生产副矿长", "2026-03-05"
    ws["B5"], ws["B6"], ws["B7"] = 1, 2, 3
    ws["B9"], ws["B10"] = "安全生产平稳各项指标完成", "现场管理薄弱需要整改提高"
    book.save(form)
    return form


def _cell(reference: str, value: object) -> Callable[[Any], None]:
    """Set one cell."""
    return lambda ws: ws.__setitem__(reference, value)


def test_a_ranking_form_records_the_order_the_leader_gave(tmp_path: Path) -> None:
    """Filled and imported, the form records what the YAML it replaces said; a second import is refused."""
    project = _copy(tmp_path)
    original = yaml.safe_load((FIXTURE / "assessment" / "rankings" / "2026-02-l1.yaml").read_text(encoding="utf-8"))
    form = _ranking_form(project, tmp_path)
    assert _run(project, "assess", "import", str(form)) == 0
    recorded = yaml.safe_load((project / "assessment" / "rankings" / "2026-02-l1.yaml").read_text(encoding="utf-8"))
    assert {k: str(v) for k, v in recorded.items()} == {k: str(v) for k, v in original.items()}
    assert _problems(project)[0] == []
    assert _run(project, "assess", "import", str(form)) == 1  # entered once


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_cell("B6", 1), "row 6, column B: place 1 is given to 甲队党支部 (row 5) as well"),
        (_cell("B7", None), "row 7, column B: the place of 丙队党支部 is empty"),
        (_cell("B7", 4), "row 7, column B: '4' is not a whole number from 1 to 3"),
        (_cell("B7", 2.5), "row 7, column B: '2.5' is not a whole number from 1 to 3"),
        (_cell("A6", "乙对党支部"), "row 6, column A: '乙对党支部' is not a branch of 生产战线 in 2026-02"),
        (lambda ws: ws.delete_rows(6), "row 9, column A: no row for 乙队党支部"),
        (_cell("B9", "平稳"), "row 9, column B: 2 characters; the rules ask for at least 10"),
        (lambda ws: ws.delete_rows(10), "no row '最后一名理由' under the branches"),
        (_cell("D1", "2026-01"), "row 1, column D: 2026-01 is closed"),
        (_cell("B1", "机电战线"), "row 1, column B: unknown line '机电战线'"),
        (_cell("B5", "=1"), "row 5, column B: a formula (=1) without a value saved by Excel"),
        (_cell("A1", "考核战线"), "row 1, column A: '考核战线' names no form of `handbook assess sheet`"),
    ],
)
def test_a_ranking_form_with_a_mistake_records_nothing(
    spoil: Callable[[Any], None], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tie, a gap, a place out of range, a branch renamed or deleted, a short reason, a closed month …"""
    project = _copy(tmp_path)
    form = _ranking_form(project, tmp_path)
    book = load_workbook(form)
    spoil(book.worksheets[0])
    book.save(form)
    assert _run(project, "assess", "import", str(form)) == 1
    err = capsys.readouterr().err
    assert f"sheet 生产战线, {expected}" in err or expected in err, err
    assert not (project / "assessment" / "rankings" / "2026-02-l1.yaml").exists()


# ---- the staff evaluation form, and a correction of an evaluation -----------------------------------

# 2026年第一季度: 组织部 evaluates 甲 and 乙, 党委 丙 and 丁 (participants, members, valid, votes per aspect)
Q1 = {
    "甲队党支部": (18, 5, 18, [(12, 6, 0), (10, 8, 0)]),
    "乙队党支部": (15, 4, 15, [(15, 0, 0), (14, 1, 0)]),
    "丙队党支部": (20, 6, 20, [(8, 10, 2), (9, 9, 2)]),
    "丁科党支部": (16, 5, 16, [(10, 6, 0), (11, 5, 0)]),
}


def _staff_form(project: Path, tmp_path: Path, name: str, *options: str, fill: tuple[str, ...] = ()) -> Path:
    """A 2026-q1 staff form written by the command, with the rows of `fill` filled in as Q1 says."""
    form = tmp_path / f"{name}.xlsx"
    command = ["assess", "sheet", "--staff", "--quarter", "2026-q1", *options, "--output", str(form)]
    assert _run(project, *command) == 0
    book = load_workbook(form)
    ws = book.worksheets[0]
    ws["B2"], ws["D2"] = "经办甲", dt.datetime(2026, 3, 27)
    for row in range(6, ws.max_row + 1):
        branch = ws.cell(row, 1).value
        if branch in fill:
            participants, members, valid, votes = Q1[branch]
            values = [dt.datetime(2026, 3, 18), "早班", participants, members, valid, *(v for a in votes for v in a)]
            for column, value in enumerate(values, start=2):
                ws.cell(row, column).value = value
    book.save(form)
    return form


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_cell("D6", 12), "row 6, column D: 12 participants; the rules need at least 15"),
        (_cell("E6", 7), "row 6, column E: 7 party members of 18 participants; at most 1/3 may be"),
        (_cell("F6", 11), "row 6, column F: 11 valid sheets of 18; below 2/3 the evaluation is void"),
        (_cell("K6", 7), "row 6, column J: the votes add up to 17, not the 18 valid sheets"),
        (_cell("L6", -1), "row 6, column L: '-1' is not a whole number of at least 0"),
        (_cell("B8", "2026-03-19"), "row 8, column C: 参评班次、参评人数、其中党员、有效测评表 and 6 more empty"),
        (_cell("B6", "三月"), "row 6, column B: '三月' is not a date (YYYY-MM-DD)"),
        (lambda ws: ws.delete_rows(9), "no row for 丁科党支部: every branch of the form keeps its row"),
        (_cell("B1", "测试部"), "row 1, column B: unknown department '测试部'"),
        (_cell("G5", "很满意"), "row 4, column A: the header must be 党支部 | 评价日期"),
        (_cell("D6", "=10+8"), "row 6, column D: a formula (=10+8) without a value saved by Excel"),
    ],
)
def test_a_staff_form_with_a_mistake_records_nothing(
    spoil: Callable[[Any], None], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counts the rules refuse, a row filled in part, a row deleted, a renamed department or heading."""
    project = _copy(tmp_path)
    form = _staff_form(project, tmp_path, "staff", "--dept", "组织部", fill=("甲队党支部", "乙队党支部"))
    book = load_workbook(form)
    spoil(book.worksheets[0])
    book.save(form)
    assert _run(project, "assess", "import", str(form)) == 1
    err = capsys.readouterr().err
    assert f"sheet 组织部, {expected}" in err or expected in err, err
    assert not (project / "assessment" / "staff" / "2026-q1-zuzhi-bu.yaml").exists()


def _march(project: Path) -> None:
    """March's scores and rankings, as February's."""
    for folder, name in (("scores", "zuzhi-bu"), ("scores", "dang-wei"), ("rankings", "l1"), ("rankings", "l2")):
        text = (project / "assessment" / folder / f"2026-02-{name}.yaml").read_text(encoding="utf-8")
        text = text.replace("period: 2026-02", "period: 2026-03").replace("2月", "3月")
        (project / "assessment" / folder / f"2026-03-{name}.yaml").write_text(text, encoding="utf-8")


def test_two_departments_evaluate_a_quarter_and_a_correction_reaches_the_quarter_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two forms (the whole mine; one general branch) record 2026-q1; a branch is not evaluated twice.

    A correction of 丙's votes after 2026-q1 and March were closed: a warning naming both; March
    cannot publish it before the quarter; closed again in that order, both show the corrected score.
    """
    project = _copy(tmp_path)
    first = _staff_form(project, tmp_path, "zuzhi", "--dept", "组织部", fill=("甲队党支部", "乙队党支部"))
    assert _run(project, "assess", "import", str(first)) == 0
    second = _staff_form(
        project, tmp_path, "dangwei", "--general-branch", "二号党总支", fill=("丙队党支部", "丁科党支部")
    )
    book = load_workbook(second)
    assert [book.worksheets[0].cell(row, 1).value for row in (6, 7)] == ["丙队党支部", "丁科党支部"]
    book.worksheets[0]["B1"] = "测试党委"  # the clerk names the evaluating department
    book.save(second)
    twice = _staff_form(project, tmp_path, "twice", "--dept", "党委", fill=("甲队党支部",))
    assert _run(project, "assess", "import", str(twice)) == 1
    assert "row 6, column A: 甲队党支部 is already evaluated in 2026-q1" in capsys.readouterr().err
    assert _run(project, "assess", "import", str(second)) == 0
    model = _model(project)
    expected = {b: _staff_score(v[3], v[2]) for b, v in Q1.items()}
    titles = {b.id: b.title for b in model.assessment.branches.values()}
    assert {titles[b]: s for b, s in model.assessment.quarter(Quarter(2026, 1)).items()} == expected
    assert _run(project, "assess", "close", "2026-q1", "--date", "2026-03-31") == 0
    _march(project)
    assert _run(project, "assess", "close", "2026-03", "--date", "2026-04-07") == 0
    before = _model(project).assessment.month(Month(2026, 3)).branches["c"]

    votes = [(10, 8, 2), (11, 7, 2)]
    _correction(
        project,
        "2026-q1-c-1",
        date="2026-04-10",
        staff="2026-q1-dang-wei",
        branch="c",
        votes=[{"satisfied": s, "fairly": f, "unsatisfied": u} for s, f, u in votes],
    )
    errors, warnings = _problems(project)
    assert errors == []
    assert any("recorded after 2026-q1, 2026-03 were closed" in w for w in warnings), warnings
    assert _model(project).assessment.month(Month(2026, 3)).branches["c"] == before  # published: as sealed
    assert _run(project, "assess", "close", "2026-03", "--date", "2026-04-11") == 1
    assert "close 2026-q1 first: its correction 2026-q1-c-1 bears on 2026-03" in capsys.readouterr().err
    assert _run(project, "assess", "close", "2026-q1", "--date", "2026-04-11") == 0
    assert _run(project, "assess", "close", "2026-03", "--date", "2026-04-11") == 0
    model = _model(project)
    corrected = _staff_score(votes, 20)
    assert model.assessment.quarter(Quarter(2026, 1))["c"] == corrected
    after = model.assessment.month(Month(2026, 3)).branches["c"]
    assert after.staff == corrected
    assert after.composite == _cents((after.department * 60 + after.ranking * 20 + corrected * 20) / 100)
    assert _problems(project) == ([], [])
    page = _page(model, "assessment/2026-03.md")
    assert "2026年第一季度职工群众评价（党委组织）" in page and f"{before.staff}分" in page and f"{corrected}分" in page


# ---- corrections of a ranking and of a veto ---------------------------------------------------------


def test_a_ranking_correction_changes_a_closed_month_only_as_a_sealed_amendment(tmp_path: Path) -> None:
    """乙 moved from third to first of 生产战线 in January (closed): a warning, the results as published, until
    closing again seals the amendment; then every branch's numbers are those the rules give the new order."""
    project = _copy(tmp_path)
    published = _model(project).assessment.month(Month(2026, 1))
    path = _correction(project, "2026-01-b-1", date="2026-03-02", ranking="2026-01-l1", branch="b", place=1)
    errors, warnings = _problems(project)
    assert errors == [] and any("2026-01-b-1.yaml:1: warning: recorded after 2026-01 was closed" in w for w in warnings)
    waiting = _model(project).assessment.month(Month(2026, 1))
    assert {b: (r.composite, r.rank) for b, r in waiting.branches.items()} == {
        b: (r.composite, r.rank) for b, r in published.branches.items()
    }
    assert _run(project, "assess", "close", "2026-01", "--date", "2026-03-03") == 0
    model = _model(project)
    seal = model.assessment.seals_of("2026-01")[-1]
    assert seal.amends == model.assessment.seals_of("2026-01")[-2].digest and "correction:2026-01-b-1" in seal.objects
    # the order becomes 乙, 丙, 甲: 100, 80 and 60 points; 丁 alone on its line keeps 90
    points = {"b": Decimal(100), "c": Decimal(80), "a": Decimal(60), "d": Decimal(90)}
    month = model.assessment.month(Month(2026, 1))
    for branch, result in month.branches.items():
        assert result.ranking == points[branch]
        assert result.composite == _cents((result.department * 60 + points[branch] * 20 + result.staff * 20) / 100)
    assert [r.branch for r in month.ranked()] == ["b", "d", "c", "a"]
    page = _page(model, "assessment/2026-01.md")
    assert "<td>生产战线排序</td><td>第3名</td><td>第1名</td>" in page  # beside the original
    assert "2026-03-03 更正封存" in page
    assert _problems(project) == ([], [])
    path.write_text(path.read_text(encoding="utf-8").replace("place: 1", "place: 2"), encoding="utf-8")
    assert any("the entry 'correction' was changed after 2026-01 was closed" in e for e in _problems(project)[0])


def test_a_withdrawn_veto_counts_in_an_open_month_and_the_year(tmp_path: Path) -> None:
    """February is open: 丁's veto withdrawn scores its departments again, and its year is no longer vetoed."""
    project = _copy(tmp_path)
    _correction(project, "2026-02-d-1", date="2026-03-09", scores="2026-02-zuzhi-bu", branch="d", veto=1)
    assert _problems(project) == ([], [])
    model = _model(project)
    result = model.assessment.month(Month(2026, 2)).branches["d"]
    assert result.vetoes == [] and result.department == sum(result.departments.values(), Decimal(0)) > 0
    assert not model.assessment.year(2026)[1]["d"].veto
    assert "<td>一票否决第1项</td><td>否决</td><td>撤销否决</td>" in _page(model, "assessment/2026-02.md")


# ---- the submission status page ---------------------------------------------------------------------


def _working_day(day: dt.date, later: bool) -> dt.date:
    """The day, or the nearest working day after (later) or before it — from chinese-calendar, written out here."""
    while not chinese_calendar.is_workday(day):
        day += dt.timedelta(days=1 if later else -1)
    return day


def test_deadlines_fall_on_working_days_as_the_rules_say() -> None:
    """次月5日前 (遇节假日顺延) past 国庆节; 次月5日前 before it; 季度末月25日 and 3 working days."""
    assert due_date(Deadline(day=5, of="next", rest_day="later"), Month(2026, 9)) == _working_day(
        dt.date(2026, 10, 5), later=True
    )
    assert due_date(Deadline(day=5, of="next"), Month(2026, 9)) == _working_day(dt.date(2026, 10, 5), later=False)
    day = _working_day(dt.date(2026, 9, 25), later=False)
    for _ in range(3):
        day = _working_day(day + dt.timedelta(days=1), later=True)
    assert due_date(Deadline(day=25, of="this", working_days=3), Month(2026, 9)) == day


def test_the_status_page_marks_what_came_late_or_has_not_come(tmp_path: Path) -> None:
    """Deadlines added to sealed rules change no seal; 党委 has not submitted February, 组织部 submitted late."""
    project = _copy(tmp_path)
    rules = project / "assessment" / "rules.yaml"
    deadlines = "deadlines:\n  scores: {day: 5, of: next, rest_day: later}\n  ranking: {day: 5, of: next}\n"
    rules.write_text(rules.read_text(encoding="utf-8") + deadlines, encoding="utf-8")
    (project / "assessment" / "scores" / "2026-02-dang-wei.yaml").unlink()
    scores = project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml"
    scores.write_text(scores.read_text(encoding="utf-8").replace("2026-03-03", "2026-03-10"), encoding="utf-8")
    assert _problems(project)[0] == []
    model = _model(project)
    page = _page(model, "assessment/status.md")
    february = page[page.index("## 2026年2月") : page.index("## 2026年1月")]
    due = _working_day(dt.date(2026, 3, 5), later=True)
    assert (
        f"| 党委组织部评分 | 经办甲 | {due} | 2026-03-10 | 逾期{(dt.date(2026, 3, 10) - due).days}天提交 |" in february
    )
    assert f"| 测试党委评分 |  | {due} |  | **逾期未提交**（已过截止日{(TODAY - due).days}天） |" in february
    assert "| 生产战线排序 | 生产副矿长 | 2026-03-05 | 2026-03-05 | 按时提交 |" in february
    # every month begun by the model's date is listed; those with nothing recorded are overdue once due
    assert (
        "## 2026年11月" in page and "## 2026年12月" not in page and "| 未提交 |" in page[: page.index("## 2026年10月")]
    )
    overdue = page.count("**逾期未提交**")
    assert overdue == 1 + 8 * 4  # February's, and March's to October's
    assert f"逾期未提交 **{overdue}** 项，逾期提交 1 项" in page
    assert "status.md" in _page(model, "assessment/index.md")


# ---- the 公示栏 sheet --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Handbook:
    """The sample handbook: 80 branches, October closed."""
    return load_model(Project(ROOT, TODAY))


def _text(pdf: PdfReader) -> str:
    """A PDF's text without spaces, radicals read as the usual characters."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(page.extract_text() for page in pdf.pages)))


def _truetype_only(path: Path) -> bool:
    """Whether every font of a PDF is TrueType (pdffonts lists a Type 3 font as such)."""
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return "Type 3" not in listing and "TrueType" in listing


@pytest.mark.browser
@pytest.mark.parametrize(("paper", "size"), [("A3", (842, 1191)), ("A4", (595, 842))])
def test_the_notice_prints_legibly_in_truetype(
    paper: str, size: tuple[int, int], sample: Handbook, tmp_path: Path, browser: Browser
) -> None:
    """October on one A3 page for the board (on A4, over pages), nothing under 7 pt, every branch, the seal."""
    output = tmp_path / f"notice-{paper}.pdf"
    pages = print_notice(notice_html(sample, Month(2026, 10), paper), output, browser)
    pdf = PdfReader(output)
    assert len(pdf.pages) == pages and (pages == 1 if paper == "A3" else pages > 1)
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in pdf.pages} == {size}
    assert _truetype_only(output)
    smallest = min(run.size for page in pdf.pages for run in runs_of(page))
    assert smallest >= 6.95, smallest
    text = _text(pdf)
    assert "2026年10月党支部考核结果公示" in text and "申诉期" in text
    assert sample.assessment.seals_of("2026-10")[0].digest[:32] in text
    titles = [b.title.removesuffix("党支部") for b in sample.assessment.active(Month(2026, 10)).values()]
    assert len(titles) == 80 and all(title in text for title in titles)


def test_an_open_month_has_no_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The board shows sealed results only."""
    assert _run(_copy(tmp_path), "assess", "notice", "--month", "2026-02") == 1
    assert "2026-02 is not closed: the 公示栏 shows sealed results" in capsys.readouterr().err


# ---- the 谈话 line --------------------------------------------------------------------------------


def test_the_branches_below_the_talk_line_are_those_the_votes_give(sample: Handbook) -> None:
    """2026年第三季度: the year page lists exactly the branches whose score, recomputed from the files, is below 70."""
    line = Decimal(
        yaml.safe_load((ROOT / "assessment" / "rules.yaml").read_text(encoding="utf-8"))["staff"]["interview_below"]
    )
    below = {}
    for path in sorted((ROOT / "assessment" / "staff").glob("2026-q3-*.yaml")):
        for evaluation in yaml.safe_load(path.read_text(encoding="utf-8"))["evaluations"]:
            votes = [(v["satisfied"], v["fairly"], v["unsatisfied"]) for v in evaluation["votes"]]
            value = _staff_score(votes, evaluation["valid"])
            if value < line:
                below[evaluation["branch"]] = value
    assert below  # the sample has some
    page = _page(sample, "assessment/2026.md")
    section = page[page.index("### 2026年第三季度") :].split("##", 2)[1]
    listed = dict(
        re.findall(r'href="branches/([a-z0-9-]+)\.md">[^<]*</a></td><td>[^<]*</td><td>([0-9.]+)</td>', section)
    )
    assert {b: Decimal(v) for b, v in listed.items()} == below
