"""Broken internal links and missing anchors in a built site, named by page and line.

MkDocs validates the links written in Markdown; this reads the HTML it wrote, so links from raw
HTML, generated pages and the theme are checked too. Each problem names the built file and line,
and the source the page was made from.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.spec.kind import page_url

# Attributes that point at something the browser fetches or jumps to.
_LINKING = {("a", "href"), ("img", "src"), ("script", "src"), ("link", "href"), ("source", "src")}


class _Page(HTMLParser):
    """The anchors a page defines and the links it makes, with their lines."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids and linking attributes."""
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in _LINKING:
                self.links.append((self.getpos()[0], value))


def _parse(path: Path) -> _Page:
    """Parse one HTML file."""
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _target(site: Path, page: str, url: str) -> tuple[str, str] | None:
    """The site file and anchor an internal URL points at; None for outside or special URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page, anchor
    if path.startswith("/"):
        return None  # absolute paths depend on where the site is served; MkDocs already rejects them
    file = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or (site / file).is_dir():
        file = posixpath.join(file, "index.html")
    return file, anchor


def page_sources(model: Handbook, docs_pages: list[str]) -> dict[str, str]:
    """Built file → the source it was made from: an object's YAML or Markdown, or a docs/ page."""
    sources = {page_url(uri) + "index.html": f"docs/{uri}" for uri in docs_pages}
    for spec in model.kinds.paged():
        for object_id, doc in model.registry(spec.prefix).items():
            sources[page_url(model.page_of(Ref(spec.prefix, object_id))) + "index.html"] = doc.path
    return sources


def check_site(site: Path, sources: dict[str, str]) -> list[Problem]:
    """Every internal link of the built `site` that leads nowhere; `sources` maps pages to sources."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed = {name: _parse(path) for name, path in pages.items()}
    problems = []
    for name, page in parsed.items():
        shown = f"{site.name}/{name}"
        origin = sources.get(name)
        made_from = f" (page made from {origin})" if origin else ""
        for line, url in page.links:
            target = _target(site, name, url)
            if target is None:
                continue
            file, anchor = target
            if file.startswith("../") or not (site / file).exists():
                problems.append(Problem(shown, line, f"broken link '{url}': no file {file}{made_from}"))
            elif anchor and file in parsed and anchor not in parsed[file].ids:
                problems.append(Problem(shown, line, f"broken link '{url}': no anchor '{anchor}' in {file}{made_from}"))
    return problems
