"""Files written whole or not at all: a failed or interrupted command leaves no half-written file.

Each file is written to a temporary file in the same folder and renamed over the target (a rename
within one file system is atomic), so a reader, a later command or a crash never sees part of it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `path` whole, creating its folder; the old file stays until the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Opened with "x" rather than by mkstemp: the file gets the user's usual permissions (umask), not 0600.
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with temporary.open("xb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:  # Ctrl-C included: the temporary file goes, the target is as it was
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def swapped_folder(target: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[Path]:
    """A fresh folder beside `target` to write into; it replaces `target` when the block ends without error.

    One writer at a time: a lock file beside the target (`.NAME.lock`) makes a second build wait
    (`waiting` is called once if it has to). Holding the lock, any `.NAME.*` folder is a leftover
    of an earlier build that was killed, and is removed. A failed block leaves `target` as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f".{target.name}.lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(lock, fcntl.LOCK_EX)
        _clear_leftovers(target)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
            yield staging
            old = target.with_name(f".{target.name}.old")
            if target.exists():
                target.rename(old)
            staging.rename(target)
        finally:
            # Everything but the lock, as at the start: an interruption (Ctrl-C) can come between the
            # folder's making and its name reaching this frame, so the names are not enough.
            _clear_leftovers(target)


def _clear_leftovers(target: Path) -> None:
    """Remove the `.NAME.*` folders beside `target`: with the lock held, none is another build's."""
    for stale in target.parent.glob(f".{target.name}.*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
