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

import importlib
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version

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
