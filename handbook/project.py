"""Where a handbook project keeps its sources, relative to the folder holding mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.errors import ProjectError


@dataclass(frozen=True)
class Project:
    """The folders and files of one handbook project."""

    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """Find the project whose mkdocs.yml is in `start` or one of its parents."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "book.yaml").is_file():
                return cls(folder)
        raise ProjectError(f"{here}: no handbook project here (no mkdocs.yml with book.yaml beside it)")

    @property
    def book(self) -> Path:
        """The book's structure: parts, chapters, sections."""
        return self.root / "book.yaml"

    @property
    def regulations(self) -> Path:
        """One Markdown file per regulation."""
        return self.root / "regulations"

    @property
    def activities(self) -> Path:
        """One Markdown file per special activity."""
        return self.root / "activities"

    @property
    def flows(self) -> Path:
        """One YAML file per flow."""
        return self.root / "flows"

    @property
    def units(self) -> Path:
        """One YAML file per organisational unit."""
        return self.root / "organisation" / "units"

    @property
    def roles(self) -> Path:
        """All roles and posts, in one YAML file."""
        return self.root / "organisation" / "roles.yaml"

    @property
    def glossary(self) -> Path:
        """All glossary terms, in one YAML file."""
        return self.root / "glossary.yaml"

    @property
    def docs(self) -> Path:
        """Hand-written pages only; nothing generated is ever written here."""
        return self.root / "docs"

    @property
    def cache(self) -> Path:
        """Build by-products that are not pages (e.g. the jieba user dictionary)."""
        return self.root / ".cache" / "handbook"

    @property
    def source_dirs(self) -> list[Path]:
        """Everything a change to which must trigger a rebuild."""
        return [self.book, self.regulations, self.activities, self.flows, self.root / "organisation", self.glossary]

    def relative(self, path: Path) -> str:
        """The path as shown in messages: relative to the project root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
