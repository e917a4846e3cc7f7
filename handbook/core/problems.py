"""Problems found in sources, collected as values, and the one exception family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one source file."""

    path: str
    line: int
    message: str
    key: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.key:
            where += f" ({self.key})"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a plain dict for the JSON reporter."""
        return asdict(self)


def choices(names: Iterable[object], limit: int = 12) -> str:
    """A short, sorted list of valid choices for an error message."""
    items = sorted(str(n) for n in names)
    if not items:
        return "(none)"
    shown = ", ".join(items[:limit])
    return shown + (f" … ({len(items)} in all)" if len(items) > limit else "")


class HandbookError(Exception):
    """Base of every error the CLI reports without a traceback."""


class SourceProblems(HandbookError):
    """The sources are invalid; carries every problem of the run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ProjectError(HandbookError):
    """The project itself is unusable (no config, missing folder, failed build)."""
