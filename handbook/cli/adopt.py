"""The commands that adopt the handbook: `handbook new` and `handbook import word|roster`.

Their readers (python-docx, openpyxl) are imported by the one command that needs each.
Each command writes all of its files or none: problems are reported all at once first, then the
files are written together and the project is loaded again; a problem in what was written removes
it all (handbook/adopt/files.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from handbook.adopt.files import remove, restore, write_all
from handbook.core.problems import Problem, ProjectError, SourceProblems, choices, errors
from handbook.core.project import Project
from handbook.model.handbook import Handbook
from handbook.pipeline import generate, load_model

WORD_SUFFIXES = (".docx", ".doc", ".wps")


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    """Create the project in a fresh folder beside the target, check it, then rename it into place."""
    from handbook.adopt.new import engine_source, engine_version, name_problem, project_files

    problem = name_problem(args.name)
    if problem:
        raise ProjectError(problem)
    target = (project.root / args.directory).resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(f"{args.directory}: not empty; `handbook new` makes a project in a new or empty folder")
    if not target.parent.is_dir():
        raise ProjectError(f"{target.parent}: no such folder")
    files = project_files(args.name, project.today, engine_version(), engine_source())
    staging = target.parent / f".{target.name}.new-{secrets.token_hex(4)}"
    staging.mkdir()  # not mkdtemp: the project gets the user's usual permissions
    try:
        write_all(staging, files)
        (staging / ".ci" / "run").chmod(0o755)
        try:
            generate(Project(staging, project.today))  # what `handbook check` does
        except SourceProblems as exc:  # an engine whose own template fails its check: say so, keep nothing
            message = f"the new project does not pass `handbook check` (a bug of the engine):\n{exc}"
            raise ProjectError(message) from None
        shutil.rmtree(staging / ".cache", ignore_errors=True)
        os.rename(staging, target)  # over an empty folder too
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"created {args.directory}: an empty handbook for {args.name} ({len(files)} files)")
    print(f"next: cd {args.directory} && make serve   (see README.md; import regulations with `handbook import word`)")
    return 0


def _model(project: Project) -> Handbook:
    """The project's model, whatever problems it has (an import adds to a project that may still have some)."""
    return load_model(project, blocking=lambda problem: False)


def _written(project: Project, files: dict[str, bytes], replacing: frozenset[str] = frozenset()) -> None:
    """Write the files together, then load the project: a problem in any of them removes them all."""
    paths = [project.root / relative for relative in files]
    before = {folder for path in paths for folder in path.parents if folder.exists()}
    old = {path: path.read_bytes() for path in paths if path.exists()}
    write_all(project.root, files, replacing)
    try:
        load_model(project, blocking=lambda problem: problem.path in files)
    except BaseException:
        made = sorted({f for p in paths for f in p.parents if f not in before and f.is_relative_to(project.root)})
        remove([path for path in paths if path not in old], made)
        restore(old)
        raise


def _report(problems: Sequence[Problem]) -> None:
    """Print the warnings of an import that went through (one line each)."""
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.message)):
        print(problem, file=sys.stderr)


def cmd_import_word(project: Project, args: argparse.Namespace) -> int:
    """One regulation source per Word file: all of them written, or none and every problem reported."""
    from handbook.adopt.convert import Draft, Options, convert, problem
    from handbook.adopt.word import WordError, converted, read_word

    if args.id is not None and len(args.files) > 1:
        raise ProjectError("--id names one regulation: give one Word file with it")
    model = _model(project)
    if args.place not in model.places:
        raise ProjectError(f"--place: no place '{args.place}' in book.yaml; known: {choices(model.places)}")
    owner = args.owner or model.unit_of_kind("党委")
    if owner is None or owner not in model.units:
        raise ProjectError(f"--owner: no unit '{owner}' in organisation/units; known: {choices(model.units)}")
    folder = project.relative((project.root / args.into).resolve())
    options = Options(folder, args.place, owner, args.issuer or model.book.organisation or "")
    drafts: list[Draft] = []
    with tempfile.TemporaryDirectory(prefix="handbook-import-") as scratch:
        for name in args.files:
            path = Path(name)
            draft = Draft(name)
            try:
                if path.suffix.lower() not in WORD_SUFFIXES:
                    raise WordError(f"not a Word document: give .docx, .doc or .wps (not '{path.suffix}')")
                if not path.is_file():
                    raise WordError("no such file")
                docx = path if path.suffix.lower() == ".docx" else converted(path, Path(scratch))
                draft = convert(read_word(docx), name, path.stem, options, args.id)
            except WordError as exc:
                draft.problems.append(problem(name, 0, str(exc)))
            drafts.append(draft)
    _collisions(project, model, drafts)
    found: list[Problem] = [p for draft in drafts for p in draft.problems]
    if errors(found):
        raise SourceProblems(found)
    _written(project, {draft.path: draft.text.encode("utf-8") for draft in drafts})
    _report(found)
    for draft in drafts:
        parts = f"{draft.chapters} chapters, {draft.sections} sections, {draft.articles} articles"
        extras = f"{draft.tables} tables, {draft.attachments} attachments"
        print(f"{draft.path}: 《{draft.title}》 {parts}, {extras}; {draft.characters} characters, none lost")
    return 0


def _collisions(project: Project, model: Handbook, drafts: list[Any]) -> None:
    """A regulation whose id another has (in the project or this import), or whose file exists, is a problem."""
    from handbook.adopt.convert import problem

    seen: dict[str, str] = {}
    for draft in drafts:
        if not draft.id:
            continue
        if draft.id in model.regulations or (project.root / draft.path).exists():
            message = f"{draft.path} exists already (id '{draft.id}'): give another --id"
            draft.problems.append(problem(draft.display, 0, message))
        elif draft.id in seen:
            draft.problems.append(problem(draft.display, 0, f"id '{draft.id}' is also {seen[draft.id]}'s"))
        seen.setdefault(draft.id, draft.display)


def cmd_import_roster(project: Project, args: argparse.Namespace) -> int:
    """The roster's 党总支, 党支部, lines and units as sources: all written, or none and every problem reported."""
    from handbook.adopt.roster import read_roster

    model = _model(project)
    path = Path(args.file)
    if not path.is_file():
        raise ProjectError(f"{args.file}: no such file")
    for existing in ("assessment/branches.yaml", "assessment/lines.yaml"):
        if (project.root / existing).exists():
            raise ProjectError(f"{existing} exists already: the import writes a new roster; edit that one by hand")
    units = {unit: doc.meta.title for unit, doc in model.units.items()}
    roster = read_roster(path, args.file, units, model.unit_of_kind("党委"))
    if errors(roster.problems):
        raise SourceProblems(roster.problems)
    # The roster page joins the navigation by itself (the branch kind lists it): mkdocs.yml stays as it is.
    _written(project, dict(roster.files), frozenset())
    _report(roster.problems)
    print(
        f"{args.file}: {roster.generals} 党总支, {roster.branches} 党支部, {roster.lines} lines, {roster.units} units "
        f"written ({len(roster.files)} files)"
    )
    return 0
