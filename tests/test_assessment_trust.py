"""Assessment results that cannot change once published, a workbook that cannot lose a row, a whole year replayed.

Each way around the seal found by trying (issue 29) is replayed here and must now fail
`handbook check` at a file and line, or be impossible; each way a filled sheet lost or invented
data is refused at its sheet, row and column with nothing written; and a year is replayed from
twelve imported workbooks and four quarters of staff evaluations to its final grades, compared
with a recomputation written out here from the rules' words.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import subprocess
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY
from openpyxl import load_workbook

from handbook.cli import main
from handbook.core.periods import Month
from handbook.core.problems import SourceProblems
from handbook.core.project import Project
from handbook.pipeline import load_model

FIXTURE = ROOT / "tests" / "golden" / "pages" / "project"


def _copy(tmp_path: Path) -> Path:
    """A writable copy of the small project with an assessment (2026-01 closed and amended, 2026-02 open)."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


def _git(project: Path, *args: str) -> None:
    """Run git in the project as the 考核办公室, on a fixed day."""
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-03-01T10:00:00", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00"}
    identity = ["-c", "user.name=考核办公室", "-c", "user.email=office@example.invalid"]
    subprocess.run(["git", "-C", str(project), *identity, *args], check=True, env=env, capture_output=True)


def _committed(tmp_path: Path) -> Path:
    """The copy as a git repository with everything committed: what was submitted is on record."""
    project = _copy(tmp_path)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "录入")
    return project


def _errors(project: Path) -> list[str]:
    """Every error `handbook check` finds (warnings left out)."""
    try:
        load_model(Project(project, TODAY))
    except SourceProblems as exc:
        return [str(p) for p in exc.problems if not p.warning]
    return []


def _edit(path: Path, old: str, new: str) -> None:
    """Replace text in a file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---- the seal cannot be bypassed --------------------------------------------------------------


def test_removing_the_last_seal_or_the_ledger_fails_the_check(tmp_path: Path) -> None:
    """Once committed, a seal stays: cutting the newest one, or deleting the ledger, is an error."""
    project = _committed(tmp_path)
    ledger = project / "assessment" / "ledger.yaml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text[: text.rindex("  - period:")], encoding="utf-8")
    assert any(e.startswith("assessment/ledger.yaml:1: what was committed on 2026-03-01") for e in _errors(project))
    ledger.unlink()
    assert "assessment/ledger.yaml:1: deleted; it was committed on 2026-03-01 (" in " ".join(_errors(project))


def test_a_submitted_file_cannot_be_edited_or_deleted_even_before_the_close(tmp_path: Path) -> None:
    """February is open, but its committed scores are entered once: an edit or a deletion is an error."""
    project = _committed(tmp_path)
    scores = project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml"
    _edit(scores, "points: 2", "points: 3")
    assert any(
        "2026-02-zuzhi-bu.yaml:1: changed since it was first committed on 2026-03-01" in e for e in _errors(project)
    )
    scores.unlink()
    assert any("2026-02-zuzhi-bu.yaml:1: deleted since it was first committed" in e for e in _errors(project))


def test_a_correction_dated_before_its_month_with_no_reason_is_refused_and_never_silently_counted(
    tmp_path: Path,
) -> None:
    """A correction raising a deduction, dated before the month, reason 'x': refused; a valid late one only waits."""
    project = _copy(tmp_path)
    correction = project / "assessment" / "corrections" / "2026-01-a-2.yaml"
    correction.write_text(
        "id: 2026-01-a-2\ndate: 2025-12-31\nscores: 2026-01-zuzhi-bu\nbranch: a\nitem: 2\npoints: 15\n"
        "decision: 无\nreason: x\nentered_by: 经办甲\n",
        encoding="utf-8",
    )
    errors = _errors(project)
    assert any("2026-01-a-2.yaml:2 (date): 2025-12-31 is before 2026-01 ended" in e for e in errors)
    assert any("2026-01-a-2.yaml:8 (reason): 1 characters; the rules ask for at least 10" in e for e in errors)
    before = load_model(Project(_copy(tmp_path / "before"), TODAY)).assessment.month(Month(2026, 1)).branches["a"]
    _edit(correction, "date: 2025-12-31", "date: 2026-03-02")
    _edit(correction, "reason: x", "reason: 复查发现当月另缺一次支委会，扣分应予提高")
    assert _errors(project) == []
    after = load_model(Project(project, TODAY)).assessment.month(Month(2026, 1)).branches["a"]
    assert after.composite == before.composite  # published only once an amendment seals it


def test_a_quarter_end_month_waits_for_its_quarter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """March (the quarter's last month) cannot be computed or closed on December's evaluation."""
    project = _copy(tmp_path)
    for folder, name in (("scores", "zuzhi-bu"), ("scores", "dang-wei"), ("rankings", "l1"), ("rankings", "l2")):
        source = project / "assessment" / folder / f"2026-02-{name}.yaml"
        text = source.read_text(encoding="utf-8").replace("period: 2026-02", "period: 2026-03")
        (project / "assessment" / folder / f"2026-03-{name}.yaml").write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "assess", "close", "2026-03"]) == 1
    assert (
        "2026-03 cannot be closed, it still lacks: 2026年第一季度职工群众评价（缺 4 个党支部）"
        in capsys.readouterr().err
    )
    assert not load_model(Project(project, TODAY)).assessment.month(Month(2026, 3)).complete


def test_changing_the_rules_of_a_closed_month_is_refused_and_a_revision_is_not(tmp_path: Path) -> None:
    """New weights in the rules file used by January: an error; the same weights in a revision from March: fine."""
    project = _copy(tmp_path)
    rules = project / "assessment" / "rules.yaml"
    original = rules.read_text(encoding="utf-8")
    _edit(
        rules, "weights: {department: 60, ranking: 20, staff: 20}", "weights: {department: 50, ranking: 25, staff: 25}"
    )
    assert any(
        e.startswith("assessment/rules.yaml:1: changed after 2026-01 was sealed on 2026-02-08")
        for e in _errors(project)
    )
    rules.write_text(original, encoding="utf-8")
    revision = original.replace("id: rules", "id: rules-2026-03\neffective: 2026-03").replace(
        "weights: {department: 60, ranking: 20, staff: 20}", "weights: {department: 50, ranking: 25, staff: 25}"
    )
    (project / "assessment" / "rules-2026-03.yaml").write_text(revision, encoding="utf-8")
    assert _errors(project) == []
    model = load_model(Project(project, TODAY))
    assert model.assessment.rules_for("2026-02") is not None and model.assessment.rules_for("2026-02").id == "rules"
    assert model.assessment.rules_for("2026-03").id == "rules-2026-03"  # type: ignore[union-attr]


def test_the_roster_of_a_closed_month_stays_and_changes_come_with_dates(tmp_path: Path) -> None:
    """Adding a branch without a start month, or removing one, changes January: refused; with dates, accepted."""
    project = _copy(tmp_path)
    roster = project / "assessment" / "branches.yaml"
    original = roster.read_text(encoding="utf-8")
    new = "  - {id: e, title: 戊队党支部, kind: 党支部, general: g2, team: 戊队, team_kind: 区队, line: l2}\n"
    roster.write_text(original + new, encoding="utf-8")
    assert any(
        e.startswith("assessment/branches.yaml:1: the branches assessed in 2026-01 changed") for e in _errors(project)
    )
    roster.write_text(original + new.replace("line: l2}", "line: l2, start: 2026-03}"), encoding="utf-8")
    assert _errors(project) == []
    roster.write_text(original.replace("  - {id: d,", "  - {id: d, end: 2025-12,"), encoding="utf-8")
    assert any("the branches assessed in 2026-01 changed" in e for e in _errors(project))


# ---- the workbook cannot lose a row -----------------------------------------------------------


def _blank(project: Path, tmp_path: Path) -> Path:
    """February's blank 组织部 sheet, February's recorded scores removed (the month is open)."""
    (project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml").unlink()
    sheet = tmp_path / "sheet.xlsx"
    command = ["assess", "sheet", "--dept", "组织部", "--month", "2026-02", "--output", str(sheet)]
    assert main(["--root", str(project), *command]) == 0
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    ws["B2"], ws["D2"], ws["F2"] = "经办甲", "审核甲", "2026-03-03"
    ws["D5"], ws["E5"] = 2, "2月缺一次支委会"
    book.save(sheet)
    return sheet


def _spoil(change: Callable[[object], None]) -> Callable[[Path], None]:
    """A change to the sheet's first worksheet, saved."""

    def apply(sheet: Path) -> None:
        book = load_workbook(sheet)
        change(book.worksheets[0])
        book.save(sheet)

    return apply


def _delete_branch(ws: object) -> None:
    """Delete 乙队's two rows (rows 7 and 8)."""
    ws.delete_rows(7, 2)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (_spoil(_delete_branch), "no row for 乙队党支部, item 1、2"),
        (_spoil(lambda ws: ws.__setitem__("E6", "迟交台账")), "row 6, column D: facts or evidence without points"),
        (_spoil(lambda ws: ws.__setitem__("F8", "照片3张")), "row 8, column D: facts or evidence without points"),
        (_spoil(lambda ws: ws.__setitem__("D6", "=1+1")), "row 6, column D: a formula (=1+1) without a value saved"),
        (
            _spoil(lambda ws: ws.__setitem__("B1", "测试党委")),
            "row 5, column B: '1. 组织生活' is not an item of 测试党委",
        ),
        (
            _spoil(lambda ws: ws.append(["甲队党支部", "1. 组织生活", 40, 2, "2月缺一次支委会"])),
            "the same deduction as row 5",
        ),
        (
            _spoil(lambda ws: ws.append(["甲队党支部", "1. 组织生活", 40, 39, "另缺三次组织生活"])),
            "item 1 of 甲队党支部 total 41",
        ),
        (_spoil(lambda ws: ws.__setitem__("D6", -1)), "row 6, column D: '-1': points taken off are a number above 0"),
        (_spoil(lambda ws: ws.__setitem__("D6", 1.255)), "row 6, column D: '1.255': points are given to two decimals"),
        (_spoil(lambda ws: ws.__setitem__("D6", 25)), "row 6, column D: '25' is more than the item's 20 points"),
        (_spoil(lambda ws: ws.__setitem__("D1", "2026-01")), "row 1, column D: 2026-01 is closed"),
    ],
)
def test_a_sheet_that_lost_or_invented_data_is_refused_whole(
    spoil: Callable[[Path], None], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each is named at its sheet, row and column; nothing is recorded; the clean sheet records."""
    project = _copy(tmp_path)
    sheet = _blank(project, tmp_path)
    clean = sheet.read_bytes()
    spoil(sheet)
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert f"sheet 组织部, {expected}" in err or expected in err, err
    assert not (project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml").exists()
    sheet.write_bytes(clean)
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 0


# ---- a whole year, from the sheets to the final grade ------------------------------------------

YEAR = 2027
BRANCHES = ["a", "b", "c", "d"]
TITLES = {"a": "甲队党支部", "b": "乙队党支部", "c": "丙队党支部", "d": "丁科党支部"}
LINES = {"l1": ["a", "b", "c"], "l2": ["d"]}
MAX = {("zuzhi-bu", 1): Decimal(40), ("zuzhi-bu", 2): Decimal(20), ("dang-wei", 1): Decimal(40)}


def _cents(value: Decimal) -> Decimal:
    """Half up to hundredths, as 考核办法 rounds."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_year_from_twelve_workbooks_to_its_final_grades(tmp_path: Path) -> None:
    """Twelve 组织部 workbooks imported, the other inputs recorded, every quarter and month closed in turn:
    the year's grades are final and equal a recomputation from the rules' words.
    """
    project = _copy(tmp_path)
    for folder in ("scores", "rankings", "staff", "corrections"):
        shutil.rmtree(project / "assessment" / folder)
        (project / "assessment" / folder).mkdir()
    (project / "assessment" / "ledger.yaml").unlink()
    draw = random.Random(2027)
    lost: dict[tuple[int, str, str, int], Decimal] = {}
    orders: dict[tuple[int, str], list[str]] = {}
    staff: dict[tuple[int, str], Decimal] = {}
    # the quarters evaluated: the last of the year before (it counts in January and February), then the year's four
    for index, (year, quarter) in enumerate([(YEAR - 1, 4), *((YEAR, q) for q in range(1, 5))]):
        evaluations = []
        for branch in BRANCHES:
            votes = []
            for _ in range(2):
                satisfied = draw.randint(8, 18)
                votes.append({"satisfied": satisfied, "fairly": 18 - satisfied, "unsatisfied": 0})
            evaluations.append(
                {
                    "branch": branch,
                    "held": f"{year}-{quarter * 3:02d}-18",
                    "shift": "早班",
                    "participants": 18,
                    "members": 6,
                    "valid": 18,
                    "votes": votes,
                }
            )
            aspects = [(Decimal(v["satisfied"]) * 100 + Decimal(v["fairly"]) * 60) / 18 for v in votes]
            staff[(index, branch)] = _cents(sum(aspects, Decimal(0)) / 2)
        record = {
            "period": f"{year}-q{quarter}",
            "department": "zuzhi-bu",
            "entered_by": "经办甲",
            "submitted": f"{year}-{quarter * 3:02d}-26",
            "evaluations": evaluations,
        }
        (project / "assessment" / "staff" / f"{year}-q{quarter}-zuzhi-bu.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for month in range(1, 13):
        period = f"{YEAR}-{month:02d}"
        # 组织部: a workbook filled as a clerk would, imported
        sheet = tmp_path / f"{period}.xlsx"
        command = ["assess", "sheet", "--dept", "组织部", "--month", period, "--output", str(sheet)]
        assert main(["--root", str(project), *command]) == 0
        book = load_workbook(sheet)
        ws = book.worksheets[0]
        ws["B2"], ws["D2"], ws["F2"] = "经办甲", "审核甲", f"{YEAR}-{month:02d}-28"
        for row in range(5, ws.max_row + 1):
            branch = next(b for b, t in TITLES.items() if t == ws.cell(row, 1).value)
            item = int(str(ws.cell(row, 2).value).split(".")[0])
            if draw.random() < 0.4:
                points = Decimal(draw.choice(["0.5", "1", "2", "3.5"]))
                ws.cell(row, 4).value, ws.cell(row, 5).value = float(points), f"{month}月抽查发现问题"
                lost[(month, branch, "zuzhi-bu", item)] = points
        book.save(sheet)
        assert main(["--root", str(project), "assess", "import", str(sheet)]) == 0
        # 党委 and the line leaders: recorded as YAML
        scores = []
        for branch in BRANCHES:
            deductions = []
            if draw.random() < 0.3:
                lost[(month, branch, "dang-wei", 1)] = Decimal(2)
                deductions = [{"item": 1, "points": 2, "reason": "一件重大事项未经集体研究"}]
            scores.append({"branch": branch, **({"deductions": deductions} if deductions else {})})
        record = {
            "period": period,
            "department": "dang-wei",
            "entered_by": "经办乙",
            "reviewed_by": "审核乙",
            "submitted": f"{YEAR}-{month:02d}-28",
            "scores": scores,
        }
        (project / "assessment" / "scores" / f"{period}-dang-wei.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        for line, members in LINES.items():
            order = draw.sample(members, len(members))
            orders[(month, line)] = order
            record = {
                "period": period,
                "line": line,
                "entered_by": "分管矿领导",
                "submitted": f"{YEAR}-{month:02d}-28",
                "order": order,
                "reasons": {"first": "安全生产平稳各项指标完成", "last": "现场管理薄弱需要整改提高"},
            }
            (project / "assessment" / "rankings" / f"{period}-{line}.yaml").write_text(
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        if month % 3 == 0:
            assert (
                main(
                    [
                        "--root",
                        str(project),
                        "assess",
                        "close",
                        f"{YEAR}-q{month // 3}",
                        "--date",
                        f"{YEAR}-{month:02d}-30",
                    ]
                )
                == 0
            )
        next_month = f"{YEAR + month // 12}-{month % 12 + 1:02d}-06"
        assert main(["--root", str(project), "assess", "close", period, "--date", next_month]) == 0

    # The recomputation, from 考核办法's words.
    composites: dict[str, list[Decimal]] = {b: [] for b in BRANCHES}
    for month in range(1, 13):
        for branch in BRANCHES:
            department = Decimal(0)
            for (dept, item), most in MAX.items():
                department += most - min(most, lost.get((month, branch, dept, item), Decimal(0)))
            line = next(line for line, members in LINES.items() if branch in members)
            order = orders[(month, line)]
            units = len(order)
            ranking = Decimal(90) if units == 1 else _cents(100 - (order.index(branch)) * Decimal(40) / (units - 1))
            # the latest evaluation held by the month: its own quarter's in the quarter's last month
            held = staff[(month // 3 if month % 3 == 0 else (month - 1) // 3, branch)]
            composites[branch].append(_cents((department * 60 + ranking * 20 + held * 20) / 100))
    annual = {b: _cents(sum(values, Decimal(0)) / 12) for b, values in composites.items()}
    order = sorted(BRANCHES, key=lambda b: (-annual[b], b))
    grades: dict[str, str] = {}
    best = [b for b in order if annual[b] >= 90][: math.floor(Decimal("0.3") * 4)]
    for branch in order:
        grades[branch] = (
            "好" if branch in best else "较好" if annual[branch] >= 80 else "一般" if annual[branch] >= 70 else "差"
        )

    model = load_model(Project(project, TODAY))
    months, scores = model.assessment.year(YEAR)
    assert len(months) == 12 and model.assessment.final(YEAR)
    assert {b: (s.annual, s.grade) for b, s in scores.items()} == {b: (annual[b], grades[b]) for b in BRANCHES}
