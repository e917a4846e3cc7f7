"""This handbook's MkDocs hooks (mkdocs.yml `hooks:`): every MkDocs event the handbook answers, handed to the engine.

MkDocs executes this file as a fresh module whenever it loads mkdocs.yml, and calls its `on_*`
functions as the events of that configuration's builds, as it calls a plugin's methods. They only
dispatch: the work is the engine's `SiteBuild` (handbook/integrations/mkdocs/build.py). Projects
made by `handbook new` list the engine's `handbook` plugin instead, which dispatches the same events
(docs/guide/maintaining.md says why).
Not named handbook.py: MkDocs puts this folder first on Python's path while it runs the file, and
`import handbook` would find the file itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from handbook.core.clock import run_date
from handbook.integrations.mkdocs.build import Options, SiteBuild

if TYPE_CHECKING:  # MkDocs' types, for the signatures only: MkDocs itself calls these functions
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

# The handbook's settings, which a plugin would read from mkdocs.yml: `Options(search_beacon=True)`
# logs readers' searches (docs/guide/deployment.md).
OPTIONS = Options()

_build: SiteBuild | None = None  # the build under way, as a plugin instance would hold it


def _current() -> SiteBuild:
    """The build under way (every event after on_config has one)."""
    assert _build is not None, "on_config starts the build"
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load, validate and render the sources, and put the book into the nav."""
    global _build
    _build = None  # a failed start leaves no earlier build behind
    _build = SiteBuild.start(config, OPTIONS, run_date)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the generated pages and the pinned browser assets."""
    return _current().add_files(files, config)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve references in hand-written pages."""
    return _current().page_markdown(markdown, page)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Pass the page's HTML through the allow-list."""
    return _current().page_content(html, page)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Collect the related pages."""
    _current().collect_related()
    return env


def on_page_context(context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Fill in the tooltips' definitions, and add 相关内容."""
    _current().page_context(page)
    return context


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the search index."""
    _current().post_build(config)


def on_build_error(*, error: Exception) -> None:
    """A failed build still waits for its background process, so the next build starts clean."""
    if _build is not None:
        _build.stop_warming()


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Rebuild when any source changes (`mkdocs serve`)."""
    return _current().watch(server)
