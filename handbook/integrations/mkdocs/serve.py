"""`handbook serve`: one build at start, then an incremental build per change, with live reload.

The incremental build runs MkDocs' build steps itself (internals.py), on the engine versions they
were verified with; on any other version each change rebuilds the whole site through MkDocs'
public build (`FullBuilder`), and the log says why once, at the start.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from handbook.core.project import Project
from handbook.integrations.mkdocs import internals
from handbook.integrations.mkdocs.incremental import BuildReport, FullBuilder, IncrementalBuilder
from handbook.kinds.registry import KINDS
from handbook.search.ranking import TermCache
from handbook.spec.kind import Registry

log = logging.getLogger("mkdocs.handbook")


class Builder(Protocol):
    """What the serve loop asks of a builder: `IncrementalBuilder`, or `FullBuilder` as the fallback."""

    theme_dirs: list[Path]  # the theme's overrides of the last configuration loaded: watched too

    def build_pages(self) -> BuildReport:
        """Build up to what the pages show (raises on an error)."""

    def finish(self) -> None:
        """What the build left for after the browsers' reload."""

    def close(self) -> None:
        """Stop what runs beside the builds."""


def builder_for(config_file: Path, site_dir: Path, terms: TermCache, today: Callable[[], dt.date]) -> Builder:
    """The incremental builder where the engine's version was verified with it; else whole builds, saying why."""
    reason = internals.unsupported()
    if reason is None:
        return IncrementalBuilder(config_file, site_dir, terms, today)
    log.warning(f"incremental rebuilds are off: {reason}; each change rebuilds the whole site")
    return FullBuilder(config_file, site_dir, terms, today)


def rebuild(builder: Builder) -> bool:
    """Build the pages and log what was redone; the sources' problems are logged, not raised. True if built."""
    started = time.perf_counter()
    try:
        report = builder.build_pages()
    except MkDocsException as exc:  # problems in the sources or in mkdocs.yml: show them, serve the last good site
        log.error(str(exc))
        return False
    took = time.perf_counter() - started
    if report.whole:
        log.info(f"site built whole in {took:.2f} s")
        return True
    removed = f", removed {len(report.removed)} files" if report.removed else ""
    log.info(
        f"pages built in {took:.2f} s: {report.rendered} of {report.pages} converted, "
        f"{report.written} written ({report.framed} in the last file's frame){removed}"
    )
    return True


class Finisher:
    """Runs what a build left for after the reload (the search index) in a thread, one at a time."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Finish the last build beside the server, which meanwhile tells the browsers to reload."""
        self.thread = threading.Thread(target=self._run, name="handbook-finish", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        """Block until the last build is finished (before the next build, and before stopping)."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def _run(self) -> None:
        """Write the search index, logging a failure instead of losing it in the thread."""
        started = time.perf_counter()
        try:
            self.builder.finish()
        except Exception as exc:  # the server goes on; the next build writes its own index
            log.error(f"the search index could not be written: {exc}")
            return
        log.info(f"search index written in {time.perf_counter() - started:.2f} s")


# The notifications that mean a change to a file (MkDocs' server ignores those of folders). Not
# opened and closed-without-writing: a build reads every source, and with those each build asked
# for one more (measured: after each edit a second full rebuild, which the next save waited for).
# An attribute change counts, so that `touch` still asks for a rebuild.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    FileAttribEvent,
]


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's observer class, chosen at import
    """The system's file notifications (inotify on Linux), of changes only."""

    def schedule(
        self,
        event_handler: FileSystemEventHandler,
        path: str | Path,
        *,
        recursive: bool = False,
        event_filter: list[type[FileSystemEvent]] | None = None,
        follow_symlink: bool = False,
    ) -> ObservedWatch:
        """Watch a path for changes (MkDocs' server schedules every watched path through here)."""
        changes = event_filter if event_filter is not None else CHANGES
        watch: ObservedWatch = super().schedule(
            event_handler, path, recursive=recursive, event_filter=changes, follow_symlink=follow_symlink
        )
        return watch


def watched(project: Project, kinds: Registry) -> list[Path]:
    """Every path whose change means a rebuild: the configuration, docs/, the book and every kind's files."""
    paths = [project.root / "mkdocs.yml", project.docs, project.book, *(project.root / s.source.watched for s in kinds)]
    return [path for path in dict.fromkeys(paths) if path.exists()]


def serve(project: Project, host: str, port: int, today: Callable[[], dt.date]) -> int:
    """Serve the handbook on host:port from a temporary folder, rebuilding on every source change.

    `today` gives the date of each build: a session may pass midnight.
    """
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s", stream=sys.stderr)
    site_dir = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    terms = TermCache(project.search_terms)
    builder = builder_for(project.root / "mkdocs.yml", site_dir, terms, today)
    finisher = Finisher(builder)
    try:
        if not rebuild(builder):
            return 1
        finisher.start()
        finisher.wait()  # the first index before serving

        building = threading.Lock()  # held by the server's build thread during a rebuild

        def watch_overrides() -> None:
            """Watch the theme's overrides as mkdocs.yml names them in the last build (one watch a folder)."""
            for folder in builder.theme_dirs:
                if folder.is_dir():
                    server.watch(str(folder))

        def on_change() -> None:
            """Rebuild the pages after a change; the browsers reload once it returns, while the index is written."""
            with building:
                finisher.wait()
                if rebuild(builder):
                    finisher.start()
                    watch_overrides()

        server = LiveReloadServer(builder=on_change, host=host, port=port, root=str(site_dir))
        # The system's file notifications (inotify on Linux) instead of MkDocs' polling of every
        # watched file: a save is seen at once, and no thread stats hundreds of files several times
        # a second while a rebuild runs (measured: edit → browser 3.9 s with polling, 2.9 s without).
        server.observer = ChangeObserver()  # any watchdog observer serves
        for path in watched(project, KINDS):
            server.watch(str(path))
        watch_overrides()
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs leaves it untyped
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()  # does not wait for a rebuild under way: the lock does, before the builder stops
            with building:
                finisher.wait()
        return 0
    finally:
        builder.close()
        terms.save()  # the next start finds the documents cut in this session
        shutil.rmtree(site_dir, ignore_errors=True)
