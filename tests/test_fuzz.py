"""Property-based tests: any text fed to any loader gives a model or located problems, never a traceback."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
from conftest import CASES, ROOT, TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.cli import main
from handbook.core.located import SourceFile, parse_markdown, parse_yaml
from handbook.core.markdown import _scan, prose_lines
from handbook.core.problems import SourceProblems
from handbook.core.project import Project
from handbook.kinds.registry import KINDS
from handbook.load.sources import RawSources, load_sources
from handbook.render.site import render_site
from handbook.search.documents import documents
from handbook.validate.validator import build_model

BASE = Project(CASES / "base", TODAY)
EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Characters that matter to YAML and Markdown, mixed with Chinese text.
ALPHABET = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\n \t第一条三会一课0123456789abcdefghijklmnopqrstuvwxyz"))


def _raw() -> RawSources:
    """A fresh copy of the base project's raw sources."""
    return copy.deepcopy(_BASE_RAW)


_BASE_RAW = load_sources(BASE, KINDS)
_PREFIX = {"flow": "flow", "regulation": "reg", "roles": "role", "glossary": "term"}
_PATHS = {"flow": "flows/simple.yaml", "roles": "organisation/roles.yaml", "glossary": "glossary.yaml"}
_FILES = {
    "flow": (CASES / "base/flows/simple.yaml").read_text(encoding="utf-8"),
    "regulation": (CASES / "base/regulations/rule.md").read_text(encoding="utf-8"),
    "roles": (CASES / "base/organisation/roles.yaml").read_text(encoding="utf-8"),
    "glossary": (CASES / "base/glossary.yaml").read_text(encoding="utf-8"),
}


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """A text with a few random edits: deleted, duplicated or swapped lines, inserted characters."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent"]))
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        if not lines:
            lines = [draw(st.text(ALPHABET, max_size=20))]
        elif action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        else:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(ALPHABET, min_size=1, max_size=8)) + lines[i][at:]
    return "".join(lines)


def _validate(raw: RawSources) -> None:
    """Validate and render: pages and search documents, or SourceProblems whose problems all have a location."""
    try:
        model = build_model(raw, KINDS, TODAY)
    except SourceProblems as exc:
        assert exc.problems
        assert all(p.path and p.line >= 1 and p.message for p in exc.problems)
        return
    assert render_site(model)
    assert documents(model)


@EXAMPLES
@given(st.text(st.one_of(ALPHABET, st.sampled_from(list("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029~"))), max_size=60))
def test_prose_lines_shortcut_agrees_with_the_scan(text: str) -> None:
    """The shortcut for plain one-line texts finds exactly the lines the full scan finds."""
    assert list(prose_lines(text)) == list(_scan(text))


@EXAMPLES
@given(st.text(ALPHABET, max_size=200))
def test_any_text_as_yaml(text: str) -> None:
    """Random text never escapes the YAML loader as an exception."""
    _, problems = parse_yaml(text, "x.yaml")
    assert all(p.line >= 1 for p in problems)


@EXAMPLES
@given(st.text(ALPHABET, max_size=200))
def test_any_text_as_markdown(text: str) -> None:
    """Random text never escapes the front-matter loader as an exception."""
    _, problems = parse_markdown(text, "x.md")
    assert all(p.line >= 1 for p in problems)


@EXAMPLES
@given(st.data())
@pytest.mark.parametrize("kind", list(_FILES))
def test_mutated_sources_validate_or_report(kind: str, data: st.DataObject) -> None:
    """A mutated flow, regulation, role list or glossary gives a model or located problems."""
    text = data.draw(mutated(_FILES[kind]))
    raw = _raw()
    if kind == "regulation":
        source, problems = parse_markdown(text, "regulations/rule.md")
    else:
        located, problems = parse_yaml(text, _PATHS[kind])
        source = SourceFile(located)
    raw.files[_PREFIX[kind]] = [source] if source.meta.data is not None else []
    raw.problems = problems
    _validate(raw)


def test_base_raw_is_valid() -> None:
    """The unmutated base validates (so the properties above start from a valid project)."""
    assert build_model(_raw(), KINDS, TODAY).flows


PROBLEM_LINE = re.compile(r"^[^\s:][^:]*:\d+( \([^)]*\))?: .+$")
COMMANDS = [
    ["check"],
    ["check", "--format", "json"],
    ["search", "支部"],
    ["schema", "--check"],
    ["course", "--all", "--no-pdf"],
]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.parametrize("kind", list(_FILES))
def test_every_command_answers_a_mutated_project(
    kind: str, data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through main(), every command on a mutated project exits 0 or 1 with messages, never a traceback."""
    project = tmp_path / "fuzz"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(CASES / "base", project)
    path = "regulations/rule.md" if kind == "regulation" else _PATHS[kind]
    (project / path).write_text(data.draw(mutated(_FILES[kind])), encoding="utf-8")
    command = data.draw(st.sampled_from(COMMANDS))
    code = main(["--root", str(project), *command])
    out = capsys.readouterr()
    assert code in (0, 1), command
    if code == 1 and command[0] == "check" and "--format" not in command:
        assert all(PROBLEM_LINE.match(line) for line in out.out.splitlines()[:-1]), out.out


ASSESSMENT = ROOT / "tests" / "golden" / "pages" / "project"
ASSESSMENT_FILES = [
    "assessment/rules.yaml",
    "assessment/branches.yaml",
    "assessment/ledger.yaml",
    "assessment/scores/2026-01-zuzhi-bu.yaml",
    "assessment/scores/2026-02-zuzhi-bu.yaml",
    "assessment/rankings/2026-02-l1.yaml",
    "assessment/staff/2025-q4-zuzhi-bu.yaml",
    "assessment/corrections/2026-01-a-1.yaml",
]
ASSESSMENT_COMMANDS = [
    ["check"],
    ["assess", "close", "2026-02", "--date", "2026-03-08"],
    ["assess", "sheet", "--dept", "组织部", "--month", "2026-03"],
]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
@pytest.mark.parametrize("path", ASSESSMENT_FILES)
def test_assessment_commands_answer_mutated_results(
    path: str, data: st.DataObject, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mutated rules, roster, ledger or results file: the check and the assess commands answer, never crash."""
    project = tmp_path / "fuzz"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ASSESSMENT, project)
    (project / path).write_text(data.draw(mutated((ASSESSMENT / path).read_text(encoding="utf-8"))), encoding="utf-8")
    command = data.draw(st.sampled_from(ASSESSMENT_COMMANDS))
    code = main(["--root", str(project), *command])
    out = capsys.readouterr()
    assert code in (0, 1), command
    if code == 1 and command == ["check"]:
        assert all(PROBLEM_LINE.match(line) for line in out.out.splitlines()[:-1]), out.out
