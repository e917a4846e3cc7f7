"""JSON Schemas of every source kind and the editor settings that wire them to the files, from the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from handbook.core.project import BOOK
from handbook.model.book import Book
from handbook.spec.kind import Registry

SCHEMA_FOLDER = "schemas"
EDITOR_SETTINGS = Path(".vscode/settings.json")
PRE_COMMIT = Path(".pre-commit-config.yaml")
# The `files:` line of the pre-commit hook that runs `handbook check` (the hook's other lines are the user's).
_CHECKED_FILES = re.compile(r"(?m)^(?P<indent>\s*)files: \^\(.*book\\\.yaml.*\)$")


def _json(data: object) -> str:
    """Stable, readable JSON as committed to the repository."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def schema_files(kinds: Registry) -> dict[str, str]:
    """File name → JSON Schema of the book and of one source file of every kind."""
    files = {"book.schema.json": _json(Book.model_json_schema())}
    for spec in kinds:
        files[f"{spec.name}.schema.json"] = _json(spec.file_schema.model_json_schema())
    return files


def editor_settings(kinds: Registry, current: dict[str, Any]) -> str:
    """VS Code settings with `yaml.schemas` derived from the registry (other settings are kept).

    Markdown front matter cannot be wired this way, so only the YAML kinds are listed.
    """
    wired = {f"./{SCHEMA_FOLDER}/book.schema.json": BOOK}
    for spec in kinds:
        if not spec.source.markdown:
            wired[f"./{SCHEMA_FOLDER}/{spec.name}.schema.json"] = spec.source.pattern
    return _json({**current, "yaml.schemas": wired})


def checked_files(kinds: Registry) -> str:
    """The pattern of the files whose change `handbook check` must see: the book, every kind's, hand-written pages."""
    watched = {BOOK, "docs/"}
    for spec in kinds:
        folder, name = spec.source.watched, spec.source.pattern.rpartition("/")[2]
        watched.add(folder if "." in folder.rpartition("/")[2] and "*" not in name else folder + "/")
    # A folder holding another's files covers them: assessment/ covers assessment/scores/.
    kept = sorted(w for w in watched if not any(o != w and o.endswith("/") and w.startswith(o) for o in watched))
    return "^(" + "|".join(re.escape(w).replace("\\/", "/") for w in kept) + ")"


def pre_commit_config(kinds: Registry, current: str) -> str:
    """The pre-commit configuration with the check hook's `files:` derived from the registry (the rest kept)."""
    return _CHECKED_FILES.sub(lambda m: f"{m['indent']}files: {checked_files(kinds)}", current, count=1)


def registry_files(root: Path, kinds: Registry) -> dict[Path, str]:
    """Every file the registry decides, with the text it should hold: the schemas, the editor settings and
    (when the project uses pre-commit) the files the check hook watches."""
    settings = root / EDITOR_SETTINGS
    current = json.loads(settings.read_text(encoding="utf-8")) if settings.is_file() else {}
    wanted = {root / SCHEMA_FOLDER / name: text for name, text in schema_files(kinds).items()}
    wanted[settings] = editor_settings(kinds, current)
    if (root / PRE_COMMIT).is_file():
        wanted[root / PRE_COMMIT] = pre_commit_config(kinds, (root / PRE_COMMIT).read_text(encoding="utf-8"))
    return wanted
