"""The `handbook` command: its parser, and the dispatch to the module of each command group.

Building the parser imports nothing but argparse and handbook.core, so `handbook --help` and a
mistake on the command line answer at once. The commands live one group to a module beside this
one (check, build, serve, search, print, assess, history, schedule, adopt), and each group's
module, with the engine it needs (MkDocs, jieba, openpyxl, Chromium …), is imported only when one
of its commands runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterator
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import NoReturn

from handbook.core.clock import run_date
from handbook.core.problems import HandbookError, SourceProblems
from handbook.core.project import Project
from handbook.core.report import report_text


def _date(text: str) -> dt.date:
    """An argparse type: an ISO date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got '{text}'") from None


def _address(text: str) -> tuple[str, int]:
    """An argparse type: HOST:PORT, HOST or :PORT (defaults 127.0.0.1 and 8000); [::1]:8000 for IPv6."""
    host, colon, port = text.rpartition(":") if not text.endswith("]") else (text, "", "")
    if not colon:
        host, port = text, ""
    host = host.strip("[]") or "127.0.0.1"
    if port and not (port.isdigit() and 1 <= int(port) <= 65535):
        raise argparse.ArgumentTypeError(f"expected HOST:PORT with a port from 1 to 65535, got '{text}'")
    return host, int(port) if port else 8000


def _year(text: str) -> int:
    """An argparse type: a year of the Gregorian calendar a handbook can plan (1900–2999)."""
    if not text.isdigit() or not 1900 <= int(text) <= 2999:
        raise argparse.ArgumentTypeError(f"expected a year from 1900 to 2999, got '{text}'")
    return int(text)


def _days(text: str) -> int:
    """An argparse type: a whole number of days, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of days, got '{text}'")
    return int(text)


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got '{text}'")
    return int(text)


def _runs(command: argparse.ArgumentParser, group: str, name: str) -> None:
    """Carry out `command` by the function `name` of handbook/cli/GROUP.py, imported when the command runs."""
    command.set_defaults(run=(group, name))


@cache
def _search_types() -> dict[str, str]:
    """The kinds a search can be restricted to, from the kinds registry (which loads every kind's engine)."""
    from handbook.kinds.registry import KINDS
    from handbook.search.documents import types

    return types(KINDS)


class _SearchTypes:
    """`search --type`'s choices, read from the registry only when argparse asks (to check a value or to
    show `handbook search -h`): building the parser stays free of the kinds."""

    def __iter__(self) -> Iterator[str]:
        """The types, in the registry's order (as the help lists them)."""
        return iter(_search_types())

    def __contains__(self, name: object) -> bool:
        """Whether `name` is a type a search can be restricted to."""
        return name in _search_types()


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake on the command line reported like any other: one line, exit code 1."""

    def error(self, message: str) -> NoReturn:
        """Print `prog: error: message` (the usage is one `-h` away) and exit 1."""
        self.exit(1, f"{self.prog}: error: {message} (see {self.prog} -h)\n")


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = _Parser(prog="handbook", description="党建精细化管理手册：检查、构建、预览")
    main.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    sub = main.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate all sources; report every problem as path:line")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--site", type=Path, help="also check the links and anchors of this built site")
    _runs(check, "check", "cmd_check")
    build = sub.add_parser("build", help="build the site (atomically replaces the previous one)")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
    build.add_argument("--as-of", type=_date, default=None, help="build the sources as they stood on this date (git)")
    _runs(build, "build", "cmd_build")
    serve = sub.add_parser("serve", help="serve with live reload")
    serve.add_argument("--addr", type=_address, default=("127.0.0.1", 8000), help="HOST:PORT (default 127.0.0.1:8000)")
    _runs(serve, "serve", "cmd_serve")
    search = sub.add_parser("search", help="search the handbook (the site's ranking, jieba with the handbook's words)")
    search.add_argument("query")
    kind = search.add_argument("--type", default=None, help="only results of this kind")
    kind.choices = _SearchTypes()  # set after add_argument, whose check of the metavar would read them now
    search.add_argument("--limit", type=_positive, default=10)
    search.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    search.add_argument("--index", type=Path, default=None, help="a built site's index, e.g. site/search")
    search.add_argument("--include-repealed", action="store_true", help="also repealed (废止) documents")
    _runs(search, "search", "cmd_search")
    search_report = sub.add_parser(
        "search-report", help="queries that found nothing, were refined or opened nothing, from the web server's log"
    )
    search_report.add_argument("log", type=Path, help="the access log holding the search box's beacon requests")
    search_report.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    _runs(search_report, "search", "cmd_search_report")
    pdf = sub.add_parser("pdf", help="print the handbook as one A4 PDF (cover, contents with page numbers)")
    pdf.add_argument(
        "--output", default="build/handbook.pdf", help="the PDF to write; binders go to binders/ beside it"
    )
    pdf.add_argument("--binder", action="append", default=[], help="print this binder (binders/NAME.yaml) instead")
    pdf.add_argument("--all-binders", action="store_true", help="print every binder")
    pdf.add_argument("--site", type=Path, default=None, help="a built site to print (default: build one afresh)")
    pdf.add_argument("--date", type=_date, default=None, help="the edition date on the cover (default: today)")
    _runs(pdf, "print", "cmd_pdf")
    course = sub.add_parser(
        "course",
        help="a course's self-test (student papers, answer keys, Excel, text, GIFT, Moodle XML) and handout",
        description="Per course, into OUTPUT_DIR/NAME/: handout.pdf (no answers), selftest-A.pdf, selftest-B.pdf … "
        "(student papers), answers-A.pdf … (answer keys, printed apart), selftest.xlsx (题库导入), selftest.txt "
        "(文本导入), selftest.gift.txt (GIFT), selftest.moodle.xml (Moodle XML). See docs/guide/print.md.",
    )
    course.add_argument("name", nargs="*", help="course ids (courses/NAME.yaml)")
    course.add_argument("--all", action="store_true", help="every course")
    course.add_argument("--output-dir", default="build/courses", help="one folder per course is written here")
    course.add_argument("--site", type=Path, default=None, help="a built site to print from (default: build one)")
    course.add_argument("--no-pdf", action="store_true", help="only the import files: no handout, papers or keys")
    course.add_argument(
        "--variants",
        type=int,
        choices=range(1, 7),
        metavar="N",
        default=None,
        help="papers A, B … (1-6): the same questions, questions and options shuffled from the course's seed "
        "(default: the course's test.variants, 2)",
    )
    course.add_argument("--date", type=_date, default=None, help="the date on the handout's cover (default: today)")
    _runs(course, "print", "cmd_course")
    refill = sub.add_parser("refill", help="a refill packet: what changed since an edition, as one PDF to file")
    refill.add_argument("--since", type=_date, required=True, help="the date of the edition the binder was printed")
    refill.add_argument("--binder", default=None, help="only the documents of this binder (binders/NAME.yaml)")
    refill.add_argument("--output", default="build/refill.pdf", help="the PDF to write")
    refill.add_argument("--site", type=Path, default=None, help="a built site to print (default: build one afresh)")
    refill.add_argument("--date", type=_date, default=None, help="the date on the packet (default: today)")
    _runs(refill, "print", "cmd_refill")
    diff = sub.add_parser("diff", help="compare two versions of a regulation or flow (articles, steps) from git")
    diff.add_argument("document", help="reg:ID, flow:ID or an id")
    diff.add_argument("--from", dest="since", required=True, help="a date (YYYY-MM-DD) or a git revision")
    diff.add_argument("--to", default=None, help="a date or a git revision (default: the file as it is now)")
    _runs(diff, "history", "cmd_diff")
    assess = sub.add_parser("assess", help="the assessment: blank score sheets, Excel import, closing periods")
    steps = assess.add_subparsers(dest="action", required=True)
    sheet = steps.add_parser(
        "sheet", help="a blank form: a department's score sheet, a line's ranking form, the staff evaluation form"
    )
    form = sheet.add_mutually_exclusive_group()
    form.add_argument("--ranking", default=None, help="a line's ranking form: the line's id or title (采煤战线)")
    form.add_argument("--staff", action="store_true", help="the staff evaluation form of a quarter")
    sheet.add_argument(
        "--dept", default=None, help="the department (id, title or 组织部): its score sheet, or who evaluates"
    )
    sheet.add_argument("--month", default=None, help="the month, YYYY-MM (score sheet, ranking form)")
    sheet.add_argument("--quarter", default=None, help="the quarter, YYYY-qN (staff evaluation form)")
    sheet.add_argument("--general-branch", default=None, help="only this general branch's branches (staff form)")
    sheet.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
    sheet.add_argument("--output", default=None, help="the file to write (default: build/sheets/…)")
    _runs(sheet, "assess", "cmd_assess_sheet")
    imported = steps.add_parser("import", help="record a filled Excel form (score sheet, ranking, staff evaluation)")
    imported.add_argument("file", help="the filled form, .xlsx")
    _runs(imported, "assess", "cmd_assess_import")
    close = steps.add_parser("close", help="lock a complete month or quarter (or seal its new corrections)")
    close.add_argument("period", help="YYYY-MM or YYYY-qN")
    close.add_argument("--by", default="考核办公室", help="who closes it")
    close.add_argument("--date", type=_date, default=None, help="the date of closing (default: today)")
    _runs(close, "assess", "cmd_assess_close")
    notice = steps.add_parser("notice", help="a closed month's 公示栏 sheet to print, as PDF")
    notice.add_argument("--month", required=True, help="the month, YYYY-MM (closed)")
    notice.add_argument("--paper", choices=["A4", "A3"], default="A4")
    notice.add_argument("--output", default=None, help="the PDF to write (default: build/notice/MONTH-PAPER.pdf)")
    _runs(notice, "assess", "cmd_assess_notice")
    verify = steps.add_parser("verify", help="check a seal digest (e.g. from a printout) against the ledger")
    verify.add_argument("digest", help="the digest, or its first 8 or more characters")
    _runs(verify, "assess", "cmd_assess_verify")
    review = sub.add_parser("review", help="documents due for review or overdue, by owner")
    review.add_argument(
        "--within", type=_days, default=90, help="days ahead to look (default 90; 0: due today or overdue)"
    )
    review.add_argument("--format", choices=["text", "json", "csv"], default="text")
    review.add_argument("--today", type=_date, default=None, help="compute as of this date (default: today)")
    _runs(review, "schedule", "cmd_review")
    cal = sub.add_parser("calendar", help="the year's dated events of the flows as an iCalendar file")
    cal.add_argument("--year", type=_year, default=None, help="the year (default: the run's date's)")
    cal.add_argument("--role", default=None, help="only the events of this role or unit (id or title)")
    cal.add_argument(
        "--unit", default=None, help="the events of one branch of the roster (id or title, e.g. 综采一队党支部)"
    )
    cal.add_argument("--output", default=None, help="the .ics to write (default: build/calendar-YEAR[-ROLE].ics)")
    cal.add_argument("--pdf", type=Path, default=None, help="also print the year planner (A4 landscape) to this PDF")
    _runs(cal, "schedule", "cmd_calendar")
    schema = sub.add_parser("schema", help="write JSON Schemas of the source kinds and the editor settings")
    schema.add_argument("--check", action="store_true", help="write nothing; fail if a file is out of date")
    _runs(schema, "check", "cmd_schema")
    new = sub.add_parser(
        "new", help="create an empty handbook project for a unit (passes check at once; make serve installs its assets)"
    )
    new.add_argument("directory", type=Path, help="the project's folder: new, or empty")
    new.add_argument(
        "--name", required=True, help="the unit's name, e.g. 东湖医院 (its party committee: 中共东湖医院委员会)"
    )
    _runs(new, "adopt", "cmd_new")
    imported = sub.add_parser("import", help="import Word regulations or a roster workbook into the sources")
    kinds = imported.add_subparsers(dest="source", required=True)
    word = kinds.add_parser("word", help="one regulation per Word file (.docx; .doc and .wps through LibreOffice)")
    word.add_argument("files", nargs="+", help="the Word files")
    word.add_argument("--into", default="regulations", help="the folder of regulation sources (default regulations/)")
    word.add_argument("--id", default=None, help="the regulation's id (one file only; default: from the file's name)")
    word.add_argument("--place", default="p6", help="its place in book.yaml (default p6, 党建工作制度建设)")
    word.add_argument("--owner", default=None, help="the owning unit's id (default: the 党委)")
    word.add_argument("--issuer", default=None, help="the issuer when the document names none (default: book.yaml's)")
    _runs(word, "adopt", "cmd_import_word")
    roster = kinds.add_parser("roster", help="党总支, 党支部 and units from one sheet of a workbook (.xlsx)")
    roster.add_argument("file", help="the roster workbook")
    _runs(roster, "adopt", "cmd_import_roster")

    return main


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become messages and exit code 1, never a traceback."""
    args = parser().parse_args(argv)
    # A model is tens of thousands of small objects that live until the command ends: with Python's default
    # threshold (a collection every 700 allocations) the collector's scans take a tenth of `handbook check`.
    gc.set_threshold(10_000)
    try:
        # The one reading of the clock (core/clock.py); `handbook new` makes the project the others look for.
        project = Project(Path.cwd(), run_date()) if args.command == "new" else Project.find(args.root, run_date())
        if "date" in args and args.date is None:  # a command's `--date` defaults to the run's date
            args.date = project.today
        group, name = args.run
        command: Callable[[Project, argparse.Namespace], int] = getattr(import_module(f"handbook.cli.{group}"), name)
        return command(project, args)
    except SourceProblems as exc:
        report_text(exc.problems, sys.stderr)
        return 1
    except HandbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file or folder the command cannot write or read, a port in use
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; files are written whole or not at all, so nothing was left half-written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
