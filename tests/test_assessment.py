"""The assessment computed on a small fixture, against numbers worked out by hand from the rules' text.

The fixture is the golden project's assessment (tests/golden/pages/project/assessment): two
departments (60 + 40 points), two lines (three branches and one), a quarter's staff evaluation
that one branch missed, a correction after an appeal, a veto and a bonus. The expected numbers
below were computed by hand, not by the code under test.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY
from openpyxl import load_workbook
from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.assessment.model import BranchMonth
from handbook.assessment.sheet import blank_sheet, sheet_html
from handbook.cli import main
from handbook.core.periods import Month
from handbook.core.project import Project
from handbook.export.print.chromium import html_to_pdf
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

FIXTURE = ROOT / "tests" / "golden" / "pages" / "project"

# branch: department score, ranking points, staff score, composite, rank
JANUARY = {
    # 组织部: item 2 deducted 25 (capped at 20) but corrected to 10 → 50; 党委 40 → 90.
    # l1 order c, a, b → 100, 80, 60. Staff (2025-q4): (12×100+6×60)/18 = 86.67, (9×100+9×60)/18 = 80 → 83.33.
    # 90×0.6 + 80×0.2 + 83.33×0.2 = 54 + 16 + 16.666 = 86.67
    "a": ("90.00", "80.00", "83.33", "86.67", 4),
    # 57 + 38.5 = 95.5; ranked last of three: 60; staff 100 → 57.3 + 12 + 20 = 89.30
    "b": ("95.50", "60.00", "100.00", "89.30", 3),
    # 100; first: 100; staff (80 + 50) / 2 = 65 → 60 + 20 + 13 = 93.00
    "c": ("100.00", "100.00", "65.00", "93.00", 2),
    # 58 + 40 = 98; alone on its line: 90; never evaluated: mean of 83.33, 100, 65 = 82.78
    # → 58.8 + 18 + 16.556 = 93.36
    "d": ("98.00", "90.00", "82.78", "93.36", 1),
}
FEBRUARY = {
    "a": ("98.00", "100.00", "83.33", "95.47", 1),  # 58.8 + 20 + 16.666
    "b": ("98.00", "80.00", "100.00", "94.80", 2),  # 58.8 + 16 + 20
    "c": ("100.00", "60.00", "65.00", "85.00", 3),  # 60 + 12 + 13
    "d": ("0.00", "90.00", "82.78", "34.56", 4),  # veto: department 0 → 0 + 18 + 16.556
}
# branch: mean of the months, bonus, annual, grade. 好 needs 90 and at most floor(30 % × 4) = 1 branch:
# b (94.05) keeps it, a (91.07) falls to 较好; d has a veto.
YEAR = {
    "a": ("91.07", "0", "91.07", "较好"),  # (86.67 + 95.47) / 2
    "b": ("92.05", "2", "94.05", "好"),  # (89.30 + 94.80) / 2 + 2
    "c": ("89.00", "0", "89.00", "较好"),  # (93.00 + 85.00) / 2
    "d": ("63.96", "0", "63.96", "差"),  # (93.36 + 34.56) / 2, and a veto
}


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    """The fixture's model, from a copy outside this repository's git history (that history is the repository's)."""
    return load_model(Project(_project(tmp_path_factory.mktemp("fixture")), TODAY))


@pytest.mark.parametrize(("month", "expected"), [(Month(2026, 1), JANUARY), (Month(2026, 2), FEBRUARY)])
def test_month(model: Handbook, month: Month, expected: dict[str, tuple[str, str, str, str, int]]) -> None:
    """Department scores, ranking points, staff scores, composites and ranks as worked out by hand."""
    result = model.assessment.month(month)
    assert result.complete
    got = {
        b: (str(r.department), str(r.ranking), str(r.staff), str(r.composite), r.rank)
        for b, r in result.branches.items()
    }
    assert got == expected


def test_general_branches_are_the_mean_of_their_branches(model: Handbook) -> None:
    """一号党总支 = (86.67 + 89.30) / 2 = 87.985 → 87.99; 二号 = (93.00 + 93.36) / 2 = 93.18."""
    assert model.assessment.month(Month(2026, 1)).general == {"g1": Decimal("87.99"), "g2": Decimal("93.18")}


def test_year(model: Handbook) -> None:
    """Annual scores, the bonus and the grades with the 30 % cap on 好 and the veto."""
    months, scores = model.assessment.year(2026)
    assert months == [Month(2026, 1), Month(2026, 2)]
    got = {b: (str(s.mean), str(s.bonus), str(s.annual), s.grade) for b, s in scores.items()}
    assert got == YEAR


def test_the_correction_is_shown_beside_the_original(model: Handbook) -> None:
    """The loss keeps the original deductions (25) and counts the correction (10)."""
    loss = next(x for x in model.assessment.month(Month(2026, 1)).branches["a"].losses if x.item == 2)
    assert (loss.recorded, loss.counted, loss.correction and loss.correction.decision) == (25, 10, "考核裁〔2026〕1号")


def test_ties_share_a_rank_after_the_tie_break(tmp_path: Path, model: Handbook) -> None:
    """Equal composites are ordered by department score, then staff; fully equal ones share the rank."""

    def month(branch: str, department: str, staff: str, composite: str) -> BranchMonth:
        """A branch's month with only what ranking looks at."""
        d, s, c = Decimal(department), Decimal(staff), Decimal(composite)
        return BranchMonth(branch, {}, [], [], d, Decimal(80), 1, s, "", c)

    results = [month("w", "90", "80", "88"), month("x", "95", "70", "88"), month("y", "95", "70", "88")]
    results.append(month("z", "90", "90", "88"))
    assert model.assessment.rules is not None
    model.assessment._rank(model.assessment.rules, results)
    assert {r.branch: r.rank for r in results} == {"x": 1, "y": 1, "z": 3, "w": 4}


def _project(tmp_path: Path) -> Path:
    """A writable copy of the fixture."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    return project


def test_a_closed_month_cannot_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Editing a sealed deduction fails the check, naming the file, the entry and the closing."""
    project = _project(tmp_path)
    path = project / "assessment" / "scores" / "2026-01-dang-wei.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("points: 1.5", "points: 0.5"), encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "assessment/scores/2026-01-dang-wei.yaml:8 (scores[1]): the entry 'branch b' was changed" in out
    assert "after 2026-01 was closed on 2026-02-08" in out


def test_closing_seals_and_a_new_correction_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """February closes; a correction afterwards waits (a warning), and counts once closing again seals it.

    The amendment keeps the results as first published and the corrected ones, each sealed.
    """
    project = _project(tmp_path)
    assert main(["--root", str(project), "assess", "close", "2026-02", "--date", "2026-03-08"]) == 0
    correction = project / "assessment" / "corrections" / "2026-02-b-1.yaml"
    correction.write_text(
        "id: 2026-02-b-1\ndate: 2026-03-12\nscores: 2026-02-zuzhi-bu\nbranch: b\nitem: 1\npoints: 0\n"
        "decision: 考核裁〔2026〕2号\nreason: 支委会已召开，记录迟传\nentered_by: 经办甲\n",
        encoding="utf-8",
    )
    assert main(["--root", str(project), "check"]) == 0
    assert "the published results change only once it is sealed" in capsys.readouterr().out
    model = load_model(Project(project, TODAY))
    assert str(model.assessment.month(Month(2026, 2)).branches["b"].department) == "98.00"  # as published
    assert [c.id for c in model.assessment.pending(Month(2026, 2))] == ["2026-02-b-1"]
    assert main(["--root", str(project), "assess", "close", "2026-02", "--date", "2026-03-13"]) == 0
    model = load_model(Project(project, TODAY))
    assert str(model.assessment.month(Month(2026, 2)).branches["b"].department) == "100.00"
    assert main(["--root", str(project), "assess", "close", "2026-02"]) == 1
    assert "nothing new to seal" in capsys.readouterr().err
    seals = [s.meta for s in load_model(Project(project, TODAY)).registry("seal").values()]
    assert [s.closed for s in seals] == [date(2026, 2, 8), date(2026, 2, 21), date(2026, 3, 8), date(2026, 3, 13)]
    original, amended = seals[2], seals[3]
    assert amended.amends == original.digest and original.results["b"] != amended.results["b"]


def test_an_incomplete_month_cannot_close(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A month missing a department's scores stays open, and says what it lacks."""
    project = _project(tmp_path)
    (project / "assessment" / "scores" / "2026-02-dang-wei.yaml").unlink()
    assert main(["--root", str(project), "assess", "close", "2026-02"]) == 1
    assert "2026-02 cannot be closed, it still lacks: 测试党委评分" in capsys.readouterr().err


def _fill(sheet: Path, rows: dict[tuple[str, str], tuple[float, str]], header: list[str] | None = None) -> None:
    """Fill a blank sheet as a clerk would: signatures, and points and facts on some rows."""
    book = load_workbook(sheet)
    ws = book.worksheets[0]
    ws["B2"], ws["D2"], ws["F2"] = "经办甲", "审核甲", "2026-03-03"
    for row in ws.iter_rows(min_row=5):
        found = rows.get((str(row[0].value), str(row[1].value)))
        if found:
            row[3].value, row[4].value = found
    if header:
        for cell, text in zip(ws[4], header, strict=False):
            cell.value = text
    book.save(sheet)


def _blank_sheet(project: Path, folder: Path, department: str) -> Path:
    """The blank February sheet of a department, written by the command a clerk runs."""
    sheet = folder / "sheet.xlsx"
    command = ["assess", "sheet", "--dept", department, "--month", "2026-02", "--output", str(sheet)]
    assert main(["--root", str(project), *command]) == 0
    return sheet


def test_excel_sheet_round_trip(tmp_path: Path) -> None:
    """The blank sheet, filled in Excel and imported, records the same deductions as the YAML it replaces."""
    project = _project(tmp_path)
    recorded = project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml"
    original = yaml.safe_load(recorded.read_text(encoding="utf-8"))
    recorded.unlink()
    sheet = _blank_sheet(project, tmp_path, "组织部")
    _fill(
        sheet,
        {("甲队党支部", "1. 组织生活"): (2, "2月缺一次支委会"), ("乙队党支部", "1. 组织生活"): (2, "2月缺一次支委会")},
    )
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 0
    imported = yaml.safe_load(recorded.read_text(encoding="utf-8"))
    assert imported["scores"] == original["scores"]
    assert (imported["period"], imported["department"], imported["submitted"]) == ("2026-02", "zuzhi-bu", "2026-03-03")
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 1  # entered once


def test_excel_import_names_sheet_row_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A wrong header, an unknown branch or a deduction without facts: every problem at its cell, nothing written."""
    project = _project(tmp_path)
    (project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml").unlink()
    sheet = _blank_sheet(project, tmp_path, "zuzhi-bu")
    _fill(sheet, {("甲队党支部", "1. 组织生活"): (2, "")})
    book = load_workbook(sheet)
    book.worksheets[0]["A6"] = "甲对党支部"
    book.save(sheet)
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "sheet 组织部, row 5, column E: a deduction needs its facts and reason" in err
    assert "sheet 组织部, row 6, column A: '甲对党支部' is not a branch assessed in 2026-02" in err
    _fill(sheet, {}, header=["支部", "项目"])
    assert main(["--root", str(project), "assess", "import", str(sheet)]) == 1
    assert "sheet 组织部, row 4, column A: the header must be 党支部 | 项目" in capsys.readouterr().err
    assert not (project / "assessment" / "scores" / "2026-02-zuzhi-bu.yaml").exists()


@pytest.mark.browser
def test_blank_sheet_prints(tmp_path: Path, browser: Browser) -> None:
    """The PDF sheet lists every branch with the department's items, in text that can be searched."""
    pdf = tmp_path / "sheet.pdf"
    model = load_model(Project(_project(tmp_path), TODAY))
    assert model.assessment.rules is not None
    department = model.assessment.rules.departments[0]
    html_to_pdf(sheet_html(blank_sheet(model, department, Month(2026, 2))), pdf, browser)
    # CJK fonts map some characters to Kangxi radicals in the text layer: compare NFKC forms.
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(pdf).pages))
    text = re.sub(r" +", " ", text)  # the text layer's spacing follows the font's widths
    assert "党委组织部 2026年2月 党支部考核评分表" in text
    assert all(name in text for name in ("甲队党支部", "丁科党支部", "1. 组织生活", "2. 党费"))


def test_verify_a_printed_digest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The digest on a month's page verifies while the data is intact, and not once it was edited."""
    project = _project(tmp_path)
    digest = load_model(Project(project, TODAY)).assessment.seals[0].digest
    assert main(["--root", str(project), "assess", "verify", digest[:12]]) == 0
    assert "2026-01 closed on 2026-02-08" in capsys.readouterr().out
    assert main(["--root", str(project), "assess", "verify", "0123456789"]) == 1
    path = project / "assessment" / "rankings" / "2026-01-l1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[c, a, b]", "[a, c, b]"), encoding="utf-8")
    assert main(["--root", str(project), "assess", "verify", digest[:12]]) == 1
    assert "the entry 'order' was changed after 2026-01 was closed" in capsys.readouterr().err
