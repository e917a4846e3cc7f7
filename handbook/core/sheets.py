"""Text into spreadsheets, in one place: a text never becomes a formula (the OWASP CSV-injection rule).

A spreadsheet reads a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula, and a formula can run commands or send data away (`=HYPERLINK(…)`,
`=cmd|' /C calc'!A0`). Every text the handbook writes into an Excel workbook is typed as a
string, whatever it starts with; every text written into a CSV file that starts with one of
these characters gets a leading apostrophe, which spreadsheets show as the mark of a text.
Numbers stay numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_field(value: object) -> str:
    """A value for a CSV file, inert: a text a spreadsheet would read as a formula is marked as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(sheet: Any, value: object) -> Cell:
    """A cell for `sheet.append` (write-only or not): a text is always a string, never a formula."""
    # openpyxl is imported where cells are made: importing it takes a few tenths of a second, which
    # the commands that only need csv_field (or load a module that imports this one) do not pay.
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"
    return written


def inert_row(sheet: Any, values: list[Any]) -> list[Cell]:
    """A row of cells for `sheet.append`, every text inert."""
    from openpyxl.cell.cell import Cell  # on demand, as in `cell`

    return [value if isinstance(value, Cell) else cell(sheet, value) for value in values]
