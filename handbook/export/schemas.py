"""JSON Schemas of every source kind and the editor settings that wire them to the files, from the registry."""

from __future__ import annotations

import json
from typing import Any

from handbook.core.project import BOOK
from handbook.kinds.spec import Registry
from handbook.model.book import Book

SCHEMA_FOLDER = "schemas"


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
