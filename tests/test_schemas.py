"""The committed JSON Schemas (wired to editors in .vscode/settings.json) match the source models."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

from handbook.cli import main


def test_committed_schemas_are_current(tmp_path: Path) -> None:
    """`handbook schema` regenerates exactly the files in schemas/ (run it after changing the schema)."""
    assert main(["--root", str(ROOT), "schema", "--output", str(tmp_path)]) == 0
    fresh = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.json")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*.json")}
    assert fresh == committed


def test_editor_settings_point_at_existing_schemas() -> None:
    """Every schema named in the VS Code settings exists."""
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (ROOT / schema).is_file(), schema
