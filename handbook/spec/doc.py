"""A validated source object, and a reference from one object to another."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from handbook.core.located import Loc, Located
from handbook.core.refs import Ref

T = TypeVar("T")


@dataclass
class Doc(Generic[T]):
    """A validated source object with where it came from (and its Markdown body, if any)."""

    meta: T
    source: Located
    loc: Loc = ()
    body: str = ""
    body_line: int = 1

    @property
    def path(self) -> str:
        """The source file, relative to the project root."""
        return self.source.path

    @property
    def line(self) -> int:
        """The line where the object starts."""
        return self.source.line_of(self.loc)


@dataclass(frozen=True)
class RefUse:
    """A reference from one object to another, kept for backlinks and checks."""

    source: Ref
    target: Ref
    path: str
    line: int
