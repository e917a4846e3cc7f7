"""What was committed stays: records entered once never change, the ledger only grows (compared with git).

A kind says what may become of its files once committed (`KindSpec.committed`):

- "once": the file's data never changes and the file is never deleted — results are entered once,
  a mistake is put right by a correction entry, which is a file of its own;
- "append": the file's list of objects only grows — every seal ever committed stays, unchanged, in
  its place. A version written in another layout (its `format` differs from the file's now) is
  from before an engine upgrade that rewrote the ledger, and is not compared.

Data, not text, is compared: a comment or a reformatted line is not a change. Outside a git work
tree there is no history and nothing to compare; on a shared branch, protecting the branch
against rewriting its history is what makes this a guarantee (docs/guide/deployment.md).
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import PurePosixPath
from typing import Any

from handbook.core.cache import digest
from handbook.core.problems import Problem
from handbook.load.history import Committed
from handbook.load.sources import RawSources
from handbook.spec.kind import KindSpec, Registry


def _canonical(data: Any) -> str:
    """One string per value, whatever the key order."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def committed_problems(raw: RawSources, kinds: Registry) -> list[Problem]:
    """Every committed record changed or deleted since, and every ledger version not kept whole."""
    problems: list[Problem] = []
    for spec in kinds:
        if not spec.committed:
            continue
        current = {file.path: file.meta.data for file in raw.files.get(spec.prefix, [])}
        for path, versions in raw.committed.items():
            if not PurePosixPath(path).match(spec.source.pattern):
                continue
            if spec.committed == "once":
                problems += _entered_once(spec, path, versions, current, raw.text_keys.get(path))
            else:
                problems += _appended(spec, path, versions, current)
    return problems


def _entered_once(
    spec: KindSpec[Any], path: str, versions: list[Committed], current: dict[str, Any], text_key: str | None
) -> list[Problem]:
    """A record as first committed is the record: no later commit and no edit in the work tree changes it.

    `text_key`: the digest of the file's text now. A text the same as the first one's holds the same data,
    so only a text that differs is parsed: a year of results is checked without parsing its history.
    """
    first = versions[0]

    @functools.cache
    def entered() -> str:
        """The data as first committed, parsed when a text differs from it."""
        return _canonical(first.data)

    since = f"since it was first committed on {first.day} ({first.commit[:7]})"
    for version in versions[1:]:
        if version.text is None:
            message = f"deleted on {version.day} ({version.commit[:7]}) {since}: results are entered once"
        elif version.text != first.text and _canonical(version.data) != entered():
            message = f"changed on {version.day} ({version.commit[:7]}) {since}: results are entered once"
        else:
            continue
        return [Problem(path, 1, message + "; put a mistake right with a correction entry")]
    if path not in current:
        return [Problem(path, 1, f"deleted {since}: results are entered once; restore it from git")]
    if (first.text is None or text_key != digest(first.text)) and _canonical(current[path]) != entered():
        message = f"changed {since}: results are entered once; put a mistake right with a correction entry"
        return [Problem(path, 1, message)]
    return []


def _appended(spec: KindSpec[Any], path: str, versions: list[Committed], current: dict[str, Any]) -> list[Problem]:
    """Each committed version's list of objects begins the next version's list, and the file's now."""
    key = spec.source.list_key or ""
    now = current.get(path)
    chain = [(f"{v.day} ({v.commit[:7]})", v.data) for v in versions if v.text is not None]
    if now is None:
        return [Problem(path, 1, f"deleted; it was committed on {chain[-1][0]} and only grows")] if chain else []
    layout = now.get("format") if isinstance(now, dict) else None
    chain = [(when, data) for when, data in chain if isinstance(data, dict) and data.get("format") == layout]
    for (when, data), (later, grown) in itertools.pairwise([*chain, ("the file as it is now", now)]):
        kept = [_canonical(item) for item in data.get(key) or []]
        if [_canonical(item) for item in grown.get(key) or []][: len(kept)] != kept:
            message = (
                f"what was committed on {when} is not kept whole in {later}: its {len(kept)} {key} "
                "may only be followed by new ones, never changed or removed"
            )
            return [Problem(path, 1, message)]
    return []
