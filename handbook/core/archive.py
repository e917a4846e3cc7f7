"""A zip archive someone sends in (.xlsx, .docx), checked before anything inside it is parsed.

A small file can unpack to gigabytes (a zip bomb), so the file's size and the declared sizes of its
members are checked against limits first; what parses the XML afterwards (openpyxl through
defusedxml, python-docx through lxml with entities left unresolved) is the caller's.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_RATIO = 200  # unpacked / packed size of one member: XML compresses about 10–30 times, bombs far more


@dataclass(frozen=True)
class Limits:
    """What an archive of one kind may be: its size, its size unpacked, how many members (None: any)."""

    file_bytes: int
    unpacked_bytes: int
    members: int | None = None


class ArchiveError(Exception):
    """The file is not an archive that can be read safely; the message says why, for a person."""


def check_size(path: Path, most: int, noun: str) -> None:
    """Raise ArchiveError unless the file at `path` can be read and holds at most `most` bytes (`noun`: 'file')."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArchiveError(exc.strerror or str(exc)) from None
    if size > most:
        raise ArchiveError(f"{size // 1024 // 1024} MB; a {noun} of more than {most // 1024 // 1024} MB is not read")


def check_archive(path: Path, limits: Limits, what: str, noun: str) -> None:
    """Raise ArchiveError unless `path` is a zip archive within `limits`.

    `what` names the kind for a damaged file ('a Word document (.docx)'), `noun` for one too large ('file').
    """
    check_size(path, limits.file_bytes, noun)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError(f"not {what}, or the file is damaged: {exc}") from None
    if limits.members is not None and len(entries) > limits.members:
        raise ArchiveError(f"holds {len(entries)} files; more than {limits.members} is not read")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.unpacked_bytes:
        most = limits.unpacked_bytes // 1024 // 1024
        raise ArchiveError(f"unpacks to {unpacked // 1024 // 1024} MB; more than {most} MB is not read")
    for entry in entries:
        if entry.file_size > MAX_RATIO * max(entry.compress_size, 1024):
            raise ArchiveError(
                f"{entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1)} times its size: not read"
            )
