"""A page's file written again around its new HTML, when the template would draw the same frame.

MkDocs draws every page with the theme's template around the page's HTML; at 10× the sample that
takes about 15 ms a page, most of it the nav. A changed glossary definition changes the HTML of
every page showing the term's tooltip (362 pages at 10×) and nothing else of them. The template's
output is then the file written last time with the old HTML replaced by the new one, on three
conditions:

- everything else the template reads is the same (the caller's key: nav, title, contents, meta…,
  and no other plugin adds to the template's context);
- the template inserted the HTML once and read it in no other way than by questions (`in`, `len`,
  a method of str) that have the same answers for the new HTML: `WatchedContent` records them
  (Material asks one, whether the HTML holds an `<h1>`), and a conversion by a filter or an
  attribute str lacks makes it refuse. What it cannot see are reads Python makes in C without
  asking the string (json.dumps for `|tojson`, a pattern for `|wordcount`, `page.content in s`):
  Material's templates make none, and tests/test_serve.py compares the served site with a full build;
- no plugin changes the output after the template (`on_post_page`): the file is then the output.

A frame keeps offsets into the written file, not a copy: at 10× the pages come to 170 MB.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial, partialmethod
from typing import Any

from jinja2 import Environment, Template
from mkdocs import utils
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

log = logging.getLogger("mkdocs.commands.build")
Question = tuple[str, tuple[Any, ...], tuple[tuple[str, Any], ...], Any]  # operation, arguments, keywords, answer
# What `WatchedContent` keeps on itself; everything else read from it is the template's.
_OWN = frozenset({"conversions", "questions", "opaque", "__class__", "__dict__"})
# str's operators other than making the object.
_OPERATORS = sorted(
    name
    for name in vars(str)
    if name.startswith("__")
    and name
    not in {"__new__", "__init__", "__str__", "__getattribute__", "__doc__", "__getnewargs__", "__init_subclass__"}
    and callable(getattr(str, name))
)


class WatchedContent(str):
    """A page's HTML as the template gets it: records each conversion to str and each question asked of it."""

    conversions: int
    questions: list[Question]
    opaque: bool  # read in a way that cannot be replayed: see `__str__` and `__getattribute__`

    def __new__(cls, html: str) -> WatchedContent:
        """The HTML, with nothing recorded yet."""
        watched = super().__new__(cls, html)
        watched.conversions, watched.questions, watched.opaque = 0, [], False
        return watched

    def __str__(self) -> str:
        """The plain HTML: what `{{ page.content }}` inserts; a conversion elsewhere (a filter) is opaque."""
        # Compiled template code runs in a namespace without __name__; a library's module has one.
        if "__name__" in sys._getframe(1).f_globals:
            self.opaque = True  # e.g. `|replace` converts, then changes a copy nobody records
        self.conversions += 1
        return str.__str__(self)

    def __getattribute__(self, name: str) -> Any:
        """str's methods answer and are recorded; any other attribute (`__html__` when escaping) is opaque."""
        if name in _OWN:
            return object.__getattribute__(self, name)
        if not hasattr(str, name) or not callable(getattr(str, name)):
            object.__setattr__(self, "opaque", True)
            return object.__getattribute__(self, name)  # raises AttributeError as str does
        return partial(_ask, self, name)


def _ask(watched: WatchedContent, name: str, *args: Any, **kwargs: Any) -> Any:
    """str's `name` (a method or operator) on the plain HTML, the question and its answer recorded."""
    answer = getattr(str, name)(str.__str__(watched), *args, **kwargs)
    watched.questions.append((name, args, tuple(sorted(kwargs.items())), answer))
    return answer


for _name in _OPERATORS:  # looked up on the type, so each operator needs an override
    setattr(WatchedContent, _name, partialmethod(_ask, _name))


def _same_answers(questions: list[Question], html: str) -> bool:
    """Whether every question has the same answer for this HTML (an iterator never equals another: no)."""
    for name, args, keywords, answer in questions:
        try:
            if getattr(str, name)(html, *args, **dict(keywords)) != answer:
                return False
        except Exception:  # the question cannot be asked of this HTML: the template must run
            return False
    return True


@dataclass
class Frame:
    """Where a page's HTML sits in the file last written for it, and what the template asked of the HTML."""

    key: str  # everything else the template read
    head: int  # characters before the HTML
    length: int  # characters of the HTML
    tail: int  # characters after it
    questions: list[Question]

    @classmethod
    def of(cls, key: str, output: str, watched: WatchedContent) -> Frame | None:
        """The frame of an output just drawn, or None if the HTML was read other than inserted once."""
        html = str.__str__(watched)
        if watched.opaque or watched.conversions != 1 or not html or output.count(html) != 1:
            return None
        head = output.index(html)
        return cls(key, head, len(html), len(output) - head - len(html), list(watched.questions))

    def around(self, path: str, html: str) -> str | None:
        """The file's text with its HTML replaced by `html`, or None if the template must draw it."""
        if not _same_answers(self.questions, html):
            return None
        try:
            with open(path, encoding="utf-8", newline="") as file:  # the text exactly as written
                text = file.read()
        except OSError:
            return None
        if len(text) != self.head + self.length + self.tail:
            return None  # not the file this frame was taken from
        self.length = len(html)
        return text[: self.head] + html + text[len(text) - self.tail :]


class PageWriter:
    """Writes pages as MkDocs' `_build_page` does, around the new HTML where the frame stands."""

    def __init__(self) -> None:
        self.frames: dict[str, Frame] = {}  # by src_uri

    def write(
        self,
        page: Page,
        frame_key: Callable[[Page], str] | None,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: Environment,
    ) -> bool:
        """Write the page's file, around the new HTML if the frame stands; True if it did.

        `frame_key`: what the template reads besides the HTML; None where frames cannot be trusted.
        """
        config._current_page = page
        uri = page.file.src_uri
        try:
            page.active = True
            context = get_context(nav, doc_files, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            key = frame_key(page) if frame_key is not None else None
            frame = self.frames.pop(uri, None)
            output = None
            if frame is not None and frame.key == key:
                output = frame.around(page.file.abs_dest_path, page.content or "")
            spliced = output is not None
            if frame is not None and spliced:
                self.frames[uri] = frame
            if output is None:
                output = self._draw(template, context, page, key)
            written = config.plugins.on_post_page(output, page=page, config=config)
            if written.strip():
                utils.write_file(written.encode("utf-8", errors="xmlcharrefreplace"), page.file.abs_dest_path)
            else:
                log.info(f"Page skipped: '{uri}'. Generated empty output.")  # as MkDocs says it
            return spliced
        except Exception as exc:
            message = f"Error building page '{uri}':"  # as MkDocs' own `_build_page` reports it
            log.error(message if isinstance(exc, BuildError) else f"{message} {exc}")
            raise
        finally:
            page.active = False
            config._current_page = None

    def _draw(self, template: Template, context: TemplateContext, page: Page, key: str | None) -> str:
        """The template's output for the page, and its frame kept under `key` (None: keep none)."""
        content = page.content
        page.content = watched = WatchedContent(content or "")
        try:
            output = template.render(context)
        finally:
            page.content = content
        if key is not None and (frame := Frame.of(key, output, watched)) is not None:
            self.frames[page.file.src_uri] = frame
        return output

    def forget(self, keep: set[str]) -> None:
        """Drop the frames of pages no longer in the site."""
        self.frames = {uri: frame for uri, frame in self.frames.items() if uri in keep}
