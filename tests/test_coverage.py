"""The sample handbook covers the whole catalogue of the book, with nothing left to write."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TODAY

from handbook.core.project import Project
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model
from handbook.spec.common import Status

CATALOGUE = Path(__file__).resolve().parent / "data" / "catalogue.txt"


def test_every_catalogue_document_is_a_written_source() -> None:
    """Each document of 第一篇 to 第六篇 exists with its page, and none is 待补充."""
    model = load_model(Project(ROOT, TODAY))
    documents = {(d.meta.page, d.meta.title): d for reg in (model.regulations, model.activities) for d in reg.values()}
    wanted = [line.split("\t") for line in CATALOGUE.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    missing = [(page, title) for page, title in wanted if (int(page), title) not in documents]
    assert missing == []
    unwritten = [key for key, doc in documents.items() if doc.meta.status == Status.TO_WRITE]
    assert unwritten == []


def test_every_flow_section_has_flows_and_everything_is_written() -> None:
    """Every section of 第三篇 holds at least one flow; no unit, role or flow is 待补充."""
    model = load_model(Project(ROOT, TODAY))
    sections = [p.id for p in model.places.values() if p.id.startswith("p3.") and not _has_children(model, p.id)]
    assert [s for s in sections if not model.in_place(s)] == []
    assert len(model.flows) >= 25
    for registry in (model.flows, model.units, model.roles):
        assert [d.meta.id for d in registry.values() if d.meta.status == Status.TO_WRITE] == []


def _has_children(model: Handbook, place_id: str) -> bool:
    """Whether a place has chapters or sections below it."""
    return any(p.parent == place_id for p in model.places.values())
