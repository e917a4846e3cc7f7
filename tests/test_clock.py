"""No code below the entry points reads the clock, and the date-sensitive tests pass on any system date.

The date a run is for comes from one place (handbook/core/clock.py), called only by the entry
points; every result below them is computed for the date it is given. The proof is twofold: no
module reads the clock itself (read from the source), and the tests whose pages and calendars
depend on the date pass under several system dates (Debian's faketime moves the system clock of
the process and its children; Chromium is left out, it only slows down under faketime).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from handbook.core.clock import TODAY_VARIABLE

ENGINE = ROOT / "handbook"
# The modules that may ask for the run's date: the `handbook` command, and the MkDocs plugin when
# MkDocs itself is the entry point.
ENTRY_POINTS = {"handbook/cli", "handbook/integrations/mkdocs/plugin.py"}
CLOCK = "handbook/core/clock.py"
# Calls that read the system clock as a date or a wall time.
CLOCK_CALLS = {"today", "now", "utcnow", "time", "localtime", "gmtime", "ctime", "strftime"}
CLOCK_OWNERS = {"date", "datetime", "dt.date", "dt.datetime", "time", "datetime.date", "datetime.datetime"}
# The tests whose expected pages, reviews, calendars and results depend on the date they run for.
DATE_SENSITIVE = ["tests/test_golden_pages.py", "tests/test_lifecycle.py", "tests/test_assessment.py"]
SYSTEM_DATES = ["2027-01-01 00:30:00", "2028-02-29 12:00:00", "2030-12-31 23:30:00"]


def _modules() -> list[tuple[str, ast.Module]]:
    """Every module of the engine, by its path relative to the repository, parsed."""
    return [
        (path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(ENGINE.rglob("*.py"))
    ]


def _dotted(node: ast.expr) -> str:
    """The dotted name of an attribute chain (`dt.date.today` → 'dt.date.today'), or ''."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return f"{owner}.{node.attr}" if owner else ""
    return ""


def test_only_the_clock_module_reads_the_clock() -> None:
    """No engine module but core/clock.py calls date.today(), datetime.now(), time.time() and the like."""
    readers = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call | ast.Attribute) and path != CLOCK:
                name = _dotted(node.func if isinstance(node, ast.Call) else node)
                owner, _, call = name.rpartition(".")
                if call in CLOCK_CALLS and owner in CLOCK_OWNERS:
                    readers.append(f"{path}:{node.lineno}: {name}")
    assert not readers


def test_only_entry_points_ask_for_the_run_date() -> None:
    """`run_date` is used by the command line and the MkDocs plugin only; everything else is given a date."""
    users = [
        f"{path}:{node.lineno}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and node.id == "run_date"
        if path != CLOCK and not any(path == entry or path.startswith(entry + "/") for entry in ENTRY_POINTS)
    ]
    assert not users


@pytest.mark.parametrize("system_date", SYSTEM_DATES)
def test_the_date_sensitive_tests_pass_on_another_system_date(system_date: str, tmp_path: Path) -> None:
    """Under a faked system clock the tests that depend on dates pass unchanged (they run as of TODAY)."""
    if shutil.which("faketime") is None:
        pytest.fail("Debian's faketime is missing: `make test` installs it (apt-get install faketime)")
    env = {k: v for k, v in os.environ.items() if k != TODAY_VARIABLE}
    env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"  # timeouts and durations keep the real clock
    command = ["faketime", system_date, sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += ["-m", "not browser", "--basetemp", str(tmp_path / "run"), *DATE_SENSITIVE]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
