"""A content-addressed cache of generated outputs on disk: the same input never costs twice.

Keys are digests of everything an output depends on, so an entry is never stale, only unused;
a write goes to a temporary file first, so a crash never leaves half an entry behind.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from pathlib import Path

from handbook.core.atomic import write_atomic


def digest(*parts: str) -> str:
    """The key of some inputs."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class OutputCache:
    """Generated outputs (drawings, workbooks, parsed sources) kept in one folder, one file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def data(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The bytes stored under `key`, made (and stored) if they are not there yet."""
        path = self.folder / key[:2] / key
        try:
            return path.read_bytes()
        except OSError:
            pass
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
