"""Commands given a bad argument, a hostile file or an interruption: one clear line, exit 1, nothing half-written."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, make_site_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from handbook.cli import main
from handbook.cli.main import parser
from handbook.core.xlsx import MAX_ROWS

HANDBOOK = [sys.executable, "-m", "handbook.cli"]
FIXTURE = ROOT / "tests" / "golden" / "pages" / "project"


def _one_error(err: str) -> str:
    """The stderr of a refused command: one line (and the report's count of problems), no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip() and not re.fullmatch(r"\d+ problems? found", line)]
    assert len(lines) == 1, err
    return lines[0]


# ---- arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["99999", "-5", "0", "1899", "二〇二七"])
def test_a_year_out_of_range_is_refused(year: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`calendar --year` takes 1900–2999; 0 no longer means this year."""
    with pytest.raises(SystemExit) as exit:
        main(["--root", str(ROOT), "calendar", f"--year={year}"])
    assert exit.value.code == 1
    assert "expected a year from 1900 to 2999" in _one_error(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("given", "address"),
    [
        ("localhost", ("localhost", 8000)),
        (":8001", ("127.0.0.1", 8001)),
        ("0.0.0.0:80", ("0.0.0.0", 80)),
        ("[::1]:8002", ("::1", 8002)),
        ("[::1]", ("::1", 8000)),
    ],
)
def test_serve_reads_any_usual_address(given: str, address: tuple[str, int]) -> None:
    """A host alone, a port alone, both, or IPv6: no traceback, the defaults filled in."""
    assert parser().parse_args(["serve", "--addr", given]).addr == address


def test_serve_refuses_a_port_that_cannot_be(capsys: pytest.CaptureFixture[str]) -> None:
    """A port beyond 65535 or not a number is one line of error."""
    for bad in ("localhost:99999", "localhost:http"):
        with pytest.raises(SystemExit) as exit:
            parser().parse_args(["serve", "--addr", bad])
        assert exit.value.code == 1
        assert "port from 1 to 65535" in _one_error(capsys.readouterr().err)


def test_an_unwritable_output_is_one_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output under a file (or any folder that cannot be written) names the path; no traceback."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    assert main(["--root", str(ROOT), "calendar", "--year", "2027", "--output", str(blocker / "x.ics")]) == 1
    assert str(blocker) in _one_error(capsys.readouterr().err)
    command = ["assess", "sheet", "--dept", "组织部", "--month", "2026-11", "--output", str(blocker / "s.xlsx")]
    assert main(["--root", str(ROOT), *command]) == 1
    assert str(blocker) in _one_error(capsys.readouterr().err)
    assert blocker.read_text(encoding="utf-8") == ""


# ---- builds ------------------------------------------------------------------------------------


@pytest.mark.build
def test_leftovers_of_a_killed_build_are_cleared_and_two_builds_take_turns(tmp_path: Path) -> None:
    """A leftover .site.old and staging folder do not stop the next build; two builds at once both succeed."""
    project = make_site_case(tmp_path)
    for leftover in (".site.old", ".site.abc123"):
        (project / leftover / "x").mkdir(parents=True)
    builds = [
        subprocess.Popen([*HANDBOOK, "--root", str(project), "build"], stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    errors = [build.communicate(timeout=300)[1] for build in builds]
    assert [build.returncode for build in builds] == [0, 0], errors
    assert (project / "site" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [".site.lock"]


@pytest.mark.build
def test_ctrl_c_during_a_build_leaves_the_old_site_and_no_traceback(tmp_path: Path) -> None:
    """Interrupted, `handbook build` says so in one line, exits 130 and leaves the last site as it was."""
    project = make_site_case(tmp_path)
    assert main(["--root", str(project), "build"]) == 0
    before = sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*"))
    build = subprocess.Popen(
        [*HANDBOOK, "--root", str(project), "build"], stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not [p for p in project.iterdir() if p.name.startswith(".site.") and p.is_dir()]:  # MkDocs starts
        assert time.monotonic() < deadline and build.poll() is None
        time.sleep(0.02)
    os.killpg(build.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    assert sorted(p.relative_to(project).as_posix() for p in (project / "site").rglob("*")) == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.") and p.is_dir()]


# ---- hostile workbooks -------------------------------------------------------------------------


def _workbook(path: Path) -> Path:
    """A small valid workbook to spoil."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["考核部门", "党委组织部", "考核月份", "2026-02"])
    book.save(path)
    return path


def _replace_sheet(path: Path, xml: bytes) -> Path:
    """The workbook with its first sheet's XML replaced."""
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries.items():
            out.writestr(name, data)
    return path


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'


def _truncated(path: Path) -> Path:
    """A workbook cut off half way, as a failed download leaves it."""
    data = _workbook(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _external_entity(path: Path) -> Path:
    """A sheet that reads a local file through an external entity (XXE)."""
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + SHEET % (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row>'
    )
    return _replace_sheet(_workbook(path), xml)


def _billion_laughs(path: Path) -> Path:
    """A sheet whose entities expand to gigabytes."""
    entities = b'<!ENTITY a0 "lol">' + b"".join(
        b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE x ['
        + entities
        + b"]>"
        + SHEET % (b'<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>')
    )
    return _replace_sheet(_workbook(path), xml)


def _zip_bomb(path: Path) -> Path:
    """A sheet that unpacks to hundreds of times its packed size."""
    rows = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"0" * 30_000_000 + b"</t></is></c></row>"
    return _replace_sheet(_workbook(path), SHEET % rows)


def _too_many_rows(path: Path) -> Path:
    """A sheet of more rows than a score sheet can have."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, MAX_ROWS + 10))
    return _replace_sheet(_workbook(path), SHEET % rows)


def _not_a_workbook(path: Path) -> Path:
    """A text file named .xlsx."""
    path.write_text("党支部,扣分\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_truncated, "not an Excel workbook (.xlsx), or the file is damaged"),
        (_external_entity, "not a readable Excel workbook"),
        (_billion_laughs, "not a readable Excel workbook"),
        (_zip_bomb, "times its size: not read"),
        (_too_many_rows, f"more than {MAX_ROWS} rows"),
        (_not_a_workbook, "not an Excel workbook (.xlsx), or the file is damaged"),
    ],
)
def test_a_hostile_or_damaged_workbook_is_refused_quickly(
    spoil: object, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each is one line naming the file and what is wrong, within seconds; nothing is recorded."""
    project = tmp_path / "project"
    subprocess.run(["cp", "-r", str(FIXTURE), str(project)], check=True)
    before = sorted(p.name for p in (project / "assessment" / "scores").iterdir())
    workbook = spoil(tmp_path / "sheet.xlsx")  # type: ignore[operator]
    started = time.perf_counter()
    assert main(["--root", str(project), "assess", "import", str(workbook)]) == 1
    assert time.perf_counter() - started < 20
    line = _one_error(capsys.readouterr().err)
    assert str(workbook) in line and message in line
    assert "passwd" not in line and "root:" not in line
    assert sorted(p.name for p in (project / "assessment" / "scores").iterdir()) == before


# ---- any arguments -----------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "党费",
        "zuzhi-bu",
        "组织部",
        "2026-02",
        "2026-13",
        "2026-q3",
        "reg:dangfei-guiding",
        "flow:x",
        "-1",
        "0",
        "99999",
        "",
        " ",
        "--",
        "-x",
        "\x00",
        "é",
        "党支部书记",
        "综采一队党支部",
        "deadbeef",
        "../../etc/passwd",
    ]
)
COMMANDS = st.sampled_from(
    [
        ["check", "--format"],
        ["search"],
        ["search", "党费", "--type"],
        ["search", "党费", "--limit"],
        ["review", "--within"],
        ["review", "--today"],
        ["review", "--format"],
        ["calendar", "--year"],
        ["calendar", "--role"],
        ["calendar", "--unit"],
        ["diff"],
        ["diff", "reg:dangfei-guiding", "--from"],
        ["assess", "verify"],
        ["assess", "sheet", "--month", "2026-11", "--dept"],
        ["assess", "close"],
        ["assess", "sheet", "--dept", "组织部", "--month"],
        ["schema", "--check"],
        ["serve", "--addr"],
        ["refill", "--since"],
        ["pdf", "--binder"],
        ["course"],
        ["build", "--as-of"],
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(command=COMMANDS, words=st.lists(WORDS, max_size=3))
def test_any_arguments_get_an_answer_not_a_traceback(
    command: list[str], words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Commands and options with odd values: an answer, or an error and exit code 1; never a traceback.

    Commands that would print or serve get values that are refused before any work starts.
    """
    costly = command[0] in ("serve", "refill", "pdf", "course", "build") or command[:2] == ["assess", "close"]
    refused = [w for w in words if w in ("-1", "0", "99999", "-x", "é")]
    if command[0] == "serve":  # as ports: a host alone (`--addr 0` is 0.0.0.0:8000) would serve for ever
        refused = [f":{w}" for w in refused]
    arguments = [*command, *(words if not costly else refused)]
    if costly and len(arguments) == len(command) and command[-1].startswith("--"):
        arguments.append("-x")
    if command[0] == "calendar" or command[:2] == ["assess", "sheet"]:  # never into the sample's build/
        arguments += ["--output", str(tmp_path / "out")]
    try:
        code = main(["--root", str(ROOT), *arguments])
    except SystemExit as exit:
        code = exit.code  # argparse: a usage mistake
    captured = capsys.readouterr()
    assert code in (0, 1), (arguments, captured.err)
    assert "Traceback" not in captured.err
