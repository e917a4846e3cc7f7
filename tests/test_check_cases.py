"""`handbook check` on small projects: each invalid case reports exactly its expected problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CASES, assert_golden, make_case

from handbook.cli import main

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())

# The fixed words of every message `handbook check` can give about sources, one entry per message
# template (handbook/core/located.py, handbook/load/sources.py, handbook/validate/*.py,
# handbook/kinds/*/check.py). A new message needs its fragment here and an invalid case showing it.
MESSAGES = [
    "the sessions add up to",
    "is already in this binder",
    "a binder takes whole documents: '",
    "a binder takes whole documents: write '",
    # reading files: encoding, YAML, front matter
    "not valid UTF-8 (",
    "a folder where a source file is expected; rename or move it",
    "invalid YAML: ",
    "invalid YAML: unsupported tag ",
    "invalid YAML: could not determine a constructor for the tag",
    "invalid YAML: character #x",
    "YAML aliases (*name) are not supported",
    "invalid value '",
    ": duplicate key '",
    "missing front matter (a first line '---')",
    "front matter is not closed by '---'",
    # schema
    "expected a mapping of keys, got list",
    "expected a top-level key 'roles' holding a list",
    "missing required key '",
    "unknown key '",
    "' is not a valid id: use lower-case ASCII letters, digits and '-'",
    "Input should be '试行', '施行', '已修改', '废止' or '待补充' (got ",  # pydantic's words, with the value
    "(title): Input should be a valid string\n",  # pydantic's words; a mapping given is not repeated
    # ids, files, places, owners
    "duplicate flow id '",
    "the file name must be the id: rename ",
    "unknown place '",
    "(owner): unknown unit '",
    "(parent): unknown unit '",
    ".unit): unknown unit '",
    "' is both a role and a unit; flow lanes need one meaning",
    "' is already a term or alias of '",
    "' is said for '",
    "a saying is shown on no page; it only helps search find the pages",
    "' is in no source's text: this form finds nothing",
    "' is not one word: a query is cut at spaces and punctuation",
    "' is one character: it would be found inside other words",
    # regulations' articles
    " appears twice (first at line ",
    " is the first article: 第一条 is missing",
    " follows 第",
    ": number the articles in order",
    # flows
    "unknown role '",
    "a flow needs steps (or status 待补充)",
    "duplicate step id '",
    "' has no role; declared roles: ",
    "undeclared role '",
    "'next' names unknown step '",
    "no start step (kind: start)",
    "several start steps; the first is steps[",
    "no end step (kind: end)",
    "' cannot be reached from the start",
    "no end can be reached from step '",
    "a decision leads on through labelled 'branches', not 'next'",
    "' needs at least two labelled branches",
    "only a decision has branches; '",
    "an end step has no 'next'",
    "' has no 'next' (only an end step stops)",
    "' must name the flow it runs ('flow')",
    ".flow): unknown flow '",
    "a flow cannot run itself as a sub-flow",
    "only a step of kind 'subflow' names a flow to run",
    "sub-flows run in a cycle: ",
    # references
    "malformed reference '",
    "unknown reference kind '",
    "unresolved reference '",
    "': no regulation '",
    "': no flow '",
    "': no activity '",
    "': no unit '",
    "': no role '",
    "': no term '",
    "': no article '",
    "': no step '",
    "': a unit has no anchors",
    "': a role has no anchors",
    "': a term has no anchors",
    "a [[…]] reference in a YAML text field is shown as plain text",
    # the lifecycle: owners, review dates, supersessions and amendments (handbook/validate/lifecycle.py)
    "(owner): missing required key 'owner'",
    "give review_by or review_every, not both",
    "review_every counts from 'reviewed' (the last review) or 'effective'",
    "is before the effective date ",
    "; supersedes names one of: ",
    "; superseded_by names one of: ",
    "; amends names one of: ",
    "' does not say superseded_by: ",
    "' in supersedes; add it to ",
    "' is amended here, so its status is 已修改 (it is ",
    "so its status is 废止 (it is ",
    "status 已修改 needs the regulation that amends it",
    "supersessions and amendments run in a cycle: ",
    # flows' cadences (the compliance calendar)
    "cadence cannot be read: a monthly cadence has no month",
    "cadence cannot be read: day 9 of a week; give 1 (Monday) to 7 (Sunday)",
    "cadence cannot be read: month 4 of a quarter; give 1, 2 or 3",
    "cadence cannot be read: month 13 of a year; give 1 to 12",
    "cadence cannot be read: a yearly day needs its month (1-12)",
    "cadence cannot be read: day 30 of a month; give 1 to 29",
    "Input should be 'week', 'month', 'quarter' or 'year' (got ",
    "(cadence[6].role): unknown role '",
    # quality
    "), which is repealed (废止)",
    "raw HTML that the site removes: <",
    "raw HTML that the site removes: attribute '",
    "' leads outside the site (only relative links to its own pages and files)",
    "in an attribute list is not allowed",
    "link to outside host '",
    "HTML in a text field is shown as typed, not as markup (write plain text)",
    "' not found (looked for docs/",
    # embeds: {{kind:name arg}}
    "': no kind '",
    "' with embeds; known: ",
    " embeds: ",
    "' takes no argument",
    "' needs one of: ",
    "), which this handbook lacks",
    "is recorded data, not a page to link; link the page showing it",
    # the assessment: rules and roster
    "(departments[0].id): unknown unit '",
    "the departments' items add up to ",
    "appears twice",
    "the weights add up to ",
    "the first place must get more points than the last",
    "grades go from the best down, each lower, to a last one with min 0",
    "(bonuses[0].department): unknown department '",
    "a 党支部 needs '",
    "unknown general branch '",
    "unknown line '",
    # the assessment: recorded results
    "results need the assessment rules (assessment/rules.yaml)",
    "(department): unknown department '",
    ".branch): 'zz' is not a branch assessed in ",
    "' is scored twice in this file (first at line ",
    "in 党支部考核组; items: ",
    " points is more than item ",
    "no veto case ",
    "no bonus item ",
    "' is ranked twice in this file (first at line ",
    "' is not a unit of ",
    "a tie of ",
    "the order leaves out ",
    "characters; the rules ask for at least ",
    "participants; the rules need at least ",
    " party members of ",
    "the evaluation is void",
    " valid sheets from ",
    " aspects given; the sheet has ",
    "the votes add up to ",
    "' is evaluated twice in ",
    "no recorded scores '",
    "a correction names an existing entry",
    "no recorded staff evaluations '",
    " records no veto ",
    " does not rank '",
    " holds no evaluation of '",
    " is beyond the ",
    "a correction names the one file it corrects: scores, ranking or staff",
    "a correction of a ranking states place; not item, points",
    # the ledger
    "is sealed but gone: restore it",
    "does not match what the seal records: the ledger was edited",
    "does not match the digest of the seal before it: the ledger was edited",
    "' was changed after ",
    "recorded after 2026-01 was closed on ",
]


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


def test_every_message_has_a_case() -> None:
    """Every message the checks can give is shown by at least one invalid case's expected output."""
    expected = "".join((case / "expected.txt").read_text(encoding="utf-8") for case in INVALID)
    missing = [fragment for fragment in MESSAGES if fragment not in expected]
    assert not missing, f"messages without an invalid case under tests/cases/invalid/: {missing}"


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--format json` gives stable keys for scripts and editors."""
    code = main(["--root", str(make_case(tmp_path, CASES / "invalid" / "unknown-role")), "check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["ok"] is False
    first = report["problems"][0]
    assert first == {
        "path": "flows/simple.yaml",
        "line": 7,
        "message": "unknown role 'cfo'; known: dang-zhibu, dangyuan, zhibu-shuji",
        "key": "roles[1]",
    }


def test_no_project_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Running outside a project prints one line and exits 1."""
    assert main(["--root", str(tmp_path), "check"]) == 1
    assert "no handbook project here" in capsys.readouterr().err
