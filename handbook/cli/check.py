"""`handbook check` (every source, every page, optionally a built site) and `handbook schema` (the files the
kinds registry decides, which let editors and the pre-commit hook check as one types)."""

from __future__ import annotations

import argparse
import sys

from handbook.core.atomic import write_atomic
from handbook.core.problems import ProjectError, SourceProblems, errors
from handbook.core.project import Project
from handbook.core.report import report_json, report_text
from handbook.export.schemas import SCHEMA_FOLDER, registry_files
from handbook.kinds.registry import KINDS
from handbook.pipeline import generate
from handbook.verify.site import check_site, page_sources


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
