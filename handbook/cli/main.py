"""The `handbook` command: check sources, build and serve the site, export schemas."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NoReturn

from handbook.assessment.close import append_seal, close_period, notice_html, print_notice
from handbook.assessment.rules.schema import Department
from handbook.assessment.sheet import (
    blank_sheet,
    general_named,
    line_named,
    ranking_xlsx,
    read_form,
    sheet_html,
    sheet_xlsx,
    staff_xlsx,
)
from handbook.cli.adopt import add_commands as add_adopt_commands
from handbook.core.atomic import swapped_folder, write_atomic
from handbook.core.clock import TODAY_VARIABLE, run_date
from handbook.core.located import parse_markdown
from handbook.core.periods import Month, Quarter
from handbook.core.problems import HandbookError, ProjectError, SourceProblems, choices, errors
from handbook.core.project import Project
from handbook.core.report import report_json, report_text
from handbook.core.sheets import csv_field
from handbook.export.calendar import ical, planner_html, print_planner
from handbook.export.print.assemble import handbook_book
from handbook.export.print.chromium import html_to_pdf
from handbook.export.print.pdf import Cover, binder_print, full_handbook_pages, print_book, print_full_handbook
from handbook.export.refill import changed_since, refill_book
from handbook.export.schemas import SCHEMA_FOLDER, registry_files
from handbook.integrations.mkdocs.engine import engine
from handbook.integrations.mkdocs.serve import serve
from handbook.kinds.registry import KINDS
from handbook.load.history import revision_of, sources_as_of, text_at
from handbook.model.calendar import ALL, Scope, branch_actors, year_events
from handbook.model.changes import flow_changes, regulation_changes, report
from handbook.model.handbook import Handbook
from handbook.model.lifecycle import by_owner, review_items
from handbook.pipeline import generate, load_model, search_files
from handbook.search.documents import documents, types
from handbook.search.ranking import Ranker
from handbook.search.report import asked, json_report, text_report, titles
from handbook.verify.site import check_site, page_sources


def _mkdocs(project: Project, *args: str) -> int:
    """Run MkDocs (or its fork ProperDocs) in the project for the project's date, the notice about MkDocs 2.0 silenced.

    `-P`: the project's folder is not on Python's path, so a folder named like a package there
    (an old tree checked out for `--as-of` holds one) never shadows the installed engine.
    """
    midnight = dt.datetime.combine(project.today, dt.time(), tzinfo=dt.UTC)
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        TODAY_VARIABLE: project.today.isoformat(),
        # MkDocs dates the sitemap by this (reproducible builds), else by its own clock.
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(midnight.timestamp()))),
    }
    command = [sys.executable, "-P", "-m", engine().name, *args]  # MkDocs, or ProperDocs where installed
    # A session of its own: Ctrl-C reaches this process only, which stops MkDocs and reports once.
    with subprocess.Popen(command, cwd=project.root, env=env, start_new_session=True) as mkdocs:
        try:
            return mkdocs.wait()
        except KeyboardInterrupt:
            mkdocs.terminate()
            mkdocs.wait()
            raise


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    """Validate every source and render every page (and check a built site); report all problems at once."""
    try:
        model, _ = generate(project)  # rendering every page is part of the check
        problems = list(model.warnings)  # reported, but the check passes
    except SourceProblems as exc:
        model, problems = None, exc.problems
    if args.site is not None:
        site = (project.root / args.site).resolve()
        if not (site / "index.html").is_file():
            raise ProjectError(f"{project.relative(site)}: no built site here (run `handbook build` first)")
        docs_pages = [p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*.md")]
        problems += check_site(site, page_sources(model, docs_pages) if model else {})
    (report_json if args.format == "json" else report_text)(problems, sys.stdout)
    return 1 if errors(problems) else 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    """Build the site into a fresh folder, then swap it in: a failed build leaves the old site."""
    target = (project.root / args.site_dir).resolve()
    extra = ["--strict"] if args.strict else []
    waiting = partial(print, f"waiting for another build of {project.relative(target)} to finish …", file=sys.stderr)
    with swapped_folder(target, waiting) as staging:
        if args.as_of is not None:
            with tempfile.TemporaryDirectory(prefix="handbook-as-of-") as scratch:
                built = _build_as_of(project, args.as_of, Path(scratch), staging, *extra)
        else:
            built = _mkdocs(project, "build", "--site-dir", str(staging), *extra)
        if built != 0:
            raise ProjectError("mkdocs build failed; the previous site is untouched")
    print(f"site built in {project.relative(target)}")
    return 0


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    """Serve the handbook with live reload; after the first build only what a change affects is rebuilt."""
    host, port = args.addr
    return serve(project, host, port, run_date)


TYPE_NAMES = types(KINDS)


def cmd_search(project: Project, args: argparse.Namespace) -> int:
    """Search the handbook from a terminal; `--json` output is stable for scripts."""
    if args.index:
        ranker = Ranker.from_folder(args.index)
    else:
        ranker = Ranker.from_files(search_files(project, load_model(project)))
    hits = ranker.search(args.query, limit=args.limit, kind=args.type, repealed=args.include_repealed)
    if args.json:
        payload = {
            "query": args.query,
            "type": args.type,
            "results": [
                {
                    "rank": rank,
                    "key": h.key,
                    "type": h.type,
                    "title": h.title,
                    "match": h.match,
                    "url": h.url,
                    "score": round(h.score, 4),
                    "snippet": h.snippet,
                    "repealed": h.repealed,
                }
                for rank, h in enumerate(hits, start=1)
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"没有找到与“{args.query}”相关的内容")
    for rank, hit in enumerate(hits, start=1):
        mark = "（已废止）" if hit.repealed else ""
        match = f" · {hit.match}" if hit.match else ""
        print(f"{rank:2}. [{TYPE_NAMES[hit.type]}] {hit.title}{match}{mark}  /{hit.url}")
        print(f"    {hit.snippet}")
    return 0


def cmd_search_report(project: Project, args: argparse.Namespace) -> int:
    """What readers looked for, from the web server's log of the search box's beacon: the input for new aliases."""
    with open(args.log, encoding="utf-8", errors="replace") as log:
        queries = asked(log)
    if args.json:
        print(json.dumps(json_report(queries), ensure_ascii=False, indent=2))
    else:
        print(*text_report(queries, titles(documents(load_model(project)))), sep="\n")
    return 0


def _dated(project: Project, args: argparse.Namespace) -> Project:
    """The project as of `--today`, if given."""
    return dataclasses.replace(project, today=args.today) if args.today else project


REVIEW_FIELDS = ["owner", "owner_title", "kind", "ref", "title", "review_by", "days", "overdue"]


def cmd_review(project: Project, args: argparse.Namespace) -> int:
    """List the documents due for review within `--within` days, or overdue, grouped by owner."""
    model = load_model(_dated(project, args))
    items = review_items(model, args.within)
    rows = [
        {
            "owner": item.owner,
            "owner_title": model.units[item.owner].meta.title,
            "kind": item.kind,
            "ref": str(item.ref),
            "title": item.title,
            "review_by": item.due.isoformat(),
            "days": item.days,
            "overdue": item.overdue,
        }
        for item in items
    ]
    if args.format == "json":
        payload = {"today": model.today.isoformat(), "within": args.within, "items": rows}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=REVIEW_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{key: csv_field(value) for key, value in r.items()} for r in rows])
        sys.stdout.write(out.getvalue())
    else:
        print(f"复审计划：按 {model.today} 计，{args.within} 天内到期或已逾期 {len(items)} 项")
        for owner, group in by_owner(items).items():
            print(f"\n{model.units[owner].meta.title}（{owner}）")
            for item in group:
                when = f"逾期 {-item.days} 天" if item.overdue else f"{item.days} 天后到期"
                print(f"  {item.due}  {when:<10} [{item.kind}] {item.title}  {item.ref}")
    return 0


def cmd_calendar(project: Project, args: argparse.Namespace) -> int:
    """Write the year's events of the flows' cadences (of a role, a unit or a branch) as an iCalendar file."""
    model = load_model(project)
    year = args.year if args.year is not None else project.today.year
    actors: str | set[str] | None = None
    scope = ALL
    if args.unit is not None:  # a branch of the roster: what its secretary, committee, groups and members do
        roster = model.registry("branch")
        branch = next((b for b, doc in roster.items() if args.unit in (b, doc.meta.title)), None)
        if branch is None:
            raise ProjectError(f"unknown branch '{args.unit}'; known: {choices(roster)} (id or title)")
        kind = roster[branch].meta.kind.value
        unit = model.unit_of_kind(kind)
        if unit is None:
            raise ProjectError(f"no unit of kind {kind} in organisation/units: its duties are what a {kind} does")
        actors = branch_actors(model, unit)
        scope = Scope(branch, roster[branch].meta.title, branch=True)
    elif args.role is not None:
        actor = next((a for a in (*model.roles, *model.units) if args.role in (a, model.actor_title(a))), None)
        if actor is None:
            known = choices([*model.roles, *model.units])
            raise ProjectError(f"unknown role or unit '{args.role}'; known: {known} (id or title)")
        actors, scope = actor, Scope(actor, model.actor_title(actor))
    events = year_events(model, year, actors)
    suffix = "" if scope == ALL else f"-{scope.key}"
    output = (project.root / (args.output or f"build/calendar-{year}{suffix}.ics")).resolve()
    write_atomic(output, ical(model, events, year, scope))
    print(f"wrote {project.relative(output)}: {len(events)} events", file=sys.stderr)
    if args.pdf is not None:
        planner = (project.root / args.pdf).resolve()
        pages = print_planner(planner_html(model, events, year, scope), planner)
        print(f"wrote {project.relative(planner)}: the year planner, A4 landscape, {pages} pages", file=sys.stderr)
    return 0


def cmd_schema(project: Project, args: argparse.Namespace) -> int:
    """Write the files the kinds registry decides: the JSON Schema of every source kind, the editor settings
    wiring them to the YAML sources, and the files the pre-commit check hook watches.

    With `--check`, write nothing and list the files that are not what the registry gives (exit 1).
    """
    wanted = registry_files(project.root, KINDS)
    stale = [path for path, text in wanted.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    stale += sorted(set((project.root / SCHEMA_FOLDER).glob("*.json")) - set(wanted))
    if args.check:
        for path in stale:
            print(f"{project.relative(path)}: not what the kinds registry gives; run `handbook schema`")
        return 1 if stale else 0
    for path in stale:
        if path in wanted:
            write_atomic(path, wanted[path])
        else:
            path.unlink()
    print(f"wrote {len(stale)} of {len(wanted)} files ({SCHEMA_FOLDER}/, editor settings, pre-commit hook)")
    return 0


def cmd_pdf(project: Project, args: argparse.Namespace) -> int:
    """Print the whole handbook, or binders, as A4 PDFs laid out from the built site."""
    model = load_model(project)
    wanted = _selected(model, "binder", args.binder, args.all_binders, required=False)
    output = (project.root / args.output).resolve()
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as scratch:
        site = _built_site(project, args.site, Path(scratch))
        full = handbook_book(model, site)
        if not wanted:
            print_full_handbook(full, site, _cover(model, "", args.date), output)
            return 0
        pages = full_handbook_pages(full, site, _cover(model, "", args.date), output)
        outside = {url: f"（见全书第{page}页）" for url, page in pages.items()}
        for binder in (model.registry("binder")[name].meta for name in wanted):
            book, cover = binder_print(model, binder, args.date)
            print_book(book, site, cover, output.parent / "binders" / f"{binder.id}.pdf", outside)
    return 0


def _selected(model: Handbook, kind: str, names: list[str], everything: bool, required: bool) -> list[str]:
    """The ids asked for on the command line (all of the kind with `everything`), each checked to exist."""
    objects = model.registry(kind)
    wanted = list(objects) if everything else names
    unknown = [name for name in wanted if name not in objects]
    if unknown or (required and not wanted):
        folder = model.kinds[kind].source.watched
        named = f" '{unknown[0]}'" if unknown else ""
        raise ProjectError(f"unknown {kind}{named}; known: {choices(objects)} (see {folder}/)")
    return wanted


def cmd_refill(project: Project, args: argparse.Namespace) -> int:
    """Print a refill packet: what changed since an edition, for the handbook or one binder."""
    model = load_model(project)
    binder = (
        model.registry("binder")[_selected(model, "binder", [args.binder], False, True)[0]].meta
        if args.binder
        else None
    )
    title = binder.title if binder else model.book.title
    output = (project.root / args.output).resolve()
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as scratch:
        then = _built_site_as_of(project, args.since, Path(scratch))
        site = _built_site(project, args.site, Path(scratch))
        changed = changed_since(model, args.since, then, site, binder)
        if not changed:
            print(f"nothing in {title} prints differently since {args.since}: no packet needed", file=sys.stderr)
            return 0
        book = refill_book(model, title, args.since, args.date, changed)
        print_book(book, site, _cover(model, f"换页包（{args.since}版以后的修订）", args.date), output)
    print(f"{project.relative(output)}: {len(changed)} documents print differently since {args.since}", file=sys.stderr)
    return 0


def _cover(model: Handbook, subtitle: str, date: dt.date) -> Cover:
    """The cover of a print: the handbook's title, organisation and edition, and what this print is."""
    book = model.book
    return Cover(book.title, subtitle, book.organisation or "", book.edition or "", date)


def cmd_course(project: Project, args: argparse.Namespace) -> int:
    """Write a course's self-test (papers, answer keys, import files) and its handout."""
    # Imported on demand: the self-test generator is needed by this command only.
    from handbook.export.selftest.formats import exports
    from handbook.export.selftest.handout import course_printer, handout, papers
    from handbook.export.selftest.questions import Generator, summary, variants

    model = load_model(project)
    courses = model.registry("course")
    wanted = _selected(model, "course", args.name, args.all, required=True)
    out = (project.root / args.output_dir).resolve()
    generator = Generator(model)
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as scratch:
        site = None if args.no_pdf else _built_site(project, args.site, Path(scratch))
        with course_printer(site) as printer:
            for name in wanted:
                course = courses[name].meta
                test = generator.self_test(course)
                sheets = variants(test, args.variants or course.test.variants)
                files = exports(test)  # each read back and compared with the test before anything is written
                folder = out / name
                if printer is not None:  # printed first: a failed print leaves the course's files as they were
                    cover = _cover(model, course.title, args.date)
                    printer.handout(handout(model, test, sheets[0]), cover, folder / "handout.pdf")
                    for file_name, html in papers(test, sheets).items():
                        printer.paper(html, folder / file_name)
                for file_name, data in files.items():
                    write_atomic(folder / file_name, data)
                print(f"{project.relative(folder)}: {summary(test, sheets)}", file=sys.stderr)
    return 0


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
        department = _department(model, args.dept) if args.dept else None
        name = "-".join([str(quarter), "staff", *(x.id for x in (department, general) if x is not None)])
        form = staff_xlsx(model, quarter, general, department)
    elif args.ranking:
        line, month = line_named(model, args.ranking), _month(args.month or "")
        name, form = f"{month}-{line.id}", ranking_xlsx(model, line, month)
    elif args.dept:
        department, month = _department(model, args.dept), _month(args.month or "")
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


def cmd_diff(project: Project, args: argparse.Namespace) -> int:
    """Compare two versions of a regulation (article by article) or a flow (step by step) from git."""
    model = load_model(project)
    kind, _, name = args.document.rpartition(":")
    kinds = [kind] if kind else ["reg", "flow"]
    found = [(k, model.registry(k)[name]) for k in kinds if k in ("reg", "flow") and name in model.registry(k)]
    if not found:
        known = choices([*model.regulations, *model.flows])
        raise ProjectError(f"no regulation or flow '{args.document}'; known: {known}")
    kind, doc = found[0]
    texts, labels = [], []
    for given in (args.since, args.to):
        if given is None:  # the version in the working tree
            texts.append((project.root / doc.path).read_text(encoding="utf-8"))
            labels.append("当前")
            continue
        commit = revision_of(project.root, doc.path, given) or _versioned(project, model, doc.path, given)
        text = text_at(project.root, doc.path, commit) if commit else None
        if text is None:
            message = "give a date YYYY-MM-DD, a git revision or a version the document's `version` field had"
            raise ProjectError(f"{doc.path}: no version '{given}' ({message})")
        texts.append(text)
        labels.append(f"{given}（{commit[:7] if commit else ''}）")
    compare = regulation_changes if kind == "reg" else flow_changes
    print(report(doc.meta.title, (labels[0], labels[1]), compare(texts[0], texts[1])), end="")
    return 0


def _versioned(project: Project, model: Handbook, path: str, version: str) -> str | None:
    """The latest commit at which a regulation's `version` field read `version` (None if it never did)."""
    for revision in model.history.get(path, []):
        text = text_at(project.root, path, revision.commit)
        data = parse_markdown(text, path)[0].meta.data if text else None
        if isinstance(data, dict) and str(data.get("version", "")) == version:
            return revision.commit
    return None


def _department(model: Handbook, name: str) -> Department:
    """A department by id, title or short name."""
    rules = model.assessment.rules
    departments = rules.departments if rules else []
    found = next((d for d in departments if name in (d.id, d.title, d.short)), None)
    if found is None:
        raise ProjectError(f"unknown department '{name}'; known: {choices(d.short for d in departments)}")
    return found


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


def _build_as_of(project: Project, day: dt.date, scratch: Path, site: Path, *extra: str) -> int:
    """Build the handbook as it stood on `day` into `site`: its sources then, and its reviews due as of then."""
    past = sources_as_of(project.root, day, scratch)
    print(f"building the handbook as it stood on {day} ({past.commit[:7]})", file=sys.stderr)
    return _mkdocs(Project(past.root, day), "build", "--site-dir", str(site), *extra)


def _built_site_as_of(project: Project, day: dt.date, scratch: Path) -> Path:
    """The handbook as it stood on `day`, built into `scratch` (for comparing what prints differently)."""
    site, sources = scratch / "then-site", scratch / "then"
    sources.mkdir()
    if _build_as_of(project, day, sources, site) != 0:
        raise ProjectError(f"mkdocs build of the handbook as of {day} failed; nothing was printed")
    return site


def _built_site(project: Project, site: Path | None, scratch: Path) -> Path:
    """The given built site, or the handbook built afresh into `scratch`."""
    if site is not None:
        folder = (project.root / site).resolve()
        if not (folder / "index.html").is_file():
            raise ProjectError(f"{project.relative(folder)}: no built site here (run `handbook build` first)")
        return folder
    print("building the site to print from …", file=sys.stderr)
    if _mkdocs(project, "build", "--site-dir", str(scratch / "site")) != 0:
        raise ProjectError("mkdocs build failed; nothing was printed")
    return scratch / "site"


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
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build", help="build the site (atomically replaces the previous one)")
    build.add_argument("--site-dir", default="site")
    build.add_argument("--strict", action="store_true", help="treat MkDocs warnings as errors")
    build.add_argument("--as-of", type=_date, default=None, help="build the sources as they stood on this date (git)")
    build.set_defaults(func=cmd_build)
    serve = sub.add_parser("serve", help="serve with live reload")
    serve.add_argument("--addr", type=_address, default=("127.0.0.1", 8000), help="HOST:PORT (default 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    search = sub.add_parser("search", help="search the handbook (the site's ranking, jieba with the handbook's words)")
    search.add_argument("query")
    search.add_argument("--type", choices=list(TYPE_NAMES), default=None, help="only results of this kind")
    search.add_argument("--limit", type=_positive, default=10)
    search.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    search.add_argument("--index", type=Path, default=None, help="a built site's index, e.g. site/search")
    search.add_argument("--include-repealed", action="store_true", help="also repealed (废止) documents")
    search.set_defaults(func=cmd_search)
    search_report = sub.add_parser(
        "search-report", help="queries that found nothing, were refined or opened nothing, from the web server's log"
    )
    search_report.add_argument("log", type=Path, help="the access log holding the search box's beacon requests")
    search_report.add_argument("--json", action="store_true", help="stable JSON output for scripts")
    search_report.set_defaults(func=cmd_search_report)
    pdf = sub.add_parser("pdf", help="print the handbook as one A4 PDF (cover, contents with page numbers)")
    pdf.add_argument(
        "--output", default="build/handbook.pdf", help="the PDF to write; binders go to binders/ beside it"
    )
    pdf.add_argument("--binder", action="append", default=[], help="print this binder (binders/NAME.yaml) instead")
    pdf.add_argument("--all-binders", action="store_true", help="print every binder")
    pdf.add_argument("--site", type=Path, default=None, help="a built site to print (default: build one afresh)")
    pdf.add_argument("--date", type=_date, default=None, help="the edition date on the cover (default: today)")
    pdf.set_defaults(func=cmd_pdf)
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
    course.set_defaults(func=cmd_course)
    refill = sub.add_parser("refill", help="a refill packet: what changed since an edition, as one PDF to file")
    refill.add_argument("--since", type=_date, required=True, help="the date of the edition the binder was printed")
    refill.add_argument("--binder", default=None, help="only the documents of this binder (binders/NAME.yaml)")
    refill.add_argument("--output", default="build/refill.pdf", help="the PDF to write")
    refill.add_argument("--site", type=Path, default=None, help="a built site to print (default: build one afresh)")
    refill.add_argument("--date", type=_date, default=None, help="the date on the packet (default: today)")
    refill.set_defaults(func=cmd_refill)
    diff = sub.add_parser("diff", help="compare two versions of a regulation or flow (articles, steps) from git")
    diff.add_argument("document", help="reg:ID, flow:ID or an id")
    diff.add_argument("--from", dest="since", required=True, help="a date (YYYY-MM-DD) or a git revision")
    diff.add_argument("--to", default=None, help="a date or a git revision (default: the file as it is now)")
    diff.set_defaults(func=cmd_diff)
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
    sheet.set_defaults(func=cmd_assess_sheet)
    imported = steps.add_parser("import", help="record a filled Excel form (score sheet, ranking, staff evaluation)")
    imported.add_argument("file", help="the filled form, .xlsx")
    imported.set_defaults(func=cmd_assess_import)
    close = steps.add_parser("close", help="lock a complete month or quarter (or seal its new corrections)")
    close.add_argument("period", help="YYYY-MM or YYYY-qN")
    close.add_argument("--by", default="考核办公室", help="who closes it")
    close.add_argument("--date", type=_date, default=None, help="the date of closing (default: today)")
    close.set_defaults(func=cmd_assess_close)
    notice = steps.add_parser("notice", help="a closed month's 公示栏 sheet to print, as PDF")
    notice.add_argument("--month", required=True, help="the month, YYYY-MM (closed)")
    notice.add_argument("--paper", choices=["A4", "A3"], default="A4")
    notice.add_argument("--output", default=None, help="the PDF to write (default: build/notice/MONTH-PAPER.pdf)")
    notice.set_defaults(func=cmd_assess_notice)
    verify = steps.add_parser("verify", help="check a seal digest (e.g. from a printout) against the ledger")
    verify.add_argument("digest", help="the digest, or its first 8 or more characters")
    verify.set_defaults(func=cmd_assess_verify)
    review = sub.add_parser("review", help="documents due for review or overdue, by owner")
    review.add_argument(
        "--within", type=_days, default=90, help="days ahead to look (default 90; 0: due today or overdue)"
    )
    review.add_argument("--format", choices=["text", "json", "csv"], default="text")
    review.add_argument("--today", type=_date, default=None, help="compute as of this date (default: today)")
    review.set_defaults(func=cmd_review)
    cal = sub.add_parser("calendar", help="the year's dated events of the flows as an iCalendar file")
    cal.add_argument("--year", type=_year, default=None, help="the year (default: the run's date's)")
    cal.add_argument("--role", default=None, help="only the events of this role or unit (id or title)")
    cal.add_argument(
        "--unit", default=None, help="the events of one branch of the roster (id or title, e.g. 综采一队党支部)"
    )
    cal.add_argument("--output", default=None, help="the .ics to write (default: build/calendar-YEAR[-ROLE].ics)")
    cal.add_argument("--pdf", type=Path, default=None, help="also print the year planner (A4 landscape) to this PDF")
    cal.set_defaults(func=cmd_calendar)
    schema = sub.add_parser("schema", help="write JSON Schemas of the source kinds and the editor settings")
    schema.add_argument("--check", action="store_true", help="write nothing; fail if a file is out of date")
    schema.set_defaults(func=cmd_schema)
    add_adopt_commands(sub)  # new, import word, import roster (handbook/cli/adopt.py)
    return main


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become messages and exit code 1, never a traceback."""
    args = parser().parse_args(argv)
    try:
        # The one reading of the clock (core/clock.py); `handbook new` makes the project the others look for.
        project = Project(Path.cwd(), run_date()) if args.command == "new" else Project.find(args.root, run_date())
        if "date" in args and args.date is None:  # a command's `--date` defaults to the run's date
            args.date = project.today
        command: Callable[[Project, argparse.Namespace], int] = args.func
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
