"""A zip archive someone sends in (.docx), checked before anything inside it is parsed.

The same approach as the workbooks' (handbook/core/xlsx.py): a small file can unpack to gigabytes
(a zip bomb), so the declared sizes of the members are checked against limits first; the XML is
then parsed by lxml with entities left unresolved (python-docx's parser), so no entity expands or
reads a local file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

# A Word regulation is 20–200 KB, with pictures a few MB; these leave room for far more.
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed size of one member: XML compresses about 10–30 times, bombs far more
MAX_MEMBERS = 2_000


class ArchiveError(Exception):
    """The file is not an archive that can be read safely; the message says why, for a person."""


def check_archive(path: Path, what: str) -> None:
    """Raise ArchiveError unless `path` is a zip archive within the limits (`what`: 'a Word document (.docx)')."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ArchiveError(exc.strerror or str(exc)) from None
    if size > MAX_FILE_BYTES:
        megabytes = MAX_FILE_BYTES // 1024 // 1024
        raise ArchiveError(f"{size // 1024 // 1024} MB; a file of more than {megabytes} MB is not read")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveError(f"not {what}, or the file is damaged: {exc}") from None
    if len(entries) > MAX_MEMBERS:
        raise ArchiveError(f"holds {len(entries)} files; more than {MAX_MEMBERS} is not read")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ArchiveError(
            f"unpacks to {unpacked // 1024 // 1024} MB; more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB is not read"
        )
    for entry in entries:
        if entry.file_size > MAX_RATIO * max(entry.compress_size, 1024):
            raise ArchiveError(
                f"{entry.filename} unpacks {entry.file_size // max(entry.compress_size, 1)} times its size: not read"
            )
