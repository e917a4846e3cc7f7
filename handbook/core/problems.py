"""Problems found in sources, collected as values, and the one exception family."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place of one source file.

    A warning (an overdue review) is reported like an error but does not fail a check or a build:
    the sources are valid, only someone has work to do.
    """

    path: str
    line: int
    message: str
    key: str = ""
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        if self.key:
            where += f" ({self.key})"
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"

    def as_dict(self) -> dict[str, object]:
        """Return the problem as a plain dict for the JSON reporter (which lists warnings apart)."""
        found = asdict(self)
        del found["warning"]
        return found


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that fail a check: all but the warnings."""
    return [problem for problem in problems if not problem.warning]


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
    """The sources are invalid; carries every problem of the run (with the warnings, reported alongside)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ProjectError(HandbookError):
    """The project itself is unusable (no config, missing folder, failed build)."""
