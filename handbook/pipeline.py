"""The pipeline as the data flows: load sources → validate into one model → render pages → index → related.

The Whoosh index and the words of every text (for similar pages) are the slowest steps of a cold
build. They do not change the pages MkDocs renders first, so a build starts them in a second
process (`warm_in_background`) and collects related content (`related_content`) only when pages
are templated; both are cached, so later builds find them warm.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.process import BaseProcess
from pathlib import Path

from handbook.core.cache import TextCache
from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.kinds.registry import KINDS
from handbook.load.sources import load_sources
from handbook.model.handbook import Handbook
from handbook.render.site import Page, render_site
from handbook.search.documents import documents
from handbook.search.index import ensure_index, words_of
from handbook.search.related import explicit_pages, needing_similar, related_pages, similar_pages
from handbook.search.similar import Similarity, body_terms
from handbook.validate.validator import build_model


def load_model(project: Project) -> Handbook:
    """Load and validate every source; raise SourceProblems listing all problems."""
    model = build_model(load_sources(project, KINDS), KINDS, project.today)
    model.drawings = TextCache(project.drawings)
    return model


def generate(project: Project) -> tuple[Handbook, list[Page]]:
    """Load, validate and render the generated pages."""
    model = load_model(project)
    return model, render_site(model)


def search_index(project: Project, model: Handbook) -> Path:
    """The Whoosh index of the model, rebuilt only when the sources changed."""
    ensure_index(project.whoosh, documents(model), model.segmenter)
    return project.whoosh


def related_content(project: Project, model: Handbook) -> dict[Ref, list[Ref]]:
    """The related pages of every page: explicit references, then similar text (words cached per text)."""
    explicit = explicit_pages(model)
    segmenter = model.segmenter
    terms = body_terms(documents(model), segmenter.words, words_of(segmenter), project.body_words)
    similar = similar_pages(model.kinds, Similarity(terms), needing_similar(model, explicit))
    return related_pages(model, explicit, similar)


def warm_cache(root: str) -> None:
    """Build the search index and the words of every text into the project's cache."""
    project = Project(Path(root))
    model = load_model(project)
    search_index(project, model)
    related_content(project, model)


def warm_in_background(project: Project) -> BaseProcess:
    """Start `warm_cache` in a second process; join it before calling `related_content`.

    Whatever happens there, `related_content` does the same work again only if the cache is not
    warm, so a failure in the background surfaces in the foreground with its proper error. A fresh
    interpreter (spawn), because `mkdocs serve` has threads and forking those is unsafe.
    """
    process = multiprocessing.get_context("spawn").Process(target=warm_cache, args=(str(project.root),), daemon=True)
    process.start()
    return process
