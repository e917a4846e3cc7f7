"""A content-addressed cache of generated outputs on disk: the same input never costs twice.

Keys are digests of everything an output depends on, so an entry is never stale, only unused;
a write goes to a temporary file first, so a crash never leaves half an entry behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from handbook.core.atomic import write_atomic


def digest(*parts: str) -> str:
    """The key of some inputs."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def user_cache(name: str) -> Path:
    """A folder of the user's cache (XDG) for one kind of output, never a shared folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "handbook" / name


class OutputCache:
    """Generated outputs (drawings, workbooks, parsed sources) kept in one folder, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def stored(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None."""
        try:
            return (self.folder / key[:2] / key).read_bytes()
        except OSError:
            return None

    def data(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under `key`, made (and stored) if they are not there yet."""
        stored = self.stored(key)
        if stored is not None:
            return stored
        data = make()
        self.put(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, replacing what was there."""
        with contextlib.suppress(OSError):  # a read-only or full disk only costs the next build the output again
            write_atomic(self.folder / key[:2] / key, data)

    def text(self, key: str, make: Callable[[], str]) -> str:
        """The text stored under `key`, made (and stored) if it is not there yet."""
        return self.data(key, lambda: make().encode("utf-8")).decode("utf-8")
