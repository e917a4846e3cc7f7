"""The print commands: `handbook pdf` (the handbook, binders), `handbook refill` (a refill packet) and
`handbook course` (a course's self-test and handout), each laid out from a built site."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from handbook.cli.build import built_site, built_site_as_of
from handbook.core.atomic import write_atomic
from handbook.core.problems import ProjectError, choices
from handbook.core.project import Project
from handbook.export.print.assemble import handbook_book
from handbook.export.print.pdf import Cover, binder_print, full_handbook_pages, print_book, print_full_handbook
from handbook.export.refill import changed_since, refill_book
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model


def cmd_pdf(project: Project, args: argparse.Namespace) -> int:
    """Print the whole handbook, or binders, as A4 PDFs laid out from the built site."""
    model = load_model(project)
    wanted = _selected(model, "binder", args.binder, args.all_binders, required=False)
    output = (project.root / args.output).resolve()
    with tempfile.TemporaryDirectory(prefix="handbook-site-") as scratch:
        site = built_site(project, args.site, Path(scratch))
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
        then = built_site_as_of(project, args.since, Path(scratch))
        site = built_site(project, args.site, Path(scratch))
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
        site = None if args.no_pdf else built_site(project, args.site, Path(scratch))
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
