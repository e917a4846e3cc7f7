"""One MkDocs build of the handbook: what it learns in on_config and hands to the later events.

`SiteBuild` is the engine behind both ways a project hands MkDocs' events over: the `handbook`
plugin (plugin.py, for the projects `handbook new` makes) and a hooks file (this repository's
hooks/handbook_events.py). Each only dispatches; `handbook serve` gives the builds it runs its
session (`serving`) rather than reaching into either.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from handbook.core.html import escape, sanitize
from handbook.core.problems import HandbookError
from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.integrations.mkdocs.tooltips import Tooltips
from handbook.integrations.mkdocs.worker import RelatedWorker
from handbook.kinds.registry import KINDS
from handbook.kinds.term.page import tooltips
from handbook.pipeline import generate, related_content, warm_in_background
from handbook.render.book import NavItem, nav_pages, site_nav
from handbook.render.common import RELATED_ID, RELATED_TITLE, related_html
from handbook.render.links import Linker
from handbook.render.site import render_assets
from handbook.search.ranking import FOLDER, TermCache, inline_script, site_files

# Browser assets pinned in package.json, served from the site itself (never from a CDN).
VENDORED = {
    "assets/vendor/mermaid.min.js": Path("node_modules/mermaid/dist/mermaid.min.js"),
    "assets/vendor/iframe-worker-shim.js": Path("node_modules/iframe-worker/shim/index.js"),
}
# The engine's own browser code and styles (package data): a project gets them with the engine, so an
# upgrade brings the search box that reads its index; a project whose docs/assets has its own copy keeps it.
ENGINE_ASSETS = {
    f"assets/{name}": Path(__file__).with_name("assets") / name for name in ("search.js", "handbook.js", "handbook.css")
}
OFFLINE_PLUGIN = "material/offline"


@dataclass(frozen=True)
class Options:
    """The handbook's settings: the plugin's options in mkdocs.yml, or what a hooks file passes."""

    nav_marker: str = "@book"  # the nav entry replaced by the book's six parts
    # The search box requests search/beacon.txt with each query and result opened, for the web
    # server's access log (`handbook search-report`); no cookie, no identifier. Off unless set.
    search_beacon: bool = False


@dataclass
class ServeSession:
    """What `handbook serve` gives a build it runs, and the handbook's build it gets back; `mkdocs build` has none."""

    today: dt.date  # the date to compute for: a session may pass midnight
    terms: TermCache  # the cut search documents, kept in memory from build to build
    # Work that no page shows (the search index), queued to run once the browsers were told to
    # reload; None: done within the build.
    deferred: list[Callable[[], None]] | None
    worker: RelatedWorker | None  # the second process computing each build's related content
    build: SiteBuild | None = None  # set by on_config: what the serve loop asks of each page


# A context variable rather than an attribute of the plugin: the builds reach whichever dispatcher
# the project uses (plugin or hooks file), and a build in another thread or test never sees it.
_SESSION: ContextVar[ServeSession | None] = ContextVar("handbook_serve_session", default=None)


@contextmanager
def serving(session: ServeSession) -> Iterator[None]:
    """Within the block, the builds started in this thread are `handbook serve`'s, with its session."""
    token = _SESSION.set(session)
    try:
        yield
    finally:
        _SESSION.reset(token)


class SiteBuild:
    """The model, pages and related content of one build, and the process warming the search cache."""

    @classmethod
    def start(cls, config: MkDocsConfig, options: Options, clock: Callable[[], dt.date]) -> SiteBuild:
        """on_config: load, validate and render the sources, put the book into the nav, the glossary into abbr.

        `clock`: the date of a run MkDocs was started for directly; a serve session brings its own.
        """
        session = _SESSION.get()
        today = session.today if session is not None else clock()
        project = Project.find(Path(config.config_file_path).parent, today)
        build = cls(project, options, session)
        if session is not None:
            session.build = build
        config.nav = build.nav(config.nav or [], options.nav_marker)
        # Every term becomes a tooltip on every page, through the abbr extension's glossary (marks,
        # filled in with the definitions before templating).
        config.mdx_configs.setdefault("abbr", {})["glossary"] = build.tooltips.marks
        return build

    def __init__(self, project: Project, options: Options, session: ServeSession | None = None) -> None:
        self.project = project
        self.options = options
        self.deferred = session.deferred if session is not None else None
        self.worker = session.worker if session is not None else None
        terms = session.terms if session is not None else None
        try:
            self.model, self.pages = generate(project)
        except HandbookError as exc:
            raise PluginError(f"the handbook sources have problems:\n{exc}") from None
        self.assets = render_assets(self.model)
        # `handbook serve` keeps the cut documents in memory (`terms`) and gains nothing from a second process;
        # a build reads the cache file once the second process has filled it, and saves it. When the
        # file holds every document already (a rebuild without edits to the texts), nothing is left to
        # cut and no second process starts: it would load and validate every source again for nothing.
        # Otherwise reading the file here costs the build about 0.15 s (the sample) for nothing.
        self.saves_terms = terms is None
        if terms is None and (cached := TermCache(project.search_terms)).complete(self.model):
            terms = cached
        self.terms = terms
        self.warmer: BaseProcess | None = None if terms is not None else warm_in_background(project)
        self.tooltips = Tooltips(tooltips(self.model))
        self.related: dict[str, list[Ref]] = {}  # the related pages of each object's page, by its src_uri
        self.files: Files | None = None
        self.in_nav: set[str] = set()  # the generated pages the nav lists (set by `nav`)

    def nav(self, nav: list[object], marker: str) -> list[object]:
        """The configured nav with the book's parts and the kinds' index pages (`site_nav`), every title escaped.

        The theme inserts nav titles as HTML; a title is plain text (a part's title from book.yaml).
        Remembers which generated pages the nav lists: the others are added as not in the nav.
        """
        generated = {page.src_uri for page in self.pages}
        result = site_nav(self.model, cast("list[NavItem]", nav), marker, generated)
        self.in_nav = set(nav_pages(result)) & generated
        return _escaped_titles(cast("list[object]", result))

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, downloads and pinned browser assets as virtual files (nothing is written)."""
        self.files = files
        for page in self.pages:
            # Reached from their indexes: a generated page the nav does not list is no omission to warn of.
            shown = InclusionLevel.UNDEFINED if page.src_uri in self.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=shown))
        for asset in self.assets:
            files.append(File.generated(config, asset.src_uri, content=asset.data))
        for uri, source in VENDORED.items():
            path = self.project.root / source
            if not path.is_file():
                raise PluginError(f"{source}: missing; run `npm ci` (make does this) to install the pinned assets")
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        for uri, engine_copy in ENGINE_ASSETS.items():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(engine_copy)))
        return files

    def page_markdown(self, markdown: str, page: Page) -> str:
        """Escape the page's title for the theme; resolve cross-references in hand-written pages.

        The theme inserts a page's title as HTML (window title, header, nav); the title is plain
        text. Generated pages are written with their references resolved.
        """
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])
        if page.file.generated_by:
            return markdown
        return Linker(self.model, page.file.src_uri).resolve(markdown)

    def page_content(self, html: str, page: Page) -> str:
        """A converted page's HTML and its contents list, sanitized by the site's policy (core/html.py).

        Before anything is added to the page (tooltips' definitions, 相关内容): those are escaped where made.
        """
        for link in _toc_links(page.toc.items):
            link.title = sanitize(link.title)
        return sanitize(html)

    def cut_documents(self) -> TermCache:
        """The search documents cut into terms: the serve session's, or the cache the second process filled."""
        if self.terms is None:
            self.stop_warming()
            self.terms = TermCache(self.project.search_terms)
        return self.terms

    def collect_related(self) -> None:
        """Every page's Markdown is rendered: take the related pages (from `handbook serve`'s worker if it has them)."""
        related = self.worker.answer(self.model) if self.worker is not None else None
        try:
            if related is None:
                related = related_content(self.model, self.cut_documents())
        except HandbookError as exc:
            raise PluginError(f"related content could not be computed:\n{exc}") from None
        self.related = {self.model.page_of(ref): pages for ref, pages in related.items()}

    def page_inputs(self, page: Page) -> list[tuple[str, str]]:
        """What this build adds to a converted page: its related pages with their titles, the definitions it shows."""
        related = [(str(ref), self.model.title_of(ref)) for ref in self.related.get(page.file.src_uri, [])]
        return related + self.tooltips.used(page.content or "")

    def add_definitions(self, page: Page) -> None:
        """Fill the definitions into the page's tooltips (the converter wrote marks)."""
        page.content = self.tooltips.fill(page.content or "")

    def add_related(self, page: Page) -> None:
        """Add "相关内容" to the foot of an object's page and to its table of contents."""
        related = self.related.get(page.file.src_uri)
        if not related or self.files is None:
            return
        files = self.files

        def href(target: Ref) -> str:
            """The URL of a related page, relative to this one (works with and without directory URLs)."""
            file = files.get_file_from_path(self.model.page_of(target))
            assert file is not None  # every related page is a generated page of this build
            return get_relative_url(file.url, page.url)

        page.content = (page.content or "") + related_html(self.model, related, href)
        # A new contents list rather than an append: `handbook serve` reuses the converted page's.
        link, items = AnchorLink(RELATED_TITLE, RELATED_ID, 2), page.toc.items
        if items and items[0].level == 1:  # under the page's title
            title = copy.copy(items[0])
            title.children = [*title.children, link]
            page.toc = TableOfContents([title, *items[1:]])
        else:
            page.toc = TableOfContents([*items, link])

    def page_context(self, page: Page) -> None:
        """on_page_context: fill in the tooltips' definitions, and add 相关内容 to an object's page."""
        self.add_definitions(page)
        self.add_related(page)

    def post_build(self, config: MkDocsConfig) -> None:
        """on_post_build: write the search index (also inlined into one script for the offline copy).

        Under `handbook serve` it is queued for after the browsers' reload: no page shows it.
        """
        offline = config.plugins.get(OFFLINE_PLUGIN)
        inline = offline is not None and bool(offline.config.enabled)
        beacon = self.options.search_beacon
        write = partial(self.write_search, Path(config.site_dir), config.use_directory_urls, inline, beacon)
        if self.deferred is None:
            write()
        else:
            self.deferred.append(write)

    def watch(self, server: LiveReloadServer) -> LiveReloadServer:
        """on_serve (`mkdocs serve`): rebuild when any source changes: the book and every kind's files too."""
        server.watch(str(self.project.book))
        for spec in KINDS:
            server.watch(str(self.project.root / spec.source.watched))
        return server

    def write_search(self, site_dir: Path, directory_urls: bool, inline: bool, beacon: bool) -> None:
        """Write the search index into the site's search/ folder, replacing an earlier build's (`handbook serve`).

        With `inline`, also search/index.js, the whole index in one script: from file:// the
        browser fetches nothing, but it runs a script. With `beacon`, also the file the search box
        requests to log queries (`site_files`). The new index is written beside the old
        one and swapped in by renaming: `handbook serve` writes it while browsers already reload,
        and a page must never find half an index.
        """
        terms = self.cut_documents()
        files = site_files(self.model, terms, directory_urls, beacon)
        if self.saves_terms:
            terms.save()
        if inline:
            files[f"{FOLDER}/index.js"] = inline_script(files)
        staging, old = site_dir / f".{FOLDER}.new", site_dir / f".{FOLDER}.old"
        for folder in (staging, old):
            shutil.rmtree(folder, ignore_errors=True)
        for path, content in files.items():
            target = staging / Path(path).relative_to(FOLDER)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if (site_dir / FOLDER).exists():
            (site_dir / FOLDER).rename(old)
        staging.rename(site_dir / FOLDER)
        shutil.rmtree(old, ignore_errors=True)

    def stop_warming(self) -> None:
        """Wait for the background process, so no two builds write the cache at once."""
        if self.warmer is not None:
            self.warmer.join()
            self.warmer = None


def _escaped_titles(items: list[object]) -> list[object]:
    """A nav configuration with every title (the key of a one-entry mapping) escaped, at every level."""
    result: list[object] = []
    for item in items:
        if isinstance(item, dict):
            result.append(
                {escape(str(title)): _escaped_titles(v) if isinstance(v, list) else v for title, v in item.items()}
            )
        else:
            result.append(item)
    return result


def _toc_links(items: list[AnchorLink]) -> Iterator[AnchorLink]:
    """Every entry of a table of contents, nested ones included."""
    for item in items:
        yield item
        yield from _toc_links(item.children)
