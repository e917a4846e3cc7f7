"""Reading a workbook someone sends in, safely: size limits checked before anything is parsed.

An .xlsx file is a zip of XML files, so a small file can unpack to gigabytes (a zip bomb), and its
XML can declare entities that expand without end or read local files. Before openpyxl parses a
sheet, the archive's declared sizes are checked against the limits below; openpyxl then parses
through defusedxml (installed with the handbook, openpyxl uses it by itself), which refuses entity
declarations; and rows are read one by one, stopping at the row limit. Every failure is one
message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl.xml
from defusedxml import DefusedXmlException
from openpyxl import load_workbook

from handbook.core.archive import ArchiveError, Limits, check_archive

# A filled score sheet of a large mine is about 100 KB and 1,000 rows; these leave room for far
# more, and stop a file that could only be a mistake or an attack (docs/guide/assessment.md).
LIMITS = Limits(file_bytes=20 * 1024 * 1024, unpacked_bytes=100 * 1024 * 1024)
MAX_ROWS = 20_000


class WorkbookError(Exception):
    """The file is not a workbook that can be read safely; the message says why, for a person."""


@dataclass
class SafeWorkbook:
    """The first worksheet of a workbook that passed the limits, read row by row."""

    path: Path
    title: str

    def rows(self, formulas: bool = False) -> Iterator[tuple[object, ...]]:
        """The sheet's rows: values (a formula as the value Excel saved, None if none), or with `formulas` as written.

        Read-only mode parses as it goes: damaged or hostile XML surfaces here, as a WorkbookError.
        """
        rows = _sheet(self.path, values=not formulas).iter_rows(values_only=True)
        for number in range(1, MAX_ROWS + 2):
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # the sheet's XML, parsed lazily
                raise WorkbookError(f"the sheet cannot be read: {_reason(exc)}") from None
            if number > MAX_ROWS:
                raise WorkbookError(f"more than {MAX_ROWS} rows; a score sheet has about one row per branch and item")
            yield row


def _sheet(path: Path, values: bool) -> Any:
    """The first worksheet, opened read-only (values: the values Excel saved for formulas)."""
    try:
        return load_workbook(path, read_only=True, data_only=values).worksheets[0]
    except Exception as exc:  # openpyxl and defusedxml raise many kinds for a damaged or hostile file
        raise WorkbookError(f"not a readable Excel workbook (.xlsx): {_reason(exc)}") from None


def open_workbook(path: Path) -> SafeWorkbook:
    """Open a workbook's first sheet for reading, or raise WorkbookError saying what is wrong with the file."""
    assert openpyxl.xml.DEFUSEDXML, "defusedxml is a dependency of the handbook: openpyxl parses through it"
    try:
        check_archive(path, LIMITS, "an Excel workbook (.xlsx)", "workbook")
    except ArchiveError as exc:
        raise WorkbookError(str(exc)) from None
    return SafeWorkbook(path, _sheet(path, values=True).title)


def _reason(exc: BaseException) -> str:
    """Why openpyxl gave up, in one line: an entity refused by defusedxml, else the first line of its message."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return "its XML declares entities, which are refused (they can read local files or expand without end)"
        cause = cause.__cause__ or cause.__context__
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
