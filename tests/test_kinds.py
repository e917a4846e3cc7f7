"""The kinds registry is complete, and what used to be listed by hand is derived from it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, make_case
from pydantic import BaseModel

from handbook.core.problems import SourceProblems
from handbook.core.project import Project
from handbook.export.schemas import checked_files, schema_files
from handbook.integrations.mkdocs.serve import watched
from handbook.kinds.registry import KINDS
from handbook.load.sources import load_sources, source_paths
from handbook.model.handbook import Handbook
from handbook.render.book import nav_pages, site_nav
from handbook.render.site import render_site
from handbook.spec.doc import Doc, RefUse
from handbook.spec.kind import KindSpec, Registry, Source, no_documents
from handbook.validate.validator import build_model


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
    # Nor the kinds' pages: the registry lists their indexes in the nav and leaves the rest out of it.
    assert "not_in_nav" not in config
    listed = {uri for spec in KINDS for uri in spec.listed}
    assert listed and not listed & set(nav_pages(config["nav"]))


def test_serve_watches_the_book_and_every_kind() -> None:
    """`handbook serve` rebuilds on a change to the configuration, docs/, the book or any kind's files."""
    project = Project(ROOT, TODAY)
    expected = {ROOT / "mkdocs.yml", project.docs, project.book} | {ROOT / spec.source.watched for spec in KINDS}
    assert set(watched(project, KINDS)) == {path for path in expected if path.exists()}


class Notice(BaseModel):
    """The test kind's one object: a notice with an id and a title."""

    id: str
    title: str


def _notice_page(model: Handbook, doc: Doc[Notice], links: list[RefUse]) -> str:
    """The test kind's object page."""
    return f"# {doc.meta.title}\n"


def _notice_index(model: Handbook) -> list[tuple[str, str]]:
    """The test kind's index page, listing every notice."""
    return [("notices/index.md", "# 通知\n\n" + "".join(f"- {n}\n" for n in model.registry("notice")))]


NOTICE = KindSpec(
    prefix="notice",
    name="notice",
    title="通知",
    source=Source("notices/*.yaml"),
    schema=Notice,
    page="notices/{id}.md",
    render=_notice_page,
    index_pages=_notice_index,
    listed=("notices/index.md",),
    search=no_documents,
)


def test_a_new_kind_needs_its_folder_and_one_registry_line(tmp_path: Path) -> None:
    """A kind defined here (its schema, page and index) and added to the registry as one entry: its sources are
    loaded and checked, its pages rendered, its index listed in the nav (its objects linked from the index, left
    out of it), its schema written, its folder watched by `handbook serve` and the pre-commit check."""
    project = Project(make_case(tmp_path), TODAY)
    (project.root / "notices").mkdir()
    (project.root / "notices" / "tingdian.yaml").write_text("id: tingdian\ntitle: 停电通知\n", encoding="utf-8")
    kinds = Registry([*KINDS, NOTICE])

    model = build_model(load_sources(project, kinds), kinds, TODAY)
    assert list(model.registry("notice")) == ["tingdian"]
    generated = {page.src_uri for page in render_site(model)}
    assert {"notices/index.md", "notices/tingdian.md"} <= generated
    nav = site_nav(model, ["index.md", "@book", {"索引与附录": ["coverage.md"]}], "@book", generated)
    indexes = ["regulations/index.md", "flows/index.md", "glossary.md", "binders/index.md", "courses/index.md"]
    assert nav[-1] == {"索引与附录": [*indexes, "notices/index.md", "coverage.md"]}
    assert "notices/tingdian.md" not in set(nav_pages(nav))
    assert "notice.schema.json" in schema_files(kinds)
    assert "|notices/" in checked_files(kinds)
    assert project.root / "notices" in watched(project, kinds)

    (project.root / "notices" / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    with pytest.raises(SourceProblems, match=r"notices/broken\.yaml:1 \(title\)"):
        build_model(load_sources(project, kinds), kinds, TODAY)
