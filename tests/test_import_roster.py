"""`handbook import roster`: a roster sheet becomes the assessment roster and units, all or nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from handbook.cli.main import main

HEADER = ["名称", "类型", "党总支", "书记", "党员人数", "依托单位", "单位类型", "战线"]
ROWS = [
    ["医疗党总支", "党总支", "", "李明", None, None, None, None],
    ["机关党总支", "党总支", "", "王芳", None, None, None, None],
    ["内科党支部", "党支部", "医疗党总支", "张伟", 23, "内科", "科室", "医疗战线"],
    ["外科党支部", "党支部", "医疗党总支", "刘洋", 31.0, None, None, "医疗战线"],
    ["后勤保障队党支部", "党支部", "机关党总支", "陈静", 15, None, None, "机关战线"],
    ["党委组织部", "党群部门", "", "赵强", None, None, None, None],
]


KNOWN_TYPES = "党总支、党支部、党委、党群部门、会议、党小组、上级组织"


def roster(path: Path, rows: list[list[object]], header: list[str] = HEADER, title: str = "名册") -> Path:
    """A roster workbook: a title line, the header row, then the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["东湖医院党组织名册"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project made by `handbook new`."""
    assert main(["new", str(tmp_path / "p"), "--name", "东湖医院"]) == 0
    return tmp_path / "p"


def test_the_roster_becomes_branches_lines_and_units(project: Path, tmp_path: Path) -> None:
    """党总支 and 党支部 in the roster, lines from 战线, a department under the 党委; the project checks."""
    path = roster(tmp_path / "名册.xlsx", ROWS)
    nav = (project / "mkdocs.yml").read_bytes()
    assert main(["--root", str(project), "import", "roster", str(path)]) == 0
    branches = yaml.safe_load((project / "assessment" / "branches.yaml").read_text(encoding="utf-8"))["branches"]
    assert [(b["id"], b["title"], b["kind"]) for b in branches] == [
        ("zongzhi-1", "医疗党总支", "党总支"),
        ("zongzhi-2", "机关党总支", "党总支"),
        ("zhibu-1", "内科党支部", "党支部"),
        ("zhibu-2", "外科党支部", "党支部"),
        ("zhibu-3", "后勤保障队党支部", "党支部"),
    ]
    assert branches[3] == {
        "id": "zhibu-2",
        "title": "外科党支部",
        "kind": "党支部",
        "general": "zongzhi-1",
        "team": "外科",
        "team_kind": "科室",
        "line": "line-1",
        "members": 31,
    }
    assert branches[4]["team_kind"] == "区队"  # 后勤保障队: a team
    text = (project / "assessment" / "branches.yaml").read_text(encoding="utf-8")
    assert "# 书记：张伟" in text  # kept for the office, not published
    lines = yaml.safe_load((project / "assessment" / "lines.yaml").read_text(encoding="utf-8"))["lines"]
    assert [line["title"] for line in lines] == ["医疗战线", "机关战线"]
    unit = yaml.safe_load((project / "organisation" / "units" / "danwei-1.yaml").read_text(encoding="utf-8"))
    assert unit == {"id": "danwei-1", "title": "党委组织部", "kind": "党群部门", "parent": "dangwei", "status": "施行"}
    assert (project / "mkdocs.yml").read_bytes() == nav  # the roster page is listed by the registry
    assert main(["--root", str(project), "check"]) == 0


def test_every_problem_by_sheet_row_and_column_and_nothing_written(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown 党总支, members not a number, a wrong 单位类型, a duplicate name, an unknown type: all at once."""
    rows = [*ROWS, ["车队党支部", "党支部", "后勤党总支", "", 0, None, "车间", "机关战线"]]
    rows.append(["内科党支部", "党小队", "", "", None, None, None, None])
    path = roster(tmp_path / "名册.xlsx", rows)
    nav = (project / "mkdocs.yml").read_bytes()
    assert main(["--root", str(project), "import", "roster", str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:9: sheet 名册, row 9, column C: '后勤党总支' is no 党总支 of the sheet; known: 医疗党总支、机关党总支",
        f"{path}:9: sheet 名册, row 9, column E: '0': the number of party members, a whole number of 1 or more",
        f"{path}:9: sheet 名册, row 9, column G: '车间': 区队 or 科室",
        f"{path}:10: sheet 名册, row 10, column A: '内科党支部' is also in row 5",
        f"{path}:10: sheet 名册, row 10, column B: unknown type '党小队'; known: {KNOWN_TYPES}",
        "5 problems found",
    ]
    assert not (project / "assessment").exists()
    assert (project / "mkdocs.yml").read_bytes() == nav
    assert sorted(p.name for p in (project / "organisation" / "units").iterdir()) == ["dangwei.yaml"]


def test_without_a_line_column_every_branch_is_in_one_line(project: Path, tmp_path: Path) -> None:
    """A sheet without 战线: one line for all branches, said as a warning; the project still checks."""
    header = HEADER[:-1]
    path = roster(tmp_path / "名册.xlsx", [row[:-1] for row in ROWS], header)
    assert main(["--root", str(project), "import", "roster", str(path)]) == 0
    lines = yaml.safe_load((project / "assessment" / "lines.yaml").read_text(encoding="utf-8"))["lines"]
    assert [(line["id"], line["title"]) for line in lines] == [("quanbu", "全部党支部")]
    assert main(["--root", str(project), "check"]) == 0


def test_a_roster_is_imported_once(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A second import would replace the roster: refused, the first left as it was."""
    path = roster(tmp_path / "名册.xlsx", ROWS)
    assert main(["--root", str(project), "import", "roster", str(path)]) == 0
    before = (project / "assessment" / "branches.yaml").read_bytes()
    assert main(["--root", str(project), "import", "roster", str(path)]) == 1
    assert "assessment/branches.yaml exists already" in capsys.readouterr().err
    assert (project / "assessment" / "branches.yaml").read_bytes() == before


def test_a_sheet_without_header_or_a_broken_file_is_one_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No 名称 column, or a file that is no workbook: one line each, exit 1, no traceback."""
    path = roster(tmp_path / "名册.xlsx", [["甲", "乙"]], header=["单位", "备注"])
    assert main(["--root", str(project), "import", "roster", str(path)]) == 1
    assert "sheet 名册, row 1: no header row naming a 名称 column" in capsys.readouterr().err
    broken = tmp_path / "broken.xlsx"
    broken.write_text("不是表格", encoding="utf-8")
    assert main(["--root", str(project), "import", "roster", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}:1: not an Excel workbook (.xlsx), or the file is damaged" in err and "Traceback" not in err
