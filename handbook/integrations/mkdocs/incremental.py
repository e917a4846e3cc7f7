"""Incremental builds for `handbook serve`: MkDocs' build, with each page's work skipped while its inputs stand.

A page costs MkDocs two steps: Markdown → HTML, and the theme's template around the HTML. Both are
pure functions of inputs this module names, so each is remembered with a digest of its inputs:

- Markdown → HTML: the page's Markdown (after the plugins' `on_page_markdown`) and front matter,
  the site's file layout (links are rewritten against it), and the glossary entries whose term occurs
  in the page (the abbr extension marks exactly those; the marks name terms, not definitions);
- the template: the HTML above, the navigation (every title, URL and page's front matter: the
  theme draws the nav, the previous and next links), the theme's overrides (`custom_dir`: every
  file's name and bytes), and what the handbook adds to the page (the definitions of its
  tooltips, its related pages).

A page whose template inputs stand keeps the file the last build wrote; one whose HTML alone
changed is written around the new HTML in that file's frame (`frames.py`). Everything else, from
loading the sources to the sitemap and the search index, runs as in a full build (related
content in a second process beside it, `worker.py`), and files of the last build that this one
no longer has are deleted. The cycle collector waits from the start of a rebuild to its end
(`collector.py`). `build_pages` leaves what no page shows (the search index) to `finish`, so that
`handbook serve` can reload the browsers first. The test suite compares the site after edits with
a full `handbook build` of the same sources.

MkDocs' own steps, which this module only orders and skips, are internals.py's: they run on the
engine versions verified with it. On any other, `handbook serve` uses `FullBuilder`: each change
rebuilds the whole site through MkDocs' public build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook.integrations.mkdocs import internals
from handbook.integrations.mkdocs.build import ServeSession, serving
from handbook.integrations.mkdocs.collector import CollectorPause
from handbook.integrations.mkdocs.frames import PageWriter, watch
from handbook.integrations.mkdocs.internals import Conversion, Site
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
    """A page's conversion (Markdown → HTML, then the `on_page_content` events), and what it depended on."""

    source: str  # digest of the page's Markdown, front matter and the site's layout
    glossary: str  # digest of the whole glossary of that build
    terms: list[tuple[str, str]]  # the glossary entries whose term occurs in the page
    conversion: Conversion

    @property
    def key(self) -> str:
        """Everything the conversion depended on."""
        return _digest(self.source, self.terms)


@dataclass
class BuildReport:
    """What one build did: pages converted from Markdown and pages written, of all pages."""

    pages: int = 0
    rendered: int = 0
    written: int = 0
    framed: int = 0  # of those written, how many around their new HTML in the last file's frame
    removed: list[str] = field(default_factory=list)
    whole: bool = False  # a whole build through MkDocs' public build (`FullBuilder`): nothing counted


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
        self.theme = internals.ThemeListing()  # the theme's files, listed again only when its overrides change
        self.started = False
        self.deferred: list[Callable[[], None]] = []  # what the last `build_pages` left to `finish`
        self.theme_dirs: list[Path] = []  # the theme's overrides (`custom_dir`) of the last build's configuration

    def load_config(self) -> MkDocsConfig:
        """A fresh configuration, as every `mkdocs serve` rebuild loads one."""
        config = internals.load(self.config_file, self.site_dir)
        if not self.started:  # MkDocs starts plugins once per server, on the first configuration
            internals.start(config)
            self.started = True
        self.theme_dirs = _overrides(config)
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
            config = self.load_config()
            session = ServeSession(today, self.terms, self.deferred, self.worker)
            with serving(session):
                try:
                    return self._build(config, session)
                except Exception as exc:
                    internals.build_error(config, exc)
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

    def _build(self, config: MkDocsConfig, session: ServeSession) -> BuildReport:
        """MkDocs' build sequence (internals.py, step by step), with remembered pages left as they are."""
        overrides = _theme(self.theme_dirs)
        site = internals.gather(config, self.theme, overrides)
        site.env.bytecode_cache = self.bytecode  # each build has a new environment; compile the theme once
        config = site.config
        layout = _digest(self.config_file.read_text(encoding="utf-8"), [(f.src_uri, f.url) for f in site.files])
        glossary = Glossary(config.mdx_configs.get("abbr", {}).get("glossary", {}))
        report = BuildReport()
        for file in site.pages:
            report.rendered += self._populate(internals.read(file, site), site, layout, glossary)
        internals.env_ready(site)
        watch(site.env)  # after on_env: the filters the plugins added are watched too

        site.files.copy_static_files(dirty=True)  # a theme or docs file is copied only when newer than its copy
        around = _digest(layout, overrides, _nav_outline(site.nav))  # what every page's frame reads
        for template in config.theme.static_templates:
            # The 404 page draws the nav; the sitemap lists the pages with the day of the build.
            template_key = _digest(around, internals.build_date())
            if self.templates.get(template) != template_key or not (self.site_dir / template).is_file():
                internals.write_theme_template(template, site)
                self.templates[template] = template_key
        internals.write_extra_templates(site)

        # A frame is the template's output only if no plugin changes that output afterwards, and the
        # key covers the context only if no other plugin adds to it: the handbook's is the one handler.
        framed = internals.handlers(site, "page_context") == 1 and not internals.handlers(site, "post_page")
        frame_key = partial(_frame_key, around) if framed else None
        handbook = session.build
        assert handbook is not None, "the handbook's on_config starts a build (plugin or hooks file)"
        for file in site.pages:
            assert file.page is not None
            page = file.page
            written_key = _digest(around, self.rendered[file.src_uri].key, handbook.page_inputs(page))
            if self.written.get(file.src_uri) == written_key and os.path.isfile(file.abs_dest_path):
                continue  # the page's file stands
            report.framed += self.writer.write(page, site, frame_key)
            self.written[file.src_uri] = written_key
            report.written += 1

        internals.validate_anchors(site)
        internals.post_build(site)
        report.pages = len(site.pages)
        report.removed = self._remove_stale(site.files)
        return report

    def _populate(self, page: Page, site: Site, layout: str, glossary: Glossary) -> int:
        """Convert the page's Markdown, or restore the conversion remembered; 1 if converted."""
        source = _digest(layout, page.file.src_uri, page.meta, page.markdown)
        remembered = self.rendered.get(page.file.src_uri)
        # Same Markdown, and the same glossary or none of its changed terms in the page: the conversion stands.
        if (
            remembered is not None
            and remembered.source == source
            and (remembered.glossary == glossary.key or remembered.terms == glossary.terms_in(page.markdown or ""))
        ):
            remembered.glossary = glossary.key
            remembered.conversion.restore(page, site.files)
            return 0
        internals.convert(page, site)
        terms = glossary.terms_in(page.markdown or "")
        self.rendered[page.file.src_uri] = Rendered(source, glossary.key, terms, Conversion.of(page))
        return 1

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


class FullBuilder:
    """`handbook serve`'s builder on an engine the incremental steps were not verified with (`internals.unsupported`).

    Each change rebuilds the whole site through MkDocs' public build, as `mkdocs build` does, into a
    folder beside the served one, which then takes its place: a failed build leaves the last good
    site. The search index is written within the build (its folder is swapped in with the pages).
    """

    def __init__(self, config_file: Path, site_dir: Path, terms: TermCache, today: Callable[[], dt.date]) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.terms = terms
        self.today = today
        self.started = False
        self.theme_dirs: list[Path] = []

    def build_pages(self) -> BuildReport:
        """Build the whole site; on an error the plugins hear of it (MkDocs' build tells them) and it propagates."""
        staging, old = (self.site_dir.with_name(f"{self.site_dir.name}.{suffix}") for suffix in ("new", "old"))
        shutil.rmtree(staging, ignore_errors=True)
        try:
            config = internals.load(self.config_file, staging)
            if not self.started:
                internals.start(config)
                self.started = True
            self.theme_dirs = _overrides(config)
            with serving(ServeSession(self.today(), self.terms, None, None)):
                internals.build_site(config)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self.site_dir.rename(old)
        staging.rename(self.site_dir)
        shutil.rmtree(old, ignore_errors=True)
        return BuildReport(whole=True)

    def finish(self) -> None:
        """Nothing is left for after the reload: the search index came with the build."""

    def close(self) -> None:
        """Nothing runs beside the builds."""


def _overrides(config: MkDocsConfig) -> list[Path]:
    """The theme's overrides folder (`custom_dir`), if the configuration names one."""
    return [Path(config.theme.custom_dir)] if config.theme.custom_dir else []


def _theme(folders: list[Path]) -> str:
    """A digest of every file of the theme's overrides: its path and bytes (a template edit changes every page)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


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
            children = outline(item.children) if item.is_section or item.children else []
            result.append([item.title, url, meta, children])
        return result

    return outline(nav.items)


def _toc_outline(items: list[Any]) -> list[object]:
    """Every title, anchor and level of a table of contents, nested as shown."""
    return [[item.title, item.id, item.level, _toc_outline(item.children)] for item in items]


def _frame_key(around: str, page: Page) -> str:
    """Everything the theme's template reads of a page but its HTML, once the plugins have added theirs.

    `around`: the digest of what it reads of the site (layout, theme overrides, nav).
    """
    toc = _toc_outline(page.toc.items)
    return _digest(around, page.update_date, page.url, page.meta, page.title, toc, page.edit_url, page.canonical_url)
