"""A page's file written again around its new HTML, when the template would draw the same frame.

MkDocs draws every page with the theme's template around the page's HTML; at 10× the sample that
takes about 15 ms a page, most of it the nav. A changed glossary definition changes the HTML of
every page showing the term's tooltip (362 pages at 10×) and nothing else of them. The template's
output is then the file written last time with the old HTML replaced by the new one, on three
conditions:

- everything else the template reads is the same (the caller's key: nav, title, contents, meta…,
  theme overrides, and no other plugin adds to the template's context);
- the template inserted the HTML once and read it in no other way than by questions (`in`, `len`,
  a method of str) that have the same answers for the new HTML: `WatchedContent` records them
  (Material asks one, whether the HTML holds an `<h1>`). It is opaque, and the template must run,
  once a filter, a test or a call in the template is given it (`watch` wraps the environment's:
  `|replace` converts it, then changes a copy nobody records) or once an attribute str lacks is
  read (`__html__` when escaping). What it cannot see are reads Python makes in C without asking
  the string (`page.content in s`): Material's templates make none, and tests/test_serve.py
  compares the served site with a full build;
- no plugin changes the output after the template (`on_post_page`): the file is then the output.

A frame keeps offsets into the written file, not a copy: at 10× the pages come to 170 MB. MkDocs'
own part of writing a page (its context, the events around the template) is internals.py's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial, partialmethod
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, Template
from jinja2.runtime import Context

from handbook.integrations.mkdocs import internals

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

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
    opaque: bool  # read in a way that cannot be replayed: see `watch` and `__getattribute__`

    def __new__(cls, html: str) -> WatchedContent:
        """The HTML, with nothing recorded yet."""
        watched = super().__new__(cls, html)
        watched.conversions, watched.questions, watched.opaque = 0, [], False
        return watched

    def __str__(self) -> str:
        """The plain HTML, counted: what `{{ page.content }}` inserts (a filter's conversion is seen by `watch`)."""
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


def watch(env: Environment) -> None:
    """Make the environment's filters, tests and calls mark a `WatchedContent` they are given as opaque.

    A filter gets the HTML as an argument (`page.content | replace(…)`), as a test or a function
    the template calls does (`is string`, a macro, a global): wrapping them sees every use of the
    HTML outside the template's own code. Jinja's public API: its filter and test tables, and the
    class of the templates' context, whose `call` runs each call.
    """
    for table in (env.filters, env.tests):
        for name, function in list(table.items()):
            table[name] = _marking(function)
    env.context_class = _WatchingContext


def _mark_opaque(values: Iterable[Any]) -> None:
    """Mark every `WatchedContent` among the values, or directly inside a list, tuple, set or dict's values."""
    for value in values:
        if isinstance(value, dict):
            items: Iterable[Any] = value.values()
        else:
            items = value if isinstance(value, list | tuple | set | frozenset) else (value,)
        for item in items:
            if isinstance(item, WatchedContent):
                item.opaque = True


def _marking(function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter or test, marking a `WatchedContent` it is given as opaque (Jinja's pass_context and such kept)."""

    @functools.wraps(function)  # with its __dict__: Jinja's `jinja_pass_arg` tells what to pass first
    def marking(*args: Any, **kwargs: Any) -> Any:
        """Mark, then run the filter or test."""
        _mark_opaque(args)
        _mark_opaque(kwargs.values())
        return function(*args, **kwargs)

    return marking


class _WatchingContext(Context):
    """A template's context whose calls mark a `WatchedContent` they are given as opaque."""

    # Jinja's parameter names: a call's own keywords may be `self` or `obj`.
    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Mark, then call as Jinja does."""
        _mark_opaque(args)
        _mark_opaque(kwargs.values())
        return super().call(__obj, *args, **kwargs)


class PageWriter:
    """Writes pages as MkDocs does, around the new HTML where the frame stands."""

    def __init__(self) -> None:
        self.frames: dict[str, Frame] = {}  # by src_uri

    def write(self, page: Page, site: internals.Site, frame_key: Callable[[Page], str] | None) -> bool:
        """Write the page's file, around the new HTML if the frame stands; True if it did.

        `frame_key`: what the template reads besides the HTML; None where frames cannot be trusted.
        """
        spliced = False

        def output(page: Page, template: Template, context: TemplateContext) -> str:
            """The frame around the new HTML, or the template's output (its frame kept for the next time)."""
            nonlocal spliced
            uri = page.file.src_uri
            key = frame_key(page) if frame_key is not None else None
            frame = self.frames.pop(uri, None)
            if frame is not None and frame.key == key:
                spliced_output = frame.around(page.file.abs_dest_path, page.content or "")
                if spliced_output is not None:
                    self.frames[uri], spliced = frame, True
                    return spliced_output
            return self._draw(template, context, page, key)

        internals.write_page(page, site, output)
        return spliced

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
