"""`handbook serve`: the site with live reload (MkDocs and the file watcher are loaded for this command only)."""

from __future__ import annotations

import argparse

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.integrations.mkdocs.serve import serve


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    """Serve the handbook with live reload; after the first build only what a change affects is rebuilt."""
    host, port = args.addr
    return serve(project, host, port, run_date)
