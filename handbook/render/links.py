"""Where every object's page lives, and links to it from any other page."""

from __future__ import annotations

import posixpath

from handbook.model import Handbook
from handbook.refs import Ref, find_markdown_refs, parse_ref
from handbook.render.markdown import link_text

GLOSSARY = "glossary.md"
FOLDERS = {"reg": "regulations", "flow": "flows", "act": "activities", "unit": "organisation", "role": "roles"}


def page_of(ref: Ref) -> str:
    """The src_uri of the page that shows the referenced object."""
    if ref.kind == "term":
        return GLOSSARY
    return f"{FOLDERS[ref.kind]}/{ref.id}.md"


def page_url(src_uri: str) -> str:
    """The site-relative URL MkDocs gives a Markdown page (directory URLs): flows/x.md → flows/x/."""
    stem = src_uri.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def anchor_of(ref: Ref) -> str | None:
    """The HTML anchor of the referenced object on its page, if it has one."""
    if ref.kind == "term":
        return f"term-{ref.id}"
    if ref.kind == "flow" and ref.anchor:
        return f"step-{ref.anchor}"
    return ref.anchor


def place_page(place_id: str) -> str:
    """The src_uri of the landing page of a part, chapter or section."""
    return f"book/{place_id}/index.md"


def relative(target: str, source: str) -> str:
    """The link from page `source` to page `target` (both src_uris), as MkDocs expects."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


class Linker:
    """Writes Markdown links between pages of one model, relative to the page being written."""

    def __init__(self, model: Handbook, page: str) -> None:
        self.model = model
        self.page = page

    def url(self, ref: Ref) -> str:
        """The relative URL of a reference (with anchor)."""
        anchor = anchor_of(ref)
        target = page_of(ref)
        path = "" if target == self.page else relative(target, self.page)
        return path + (f"#{anchor}" if anchor else "")

    def to(self, target: str) -> str:
        """The relative URL of another page given by src_uri."""
        return relative(target, self.page)

    def link(self, ref: Ref, label: str | None = None) -> str:
        """A Markdown link to a reference, labelled with its title unless told otherwise."""
        return f"[{link_text(label or self.model.title_of(ref))}]({self.url(ref)})"

    def link_ref(self, text: str, label: str | None = None) -> str:
        """A Markdown link to a reference given as text (validated earlier)."""
        return self.link(parse_ref(text), label)

    def resolve(self, markdown: str) -> str:
        """Replace every `[[kind:id#anchor|text]]` in Markdown with a link (code blocks untouched)."""
        found = find_markdown_refs(markdown)
        out, last = [], 0
        for item in found:
            start, end = item.span
            out.append(markdown[last:start])
            out.append(self.link(parse_ref(item.ref_text), item.label))
            last = end
        out.append(markdown[last:])
        return "".join(out)
