"""`handbook check` on small projects: each invalid case reports exactly its expected problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASES, assert_golden, make_case

from handbook.cli import main

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def test_base_case_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The base project passes with `ok` and exit code 0."""
    assert main(["--root", str(make_case(tmp_path)), "check"]) == 0
    assert capsys.readouterr().out == "ok\n"


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    """Every problem of the case, each with its path:line, and exit code 1."""
    code = main(["--root", str(make_case(tmp_path, case)), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert_golden(out, case / "expected.txt", update_golden)


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format json` gives stable keys for scripts and editors."""
    code = main(["--root", str(make_case(tmp_path, CASES / "invalid" / "unknown-role")), "check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["ok"] is False
    first = report["problems"][0]
    assert first == {
        "path": "flows/simple.yaml",
        "line": 5,
        "message": "unknown role 'cfo'; known: dang-zhibu, dangyuan, zhibu-shuji",
        "key": "roles[1]",
    }


def test_no_project_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Running outside a project prints one line and exits 1."""
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert "no handbook project here" in capsys.readouterr().err
