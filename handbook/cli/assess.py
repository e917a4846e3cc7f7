"""`handbook assess`: blank score sheets, the import of filled forms, closing periods, the notice and the seals."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.assessment.close import append_seal, close_period, notice_html, print_notice
from handbook.assessment.sheet import (
    blank_sheet,
    department_named,
    general_named,
    line_named,
    ranking_xlsx,
    read_form,
    sheet_html,
    sheet_xlsx,
    staff_xlsx,
)
from handbook.core.atomic import write_atomic
from handbook.core.periods import Month, Quarter
from handbook.core.problems import ProjectError, SourceProblems, errors
from handbook.core.project import Project
from handbook.export.print.chromium import html_to_pdf
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model


def _assessment_model(project: Project) -> Handbook:
    """The model for an assessment command: a problem elsewhere in the handbook is said, but does not stop it."""
    model = load_model(project, blocking=lambda problem: problem.path.startswith("assessment/"))
    elsewhere = [p for p in errors(model.warnings) if not p.path.startswith("assessment/")]
    if elsewhere:
        print(f"note: {len(elsewhere)} problems outside assessment/ (`handbook check` lists them)", file=sys.stderr)
    return model


def cmd_assess_sheet(project: Project, args: argparse.Namespace) -> int:
    """Write a blank form: a department's score sheet of a month (Excel, or PDF to print), a line's ranking
    form of a month, or a quarter's staff evaluation form (of one general branch, or all)."""
    model = _assessment_model(project)
    if (args.ranking or args.staff) and args.format != "xlsx":
        raise ProjectError("--format pdf prints a department's score sheet; the other forms are Excel only")
    form: bytes | str  # a workbook, or the score sheet's page to print
    if args.staff:
        quarter = _quarter(args.quarter or "")
        general = general_named(model, args.general_branch) if args.general_branch else None
        department = department_named(model, args.dept) if args.dept else None
        name = "-".join([str(quarter), "staff", *(x.id for x in (department, general) if x is not None)])
        form = staff_xlsx(model, quarter, general, department)
    elif args.ranking:
        line, month = line_named(model, args.ranking), _month(args.month or "")
        name, form = f"{month}-{line.id}", ranking_xlsx(model, line, month)
    elif args.dept:
        department, month = department_named(model, args.dept), _month(args.month or "")
        sheet = blank_sheet(model, department, month)
        name, form = f"{month}-{department.id}", sheet_xlsx(sheet) if args.format == "xlsx" else sheet_html(sheet)
    else:
        raise ProjectError("say which form: --dept DEPARTMENT, --ranking LINE or --staff")
    output = (project.root / (args.output or f"build/sheets/{name}.{args.format}")).resolve()
    if isinstance(form, bytes):
        write_atomic(output, form)
    else:
        html_to_pdf(form, output)
    print(f"wrote {project.relative(output)}", file=sys.stderr)
    return 0


def cmd_assess_import(project: Project, args: argparse.Namespace) -> int:
    """Record a filled form: a department's month, a line's order or a quarter's evaluations (never over one)."""
    model = _assessment_model(project)
    path = Path(args.file).resolve()
    if not path.is_file():
        raise ProjectError(f"{args.file}: no such file")
    imported = read_form(model, path, args.file)
    if imported.problems:
        raise SourceProblems(imported.problems)
    target = project.root / imported.path
    if target.exists():
        raise ProjectError(
            f"{project.relative(target)} is already recorded; results are entered once "
            "(after an appeal, record a correction in assessment/corrections/)"
        )
    write_atomic(target, imported.text)
    try:
        _assessment_model(project)
    except SourceProblems:
        target.unlink()  # no half-recorded month: the sources stay as they were
        raise
    print(f"recorded {project.relative(target)}", file=sys.stderr)
    return 0


def cmd_assess_close(project: Project, args: argparse.Namespace) -> int:
    """Seal a complete month or quarter (or its new corrections) in the ledger."""
    model = _assessment_model(project)
    seal = close_period(model, args.period, args.date, args.by)
    append_seal(project.root / "assessment" / "ledger.yaml", seal)
    print(f"closed {seal.period}: {len(seal.objects)} files sealed; ledger head {seal.digest}")
    return 0


def cmd_assess_notice(project: Project, args: argparse.Namespace) -> int:
    """Print a closed month's 公示栏 sheet (A4 or A3): one page at the largest legible size, or over pages."""
    model = _assessment_model(project)
    month = _month(args.month)
    output = (project.root / (args.output or f"build/notice/{month}-{args.paper}.pdf")).resolve()
    pages = print_notice(notice_html(model, month, args.paper), output)
    print(f"wrote {project.relative(output)} ({args.paper}, {pages} page{'s' if pages > 1 else ''})", file=sys.stderr)
    return 0


def cmd_assess_verify(project: Project, args: argparse.Namespace) -> int:
    """Check a printed seal digest against the ledger, whose chain and sealed entries the load verifies."""
    model = _assessment_model(project)  # any change to sealed data or to the ledger is a problem here
    if len(args.digest) < 8:
        raise ProjectError("give at least the first 8 characters of the digest")
    found = [seal for seal in model.assessment.seals if seal.digest.startswith(args.digest.lower())]
    if not found:
        raise ProjectError(f"no seal in assessment/ledger.yaml has a digest starting {args.digest}")
    for seal in found:
        kind = "amended" if seal.amends else "closed"
        print(f"{seal.digest}: {seal.period} {kind} on {seal.closed} by {seal.by}, {len(seal.objects)} files")
    print("intact: the ledger's chain, every sealed file, rules, roster and result match the sources and git")
    waiting = [c for month in model.assessment.months for c in model.assessment.pending(month)]
    if waiting:
        print(f"note: {len(waiting)} corrections recorded after their month was closed are not sealed yet")
    return 0


def _month(text: str) -> Month:
    """A month given on the command line."""
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None


def _quarter(text: str) -> Quarter:
    """A quarter given on the command line."""
    try:
        return Quarter.parse(text)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
