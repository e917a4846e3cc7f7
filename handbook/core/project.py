"""Where a handbook project keeps its files, relative to the folder holding mkdocs.yml.

Where each kind of source lives is the kinds registry's business; this names only the files
every project has and the build by-products shared with MkDocs, each defined once here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from handbook.core.problems import ProjectError

BOOK = "book.yaml"


@dataclass(frozen=True)
class Project:
    """The folders and files of one handbook project, and the date it is built for."""

    root: Path
    today: dt.date  # what reviews and calendars are computed against (given by the entry point: core/clock.py)

    @classmethod
    def find(cls, start: Path | None, today: dt.date) -> Project:
        """Find the project whose mkdocs.yml is in `start` (default: the working folder) or one of its parents."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / BOOK).is_file():
                return cls(folder, today)
        raise ProjectError(f"{here}: no handbook project here (no mkdocs.yml with {BOOK} beside it)")

    @property
    def book(self) -> Path:
        """The book's structure: parts, chapters, sections."""
        return self.root / BOOK

    @property
    def docs(self) -> Path:
        """Hand-written pages only; nothing generated is ever written here."""
        return self.root / "docs"

    @property
    def cache(self) -> Path:
        """Build by-products that are not pages."""
        return self.root / ".cache" / "handbook"

    @property
    def search_terms(self) -> Path:
        """The terms of every search document, by the document's digest (handbook/search/ranking.py)."""
        return self.cache / "search-terms.json"

    @property
    def outputs(self) -> Path:
        """Parsed sources, flow diagrams and Excel workbooks made by earlier builds, by the digest of their inputs."""
        return self.cache / "outputs"

    def relative(self, path: Path) -> str:
        """The path as shown in messages: relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
