"""MkDocs' build step by step, for `handbook serve`: the one module that uses MkDocs beyond its public API.

Everywhere else the engine meets MkDocs through its plugin events and what its documentation
describes (Files, File, Config, LiveReloadServer; the page, nav and contents attributes of the
theme guide). An incremental rebuild needs more: to skip a page's Markdown conversion or its
template while their inputs stand, it runs MkDocs' build sequence itself, step by step below, each
step mirroring MkDocs' code of the same part (mkdocs/commands/build.py: `build`, `_populate_page`,
`_build_page`). That takes MkDocs' private functions (`_build_theme_template`,
`_build_extra_template`, `get_context`), running the plugins' events, and private state of pages
and configurations (`_title_from_render`, `_current_page`).

The steps run only on the engine versions they were verified with, byte for byte against a full
build (tests/test_serve.py): MkDocs 1.6.1 and ProperDocs 1.6.7, the fork (engine.py). `unsupported`
names what differs otherwise; `handbook serve` then rebuilds the whole site for each change
through `build_site`, the entry `mkdocs build` itself runs.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, Template
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure import files as mkdocs_files
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils.templates import TemplateContext

from handbook.integrations.mkdocs.engine import engine

log = logging.getLogger("mkdocs.commands.build")  # MkDocs' own logger for what it would say itself
# The engine versions the steps were verified with.
VERIFIED = {"mkdocs": "1.6.1", "properdocs": "1.6.7"}
# What the steps use that MkDocs keeps private or leaves undocumented: (module, attribute path).
PRIVATE = [
    ("mkdocs.commands.build", "_build_theme_template"),
    ("mkdocs.commands.build", "_build_extra_template"),
    ("mkdocs.commands.build", "get_context"),
    ("mkdocs.structure.files", "get_files"),
    ("mkdocs.structure.files", "set_exclusions"),
    ("mkdocs.structure.nav", "get_navigation"),
    ("mkdocs.structure.pages", "Page.read_source"),
    ("mkdocs.structure.pages", "Page.render"),
    ("mkdocs.structure.pages", "Page.validate_anchor_links"),
    ("mkdocs.structure.pages", "Page.present_anchor_ids"),
    ("mkdocs.structure.pages", "Page.links_to_anchors"),
    ("mkdocs.config.defaults", "MkDocsConfig._current_page"),
    ("mkdocs.plugins", "PluginCollection.run_event"),
    ("mkdocs.utils", "get_build_date"),
    ("mkdocs.utils", "write_file"),
]
# Attributes only instances have: (module, the method setting them, attribute).
SET_BY = [
    ("mkdocs.structure.pages", "Page.render", "_title_from_render"),
    ("mkdocs.plugins", "PluginCollection.__init__", "events"),
]
_MISSING = object()
# The template's output for a page, given the template and its context (after on_page_context).
Draw = Callable[[Page, Template, TemplateContext], str]


def unsupported() -> str | None:
    """Why the steps cannot run on the installed engine (its version, a missing name), or None if they can."""
    current = engine()
    if current.version != VERIFIED.get(current.name):
        verified = " and ".join(f"{name} {number}" for name, number in VERIFIED.items())
        return f"{current.name} {current.version} is not a version they were verified with ({verified})"
    missing = [f"{module}.{path}" for module, path in PRIVATE if _find(module, path) is _MISSING]
    for module, path, name in SET_BY:
        method = _find(module, path)
        if name not in getattr(getattr(method, "__code__", None), "co_names", ()):
            missing.append(f"{module}.{path.split('.')[0]}.{name}")
    return f"{current.name} {current.version} lacks {', '.join(missing)}" if missing else None


def _find(module: str, path: str) -> object:
    """The object at an attribute path of a module (a default None counts), or `_MISSING`."""
    try:
        found: object = importlib.import_module(module)
    except ImportError:
        return _MISSING
    for name in path.split("."):
        found = getattr(found, name, _MISSING)
        if found is _MISSING:
            break
    return found


# The entries MkDocs' own commands use, on any version: a configuration loaded, the plugins
# started, a whole build.


def load(config_file: Path, site_dir: Path) -> MkDocsConfig:
    """A fresh configuration for a build into `site_dir`, as `mkdocs serve` loads one for each rebuild."""
    return load_config(config_file=str(config_file), site_dir=str(site_dir))


def start(config: MkDocsConfig) -> None:
    """Start the plugins, once per server and on its first configuration, as `mkdocs serve` does."""
    config.plugins.on_startup(command="serve", dirty=False)


def build_site(config: MkDocsConfig) -> None:
    """A whole build into the configuration's site folder: what `mkdocs build` runs."""
    mkdocs_build.build(config)


# The steps of MkDocs' build (verified versions only).


@dataclass
class Site:
    """What a build gathers before its pages: the configuration as the plugins left it, files, theme, nav."""

    config: MkDocsConfig
    files: Files
    env: Environment
    nav: Navigation

    @cached_property
    def pages(self) -> Sequence[File]:
        """The documentation pages, in MkDocs' order (the files are settled once on_files has run)."""
        return self.files.documentation_pages()


@dataclass
class ThemeListing:
    """The theme's file names as `Files.add_files_from_theme` lists them, kept from one build to the next.

    Listing walks every folder of the theme and matches each name against a dozen patterns: Material's
    folder holds some 14,500 files (its icons). The names are kept while `key` holds: the caller's digest
    of the theme's overrides (the installed theme does not change under a running server), with the
    theme's folders and static templates.
    """

    key: str = ""
    names: list[str] = field(default_factory=list)


@dataclass
class _Listed:
    """What `add_files_from_theme` asks of the theme's environment (only its listing), answered from a ThemeListing."""

    env: Environment
    theme: ThemeListing
    key: str

    def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
        """The theme's names, listed afresh only when the key changed."""
        if self.theme.key != self.key:
            self.theme.names, self.theme.key = self.env.list_templates(extensions, filter_func), self.key
        return self.theme.names


def gather(config: MkDocsConfig, theme: ThemeListing | None = None, overrides: str = "") -> Site:
    """`build` up to the pages: on_config, on_pre_build, the files, the theme's environment, on_files, on_nav.

    With `theme`, the theme's files are listed once for as long as `overrides` (a digest) stays the same.
    """
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = mkdocs_files.get_files(config)
    env = config.theme.get_env()
    if theme is None:
        files.add_files_from_theme(env, config)
    else:  # the verified versions ask the environment for its listing and nothing else
        key = repr((overrides, config.theme.dirs, config.theme.static_templates))
        files.add_files_from_theme(cast(Environment, _Listed(env, theme, key)), config)
    files = config.plugins.on_files(files, config=config)
    mkdocs_files.set_exclusions(files, config)  # for files the plugins added
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    return Site(config, files, env, nav)


@contextmanager
def _current(config: MkDocsConfig, page: Page) -> Iterator[None]:
    """The page MkDocs' `!relative` YAML tag resolves against while the page is worked on."""
    config._current_page = page
    try:
        yield
    finally:
        config._current_page = None


def read(file: File, site: Site) -> Page:
    """`_populate_page` up to the Markdown: the page made, on_pre_page, its source read, on_page_markdown."""
    page = file.page or Page(None, file, site.config)
    with _current(site.config, page):
        page = site.config.plugins.on_pre_page(page, config=site.config, files=site.files)
        page.read_source(site.config)
        page.markdown = site.config.plugins.on_page_markdown(
            page.markdown or "", page=page, config=site.config, files=site.files
        )
    return page


def convert(page: Page, site: Site) -> None:
    """The rest of `_populate_page`: the Markdown converted, on_page_content."""
    with _current(site.config, page):
        page.render(site.config, site.files)
        page.content = site.config.plugins.on_page_content(
            page.content or "", page=page, config=site.config, files=site.files
        )


@dataclass
class Conversion:
    """What converting a page's Markdown leaves on the page, for a later build to put back."""

    content: str
    toc: TableOfContents
    title: str | None  # the first heading, which the page's title falls back to
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links to anchors of other pages, by their src_uri

    @classmethod
    def of(cls, page: Page) -> Conversion:
        """What the conversion (and on_page_content) just left on the page."""
        links = None if page.links_to_anchors is None else {f.src_uri: a for f, a in page.links_to_anchors.items()}
        assert page.content is not None
        return cls(page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)

    def restore(self, page: Page, files: Files) -> None:
        """Put the conversion on this build's page object."""
        # The same contents object: plugins replace a page's rather than change it (the handbook: 相关内容).
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids = self.anchors
        if self.links is not None:
            page.links_to_anchors = {
                target: anchors
                for uri, anchors in self.links.items()
                if (target := files.get_file_from_path(uri)) is not None
            }


def env_ready(site: Site) -> None:
    """on_env, once every page is converted."""
    site.env = site.config.plugins.on_env(site.env, config=site.config, files=site.files)


def build_date() -> str:
    """The build's date as MkDocs writes it (the sitemap's; SOURCE_DATE_EPOCH when set)."""
    return utils.get_build_date()


def write_theme_template(name: str, site: Site) -> None:
    """A static template of the theme (404.html, sitemap.xml), written as `build` writes it."""
    mkdocs_build._build_theme_template(name, site.env, site.files, site.config, site.nav)


def write_extra_templates(site: Site) -> None:
    """The configuration's extra templates, written as `build` writes them."""
    for name in site.config.extra_templates:
        mkdocs_build._build_extra_template(name, site.files, site.config, site.nav)


def handlers(site: Site, event: str) -> int:
    """How many plugins (hooks included) answer an event."""
    return len(site.config.plugins.events[event])


def write_page(page: Page, site: Site, draw: Draw) -> None:
    """`_build_page`: the context, on_page_context, the template's output from `draw`, on_post_page, the file."""
    uri = page.file.src_uri
    with _current(site.config, page):
        try:
            page.active = True  # the theme marks the current page in the nav
            context = mkdocs_build.get_context(site.nav, site.pages, site.config, page)
            template = site.env.get_template(page.meta.get("template", "main.html"))
            context = site.config.plugins.on_page_context(context, page=page, config=site.config, nav=site.nav)
            output = site.config.plugins.on_post_page(draw(page, template, context), page=page, config=site.config)
            if output.strip():
                utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            else:
                log.info(f"Page skipped: '{uri}'. Generated empty output.")  # as MkDocs says it
        except Exception as exc:
            message = f"Error building page '{uri}':"  # as MkDocs' own `_build_page` reports it
            log.error(message if isinstance(exc, BuildError) else f"{message} {exc}")
            raise
        finally:
            page.active = False


def validate_anchors(site: Site) -> None:
    """Check every link to an anchor of another page, at the configured level."""
    for file in site.pages:
        assert file.page is not None
        file.page.validate_anchor_links(files=site.files, log_level=site.config.validation.links.anchors)


def post_build(site: Site) -> None:
    """on_post_build."""
    site.config.plugins.on_post_build(config=site.config)


def build_error(config: MkDocsConfig, error: Exception) -> None:
    """on_build_error: the plugins hear of a failed build."""
    config.plugins.on_build_error(error=error)
