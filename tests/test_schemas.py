"""The committed JSON Schemas and editor settings are what the kinds registry gives."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from handbook.cli import main
from handbook.kinds.registry import KINDS


def test_committed_schemas_and_editor_settings_are_current(capsys: pytest.CaptureFixture[str]) -> None:
    """`handbook schema --check` finds nothing to rewrite (run `handbook schema` after changing a kind)."""
    assert main(["--root", str(ROOT), "schema", "--check"]) == 0, capsys.readouterr().out


def test_editor_settings_wire_every_yaml_kind_to_an_existing_schema() -> None:
    """Every YAML kind of the registry is wired to its schema, and every wired schema exists."""
    wired = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert {spec.source.pattern for spec in KINDS if not spec.source.markdown} <= set(wired.values())
    for schema in wired:
        assert (ROOT / schema).is_file(), schema
