"""The pipeline as the data flows: load sources → validate into one model → render pages."""

from __future__ import annotations

from handbook.load import load_sources
from handbook.model import Handbook
from handbook.project import Project
from handbook.render.site import Page, render_site
from handbook.validate import build_model


def load_model(project: Project) -> Handbook:
    """Load and validate every source; raise SourceProblems listing all problems."""
    return build_model(load_sources(project))


def generate(project: Project) -> tuple[Handbook, list[Page]]:
    """Load, validate and render the generated pages of a project."""
    model = load_model(project)
    return model, render_site(model)
