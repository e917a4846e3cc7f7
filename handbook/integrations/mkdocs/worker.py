"""A second process for `handbook serve`: each build's related content, computed while the build renders.

Related content needs the whole model and every search document cut (at 10× the sample, about a
second of a five-second rebuild), and no page's Markdown depends on it: MkDocs asks for it only
once every page is converted (`on_env`). So at the start of each build the worker loads and
validates the sources itself and computes related content, on the machine's second core, while
the build does the same loading and renders the pages. The answer is used only if it was computed
from the same sources as the build's model (`Handbook.sources`): a file saved between the two
reads, a failure or a dead worker, and the build computes related content itself, as a full build
does. The worker keeps its cut documents in memory, as the serve loop does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.integrations.mkdocs.collector import CollectorPause
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model, related_content
from handbook.search.ranking import TermCache

log = logging.getLogger("mkdocs.handbook")
# How long a build waits for the second process beyond its own work (it normally answers first).
WAIT = 60.0
Related = dict[Ref, list[Ref]]
Answer = tuple[int, str, Related | None]  # the request's number, the sources' digest, the related content
Request = tuple[int, dt.date]  # the request's number, the date the build is for


def _serve(root: str, terms_file: str | None, connection: Connection) -> None:
    """Answer the newest numbered request with the related content of the sources as they are then; None ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # if not ignored from the start (see `_sigint_ignored`)
    terms = TermCache(Path(terms_file) if terms_file else None)  # read once; only the serve loop saves the file
    collector = CollectorPause()
    while (request := _newest(connection)) is not None:
        number, today = request
        answer: Answer
        collector.pause()  # as in the serve process: collected once the answer is sent
        try:
            model = load_model(Project(Path(root), today))  # the build's date: a session may pass midnight
            answer = (number, model.sources, related_content(model, terms))
        except Exception:  # the build meets the same problem when it computes related content itself
            answer = (number, "", None)
        try:
            connection.send(answer)
        except OSError:  # the server has gone
            return
        finally:
            collector.resume()


def _newest(connection: Connection) -> Request | None:
    """The newest request, older ones skipped (their builds failed early); None to stop."""
    try:
        request: Request | None = connection.recv()
        while request is not None and connection.poll():
            request = connection.recv()
        return request
    except EOFError:  # the server has gone
        return None


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a child starts, so the child ignores it from its first instruction.

    Only the main thread may set handlers; elsewhere (a test's thread) the child keeps the default.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)


class RelatedWorker:
    """The second process and the number of the request its next answer must carry."""

    def __init__(self, root: Path, terms_file: Path | None) -> None:
        # A fresh interpreter (spawn): the server has threads, and forking those is unsafe.
        context = multiprocessing.get_context("spawn")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(str(root), str(terms_file) if terms_file else None, theirs),
            name="handbook-related",
            daemon=True,
        )
        with _sigint_ignored():  # Ctrl-C reaches the whole process group: the server stops the worker
            self.process.start()
        theirs.close()  # the worker holds its end; a dead worker then reads as the end of the pipe
        self.asked = 0  # the number of the last request
        self.used = 0  # answers a build took
        self.alive = True

    def ask(self, today: dt.date) -> None:
        """Start on the related content of the sources as they are now, for the date of the build starting."""
        if not self.alive:
            return
        self.asked += 1
        try:
            self.connection.send((self.asked, today))
        except OSError:
            self.alive = False

    def answer(self, model: Handbook) -> Related | None:
        """The related content of the last request, if computed from the sources of `model`; else None."""
        if not self.alive:
            return None
        try:
            while True:  # an answer to an earlier request (of a build that failed early) may come first
                if not self.connection.poll(WAIT):
                    log.warning(f"related content: no answer from the second process in {WAIT} s; it is stopped")
                    self.close()
                    return None
                answer: Answer = self.connection.recv()
                if answer[0] == self.asked:
                    break
        except (EOFError, OSError):
            self.alive = False
            return None
        _, sources, related = answer
        if related is None or sources != model.sources:
            log.info("related content computed by the build: the second process read other sources or failed")
            return None
        self.used += 1
        return related

    def close(self) -> None:
        """Stop the worker: at once if idle, else terminated (an answer nobody reads can hold it)."""
        if self.alive:
            with contextlib.suppress(OSError):
                self.connection.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.connection.close()
        self.alive = False
