"""Which documentation engine builds the site, MkDocs or its maintained fork ProperDocs: decided here only.

ProperDocs (pip `properdocs`, module `properdocs`) continues MkDocs 1.6 under a new name. Its
`properdocs.replacement` answers every `mkdocs.*` import with the fork's own module, so Material
and this package's `from mkdocs… import` lines run on it unchanged, and it reads plugins from the
`mkdocs.plugins` entry points as MkDocs does. The engine is ProperDocs wherever its distribution is
installed: installing the fork is a deliberate choice (the Makefile's second environment,
.venv-properdocs, holds it without MkDocs). Nothing here imports either engine, so the `handbook`
command asks without loading them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from handbook.core.clock import TODAY_VARIABLE
from handbook.core.project import Project

FORK = "properdocs"


@dataclass(frozen=True)
class Engine:
    """The installed engine: its distribution (also the module run as `python -m NAME`) and version."""

    name: str
    version: str


@cache
def engine() -> Engine:
    """ProperDocs where it is installed, else MkDocs (whose absence the first `mkdocs` import reports)."""
    for name in (FORK, "mkdocs"):
        try:
            return Engine(name, version(name))
        except PackageNotFoundError:
            continue
    return Engine("mkdocs", "")


def activate() -> None:
    """Under ProperDocs, let `mkdocs.*` imports find its modules (what `python -m properdocs` does first)."""
    if engine().name == FORK:
        importlib.import_module("properdocs.replacement")


def run(project: Project, *args: str) -> int:
    """Run the engine's command line in the project for the project's date, the notice about MkDocs 2.0 silenced.

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
    # A session of its own: Ctrl-C reaches this process only, which stops MkDocs and reports once. Held
    # back while MkDocs starts: a KeyboardInterrupt inside Popen would leave it running unseen, writing
    # into a folder already cleared. Held back, it arrives once the `try` below can stop MkDocs (which
    # inherits the held mask: in its own session it is stopped by `terminate`, never by Ctrl-C).
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        mkdocs = subprocess.Popen(command, cwd=project.root, env=env, start_new_session=True)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    with mkdocs:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            return mkdocs.wait()
        except KeyboardInterrupt:
            mkdocs.terminate()
            mkdocs.wait()
            raise
