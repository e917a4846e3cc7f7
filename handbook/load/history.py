"""What git knows about the sources: each file's revisions, a file as it stood at a revision or a date.

Everything here degrades to "no history" outside a git work tree (a copied folder, a tarball):
the handbook builds the same, only without 修订记录.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from handbook.core.problems import ProjectError
from handbook.core.revisions import Revision

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _git(root: Path, *args: str) -> str | None:
    """The output of a git command in the project, or None if git cannot answer."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def histories(root: Path, folders: list[str]) -> dict[str, list[Revision]]:
    """Every source file's revisions, newest first, by path relative to the project (one git call)."""
    out = _git(root, "log", "--format=%x1e%H%x1f%ad%x1f%s", "--date=short", "--name-only", "--relative", "--", *folders)
    result: dict[str, list[Revision]] = {}
    for record in (out or "").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, day, summary = head.split("\x1f", 2)
        revision = Revision(commit, date.fromisoformat(day), summary)
        for name in filter(None, names.splitlines()):
            result.setdefault(name, []).append(revision)
    return result


@dataclass(frozen=True)
class Committed:
    """One committed version of a file: the commit, its day, and the text (None: the commit deleted the file).

    `data` is what the text says (a Markdown file's front matter), once the sources' loading has parsed it;
    None also for a text that cannot be parsed.
    """

    commit: str
    day: date
    text: str | None
    data: Any = field(default=None, repr=False, compare=False)


def committed_versions(root: Path, folders: list[str]) -> dict[str, list[Committed]]:
    """Every committed version of each file under `folders`, oldest first, by path (two git calls in all).

    What entered-once records and the append-only ledger are compared with: what was committed
    can be seen, whatever the working tree now holds.
    """
    if not folders:
        return {}
    out = _git(root, "log", "--reverse", "--format=%x1e%H%x1f%cs", "--name-status", "--relative", "--", *folders)
    changes: list[tuple[str, str, date, bool]] = []  # (path, commit, day, deleted)
    for record in (out or "").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, when = head.split("\x1f")
        for line in filter(None, names.splitlines()):
            status, *paths = line.split("\t")
            if status.startswith("R"):  # a rename deletes the old path and adds the new one
                changes += [(paths[0], commit, date.fromisoformat(when), True)]
                paths = paths[1:]
            changes += [(paths[-1], commit, date.fromisoformat(when), status.startswith("D"))]
    texts = _texts(root, [(path, commit) for path, commit, _, deleted in changes if not deleted])
    result: dict[str, list[Committed]] = {}
    for path, commit, day, deleted in changes:
        result.setdefault(path, []).append(Committed(commit, day, None if deleted else texts.get((path, commit))))
    return result


@dataclass(frozen=True)
class GitRecords:
    """What git holds of a project's sources at one commit (none of it depends on the working tree)."""

    history: dict[str, list[Revision]]  # by path: each document's revisions, newest first
    previous: dict[str, str]  # by path: a document's text before its last revision
    committed: dict[str, list[Committed]]  # by path: every committed version of a record, oldest first


def head_commit(root: Path) -> str | None:
    """The commit checked out in the project's work tree (None outside git, or before the first commit)."""
    found = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return found.strip() or None if found is not None else None


def git_records(root: Path, documents: list[str], records: list[str]) -> GitRecords:
    """The revisions and earlier texts of the files under `documents`, and every version of those under `records`."""
    history = histories(root, documents)
    previous = texts_at(root, {path: found[1].commit for path, found in history.items() if len(found) > 1})
    return GitRecords(history, previous, committed_versions(root, records))


def revision_of(root: Path, path: str, given: str) -> str | None:
    """The commit a revision names: a date (the last change on or before it) or any git revision."""
    if _DATE.match(given):
        try:
            day = date.fromisoformat(given)
        except ValueError:
            return None
        # A bare date would mean that day at the current time of day: the day's end is meant.
        found = _git(root, "log", "-1", "--format=%H", f"--until={day.isoformat()} 23:59:59", "--", path)
        return found.strip() or None if found is not None else None
    found = _git(root, "rev-parse", "--verify", "--quiet", f"{given}^{{commit}}")
    return found.strip() if found else None


def text_at(root: Path, path: str, commit: str) -> str | None:
    """A file as it stood at a commit (None if it did not exist then)."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    return _git(root, "show", f"{commit}:{(prefix or '').strip()}{path}")


@dataclass(frozen=True)
class Past:
    """A copy of the project as it stood at a commit: its sources, today's site settings."""

    root: Path
    commit: str


def sources_as_of(root: Path, day: date, scratch: Path) -> Past:
    """Check out the project's files at the last commit on or before `day` into `scratch`.

    The sources are the past's; mkdocs.yml, its hooks, the site's assets and node_modules stay today's, since
    the engine building them is today's. ProjectError if git has no commit that old.
    """
    found = _git(root, "log", "-1", "--format=%H", f"--until={day.isoformat()} 23:59:59")
    commit = (found or "").strip()
    if not commit:
        raise ProjectError(f"git has no commit of this project on or before {day} (or this is not a git work tree)")
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise ProjectError(f"git archive of {commit[:7]} failed: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(scratch, filter="data")
    for name in ("mkdocs.yml", "docs/assets", "hooks"):  # hooks/: the MkDocs hooks mkdocs.yml names
        past, present = scratch / name, root / name
        if past.is_dir():
            shutil.rmtree(past)
        if present.is_dir():
            shutil.copytree(present, past)
        elif present.is_file():
            shutil.copy(present, past)
    if (root / "node_modules").exists() and not (scratch / "node_modules").exists():
        (scratch / "node_modules").symlink_to((root / "node_modules").resolve())
    return Past(scratch, commit)


def texts_at(root: Path, wanted: dict[str, str]) -> dict[str, str]:
    """Files as they stood at given commits ({path: commit} → {path: text}), in one git process."""
    found = _texts(root, list(wanted.items()))
    return {path: found[(path, commit)] for path, commit in wanted.items() if (path, commit) in found}


def _texts(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Files as they stood at commits, by (path, commit), in one git process (missing ones left out)."""
    if not wanted:
        return {}
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    request = "".join(f"{commit}:{prefix}{path}\n" for path, commit in wanted).encode()
    try:
        done = subprocess.run(["git", "-C", str(root), "cat-file", "--batch"], input=request, capture_output=True)
    except OSError:
        return {}
    out, result, at = done.stdout, {}, 0
    for key in wanted:  # each answer: "<sha> <type> <size>\n<content>\n", or "<name> missing\n"
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            result[key] = out[at : at + size].decode("utf-8", errors="replace")
            at += size + 1
    return result
