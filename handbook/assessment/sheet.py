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


def read_filled(model: Handbook, path: Path, display: str) -> Imported:
    """Read a filled sheet (.xlsx); every problem names the sheet, row and column."""
    result = Imported(deductions={}, problems=[])
    assert result.deductions is not None and result.problems is not None
    try:
        book = open_workbook(path)
        rows = [list(row) for row in book.rows()]
    except WorkbookError as exc:
        result.problems.append(Problem(display, 1, str(exc)))
        return result

    def problem(row: int, column: str, message: str) -> None:
        """A problem at a cell of the sheet."""
        result.problems.append(Problem(display, row, f"sheet {book.title}, row {row}, column {column}: {message}"))  # type: ignore[union-attr]

    assessment = model.assessment
    rules = assessment.rules
    first = rows[0] if rows else []
    titles = {d.title: d for d in rules.departments} if rules else {}
    department = titles.get(_text(first[1]) if len(first) > 1 else "")
    if department is None:
        problem(1, "B", f"unknown department '{_text(first[1]) if len(first) > 1 else ''}'; known: {', '.join(titles)}")
    else:
        result.department = department.id
    month = first[3] if len(first) > 3 else None
    # Excel turns a typed 2026-10 into the date 2026-10-01; the month is what was meant.
    result.month = f"{month.year}-{month.month:02d}" if isinstance(month, dt.datetime) else _text(month)
    try:
        Month.parse(result.month)
    except ValueError as exc:
        problem(1, "D", str(exc))
    second = (rows[1] if len(rows) > 1 else []) + [None] * 6
    result.entered_by, result.reviewed_by, result.submitted = _text(second[1]), _text(second[3]), _text(second[5])
    for column, value, name in (
        ("B", result.entered_by, "经办人"),
        ("D", result.reviewed_by, "审核人"),
        ("F", result.submitted, "提交日期"),
    ):
        if not value:
            problem(2, column, f"{name} is empty")
    header = [_text(v) for v in (rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else [])][: len(HEADERS)]
    if header != HEADERS:
        problem(HEADER_ROW, "A", f"the header must be {' | '.join(HEADERS)}; found {' | '.join(header)}")
        return result
    by_title = {b.title: b.id for b in assessment.branches.values()}
    for number, row in enumerate(rows[HEADER_ROW:], HEADER_ROW + 1):
        cells = [_text(v) for v in row] + [""] * 6
        if not any(cells):
            continue
        branch = by_title.get(cells[0])
        if branch is None:
            problem(number, "A", f"unknown branch '{cells[0]}'")
            continue
        entries = result.deductions.setdefault(branch, [])
        if not cells[3]:
            continue
        try:
            points = Decimal(cells[3])
        except InvalidOperation:
            problem(number, "D", f"'{cells[3]}' is not a number of points")
            continue
        if points == 0:
            continue
        item = cells[1].split(".", 1)[0].strip()
        if not item.isdigit() or department is None or department.item(int(item)) is None:
            problem(number, "B", f"unknown item '{cells[1]}'")
            continue
        if not cells[4]:
            problem(number, "E", "a deduction needs its facts and reason")
            continue
        entry: dict[str, Any] = {"item": int(item), "points": float(points), "reason": cells[4]}
        if cells[5]:
            entry["evidence"] = cells[5]
        entries.append(entry)
    return result


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
