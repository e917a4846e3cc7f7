"""The pipeline as the data flows: load sources → validate into one model → index → render pages."""

from __future__ import annotations

from pathlib import Path

from handbook.documents import documents
from handbook.load import load_sources
from handbook.model import Handbook
from handbook.project import Project
from handbook.related import page_refs, related_pages, similar_pages
from handbook.render.glossary import user_dictionary
from handbook.render.site import Page, render_site
from handbook.searchindex import Searcher, ensure_index
from handbook.validate import build_model


def load_model(project: Project) -> Handbook:
    """Load and validate every source; raise SourceProblems listing all problems."""
    return build_model(load_sources(project))


def search_index(project: Project, model: Handbook) -> Path:
    """The Whoosh index of the model, rebuilt only when the sources changed."""
    folder = project.cache / "whoosh"
    ensure_index(folder, documents(model), user_dictionary(model))
    return folder


def generate(project: Project, *, related: bool = True) -> tuple[Handbook, list[Page]]:
    """Load, validate and render the generated pages (with related content unless told not to)."""
    model = load_model(project)
    if not related:
        return model, render_site(model, {})
    searcher = Searcher(search_index(project, model))
    try:
        similar = similar_pages(searcher, page_refs(model), project.cache / "similar.json")
    finally:
        searcher.close()
    return model, render_site(model, related_pages(model, similar))
