"""MkDocs adapter: the only place that knows MkDocs events. All work is done by `handbook`."""

from __future__ import annotations

import shutil
from multiprocessing.process import BaseProcess
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from handbook.errors import HandbookError
from handbook.model import Handbook
from handbook.pipeline import generate, related_content, warm_in_background
from handbook.project import Project
from handbook.refs import Ref
from handbook.render.book import book_nav
from handbook.render.common import RELATED_ID, RELATED_TITLE, related_html
from handbook.render.glossary import abbreviations, jieba_dictionary
from handbook.render.links import Linker, page_of
from handbook.render.site import Page as GeneratedPage
from handbook.searchwords import write_words

BOOK_MARKER = "@book"
# Browser assets pinned in package.json, served from the site itself (never from a CDN).
VENDORED = {
    "assets/vendor/mermaid.min.js": Path("node_modules/mermaid/dist/mermaid.min.js"),
    "assets/vendor/iframe-worker-shim.js": Path("node_modules/iframe-worker/shim/index.js"),
}


class _State:
    """What one build learned in on_config and hands to later events."""

    project: Project
    model: Handbook
    pages: list[GeneratedPage]
    tooltips: str
    files: Files
    warmer: BaseProcess | None = None  # building the index and similar pages in a second process
    related: dict[str, list[Ref]]  # the related pages of each object's page, by its src_uri


state = _State()


@event_priority(100)  # before the search plugin reads the jieba user dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the sources, render the pages, start the index, and put the book into the nav."""
    state.project = Project.find(Path(config.config_file_path).parent)
    if state.warmer is not None:
        state.warmer.join()  # an earlier `mkdocs serve` build that failed midway may still be writing the cache
    try:
        state.model, state.pages = generate(state.project)
    except HandbookError as exc:
        raise PluginError(f"the handbook sources have problems:\n{exc}") from None
    state.warmer = warm_in_background(state.project)
    state.tooltips = abbreviations(state.model)
    dictionary = state.project.cache / "jieba_user.dict"
    dictionary.parent.mkdir(parents=True, exist_ok=True)
    dictionary.write_text(jieba_dictionary(state.model), encoding="utf-8")
    nav = []
    for item in config.nav or []:
        nav += book_nav(state.model) if item == BOOK_MARKER else [item]
    config.nav = nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the local mermaid.js as virtual files (nothing is written)."""
    state.files = files
    for page in state.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for uri, source in VENDORED.items():
        path = state.project.root / source
        if not path.is_file():
            raise PluginError(f"{source}: missing; run `npm ci` (make does this) to install the pinned assets")
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve cross-references in hand-written pages and add term tooltips everywhere."""
    if not page.file.generated_by:
        markdown = Linker(state.model, page.file.src_uri).resolve(markdown)
    return markdown + state.tooltips


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Every page's Markdown is rendered: collect the related pages from the background process."""
    assert state.warmer is not None
    state.warmer.join()
    state.warmer = None
    try:
        related = related_content(state.project, state.model)
    except HandbookError as exc:
        raise PluginError(f"related content could not be computed:\n{exc}") from None
    state.related = {page_of(ref): pages for ref, pages in related.items()}
    return env


@event_priority(-50)  # after the search plugin took the page's text: related links are not content
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Add "相关内容" to the foot of an object's page and to its table of contents."""
    related = state.related.get(page.file.src_uri)
    if not related:
        return context

    def href(target: Ref) -> str:
        """The URL of a related page, relative to this one (works with and without directory URLs)."""
        return get_relative_url(state.files.get_file_from_path(page_of(target)).url, page.url)

    page.content = (page.content or "") + related_html(state.model, related, href)
    toc = page.toc.items[0].children if page.toc.items and page.toc.items[0].level == 1 else page.toc.items
    toc.append(AnchorLink(RELATED_TITLE, RELATED_ID, 2))
    return context


@event_priority(-50)  # after the search plugin has written search_index.json
def on_post_build(config: MkDocsConfig) -> None:
    """Copy the Whoosh index into the site (for `handbook search --index`) and the words for the browser."""
    whoosh = Path(config.site_dir) / "search" / "whoosh"
    shutil.rmtree(whoosh, ignore_errors=True)  # `mkdocs serve` builds into the same folder each time
    shutil.copytree(state.project.cache / "whoosh", whoosh)
    write_words(Path(config.site_dir))
