"""`handbook serve`: one build at start, then an incremental build per change, with live reload."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

from handbook.core.project import Project
from handbook.integrations.mkdocs.incremental import IncrementalBuilder
from handbook.kinds.registry import KINDS
from handbook.search.ranking import TermCache

log = logging.getLogger("mkdocs.handbook")


def rebuild(builder: IncrementalBuilder) -> bool:
    """Build once and log what was redone; the sources' problems are logged, not raised. True if built."""
    started = time.perf_counter()
    try:
        report = builder.build()
    except MkDocsException as exc:  # problems in the sources or in mkdocs.yml: show them, serve the last good site
        log.error(str(exc))
        return False
    removed = f", removed {len(report.removed)} files" if report.removed else ""
    log.info(
        f"built in {time.perf_counter() - started:.2f} s: {report.rendered} of {report.pages} pages converted, "
        f"{report.written} written{removed}"
    )
    return True


def watched(project: Project) -> list[Path]:
    """Every path whose change means a rebuild: the configuration, docs/, the book and every kind's files."""
    paths = [project.root / "mkdocs.yml", project.docs, project.book, *(project.root / s.source.watched for s in KINDS)]
    return [path for path in dict.fromkeys(paths) if path.exists()]


def serve(project: Project, host: str, port: int) -> int:
    """Serve the handbook on host:port from a temporary folder, rebuilding on every source change."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s", stream=sys.stderr)
    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    terms = TermCache(project.search_terms)
    builder = IncrementalBuilder(project.root / "mkdocs.yml", site_dir, terms)
    try:
        if not rebuild(builder):
            return 1

        def on_change() -> None:
            """Rebuild after a change; the browsers reload once it returns."""
            rebuild(builder)

        server = LiveReloadServer(builder=on_change, host=host, port=port, root=str(site_dir))
        # The system's file notifications (inotify on Linux) instead of MkDocs' polling of every
        # watched file: a save is seen at once, and no thread stats hundreds of files several times
        # a second while a rebuild runs (measured: edit → browser 3.9 s with polling, 2.9 s without).
        server.observer = Observer()  # type: ignore[assignment]  # any watchdog observer serves; MkDocs names its own
        for path in watched(project):
            server.watch(str(path))
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
        return 0
    finally:
        terms.save()  # the next start finds the documents cut in this session
        shutil.rmtree(site_dir, ignore_errors=True)
