"""The kinds registry is complete, and what used to be listed by hand is derived from it."""

from __future__ import annotations

import yaml
from conftest import ROOT, TODAY

from handbook.core.project import Project
from handbook.integrations.mkdocs.serve import watched
from handbook.kinds.registry import KINDS
from handbook.load.sources import source_paths


def test_every_kind_is_complete() -> None:
    """Unique prefix and name, an id, a title and page unless recorded data, search documents, anchors named."""
    assert len({spec.prefix for spec in KINDS}) == len({spec.name for spec in KINDS}) == len(list(KINDS))
    for spec in KINDS:
        assert "id" in spec.schema.model_fields or isinstance(getattr(spec.schema, "id", None), property)
        assert spec.title and spec.source.pattern and callable(spec.search), spec.name
        assert spec.own_page == (spec.render is not None), f"{spec.name}: a kind with a page of its own renders it"
        if spec.record:  # shown through other kinds' pages, never referenced
            continue
        assert "title" in spec.schema.model_fields, spec.name
        assert spec.own_page or spec.object_anchor, f"{spec.name}: a shared page needs each object's anchor"
        assert (spec.anchors is None) == (spec.anchor_name == ""), f"{spec.name}: anchors need a name for messages"
        if spec.source.container is not None:
            assert spec.source.list_key in spec.source.container.model_fields


def test_every_kind_has_sources_in_the_sample() -> None:
    """The sample handbook exercises every kind."""
    project = Project(ROOT, TODAY)
    assert all(source_paths(project, spec.source) for spec in KINDS)


def test_mkdocs_yml_lists_no_source_folders() -> None:
    """The watched folders come from the registry, not from a hand-kept list in mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "watch" not in config
    # The engine is wired once, through the hooks file (the plugin dispatches alike: test_engines.py).
    assert config["hooks"] == ["hooks/handbook_events.py"] and "handbook" not in config["plugins"]


def test_serve_watches_the_book_and_every_kind() -> None:
    """`handbook serve` rebuilds on a change to the configuration, docs/, the book or any kind's files."""
    project = Project(ROOT, TODAY)
    expected = {ROOT / "mkdocs.yml", project.docs, project.book} | {ROOT / spec.source.watched for spec in KINDS}
    assert set(watched(project)) == {path for path in expected if path.exists()}
