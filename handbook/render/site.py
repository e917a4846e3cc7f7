"""All generated pages of a handbook, as (src_uri, Markdown) pairs for MkDocs virtual files."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.book import coverage_page, landing_page
from handbook.render.compare import change_pages
from handbook.render.lifecycle import REVIEW_PAGE, calendar_pages, review_page
from handbook.render.links import place_page


@dataclass(frozen=True)
class Page:
    """One generated page: where it lives in the site and its Markdown."""

    src_uri: str
    markdown: str


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page: a download such as a published table."""

    src_uri: str
    data: bytes


def render_assets(model: Handbook) -> list[Asset]:
    """Every kind's downloads (the assessment's CSV and Excel tables)."""
    return [Asset(uri, data) for spec in model.kinds if spec.assets for uri, data in spec.assets(model)]


def render_site(model: Handbook) -> list[Page]:
    """Render every generated page: indexes, object pages, landing pages, coverage, review plan, calendar.

    Rendering is pure: the output depends on the model only (related content is added to the HTML later).
    """
    links = model.backlinks()
    pages = []
    for spec in model.kinds:
        if spec.index_pages:
            pages += [Page(uri, markdown) for uri, markdown in spec.index_pages(model)]
    pages.append(Page("coverage.md", coverage_page(model)))
    pages += [Page(uri, markdown) for uri, markdown in change_pages(model)]
    pages.append(Page(REVIEW_PAGE, review_page(model)))
    pages += [Page(uri, markdown) for uri, markdown in calendar_pages(model)]
    pages += [Page(place_page(p.id), landing_page(model, p)) for p in model.places.values() if not p.shows]
    for spec in model.kinds:
        if spec.render is None:
            continue
        for object_id, doc in model.registry(spec.prefix).items():
            ref = Ref(spec.prefix, object_id)
            pages.append(Page(model.page_of(ref), spec.render(model, doc, links.get(ref, []))))
    return pages
