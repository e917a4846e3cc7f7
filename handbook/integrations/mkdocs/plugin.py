"""The `handbook` MkDocs plugin: it only dispatches MkDocs events to the build of the moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.integrations.mkdocs.build import SiteBuild
from handbook.integrations.mkdocs.config import HandbookConfig
from handbook.integrations.mkdocs.worker import RelatedWorker
from handbook.kinds.registry import KINDS
from handbook.search.ranking import TermCache

OFFLINE_PLUGIN = "material/offline"


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]  # MkDocs is untyped here
    """Generates the handbook's pages from its sources; MkDocs makes a fresh instance per build."""

    def __init__(self) -> None:
        self.build: SiteBuild | None = None
        # The cut search documents `handbook serve` keeps between its builds (set before each build).
        self.terms: TermCache | None = None
        # Set by `handbook serve`: work that no page shows (the search index) is queued here, to
        # run once the browsers have been told to reload; None: done within the build.
        self.deferred: list[Callable[[], None]] | None = None
        # Set by `handbook serve`: the second process computing each build's related content.
        self.worker: RelatedWorker | None = None
        # Set by `handbook serve` for each build: the date to compute for; None: this run's (core/clock.py).
        self.today: dt.date | None = None

    @property
    def current(self) -> SiteBuild:
        """The build under way (every event after on_config has one)."""
        assert self.build is not None, "on_config starts the build"
        return self.build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and render the sources, start the search cache, and put the book into the nav."""
        project = Project.find(Path(config.config_file_path).parent, self.today or run_date())
        self.build = SiteBuild(project, self.terms, self.worker)
        config.nav = self.build.nav(config.nav or [], self.config.nav_marker)
        # Every term becomes a tooltip on every page, through the abbr extension's glossary (marks,
        # filled in with the definitions before templating).
        config.mdx_configs.setdefault("abbr", {})["glossary"] = self.build.tooltips.marks
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and the pinned browser assets."""
        return self.current.add_files(files, config)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Resolve references in hand-written pages."""
        return self.current.page_markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Pass the page's HTML through the allow-list: what a source meant, nothing that runs or leaves the site."""
        return self.current.page_content(html, page)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Collect the related pages from the background process."""
        self.current.collect_related()
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Fill in the tooltips' definitions, and add 相关内容 to an object's page."""
        self.current.add_definitions(page)
        self.current.add_related(page)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index into the site (inlined into one script too for the offline copy)."""
        offline = config.plugins.get(OFFLINE_PLUGIN)
        inline = offline is not None and bool(offline.config.enabled)
        beacon = self.config.search_beacon
        write = partial(self.current.write_search, Path(config.site_dir), config.use_directory_urls, inline, beacon)
        if self.deferred is None:
            write()
        else:
            self.deferred.append(write)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still waits for its background process, so the next build starts clean."""
        if self.build is not None:
            self.build.stop_warming()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when any source changes, not only docs/: the book and every kind's files."""
        project = self.current.project
        server.watch(str(project.book))
        for spec in KINDS:
            server.watch(str(project.root / spec.source.watched))
        return server
