"""The forms `handbook assess sheet` writes for Excel (the score sheet for print as well), and their import back.

Three forms, each told apart by its first cell (A1) when read back, its subject beside it and its
period in D1:

- 考核部门: a department's score sheet of a month, a row per branch and item, for the points taken
  off, the facts and the evidence (a row added for a second deduction on the same item);
- 排序战线: a line's ranking form of a month, a row per branch of the line for its place (1 to n,
  each place once), then the reasons for the first and the last;
- 组织评价部门: a quarter's staff evaluation form, a row per branch (of the mine, or of one general
  branch) for the evaluating department to fill in where it held the evaluation: the day, the
  shift, the participants, the party members among them, the valid sheets and each aspect's votes.

The importer reads exactly these layouts, all of a form or nothing, and names every problem by
sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from handbook.assessment.branch.schema import Branch
from handbook.assessment.line.schema import Line
from handbook.assessment.rules.schema import Department, Rules
from handbook.assessment.staff.schema import Evaluation, Votes
from handbook.core.html import escape
from handbook.core.periods import Month, Quarter
from handbook.core.problems import Problem, ProjectError, choices
from handbook.core.sheets import inert_row
from handbook.core.xlsx import WorkbookError, open_workbook
from handbook.export.print.fonts import FAMILY
from handbook.model.handbook import Handbook

# What A1 says in each form: how the importer knows which form it reads.
SCORES_FORM, RANKING_FORM, STAFF_FORM = "考核部门", "排序战线", "组织评价部门"
HEADERS = ["党支部", "项目", "分值", "扣分", "事实和理由（时间、地点、事实）", "证据"]
RANKING_HEADERS = ["党支部", "名次"]
STAFF_HEADERS = ["党支部", "评价日期", "参评班次", "参评人数", "其中党员", "有效测评表"]
VOTES = ["满意", "基本满意", "不满意"]
HEADER_ROW = 4  # the column headings; the staff form's vote headings are on the row below
FIRST_REASON, LAST_REASON = "第一名理由", "最后一名理由"
ALL_GENERALS = "全部"
FORM_NAMES = {SCORES_FORM: "评分表", RANKING_FORM: "排序表", STAFF_FORM: "职工群众评价汇总表"}

P = TypeVar("P", Month, Quarter)
N = TypeVar("N")  # an object found by one of its names


def _named(
    found: Iterable[N], name: str, what: str, keys: Callable[[N], tuple[str, ...]], shown: Callable[[N], str]
) -> N:
    """The one of `found` that `name` names (one of its `keys`); ProjectError listing them by `shown` if none."""
    items = list(found)
    match = next((item for item in items if name in keys(item)), None)
    if match is None:
        raise ProjectError(f"unknown {what} '{name}'; known: {choices(shown(item) for item in items)}")
    return match


def line_named(model: Handbook, name: str) -> Line:
    """A line by id or title (采煤战线); ProjectError naming the lines if none."""
    return _named(
        model.assessment.lines.values(), name, "line", lambda line: (line.id, line.title), lambda line: line.title
    )


def department_named(model: Handbook, name: str) -> Department:
    """A department by id, title or short name (组织部); ProjectError naming the departments if none."""
    rules = model.assessment.rules
    return _named(
        rules.departments if rules else [], name, "department", lambda d: (d.id, d.title, d.short), lambda d: d.short
    )


def general_named(model: Handbook, name: str) -> Branch:
    """A general branch by id or title (综采党总支); ProjectError naming them if none."""
    generals = model.assessment.generals.values()
    return _named(generals, name, "general branch", lambda g: (g.id, g.title), lambda g: g.title)


def _new_form(name: str, rows: list[list[Any]]) -> tuple[Workbook, Any]:
    """A workbook of one sheet, named `name`, beginning with these rows (every text inert)."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = name[:31]
    for row in rows:
        ws.append(inert_row(ws, row))
    return book, ws


def _bold(ws: Any, row: int) -> None:
    """Set a heading row in bold."""
    for cell in ws[row]:
        cell.font = Font(bold=True)


def _bytes(book: Workbook) -> bytes:
    """The workbook as the bytes of an .xlsx file."""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ---- the department's score sheet ----------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """What a department's sheet for a month lists: the department, the month and the branches."""

    department: Department
    month: Month
    branches: list[tuple[str, str]]  # (id, title), in roster order

    @property
    def title(self) -> str:
        """The sheet's heading."""
        return f"{self.department.title} {self.month.label} 党支部考核评分表"


def blank_sheet(model: Handbook, department: Department, month: Month) -> Sheet:
    """The sheet listing every branch assessed in the month (the import asks for exactly these)."""
    return Sheet(department, month, [(b.id, b.title) for b in model.assessment.active(month).values()])


def sheet_xlsx(sheet: Sheet) -> bytes:
    """The sheet as an Excel workbook, one sheet named after the department."""
    book, ws = _new_form(
        sheet.department.short,
        [
            [SCORES_FORM, sheet.department.title, "考核月份", str(sheet.month)],
            ["经办人", "", "审核人", "", "提交日期", ""],
            [sheet.title],
            HEADERS,
        ],
    )
    _bold(ws, HEADER_ROW)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    for _, title in sheet.branches:
        for item in sheet.department.items:
            ws.append(inert_row(ws, [title, f"{item.number}. {item.title}", float(item.max), None, None, None]))
    for column, width in zip("ABCDEF", (22, 30, 6, 6, 50, 20), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        row[4].alignment = Alignment(wrap_text=True)
    return _bytes(book)


def sheet_html(sheet: Sheet) -> str:
    """The sheet as a printable HTML page (A4 landscape), its header row repeated on every page."""
    rows = []
    for _, title in sheet.branches:
        for index, item in enumerate(sheet.department.items):
            first = f'<td rowspan="{len(sheet.department.items)}">{escape(title)}</td>' if index == 0 else ""
            rows.append(
                f"<tr>{first}<td>{item.number}. {escape(item.title)}</td><td>{item.max}</td>"
                "<td></td><td></td><td></td></tr>"
            )
    head = "".join(f"<th>{escape(h)}</th>" for h in HEADERS)
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
        "@page{size:A4 landscape;margin:12mm}body{font-family:" + FAMILY + ";font-size:10pt}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:3px 5px;vertical-align:top}"
        "thead{display:table-header-group}tr{break-inside:avoid}td:nth-child(n+4){min-width:40px}"
        "</style></head><body>"
        f"<h1 style='font-size:15pt'>{escape(sheet.title)}</h1>"
        "<p>经办人：__________　审核人：__________　提交日期：__________</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


# ---- the line leader's ranking form --------------------------------------------------------------


def ranking_xlsx(model: Handbook, line: Line, month: Month) -> bytes:
    """A line's ranking form for a month: its branches in roster order, a place to give each, the two reasons."""
    rules = model.assessment.rules_for(str(month)) or model.assessment.rules
    least = rules.ranking.reason_chars if rules else 0
    branches = [model.assessment.branches[b].title for b in model.assessment.line_branches(line.id, month)]
    title = (
        f"{line.title} {month.label} 党支部排序表：按当月工作实绩排出名次，第一名填1，依次到{len(branches)}；"
        "只排序、不打分，每个名次只排一个党支部"
    )
    book, ws = _new_form(
        line.title,
        [[RANKING_FORM, line.title, "排序月份", str(month)], ["排序人", "", "提交日期", ""], [title], RANKING_HEADERS],
    )
    _bold(ws, HEADER_ROW)
    for name in branches:
        ws.append(inert_row(ws, [name, None]))
    first, last = HEADER_ROW + 1, HEADER_ROW + len(branches)
    # Excel refuses a place outside 1…n, or one given twice, as it is typed; the import checks it again.
    places = f"$B${first}:$B${last}"
    check = DataValidation(
        type="custom",
        formula1=f"AND(ISNUMBER(B{first}),B{first}=INT(B{first}),B{first}>=1,B{first}<={len(branches)},"
        f"COUNTIF({places},B{first})=1)",
        showErrorMessage=True,
        errorTitle="名次",
        error=f"名次是1到{len(branches)}的整数，每个名次只排一个党支部",
    )
    check.add(f"B{first}:B{last}")
    ws.add_data_validation(check)
    ws.append([])
    ws.append(inert_row(ws, [f"{FIRST_REASON}（不少于{least}字）", ""]))
    ws.append(inert_row(ws, [f"{LAST_REASON}（不少于{least}字）", ""]))
    for row in (last + 2, last + 3):
        ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 60
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 80
    return _bytes(book)


# ---- the quarter's staff evaluation form ---------------------------------------------------------


def staff_xlsx(model: Handbook, quarter: Quarter, general: Branch | None, department: Department | None) -> bytes:
    """A quarter's staff evaluation form: a row per branch due (of one general branch, or all), for one department.

    The department is written in if given, else left for the clerk to fill in; the evaluating
    department fills in the rows of the branches it evaluated and leaves the others empty.
    """
    assessment = model.assessment
    rules = assessment.rules_for(str(quarter)) or assessment.rules
    aspects = [a.title for a in rules.staff.aspects] if rules else []
    due = [b for b in assessment.active(quarter.last_month).values() if general is None or b.general == general.id]
    title = f"{quarter.label} 职工群众评价汇总表：本部门组织评价的党支部每行填全；没有评价的党支部整行留空，不要删行"
    heading = STAFF_HEADERS + [name for aspect in aspects for name in (aspect, "", "")]
    book, ws = _new_form(
        department.short if department else "职工群众评价",
        [
            [
                STAFF_FORM,
                department.title if department else "",
                "评价季度",
                str(quarter),
                "党总支",
                general.title if general else ALL_GENERALS,
            ],
            ["经办人", "", "提交日期", ""],
            [title],
            heading,
            [""] * len(STAFF_HEADERS) + VOTES * len(aspects),
        ],
    )
    _bold(ws, HEADER_ROW)
    _bold(ws, HEADER_ROW + 1)
    for column in range(1, len(STAFF_HEADERS) + 1):
        ws.merge_cells(start_row=HEADER_ROW, end_row=HEADER_ROW + 1, start_column=column, end_column=column)
    for index in range(len(aspects)):
        start = len(STAFF_HEADERS) + 3 * index + 1
        ws.merge_cells(start_row=HEADER_ROW, end_row=HEADER_ROW, start_column=start, end_column=start + 2)
        ws.cell(HEADER_ROW, start).alignment = Alignment(horizontal="center", wrap_text=True)
    ws.freeze_panes = f"B{HEADER_ROW + 2}"
    for branch in due:
        ws.append(inert_row(ws, [branch.title]))
    last = HEADER_ROW + 1 + len(due)
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True)
    counts.error = "人数、票数是不小于0的整数"
    counts.add(f"D{HEADER_ROW + 2}:{get_column_letter(len(heading))}{last}")
    ws.add_data_validation(counts)
    ws.column_dimensions["A"].width = 22
    for column in range(2, len(heading) + 1):
        ws.column_dimensions[get_column_letter(column)].width = 11 if column <= len(STAFF_HEADERS) else 7
    return _bytes(book)


# ---- reading a filled form back -------------------------------------------------------------------


@dataclass
class Imported:
    """A filled form read back: the source file it records (its path in the project and its text), or problems."""

    path: str = ""
    text: str = ""
    problems: list[Problem] = field(default_factory=list)


def _text(value: object) -> str:
    """A cell's text, stripped ('' for an empty cell); a date as Excel stores it becomes YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value).strip()


def _cells(rows: list[list[Any]], number: int, width: int) -> list[Any]:
    """The first `width` cells of a row (1-based), None where the row is shorter or absent."""
    row = rows[number - 1] if len(rows) >= number else []
    return (list(row) + [None] * width)[:width]


# The columns of a score sheet's row: 党支部, 项目, 分值, 扣分, 事实和理由, 证据.
BRANCH, ITEM, MAX, POINTS, REASON, EVIDENCE = range(6)


class _Reader:
    """Reads one filled form, collecting every problem at its sheet, row and column."""

    def __init__(self, model: Handbook, display: str, title: str) -> None:
        self.model, self.display, self.title = model, display, title
        self.problems: list[Problem] = []

    def problem(self, row: int, column: int, message: str) -> None:
        """A problem at a cell of the sheet (column 0 is A)."""
        where = f"sheet {self.title}, row {row}, column {get_column_letter(column + 1)}"
        self.problems.append(Problem(self.display, row, f"{where}: {message}"))

    def period(self, value: object, parse: Callable[[str], P]) -> P | None:
        """The form's month or quarter (D1), which must still be open."""
        # Excel turns a typed 2026-10 into the date 2026-10-01; the month is what was meant.
        text = f"{value.year}-{value.month:02d}" if isinstance(value, dt.datetime) else _text(value)
        try:
            parsed = parse(text)
        except ValueError as exc:
            self.problem(1, 3, str(exc))
            return None
        if self.model.assessment.seal_of(str(parsed)) is not None:
            self.problem(1, 3, f"{parsed} is closed: a closed period takes only corrections")
        return parsed

    def filled(self, row: int, cells: list[Any], names: dict[int, str]) -> list[str]:
        """The texts of a header row's cells, each named one required; a date column (提交日期) must hold a date."""
        texts = [_text(value) for value in cells]
        for column, name in names.items():
            if not texts[column]:
                self.problem(row, column, f"{name} is empty")
            elif name.endswith("日期"):
                self.day(row, column, texts[column])
        return texts

    def day(self, row: int, column: int, text: str) -> dt.date | None:
        """A date written YYYY-MM-DD (or stored as a date by Excel)."""
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.problem(row, column, f"'{text}' is not a date (YYYY-MM-DD)")
            return None

    def heading(self, row: int, found: list[Any], expected: list[str]) -> bool:
        """Whether a heading row reads as the form's; a problem if not."""
        texts = [_text(v) for v in found][: len(expected)]
        if texts == expected:
            return True
        said = " | ".join(texts).rstrip(" |")
        self.problem(row, 0, f"the header must be {' | '.join(expected)}; found {said}")
        return False

    def number(self, row: int, column: int, text: str, what: str) -> Decimal | None:
        """A cell's number, or None and a problem saying what it should be."""
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if value.is_finite():
            return value
        self.problem(row, column, f"'{text}' is not {what}")  # NaN and Infinity read as numbers
        return None

    def points(self, row: int, text: str, most: Decimal) -> Decimal | None:
        """The points of a row as the rules allow them: a number above 0, in hundredths, at most the item's."""
        value = self.number(row, POINTS, text, "a number of points")
        if value is None:
            return None
        if value < 0:
            self.problem(row, POINTS, f"'{text}': points taken off are a number above 0")
        elif value != value.quantize(Decimal("0.01")):
            self.problem(row, POINTS, f"'{text}': points are given to two decimals at most")
        elif value > most:
            self.problem(row, POINTS, f"'{text}' is more than the item's {most} points")
        else:
            return value
        return None

    def whole(self, row: int, column: int, text: str, lowest: int, highest: int | None, what: str) -> int | None:
        """A whole number from `lowest` (to `highest`), or None and a problem naming what it counts."""
        bounds = f"from {lowest} to {highest}" if highest is not None else f"of at least {lowest}"
        if not text:
            self.problem(row, column, f"{what} is empty: give a whole number {bounds}")
            return None
        value = self.number(row, column, text, f"a whole number {bounds}")
        if value is None:
            return None
        if value != value.to_integral_value() or value < lowest or (highest is not None and value > highest):
            self.problem(row, column, f"'{text}' is not a whole number {bounds} ({what})")
            return None
        return int(value)


def read_form(model: Handbook, path: Path, display: str) -> Imported:
    """Read a filled form (.xlsx): all of it, or nothing — every problem names the sheet, row and column.

    Which form it is, A1 says. A formula whose value Excel did not save is refused wherever it
    is: the value is what would be recorded.
    """
    try:
        book = open_workbook(path)
        rows = [list(row) for row in book.rows()]
        formulas = [list(row) for row in book.rows(formulas=True)]
    except WorkbookError as exc:
        return Imported(problems=[Problem(display, 1, str(exc))])
    reader = _Reader(model, display, book.title)
    for number, (values, written) in enumerate(zip(rows, formulas, strict=True), start=1):
        for column, (value, formula) in enumerate(zip(values, written, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                message = (
                    f"a formula ({formula}) without a value saved by Excel: open the workbook in Excel and save it"
                )
                reader.problem(number, column, message)
    if model.assessment.rules is None:
        reader.problem(1, 0, "the handbook has no assessment rules (assessment/rules.yaml)")
        return Imported(problems=reader.problems)
    forms = {SCORES_FORM: _read_scores, RANKING_FORM: _read_ranking, STAFF_FORM: _read_staff}
    form = _text(_cells(rows, 1, 1)[0])
    read = forms.get(form)
    if read is None:
        message = f"'{form}' names no form of `handbook assess sheet`; A1 reads {' or '.join(forms)}"
        reader.problem(1, 0, message)
        return Imported(problems=reader.problems)
    path_in_project, data = read(reader, rows)
    if reader.problems:
        return Imported(problems=reader.problems)
    stem = path_in_project.rsplit("/", 1)[-1].removesuffix(".yaml")
    comment = f"# 由 handbook assess import 从 Excel {FORM_NAMES[form]}导入（{stem}）。\n"
    return Imported(path_in_project, comment + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000))


def _rules(reader: _Reader, period: str) -> Rules:
    """The rules in force for the form's period (a handbook with rules has some for every period it reads)."""
    rules = reader.model.assessment.rules_for(period) or reader.model.assessment.rules
    assert rules is not None  # read_form reads forms of a handbook with rules only
    return rules


# ---- the score sheet ----


def _read_scores(reader: _Reader, rows: list[list[Any]]) -> tuple[str, dict[str, Any]]:
    """A department's month: every branch and item row present, every deduction whole, nothing twice or over.

    Nothing is lost or invented: each branch assessed in the month has a row for each item of the
    department (a row deleted is an error); a row with any content needs its points, and points
    need the facts; an item that is not the department's (the department cell changed), a
    duplicate row and deductions beyond an item's points are errors.
    """
    assessment = reader.model.assessment
    first = _cells(rows, 1, 4)
    titles = {d.title: d for d in (assessment.rules.departments if assessment.rules else [])}
    department = titles.get(_text(first[1]))
    if department is None:
        reader.problem(1, 1, f"unknown department '{_text(first[1])}'; known: {', '.join(titles)}")
    month = reader.period(first[3], Month.parse)
    second = reader.filled(2, _cells(rows, 2, 6), {1: "经办人", 3: "审核人", 5: "提交日期"})
    if not reader.heading(HEADER_ROW, _cells(rows, HEADER_ROW, len(HEADERS)), HEADERS):
        return "", {}
    if department is None or month is None:
        return "", {}
    deductions = _rows(reader, department, month, rows)
    data = {
        "period": str(month),
        "department": department.id,
        "entered_by": second[1],
        "reviewed_by": second[3],
        "submitted": second[5],
        "scores": [
            {"branch": branch, **({"deductions": entries} if entries else {})} for branch, entries in deductions.items()
        ],
    }
    return f"assessment/scores/{month}-{department.id}.yaml", data


def _rows(
    reader: _Reader, department: Department, month: Month, rows: list[list[Any]]
) -> dict[str, list[dict[str, Any]]]:
    """The branch-and-item rows: every one present, every deduction whole, nothing twice, nothing over the item."""
    branches = reader.model.assessment.active(month)
    deductions: dict[str, list[dict[str, Any]]] = {}
    by_title = {b.title: b.id for b in branches.values()}
    items = {f"{item.number}. {item.title}": item for item in department.items}
    seen: dict[tuple[str, int], int] = {}  # (branch, item) → rows found
    taken: dict[tuple[str, int], tuple[Decimal, int]] = {}  # points so far, and the last row
    rows_seen: dict[tuple[str, ...], int] = {}
    for number, values in enumerate(rows[HEADER_ROW:], HEADER_ROW + 1):
        cells = [_text(v) for v in values] + [""] * 6
        if not any(cells[:6]):
            continue
        branch = by_title.get(cells[BRANCH])
        if branch is None:
            reader.problem(number, BRANCH, f"'{cells[BRANCH]}' is not a branch assessed in {month}")
            continue
        item = items.get(cells[ITEM])
        if item is None:
            message = f"'{cells[ITEM]}' is not an item of {department.title}; its items: {'、'.join(items)}"
            reader.problem(number, ITEM, message)
            continue
        seen[(branch, item.number)] = seen.get((branch, item.number), 0) + 1
        deductions.setdefault(branch, [])
        if not cells[POINTS]:
            if cells[REASON] or cells[EVIDENCE]:
                reader.problem(
                    number, POINTS, "facts or evidence without points: give the points taken off, or clear the row"
                )
            continue
        points = reader.points(number, cells[POINTS], item.max)
        if points is None:
            continue
        if points == 0:
            if cells[REASON] or cells[EVIDENCE]:
                reader.problem(number, POINTS, "0 points with facts: give the points taken off, or clear the row")
            continue
        if not cells[REASON]:
            reader.problem(number, REASON, "a deduction needs its facts and reason")
            continue
        key = (branch, str(item.number), str(points), cells[REASON], cells[EVIDENCE])
        if key in rows_seen:
            reader.problem(number, REASON, f"the same deduction as row {rows_seen[key]}: enter a deduction once")
            continue
        rows_seen[key] = number
        total = taken.get((branch, item.number), (Decimal(0), number))[0] + points
        taken[(branch, item.number)] = (total, number)
        entry: dict[str, Any] = {"item": item.number, "points": float(points), "reason": cells[REASON]}
        if cells[EVIDENCE]:
            entry["evidence"] = cells[EVIDENCE]
        deductions[branch].append(entry)
    for (branch_id, number), (total, at) in taken.items():
        item = department.item(number)
        assert item is not None
        if total > item.max:
            reader.problem(
                at,
                POINTS,
                f"deductions on item {number} of {branches[branch_id].title} total {total}, "
                f"more than its {item.max} points",
            )
    last = len(rows)
    for branch_id, assessed in branches.items():
        absent = [str(item.number) for item in department.items if (branch_id, item.number) not in seen]
        if absent:
            reader.problem(
                last,
                BRANCH,
                f"no row for {assessed.title}, item {'、'.join(absent)}: "
                "every branch has a row per item (leave its points empty for none)",
            )
    return {b: deductions.get(b, []) for b in branches}  # roster order, every branch


# ---- the ranking form ----


def _read_ranking(reader: _Reader, rows: list[list[Any]]) -> tuple[str, dict[str, Any]]:
    """A line's month: every branch of the line once, each at a place of its own from 1 to n, and both reasons."""
    assessment = reader.model.assessment
    first = _cells(rows, 1, 4)
    titles = {line.title: line for line in assessment.lines.values()}
    line = titles.get(_text(first[1]))
    if line is None:
        reader.problem(1, 1, f"unknown line '{_text(first[1])}'; known: {', '.join(titles)}")
    month = reader.period(first[3], Month.parse)
    second = reader.filled(2, _cells(rows, 2, 4), {1: "排序人", 3: "提交日期"})
    if not reader.heading(HEADER_ROW, _cells(rows, HEADER_ROW, 2), RANKING_HEADERS) or line is None or month is None:
        return "", {}
    members = {assessment.branches[b].title: b for b in assessment.line_branches(line.id, month)}
    seen: dict[str, int] = {}  # branch → its row
    places: dict[int, tuple[str, int]] = {}  # place → (branch title, row)
    reasons: dict[str, tuple[str, int]] = {}  # first, last → (text, row)
    for number, values in enumerate(rows[HEADER_ROW:], HEADER_ROW + 1):
        name, place_text = (_text(v) for v in _cells([values], 1, 2))
        if not (name or place_text):
            continue
        kind = "first" if name.startswith(FIRST_REASON) else "last" if name.startswith(LAST_REASON) else ""
        if kind:
            reasons[kind] = (place_text, number)
            continue
        branch = members.get(name)
        if branch is None:
            known = "、".join(members)
            reader.problem(number, 0, f"'{name}' is not a branch of {line.title} in {month}; its branches: {known}")
            continue
        if branch in seen:
            reader.problem(number, 0, f"{name} is ranked twice (first at row {seen[branch]})")
            continue
        seen[branch] = number
        place = reader.whole(number, 1, place_text, 1, len(members), f"the place of {name}")
        if place is None:
            continue
        if place in places:
            other, at = places[place]
            message = f"place {place} is given to {other} (row {at}) as well: every branch takes a place of its own"
            reader.problem(number, 1, message)
            continue
        places[place] = (name, number)
    last = len(rows)
    absent = [name for name, branch in members.items() if branch not in seen]
    if absent:
        reader.problem(last, 0, f"no row for {'、'.join(absent)}: every branch of {line.title} takes a place")
    least = _rules(reader, str(month)).ranking.reason_chars
    for kind, label in (("first", FIRST_REASON), ("last", LAST_REASON)):
        if kind not in reasons:
            reader.problem(last, 0, f"no row '{label}' under the branches: the form asks for it")
        elif len(reasons[kind][0]) < least:
            text, at = reasons[kind]
            reader.problem(at, 1, f"{len(text)} characters; the rules ask for at least {least}")
    data = {
        "period": str(month),
        "line": line.id,
        "entered_by": second[1],
        "submitted": second[3],
        "order": [members[places[place][0]] for place in sorted(places)],
        "reasons": {kind: reasons.get(kind, ("", 0))[0] for kind in ("first", "last")},
    }
    return f"assessment/rankings/{month}-{line.id}.yaml", data


# ---- the staff evaluation form ----

# The keys of an evaluation's problems (Evaluation.problems) and the columns they are found in.
STAFF_COLUMNS = {"participants": 3, "members": 4, "valid": 5}


def _read_staff(reader: _Reader, rows: list[list[Any]]) -> tuple[str, dict[str, Any]]:
    """A department's quarter: the rows of the branches it evaluated filled in whole, the others empty, none lost.

    Each filled row meets the counts of the rules (as the check asks of a recorded evaluation),
    and no branch is evaluated twice in the quarter.
    """
    assessment = reader.model.assessment
    first = _cells(rows, 1, 6)
    rules_now = assessment.rules
    assert rules_now is not None
    named = {name: d for d in rules_now.departments for name in (d.title, d.short, d.id)}
    department = named.get(_text(first[1]))
    if department is None:
        known = ", ".join(d.title for d in rules_now.departments)
        reader.problem(1, 1, f"unknown department '{_text(first[1])}': write the evaluating department; known: {known}")
    quarter = reader.period(first[3], Quarter.parse)
    generals = {g.title: g for g in assessment.generals.values()}
    general_name = _text(first[5])
    general = generals.get(general_name)
    if general is None and general_name != ALL_GENERALS:
        reader.problem(1, 5, f"unknown general branch '{general_name}'; known: {ALL_GENERALS}, {', '.join(generals)}")
    second = reader.filled(2, _cells(rows, 2, 4), {1: "经办人", 3: "提交日期"})
    if department is None or quarter is None or (general is None and general_name != ALL_GENERALS):
        return "", {}
    rules = _rules(reader, str(quarter))
    aspects = [a.title for a in rules.staff.aspects]
    width = len(STAFF_HEADERS) + 3 * len(aspects)
    heading = STAFF_HEADERS + [name for aspect in aspects for name in (aspect, None, None)]
    found = [_text(v) or None for v in _cells(rows, HEADER_ROW, width)]
    votes_heading = [_text(v) for v in _cells(rows, HEADER_ROW + 1, width)][len(STAFF_HEADERS) :]
    if found != heading or votes_heading != VOTES * len(aspects):
        expected = " | ".join(STAFF_HEADERS + [f"{a}（{'、'.join(VOTES)}）" for a in aspects])
        reader.problem(HEADER_ROW, 0, f"the header must be {expected}, as the form was written for {quarter}")
        return "", {}
    listed = {
        b.title: b.id
        for b in assessment.active(quarter.last_month).values()
        if general is None or b.general == general.id
    }
    target = f"{quarter}-{department.id}"
    seen: dict[str, int] = {}
    evaluations: list[dict[str, Any]] = []
    for number, values in enumerate(rows[HEADER_ROW + 1 :], HEADER_ROW + 2):
        cells = [_text(v) for v in _cells([values], 1, width)]
        if not any(cells):
            continue
        branch = listed.get(cells[0])
        if branch is None:
            reader.problem(number, 0, f"'{cells[0]}' is not a branch of this form ({general_name}, {quarter})")
            continue
        if branch in seen:
            reader.problem(number, 0, f"{cells[0]} has a second row (first at row {seen[branch]})")
            continue
        seen[branch] = number
        if not any(cells[1:]):
            continue  # evaluated by another department, or not yet
        earlier = assessment.evaluated_in.get((quarter, branch))
        if earlier is not None and earlier != target:
            reader.problem(number, 0, f"{cells[0]} is already evaluated in {quarter} (assessment/staff/{earlier}.yaml)")
            continue
        evaluation = _evaluation(reader, number, branch, cells, rules)
        if evaluation is not None:
            evaluations.append(evaluation.model_dump(mode="json"))
    last = len(rows)
    absent = [name for name, branch in listed.items() if branch not in seen]
    if absent:
        message = f"no row for {'、'.join(absent)}: every branch of the form keeps its row (empty if not evaluated)"
        reader.problem(last, 0, message)
    if not evaluations and not reader.problems:
        reader.problem(
            HEADER_ROW + 2, 1, "no branch evaluated: fill in the rows of the branches the department evaluated"
        )
    data = {"period": str(quarter), "department": department.id, "entered_by": second[1], "submitted": second[3]}
    return f"assessment/staff/{target}.yaml", data | {"evaluations": evaluations}


def _staff_heading(column: int) -> str:
    """What a column of the staff form holds: 参评人数; 满意票 of aspect 2."""
    if column < len(STAFF_HEADERS):
        return STAFF_HEADERS[column]
    aspect, vote = divmod(column - len(STAFF_HEADERS), 3)
    return f"{VOTES[vote]}票 of aspect {aspect + 1}"


def _evaluation(reader: _Reader, number: int, branch: str, cells: list[str], rules: Rules) -> Evaluation | None:
    """One filled row as an evaluation meeting the rules' counts, or None with every problem of the row."""
    empty = [column for column in range(1, len(cells)) if not cells[column]]
    if empty:
        names = [_staff_heading(column) for column in empty]
        said = "、".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        message = f"{said} empty: a branch evaluated has every cell filled in (a branch not evaluated, none)"
        reader.problem(number, empty[0], message)
        return None
    before = len(reader.problems)
    held = reader.day(number, 1, cells[1])
    counts = [
        reader.whole(number, column, cells[column], 0, None, STAFF_HEADERS[column])
        for column in range(3, len(STAFF_HEADERS))
    ]
    votes = [
        reader.whole(number, column, cells[column], 0, None, _staff_heading(column))
        for column in range(len(STAFF_HEADERS), len(cells))
    ]
    if len(reader.problems) > before or held is None:
        return None
    participants, members, valid = (count or 0 for count in counts)
    triples = [votes[i : i + 3] for i in range(0, len(votes), 3)]
    evaluation = Evaluation(
        branch=branch,
        held=held,
        shift=cells[2],
        participants=participants,
        members=members,
        valid=valid,
        votes=[Votes(satisfied=s or 0, fairly=f or 0, unsatisfied=u or 0) for s, f, u in triples],
    )
    for key, message in evaluation.problems(rules.staff):
        # ("votes", v): the aspect's first column (a form has all the rules' aspects, so never ("votes",) alone)
        column = STAFF_COLUMNS[str(key[0])] if key[0] != "votes" else len(STAFF_HEADERS) + 3 * int(key[-1])
        reader.problem(number, column, message)
    return None if len(reader.problems) > before else evaluation
