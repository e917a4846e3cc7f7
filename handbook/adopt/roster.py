"""A roster workbook (党组织名册.xlsx) turned into the organisation's sources and the assessment roster.

One sheet, a header row naming the columns (in any order; the names below and their usual
variants), then one row per organisation:

| 名称 | 类型 | 党总支 | 书记 | 党员人数 | 依托单位 | 单位类型 | 战线 | 战线负责人 | 编码 |

- 党总支 and 党支部 rows become the assessment roster (assessment/branches.yaml): a 党支部 names its
  党总支 (a 党总支 row of the sheet), the 区队 or 科室 it is attached to (依托单位, else its name
  without 党支部; 单位类型 区队 or 科室, else 区队 for a name ending in 队) and its line (战线); the
  lines become assessment/lines.yaml, each led by the 党委副书记 unless 战线负责人 says who;
- 党群部门, 会议, 党小组 and 上级组织 rows become units (organisation/units/<id>.yaml) under the 党委;
- 书记 is written beside its organisation as a comment: the sources have no field for a person,
  and the site does not publish names;
- ids come from 编码 where given (lowercase ASCII), else are numbered: zongzhi-1, zhibu-1, danwei-1.

Every problem names the sheet, row and column; one problem and nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.assessment.branch.schema import BranchKind, TeamKind
from handbook.core.problems import Problem
from handbook.core.xlsx import WorkbookError, open_workbook
from handbook.kinds.unit.schema import UnitKind

# Column → the header texts it is known by (whitespace removed).
COLUMNS = {
    "name": ("名称", "党组织名称", "组织名称", "单位名称", "党组织"),
    "kind": ("类型", "组织类型", "类别", "党组织类型"),
    "general": ("党总支", "所属党总支", "上级党总支"),
    "secretary": ("书记", "党支部书记", "书记姓名", "负责人"),
    "members": ("党员人数", "党员数", "人数"),
    "team": ("依托单位", "所在单位", "区队科室", "区队/科室"),
    "team_kind": ("单位类型", "单位类别"),
    "line": ("战线", "所属战线"),
    "leader": ("战线负责人",),
    "id": ("编码", "代码", "id"),
}
UNIT_KINDS = [UnitKind.DEPARTMENT, UnitKind.MEETING, UnitKind.GROUP, UnitKind.EXTERNAL]
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LINE_LEADER, LINE_ROLE = "党委副书记", "dangwei-fushuji"  # a line's leader unless the sheet says otherwise
ONE_LINE = ("quanbu", "全部党支部")  # the line of every branch when the sheet has no 战线 column


@dataclass
class Row:
    """One organisation of the sheet, as read."""

    row: int
    values: dict[str, str]
    id: str = ""


@dataclass
class Roster:
    """What a roster sheet gives: the files to write, or the problems that keep it from being written."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    branches: int = 0
    generals: int = 0
    units: int = 0
    lines: int = 0


def _letter(index: int) -> str:
    """The column letter of a 0-based index: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _text(value: object) -> str:
    """A cell as text: stripped, a whole number without '.0', '' for empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's): no cell can inject a key."""
    return json.dumps(text, ensure_ascii=False)


class _Reader:
    """Reads one sheet, collecting every problem at its sheet, row and column."""

    def __init__(self, display: str, sheet: str) -> None:
        self.display, self.sheet = display, sheet
        self.columns: dict[str, int] = {}
        self.header = 0
        self.roster = Roster()

    def problem(self, row: int, column: str | None, message: str, warning: bool = False) -> None:
        """A problem at a cell (or a row) of the sheet."""
        where = f"sheet {self.sheet}, row {row}"
        if column is not None and column in self.columns:
            where += f", column {_letter(self.columns[column])}"
        self.roster.problems.append(Problem(self.display, row, f"{where}: {message}", warning=warning))

    def find_header(self, rows: list[list[str]]) -> bool:
        """The header row: the first naming a 名称 column; the columns it names."""
        for number, row in enumerate(rows, start=1):
            found = {}
            for index, cell in enumerate(row):
                key = "".join(cell.split()).lower()
                for column, names in COLUMNS.items():
                    if key in names and column not in found:
                        found[column] = index
            if "name" in found:
                self.columns, self.header = found, number
                return True
        return False


def read_roster(path: Path, display: str, units: dict[str, str], committee: str | None) -> Roster:
    """Read a roster sheet into sources; `units`: the project's units (id → title), `committee`: its 党委's id."""
    try:
        book = open_workbook(path)
        rows = [[_text(value) for value in row] for row in book.rows()]
    except WorkbookError as exc:
        return Roster(problems=[Problem(display, 1, str(exc))])
    reader = _Reader(display, book.title)
    roster = reader.roster
    if not reader.find_header(rows):
        reader.problem(1, None, "no header row naming a 名称 column (名称, 类型, 党总支, 书记, 党员人数 …)")
        return roster
    if "kind" not in reader.columns:
        reader.problem(reader.header, None, "no 类型 column: each row needs its type (党总支, 党支部, 党群部门 …)")
        return roster
    entries = []
    for number, cells in enumerate(rows[reader.header :], start=reader.header + 1):
        values = {key: cells[index] if index < len(cells) else "" for key, index in reader.columns.items()}
        if any(values.values()):
            entries.append(Row(number, values))
    if not entries:
        reader.problem(reader.header, None, "no organisation below the header row")
        return roster
    _ids(reader, entries, units)
    generals = _generals(entries)
    lines = _lines(reader, entries)
    branch_yaml, unit_files = [], {}
    for entry in entries:
        kind = entry.values["kind"]
        if kind == BranchKind.GENERAL:
            branch_yaml.append(_general(entry))
            roster.generals += 1
        elif kind == BranchKind.BRANCH:
            branch_yaml.append(_branch(reader, entry, generals, lines))
            roster.branches += 1
        elif kind == UnitKind.COMMITTEE:
            if committee is None:
                unit_files[entry.id] = _unit(entry, None)
                roster.units += 1
            else:
                message = f"the 党委 is organisation/units/{committee}.yaml already: this row adds nothing"
                reader.problem(entry.row, "kind", message, warning=True)
        elif kind in UNIT_KINDS:
            unit_files[entry.id] = _unit(entry, committee)
            roster.units += 1
        else:
            known = "、".join([BranchKind.GENERAL, BranchKind.BRANCH, UnitKind.COMMITTEE, *UNIT_KINDS])
            reader.problem(entry.row, "kind", f"unknown type '{kind}'; known: {known}")
    if any(not p.warning for p in roster.problems):
        return roster
    if branch_yaml:
        header = "# 考核对象名册：党总支和党支部（handbook import roster 从名册导入）。\nbranches:\n"
        roster.files["assessment/branches.yaml"] = (header + "".join(branch_yaml)).encode("utf-8")
        roster.files["assessment/lines.yaml"] = _lines_yaml(lines).encode("utf-8")
        roster.lines = len(lines)
    for unit_id, text in unit_files.items():
        roster.files[f"organisation/units/{unit_id}.yaml"] = text.encode("utf-8")
    return roster


def _ids(reader: _Reader, entries: list[Row], units: dict[str, str]) -> None:
    """Each row's id: its 编码, else numbered by type; an id used twice, or one of an existing unit, is a problem."""
    counters: dict[str, int] = {}
    prefix: dict[str, str] = {BranchKind.GENERAL: "zongzhi", BranchKind.BRANCH: "zhibu"}
    used: dict[str, int] = {}
    names: dict[str, int] = {}
    for entry in entries:
        name = entry.values["name"]
        if not name:
            reader.problem(entry.row, "name", "no name")
        elif name in names:
            reader.problem(entry.row, "name", f"'{name}' is also in row {names[name]}")
        names.setdefault(name, entry.row)
        given = entry.values.get("id", "")
        if given:
            if not ID.match(given) or len(given) > 64:
                reader.problem(entry.row, "id", f"'{given}': an id is lowercase letters, digits and hyphens")
            entry.id = given
        else:
            stem = prefix.get(entry.values["kind"], "danwei")
            counters[stem] = counters.get(stem, 0) + 1
            entry.id = f"{stem}-{counters[stem]}"
            while entry.id in units or entry.id in used:
                counters[stem] += 1
                entry.id = f"{stem}-{counters[stem]}"
        if entry.id in used:
            reader.problem(entry.row, "id", f"id '{entry.id}' is also row {used[entry.id]}'s")
        elif entry.values["kind"] not in (BranchKind.GENERAL, BranchKind.BRANCH) and entry.id in units:
            reader.problem(entry.row, "id", f"organisation/units/{entry.id}.yaml exists already ({units[entry.id]})")
        used.setdefault(entry.id, entry.row)


def _generals(entries: list[Row]) -> dict[str, str]:
    """The 党总支 of the sheet, by name → id."""
    return {e.values["name"]: e.id for e in entries if e.values["kind"] == BranchKind.GENERAL}


def _lines(reader: _Reader, entries: list[Row]) -> dict[str, tuple[str, str]]:
    """The lines (战线) of the branches, by name → (id, leader); one line for all without a 战线 column."""
    branches = [e for e in entries if e.values["kind"] == BranchKind.BRANCH]
    if "line" not in reader.columns:
        if branches:
            message = f"no 战线 column: every 党支部 is in one line, {ONE_LINE[1]}, ranked by the {LINE_LEADER}"
            reader.problem(reader.header, None, message, warning=True)
        return {ONE_LINE[1]: (ONE_LINE[0], LINE_LEADER)} if branches else {}
    lines: dict[str, tuple[str, str]] = {}
    for entry in branches:
        name = entry.values["line"]
        if not name:
            reader.problem(entry.row, "line", "a 党支部 needs its 战线 (the line whose leader ranks it)")
        elif name not in lines:
            lines[name] = (f"line-{len(lines) + 1}", entry.values.get("leader") or LINE_LEADER)
    return lines


def _secretary(entry: Row) -> str:
    """The secretary as a comment line (names are not published; the sources keep them for the office)."""
    secretary = entry.values.get("secretary", "")
    return f"    # 书记：{secretary}\n" if secretary else ""


def _general(entry: Row) -> str:
    """A 党总支 of branches.yaml."""
    text = f"  - id: {entry.id}\n    title: {_quoted(entry.values['name'])}\n    kind: 党总支\n"
    return text + _members(entry) + _secretary(entry)


def _members(entry: Row) -> str:
    """The members line, when the sheet gives a whole number (checked by `_branch` for branches)."""
    members = entry.values.get("members", "")
    return f"    members: {members}\n" if members.isdigit() and int(members) >= 1 else ""


def _branch(reader: _Reader, entry: Row, generals: dict[str, str], lines: dict[str, tuple[str, str]]) -> str:
    """A 党支部 of branches.yaml: its 党总支, 区队 or 科室, line and members, each checked."""
    values = entry.values
    general = values.get("general", "")
    if "general" not in reader.columns:
        reader.problem(entry.row, None, "a 党支部 needs its 党总支: add a 党总支 column")
    elif not general:
        reader.problem(entry.row, "general", "a 党支部 needs its 党总支")
    elif general not in generals:
        known = "、".join(generals) or "(none: add a row of type 党总支)"
        reader.problem(entry.row, "general", f"'{general}' is no 党总支 of the sheet; known: {known}")
    team = values.get("team") or re.sub(r"党支部$", "", values["name"]) or values["name"]
    team_kind = values.get("team_kind", "")
    if team_kind and team_kind not in (TeamKind.TEAM, TeamKind.OFFICE):
        reader.problem(entry.row, "team_kind", f"'{team_kind}': 区队 or 科室")
    if not team_kind:
        team_kind = TeamKind.TEAM if team.endswith("队") else TeamKind.OFFICE
    members = values.get("members", "")
    if members and not (members.isdigit() and int(members) >= 1):
        reader.problem(entry.row, "members", f"'{members}': the number of party members, a whole number of 1 or more")
    line = lines.get(values.get("line", "") if "line" in reader.columns else ONE_LINE[1])
    text = f"  - id: {entry.id}\n    title: {_quoted(values['name'])}\n    kind: 党支部\n"
    text += f"    general: {generals.get(general, 'unknown')}\n    team: {_quoted(team)}\n    team_kind: {team_kind}\n"
    text += f"    line: {line[0] if line else 'unknown'}\n"
    return text + _members(entry) + _secretary(entry)


def _lines_yaml(lines: dict[str, tuple[str, str]]) -> str:
    """assessment/lines.yaml: each line led by a post held by the 党委副书记 role (edit to the real posts)."""
    out = ["# 战线：每条战线由一名负责人每月对所属党支部排序（handbook import roster 从名册导入）。\nlines:\n"]
    for name, (line_id, leader) in lines.items():
        out.append(f"  - id: {line_id}\n    title: {_quoted(name)}\n    leader: {_quoted(leader)}\n")
        out.append(f"    role: {LINE_ROLE}\n")
    return "".join(out)


def _unit(entry: Row, committee: str | None) -> str:
    """A unit's source: its title and kind, under the 党委."""
    text = f"id: {entry.id}\ntitle: {_quoted(entry.values['name'])}\nkind: {entry.values['kind']}\n"
    if committee is not None:
        text += f"parent: {committee}\n"
    secretary = entry.values.get("secretary", "")
    return text + "status: 施行\n" + (f"# 书记：{secretary}\n" if secretary else "")
