"""Published tables: one object rendered as an HTML table on the page and as CSV and Excel downloads."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from dataclasses import dataclass
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from handbook.core.cache import OutputCache, digest
from handbook.core.html import escape
from handbook.core.sheets import csv_field, inert_row
from handbook.render.markdown import html_block, html_link, html_table

if TYPE_CHECKING:
    from openpyxl import Workbook

# The earliest time a zip entry can carry: a generated workbook and each of its entries are dated so.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Linked:
    """A cell that links to another page on the site (plain text in the downloads)."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text


Cell = str | int | Decimal | Linked


@dataclass(frozen=True)
class Table:
    """A titled table of plain values."""

    title: str
    headers: list[str]
    rows: list[list[Cell]]

    def html(self) -> str:
        """The table on a page as a block of HTML, its links working."""

        def show(value: Cell) -> str:
            """One cell, escaped."""
            if isinstance(value, Linked):
                return html_link(value.text, value.href)
            return escape(str(value))

        headers = [escape(header) for header in self.headers]
        return html_block(html_table(headers, [[show(value) for value in row] for row in self.rows]))

    def csv(self) -> bytes:
        """The table as CSV in UTF-8 with a byte-order mark, so that Excel opens the Chinese right."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([csv_field(header) for header in self.headers])
        writer.writerows([[csv_field(value) for value in row] for row in self.rows])
        return out.getvalue().encode("utf-8-sig")


def _number(value: Cell) -> str | int | float:
    """A cell as Excel stores it: numbers as numbers."""
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int) else str(value)


@functools.cache
def _workbook_version() -> str:
    """Part of every workbook's cache key: this module's text and openpyxl's version, so a change to how
    workbooks are written rewrites them all, and no one has to remember to bump a version.

    The version is read from the installed distribution: openpyxl itself takes a few tenths of a
    second to import, which pages whose workbooks come from the cache (and `handbook check`) never need.
    """
    return digest(Path(__file__).read_text(encoding="utf-8"), version("openpyxl"))


def workbook(tables: list[Table], cache: OutputCache | None = None) -> bytes:
    """Several tables as one Excel workbook, taken from earlier builds when the tables are the same.

    Writing the cells is openpyxl's slowest part (about 0.1 s for a month's tables), and published
    months rarely change, so a build only writes the workbooks whose tables changed.
    """
    if cache is None:
        return _written(tables)
    return cache.data(digest(_workbook_version(), repr(tables)), lambda: _written(tables))


def _written(tables: list[Table]) -> bytes:
    """Several tables as one Excel workbook, a sheet each, headers bold and frozen.

    Written in openpyxl's write-only mode, which streams rows instead of keeping a cell object
    each: several times faster on a large mine's tables.
    """
    from openpyxl import Workbook  # imported on demand: see _workbook_version
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    for item in tables:
        sheet = book.create_sheet(item.title[:31])  # Excel's limit on sheet names
        sheet.freeze_panes = "A2"
        headers = inert_row(sheet, item.headers)
        for header in headers:
            header.font = Font(bold=True)
        sheet.append(headers)
        for values in item.rows:
            sheet.append(inert_row(sheet, [_number(value) for value in values]))
    return _reproducible(book)


def _reproducible(book: Workbook) -> bytes:
    """The workbook's file, the same bytes for the same tables: no time of writing inside.

    openpyxl's `save` stamps the document and every zip entry with the current time, so each build
    would publish a different file for unchanged results.
    """
    from openpyxl.writer.excel import ExcelWriter

    book.properties.created = book.properties.modified = dt.datetime(*ZIP_EPOCH)
    written = io.BytesIO()
    with ZipFile(written, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    out = io.BytesIO()
    with ZipFile(written) as source, ZipFile(out, "w", ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            archive.writestr(ZipInfo(entry.filename, date_time=ZIP_EPOCH), source.read(entry), ZIP_DEFLATED)
    return out.getvalue()
