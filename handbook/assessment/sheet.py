"""The blank score sheet of a department and month, for Excel and for print, and its import back.

One row per branch and item: the clerk fills in the points taken off, the facts and the evidence,
adding rows for a second deduction on the same item. The importer reads exactly this layout.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from handbook.assessment.rules.schema import Department
from handbook.core.html import escape
from handbook.core.periods import Month
from handbook.core.problems import Problem
from handbook.core.sheets import inert_row
from handbook.core.xlsx import WorkbookError, open_workbook
from handbook.model.handbook import Handbook

HEADERS = ["党支部", "项目", "分值", "扣分", "事实和理由（时间、地点、事实）", "证据"]
HEADER_ROW = 4


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
    """The sheet listing every assessed branch."""
    roster = model.assessment.branches
    return Sheet(department, month, [(b.id, b.title) for b in roster.values()])


def sheet_xlsx(sheet: Sheet) -> bytes:
    """The sheet as an Excel workbook, one sheet named after the department."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet.department.short[:31]
    ws.append(inert_row(ws, ["考核部门", sheet.department.title, "考核月份", str(sheet.month)]))
    ws.append(inert_row(ws, ["经办人", "", "审核人", "", "提交日期", ""]))
    ws.append(inert_row(ws, [sheet.title]))
    ws.append(inert_row(ws, HEADERS))
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    for _, title in sheet.branches:
        for item in sheet.department.items:
            ws.append(inert_row(ws, [title, f"{item.number}. {item.title}", float(item.max), None, None, None]))
    for column, width in zip("ABCDEF", (22, 30, 6, 6, 50, 20), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        row[4].alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
        "@page{size:A4 landscape;margin:12mm}body{font-family:'Noto Sans CJK SC',sans-serif;font-size:10pt}"
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:3px 5px;vertical-align:top}"
        "thead{display:table-header-group}tr{break-inside:avoid}td:nth-child(n+4){min-width:40px}"
        "</style></head><body>"
        f"<h1 style='font-size:15pt'>{escape(sheet.title)}</h1>"
        "<p>经办人：__________　审核人：__________　提交日期：__________</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )


@dataclass
class Imported:
    """A filled sheet read back: its header fields and every deduction, or the problems found."""

    department: str = ""
    month: str = ""
    entered_by: str = ""
    reviewed_by: str = ""
    submitted: str = ""
    deductions: dict[str, list[dict[str, Any]]] | None = None  # by branch id, roster order
    problems: list[Problem] | None = None


def _text(value: object) -> str:
    """A cell's text, stripped ('' for an empty cell); a date as Excel stores it becomes YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value).strip()


# The columns of a row: 党支部, 项目, 分值, 扣分, 事实和理由, 证据.
BRANCH, ITEM, MAX, POINTS, REASON, EVIDENCE = range(6)
COLUMNS = "ABCDEF"


class _Reader:
    """Reads one filled sheet, collecting every problem at its sheet, row and column."""

    def __init__(self, model: Handbook, display: str, title: str) -> None:
        self.model, self.display, self.title = model, display, title
        self.problems: list[Problem] = []

    def problem(self, row: int, column: int, message: str) -> None:
        """A problem at a cell of the sheet."""
        where = f"sheet {self.title}, row {row}, column {COLUMNS[column]}"
        self.problems.append(Problem(self.display, row, f"{where}: {message}"))

    def points(self, row: int, text: str, most: Decimal) -> Decimal | None:
        """The points of a row as the rules allow them: a number above 0, in hundredths, at most the item's."""
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.problem(row, POINTS, f"'{text}' is not a number of points")
            return None
        if not value.is_finite() or value < 0:
            self.problem(row, POINTS, f"'{text}': points taken off are a number above 0")
        elif value != value.quantize(Decimal("0.01")):
            self.problem(row, POINTS, f"'{text}': points are given to two decimals at most")
        elif value > most:
            self.problem(row, POINTS, f"'{text}' is more than the item's {most} points")
        else:
            return value
        return None


def read_filled(model: Handbook, path: Path, display: str) -> Imported:
    """Read a filled sheet (.xlsx): all of it, or nothing — every problem names the sheet, row and column.

    Nothing is lost or invented: each branch assessed in the month has a row for each item of the
    department (a row deleted is an error); a row with any content needs its points, and points
    need the facts; a formula without a value saved by Excel, an item that is not the department's
    (the department cell changed), a duplicate row and deductions beyond an item's points are errors.
    """
    result = Imported(deductions={}, problems=[])
    assert result.deductions is not None and result.problems is not None
    try:
        book = open_workbook(path)
        rows = [list(row) for row in book.rows()]
        formulas = [list(row) for row in book.rows(formulas=True)]
    except WorkbookError as exc:
        result.problems.append(Problem(display, 1, str(exc)))
        return result
    reader = _Reader(model, display, book.title)
    result.problems = reader.problems
    for number, (values, written) in enumerate(zip(rows, formulas, strict=True), start=1):
        for column, (value, formula) in enumerate(zip(values, written, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                message = (
                    f"a formula ({formula}) without a value saved by Excel: open the workbook in Excel and save it"
                )
                reader.problem(number, column, message)
    assessment = model.assessment
    first = (rows[0] if rows else []) + [None] * 4
    titles = {d.title: d for d in (assessment.rules.departments if assessment.rules else [])}
    department = titles.get(_text(first[1]))
    if department is None:
        reader.problem(1, 1, f"unknown department '{_text(first[1])}'; known: {', '.join(titles)}")
    else:
        result.department = department.id
    month = first[3]
    # Excel turns a typed 2026-10 into the date 2026-10-01; the month is what was meant.
    result.month = f"{month.year}-{month.month:02d}" if isinstance(month, dt.datetime) else _text(month)
    try:
        parsed = Month.parse(result.month)
    except ValueError as exc:
        reader.problem(1, 3, str(exc))
        parsed = None
    if parsed is not None and assessment.seal_of(str(parsed)) is not None:
        reader.problem(1, 3, f"{parsed} is closed: a closed month takes only corrections")
    second = (rows[1] if len(rows) > 1 else []) + [None] * 6
    result.entered_by, result.reviewed_by, result.submitted = _text(second[1]), _text(second[3]), _text(second[5])
    for column, value, name in (
        (1, result.entered_by, "经办人"),
        (3, result.reviewed_by, "审核人"),
        (5, result.submitted, "提交日期"),
    ):
        if not value:
            reader.problem(2, column, f"{name} is empty")
    try:
        dt.date.fromisoformat(result.submitted) if result.submitted else None
    except ValueError:
        reader.problem(2, 5, f"'{result.submitted}' is not a date (YYYY-MM-DD)")
    header = [_text(v) for v in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])][: len(HEADERS)]
    if header != HEADERS:
        reader.problem(HEADER_ROW, 0, f"the header must be {' | '.join(HEADERS)}; found {' | '.join(header)}")
        return result
    if department is None or parsed is None:
        return result
    _rows(reader, result, department, parsed, rows)
    return result


def _rows(reader: _Reader, result: Imported, department: Department, month: Month, rows: list[list[Any]]) -> None:
    """The branch-and-item rows: every one present, every deduction whole, nothing twice, nothing over the item."""
    assert result.deductions is not None
    branches = reader.model.assessment.active(month)
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
        result.deductions.setdefault(branch, [])
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
        result.deductions[branch].append(entry)
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
    result.deductions = {b: result.deductions.get(b, []) for b in branches}  # roster order, every branch


def scores_file(imported: Imported) -> str:
    """The department month as the YAML source file it is recorded in."""
    assert imported.deductions is not None
    data = {
        "period": imported.month,
        "department": imported.department,
        "entered_by": imported.entered_by,
        "reviewed_by": imported.reviewed_by,
        "submitted": imported.submitted,
        "scores": [
            {"branch": branch, **({"deductions": entries} if entries else {})}
            for branch, entries in imported.deductions.items()
        ],
    }
    header = f"# 由 handbook assess import 从 Excel 评分表导入（{imported.month}，{imported.department}）。\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
