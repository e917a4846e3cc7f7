"""The pipeline as the data flows: load sources → validate into one model → render pages → index → related.

The search index and related content (similar text) need every search document cut by jieba, the
slowest step of a cold build. It does not change the pages MkDocs renders first, so a build starts
it in a second process (`warm_in_background`, unless the cache holds every document already), which
fills the cache of cut documents, and collects related content and the search index
(`related_content`, `site_files`) only when pages are templated.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

from handbook.core.cache import OutputCache
from handbook.core.problems import Problem
from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.kinds.registry import KINDS
from handbook.load.sources import load_sources
from handbook.model.handbook import Handbook
from handbook.render.site import Page, render_site
from handbook.search.ranking import TermCache, site_files
from handbook.validate.validator import build_model


def load_model(project: Project, blocking: Callable[[Problem], bool] | None = None) -> Handbook:
    """Load and validate every source; raise SourceProblems listing all problems (the `blocking` ones, if given)."""
    outputs = OutputCache(project.outputs)
    model = build_model(load_sources(project, KINDS, outputs), KINDS, project.today, blocking)
    model.outputs = outputs
    return model


def generate(project: Project) -> tuple[Handbook, list[Page]]:
    """Load, validate and render the generated pages."""
    model = load_model(project)
    return model, render_site(model)


def search_files(project: Project, model: Handbook) -> dict[str, bytes]:
    """The search index as site files (`{path: bytes}`), with the project's cache of cut documents."""
    terms = TermCache(project.search_terms)
    files = site_files(model, terms)
    terms.save()
    return files


def related_content(model: Handbook, terms: TermCache) -> dict[Ref, list[Ref]]:
    """The related pages of every page: explicit references, then similar text (of documents cut once)."""
    # Imported here: they bring NumPy, a fifth of the start-up of commands that never need related pages.
    from handbook.search.related import explicit_pages, needing_similar, related_pages, similar_pages
    from handbook.search.similar import Similarity

    explicit = explicit_pages(model)
    similar = similar_pages(model.kinds, Similarity(terms.bodies(model)), needing_similar(model, explicit))
    return related_pages(model, explicit, similar)


def warm_cache(root: str, today: str) -> None:
    """Fill the project's cache of the terms of every search document (only cut them: the build scores)."""
    project = Project(Path(root), dt.date.fromisoformat(today))
    model = load_model(project)
    terms = TermCache(project.search_terms)
    terms.bodies(model)
    terms.save()


def warm_in_background(project: Project) -> BaseProcess:
    """Start `warm_cache` in a second process; join it before reading the cache of cut documents.

    Whatever happens there, the foreground cuts what the cache lacks, so a failure in the
    background surfaces in the foreground with its proper error. A fresh
    interpreter (spawn), because a server (`mkdocs serve`) has threads and forking those is unsafe.
    """
    process = multiprocessing.get_context("spawn").Process(
        target=warm_cache, args=(str(project.root), project.today.isoformat()), daemon=True
    )
    process.start()
    return process
