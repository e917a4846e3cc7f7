"""MkDocs adapter: the only place that knows MkDocs events. All work is done by `handbook`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from handbook.errors import HandbookError
from handbook.model import Handbook
from handbook.pipeline import generate
from handbook.project import Project
from handbook.render.book import book_nav
from handbook.render.glossary import abbreviations, jieba_dictionary
from handbook.render.links import Linker
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


state = _State()


@event_priority(100)  # before the search plugin reads the jieba user dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate the sources, render the pages, and put the book into the nav."""
    state.project = Project.find(Path(config.config_file_path).parent)
    try:
        state.model, state.pages = generate(state.project)
    except HandbookError as exc:
        raise PluginError(f"the handbook sources have problems:\n{exc}") from None
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
    for page in state.pages:
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for uri, source in VENDORED.items():
        path = state.project.root / source
        if not path.is_file():
            raise PluginError(f"{source}: missing; run `npm ci` (make does this) to install the pinned assets")
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    # The Whoosh index travels with the site, for `handbook search --index <site>/search/whoosh`.
    whoosh = state.project.cache / "whoosh"
    for path in sorted(p for p in whoosh.iterdir() if p.is_file()):
        files.append(File.generated(config, f"search/whoosh/{path.name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Resolve cross-references in hand-written pages and add term tooltips everywhere."""
    if not page.file.generated_by:
        markdown = Linker(state.model, page.file.src_uri).resolve(markdown)
    return markdown + state.tooltips


@event_priority(-50)  # after the search plugin has written search_index.json
def on_post_build(config: MkDocsConfig) -> None:
    """Give the browser's query segmenter the words of the search index."""
    write_words(Path(config.site_dir))
