"""A revision of a source file, as git records it (read by handbook/load/history.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Revision:
    """One commit that changed a source file."""

    commit: str
    date: date
    summary: str
