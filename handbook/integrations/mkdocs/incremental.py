"""Incremental builds for `handbook serve`: MkDocs' build, with each page's work skipped while its inputs stand.

A page costs MkDocs two steps: Markdown → HTML, and the theme's template around the HTML. Both are
pure functions of inputs this module names, so each is remembered with a digest of its inputs:

- Markdown → HTML: the page's Markdown (after the plugins' `on_page_markdown`) and front matter,
  the site's file layout (links are rewritten against it), and the glossary entries whose term occurs
  in the page (the abbr extension marks exactly those; the marks name terms, not definitions);
- the template: the HTML above, the navigation (every title, URL and page's front matter: the
  theme draws the nav, the previous and next links), and what the handbook plugin adds to the page
  (the definitions of its tooltips, its related pages).

A page whose template inputs stand keeps the file the last build wrote; one whose HTML alone
changed is written around the new HTML in that file's frame (`frames.py`). Everything else, from
loading the sources to the sitemap and the search index, runs as in a full build (related
content in a second process beside it, `worker.py`), and files of the last build that this one
no longer has are deleted. The cycle collector waits from the start of a rebuild to its end
(`collector.py`). `build_pages` leaves what no page shows (the search index) to `finish`, so that
`handbook serve` can reload the browsers first. The test suite compares the site after edits with
a full `handbook build` of the same sources.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.commands.build import _build_extra_template, _build_theme_template
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import get_build_date

from handbook.integrations.mkdocs.collector import CollectorPause
from handbook.integrations.mkdocs.frames import PageWriter
from handbook.integrations.mkdocs.plugin import HandbookPlugin
from handbook.integrations.mkdocs.worker import RelatedWorker
from handbook.search.ranking import TermCache


def _digest(*parts: object) -> str:
    """A digest of JSON-serialisable parts (anything else by its str)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Glossary:
    """The tooltips of a build: the abbr extension's glossary, with a digest of it."""

    def __init__(self, entries: dict[str, str]) -> None:
        self.entries = entries
        self.key = _digest(entries)

    def terms_in(self, markdown: str) -> list[tuple[str, str]]:
        """The entries whose term occurs in the Markdown: the abbr extension marks only those."""
        return [(term, text) for term, text in self.entries.items() if term in markdown]


@dataclass
class Rendered:
    """What `Page.render` and the `on_page_content` events left on a page, and what they depended on."""

    source: str  # digest of the page's Markdown, front matter and the site's layout
    glossary: str  # digest of the whole glossary of that build
    terms: list[tuple[str, str]]  # the glossary entries whose term occurs in the page
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors of other pages, by their src_uri

    @property
    def key(self) -> str:
        """Everything the rendering depended on."""
        return _digest(self.source, self.terms)

    @classmethod
    def of(cls, source: str, glossary: str, terms: list[tuple[str, str]], page: Page) -> Rendered:
        """Remember a page just rendered."""
        links = None if page.links_to_anchors is None else {f.src_uri: a for f, a in page.links_to_anchors.items()}
        assert page.content is not None
        title, anchors = page._title_from_render, page.present_anchor_ids
        return cls(source, glossary, terms, page.content, page.toc, title, anchors, links)

    def restore(self, page: Page, files: Files) -> None:
        """Put the remembered rendering on this build's page object."""
        # The same contents object: plugins replace a page's rather than change it (the handbook plugin: 相关内容).
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids = self.anchors
        if self.links is not None:
            page.links_to_anchors = {
                target: anchors
                for uri, anchors in self.links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }


@dataclass
class BuildReport:
    """What one build did: pages converted from Markdown and pages written, of all pages."""

    pages: int = 0
    rendered: int = 0
    written: int = 0
    framed: int = 0  # of those written, how many around their new HTML in the last file's frame
    removed: list[str] = field(default_factory=list)


class IncrementalBuilder:
    """Builds the site into one folder again and again, redoing only the pages whose inputs changed."""

    def __init__(self, config_file: Path, site_dir: Path, terms: TermCache, today: Callable[[], dt.date]) -> None:
        self.config_file = config_file
        self.today = today  # the date each build is for (the caller's clock: a session may pass midnight)
        self.terms = terms  # the cut search documents, kept in memory from build to build
        self.site_dir = site_dir
        self.rendered: dict[str, Rendered] = {}
        self.written: dict[str, str] = {}  # the template inputs of each page file written, by src_uri
        self.writer = PageWriter()
        self.worker = RelatedWorker(config_file.parent, terms.path)  # related content, beside each build
        self.collector = CollectorPause()
        self.dests: set[str] = set()  # every file the last build put into the site
        self.templates: dict[str, str] = {}  # the inputs of each theme template (404 page, sitemap) last written
        self.bytecode = _Bytecode()
        self.started = False
        self.deferred: list[Callable[[], None]] = []  # what the last `build_pages` left to `finish`

    def load_config(self, today: dt.date) -> MkDocsConfig:
        """A fresh configuration, as every `mkdocs serve` rebuild loads one, for a build on `today`."""
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        handbook = config.plugins["handbook"]
        assert isinstance(handbook, HandbookPlugin)
        handbook.today = today
        handbook.terms = self.terms
        handbook.deferred = self.deferred
        handbook.worker = self.worker
        if not self.started:  # MkDocs starts plugins once per server, on the first configuration
            config.plugins.on_startup(command="serve", dirty=False)
            self.started = True
        return config

    def build(self) -> BuildReport:
        """One whole build: the site is then what `handbook build` makes of the same sources."""
        report = self.build_pages()
        self.finish()
        return report

    def build_pages(self) -> BuildReport:
        """A build up to what the pages show; on an error the plugins hear of it and the error propagates."""
        self.finish()  # an earlier build's index first: the two would write the same folder
        today = self.today()
        self.worker.ask(today)
        if self.written:  # a rebuild; a first build converts every page, and its garbage is collected as usual
            self.collector.pause()  # until `finish`
        try:
            config = self.load_config(today)
            try:
                return self._build(config)
            except Exception as exc:
                config.plugins.on_build_error(error=exc)
                raise
        except BaseException:
            self.collector.resume()
            raise

    def close(self) -> None:
        """Stop the second process (the site stays as built)."""
        self.worker.close()

    def __enter__(self) -> IncrementalBuilder:
        """The builder, closed on leaving the block."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the builder."""
        self.close()

    def finish(self) -> None:
        """Do what the last `build_pages` left: write the search index; then collect the build's garbage."""
        try:
            while self.deferred:
                self.deferred.pop(0)()
        finally:
            self.collector.resume()

    def _build(self, config: MkDocsConfig) -> BuildReport:
        """MkDocs' build sequence (mkdocs/commands/build.py), with remembered pages left as they are."""
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        env.bytecode_cache = self.bytecode  # each build has a new environment; compile the theme once
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        layout = _digest(self.config_file.read_text(encoding="utf-8"), [(f.src_uri, f.url) for f in files])
        glossary = Glossary(config.mdx_configs.get("abbr", {}).get("glossary", {}))
        report = BuildReport()
        doc_files = files.documentation_pages()
        for file in doc_files:
            report.rendered += self._populate(file.page or Page(None, file, config), config, files, layout, glossary)
        env = config.plugins.on_env(env, config=config, files=files)

        files.copy_static_files(dirty=True)  # a theme or docs file is copied only when newer than its copy
        site = _digest(layout, _nav_outline(nav))
        for template in config.theme.static_templates:
            # The 404 page draws the nav; the sitemap lists the pages with the day of the build.
            key = _digest(site, get_build_date())
            if self.templates.get(template) != key or not (self.site_dir / template).is_file():
                _build_theme_template(template, env, files, config, nav)
                self.templates[template] = key
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)

        handbook = config.plugins["handbook"]
        assert isinstance(handbook, HandbookPlugin)
        # A frame is the template's output only if no plugin changes that output afterwards, and
        # the key covers the context only if no other plugin adds to it.
        events = config.plugins.events
        ours = all(getattr(handler, "__self__", None) is handbook for handler in events["page_context"])
        framed = ours and not events["post_page"]
        frame_key = partial(_frame_key, site) if framed else None
        for file in doc_files:
            assert file.page is not None
            page = file.page
            key = _digest(site, self.rendered[file.src_uri].key, handbook.current.page_inputs(page))
            written = self.written.get(file.src_uri)
            if written == key and os.path.isfile(file.abs_dest_path):
                continue  # the page's file stands
            report.framed += self.writer.write(page, frame_key, config, doc_files, nav, env)
            self.written[file.src_uri] = key
            report.written += 1

        for file in doc_files:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)

        report.pages = len(doc_files)
        report.removed = self._remove_stale(files)
        return report

    def _populate(self, page: Page, config: MkDocsConfig, files: Files, layout: str, glossary: Glossary) -> int:
        """Read the page and convert its Markdown, or restore the conversion remembered; 1 if converted."""
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            markdown = config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
            page.markdown = markdown
            source = _digest(layout, page.file.src_uri, page.meta, markdown)
            remembered = self.rendered.get(page.file.src_uri)
            # Same Markdown, and the same glossary or none of its changed terms in the page: the rendering stands.
            if (
                remembered is not None
                and remembered.source == source
                and (remembered.glossary == glossary.key or remembered.terms == glossary.terms_in(markdown))
            ):
                remembered.glossary = glossary.key
                remembered.restore(page, files)
                return 0
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content or "", page=page, config=config, files=files)
            rendered = Rendered.of(source, glossary.key, glossary.terms_in(markdown), page)
            self.rendered[page.file.src_uri] = rendered
            return 1
        finally:
            config._current_page = None

    def _remove_stale(self, files: Files) -> list[str]:
        """Delete the files of the last build that this build does not have (a source was deleted)."""
        dests = {f.abs_dest_path for f in files}
        stale = sorted(self.dests - dests)
        for path in stale:
            Path(path).unlink(missing_ok=True)
            folder = Path(path).parent
            while folder != self.site_dir and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        current = {f.src_uri for f in files.documentation_pages()}
        self.rendered = {uri: r for uri, r in self.rendered.items() if uri in current}
        self.written = {uri: w for uri, w in self.written.items() if uri in current}
        self.writer.forget(current)
        self.dests = dests
        return [os.path.relpath(p, self.site_dir) for p in stale]


class _Bytecode(BytecodeCache):
    """Compiled templates kept in memory between builds, by template name and source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give the bucket the code compiled before, if its source is the same."""
        if (code := self.store.get(bucket.key + bucket.checksum)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code just compiled."""
        self.store[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


def _nav_outline(nav: Navigation) -> list[object]:
    """The nav's titles, URLs and pages' front matter, nested as shown: what the theme draws around each page."""

    def outline(items: list[Any]) -> list[object]:
        """The titles, URLs and front matter of a level of the nav, with their children."""
        result: list[object] = []
        for item in items:
            url, meta = getattr(item, "url", None), getattr(item, "meta", None)
            children = outline(item.children) if isinstance(item, Section) or item.children else []
            result.append([item.title, url, meta, children])
        return result

    return outline(nav.items)


def _toc_outline(items: list[Any]) -> list[object]:
    """Every title, anchor and level of a table of contents, nested as shown."""
    return [[item.title, item.id, item.level, _toc_outline(item.children)] for item in items]


def _frame_key(site: str, page: Page) -> str:
    """Everything the theme's template reads of a page but its HTML, once the plugins have added theirs."""
    toc = _toc_outline(page.toc.items)
    return _digest(site, page.update_date, page.url, page.meta, page.title, toc, page.edit_url, page.canonical_url)
