"""`handbook build`, and the built sites the print commands lay out: the handbook now or as it stood on a date."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from functools import partial
from pathlib import Path

from handbook.core.atomic import swapped_folder
from handbook.core.problems import ProjectError
from handbook.core.project import Project
from handbook.integrations.mkdocs import engine
from handbook.load.history import sources_as_of


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    """Build the site into a fresh folder, then swap it in: a failed build leaves the old site."""
    target = (project.root / args.site_dir).resolve()
    extra = ["--strict"] if args.strict else []
    waiting = partial(print, f"waiting for another build of {project.relative(target)} to finish …", file=sys.stderr)
    with swapped_folder(target, waiting) as staging:
        if args.as_of is not None:
            with tempfile.TemporaryDirectory(prefix="handbook-as-of-") as scratch:
                built = build_as_of(project, args.as_of, Path(scratch), staging, *extra)
        else:
            built = engine.run(project, "build", "--site-dir", str(staging), *extra)
        if built != 0:
            raise ProjectError("mkdocs build failed; the previous site is untouched")
    print(f"site built in {project.relative(target)}")
    return 0


def build_as_of(project: Project, day: dt.date, scratch: Path, site: Path, *extra: str) -> int:
    """Build the handbook as it stood on `day` into `site`: its sources then, and its reviews due as of then."""
    past = sources_as_of(project.root, day, scratch)
    print(f"building the handbook as it stood on {day} ({past.commit[:7]})", file=sys.stderr)
    return engine.run(Project(past.root, day), "build", "--site-dir", str(site), *extra)


def built_site_as_of(project: Project, day: dt.date, scratch: Path) -> Path:
    """The handbook as it stood on `day`, built into `scratch` (for comparing what prints differently)."""
    site, sources = scratch / "then-site", scratch / "then"
    sources.mkdir()
    if build_as_of(project, day, sources, site) != 0:
        raise ProjectError(f"mkdocs build of the handbook as of {day} failed; nothing was printed")
    return site


def built_site(project: Project, site: Path | None, scratch: Path) -> Path:
    """The given built site, or the handbook built afresh into `scratch`."""
    if site is not None:
        folder = (project.root / site).resolve()
        if not (folder / "index.html").is_file():
            raise ProjectError(f"{project.relative(folder)}: no built site here (run `handbook build` first)")
        return folder
    print("building the site to print from …", file=sys.stderr)
    if engine.run(project, "build", "--site-dir", str(scratch / "site")) != 0:
        raise ProjectError("mkdocs build failed; nothing was printed")
    return scratch / "site"
