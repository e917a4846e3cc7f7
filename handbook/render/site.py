"""All generated pages of a handbook, as (src_uri, Markdown) pairs for MkDocs virtual files."""

from __future__ import annotations

from dataclasses import dataclass

from handbook.model import Handbook
from handbook.refs import Ref
from handbook.render.activities import activity_page
from handbook.render.book import coverage_page, landing_page
from handbook.render.flows import flow_index, flow_page
from handbook.render.glossary import glossary_page, load_words, user_dictionary
from handbook.render.links import GLOSSARY, page_of, place_page
from handbook.render.organisation import duties_index, role_page, unit_page, visions_page
from handbook.render.regulations import regulation_index, regulation_page


@dataclass(frozen=True)
class Page:
    """One generated page: where it lives in the site and its Markdown."""

    src_uri: str
    markdown: str


def render_site(model: Handbook) -> list[Page]:
    """Render every generated page of the handbook (related content is added to the HTML later)."""
    load_words(user_dictionary(model))  # page keywords are cut with the handbook's own words
    links = model.backlinks()
    pages = [
        Page("regulations/index.md", regulation_index(model)),
        Page("flows/index.md", flow_index(model)),
        Page("organisation/index.md", duties_index(model)),
        Page("organisation/visions.md", visions_page(model)),
        Page(GLOSSARY, glossary_page(model)),
        Page("coverage.md", coverage_page(model)),
    ]
    pages += [Page(place_page(p.id), landing_page(model, p)) for p in model.places.values() if not p.shows]
    renderers = (
        ("reg", model.regulations, regulation_page),
        ("flow", model.flows, flow_page),
        ("act", model.activities, activity_page),
        ("unit", model.units, unit_page),
        ("role", model.roles, role_page),
    )
    for kind, registry, render in renderers:
        for object_id, doc in registry.items():
            ref = Ref(kind, object_id)
            markdown = render(model, doc, links.get(ref, []))  # type: ignore[operator]
            pages.append(Page(page_of(ref), markdown))
    return pages
