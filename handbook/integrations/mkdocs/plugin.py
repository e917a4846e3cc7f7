"""The `handbook` MkDocs plugin of the projects `handbook new` makes: it only dispatches MkDocs events to the build.

This repository hands the same events over through a hooks file (hooks/handbook_events.py); both
dispatch to `SiteBuild` (build.py), which does the work.
"""

from __future__ import annotations

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
from handbook.integrations.mkdocs.build import Options, SiteBuild
from handbook.integrations.mkdocs.config import HandbookConfig


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]  # MkDocs is untyped here
    """Generates the handbook's pages from its sources; MkDocs makes a fresh instance per build."""

    def __init__(self) -> None:
        self.build: SiteBuild | None = None

    @property
    def current(self) -> SiteBuild:
        """The build under way (every event after on_config has one)."""
        assert self.build is not None, "on_config starts the build"
        return self.build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load, validate and render the sources, and put the book into the nav."""
        self.build = None  # a failed start leaves no earlier build behind
        self.build = SiteBuild.start(config, Options(self.config.nav_marker, self.config.search_beacon), run_date)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages and the pinned browser assets."""
        return self.current.add_files(files, config)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Resolve references in hand-written pages."""
        return self.current.page_markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Pass the page's HTML through the allow-list."""
        return self.current.page_content(html, page)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Collect the related pages."""
        self.current.collect_related()
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Fill in the tooltips' definitions, and add 相关内容."""
        self.current.page_context(page)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the search index."""
        self.current.post_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still waits for its background process, so the next build starts clean."""
        if self.build is not None:
            self.build.stop_warming()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild when any source changes (`mkdocs serve`)."""
        return self.current.watch(server)
