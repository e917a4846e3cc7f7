"""Files of one command written all or none: a failed or interrupted import leaves the project as it was."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_all(root: Path, files: dict[str, bytes], replacing: frozenset[str] = frozenset()) -> list[Path]:
    """Write new files under `root` (over an existing one only if named in `replacing`), all or none.

    Each is written to a temporary file beside it, then all are renamed into place. A failure at
    any point (a full disk, Ctrl-C) removes the temporary files, the new files already renamed and
    the folders made for them, and puts back the replaced files' old text. Returns the files written.
    """
    targets = {root / relative: data for relative, data in files.items()}
    existing = [
        path for relative, path in zip(files, targets, strict=True) if path.exists() and relative not in replacing
    ]
    if existing:
        raise FileExistsError(17, "exists already; an import never overwrites a source", str(existing[0]))
    old = {path: path.read_bytes() for path in targets if path.exists()}
    made: list[Path] = []  # folders made, parents first
    temporary: dict[Path, Path] = {}
    placed: list[Path] = []
    try:
        for path, data in targets.items():
            for folder in reversed([*path.parents]):
                if folder.is_relative_to(root) and not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            scratch = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
            temporary[path] = scratch
            with scratch.open("xb") as out:
                out.write(data)
        for path, scratch in temporary.items():
            os.replace(scratch, path)
            placed.append(path)
    except BaseException:
        remove([*(p for p in placed if p not in old), *temporary.values()], made)
        restore({path: data for path, data in old.items() if path in placed})
        raise
    return placed


def restore(old: dict[Path, bytes]) -> None:
    """Put back the text replaced files had (each whole: written beside, then renamed)."""
    for path, data in old.items():
        scratch = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        scratch.write_bytes(data)
        os.replace(scratch, path)


def remove(paths: list[Path], folders: list[Path]) -> None:
    """Undo a write: remove the files, then the folders made for them (deepest first) when left empty."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()
