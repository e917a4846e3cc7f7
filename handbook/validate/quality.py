"""Checks that keep the published handbook safe and reachable on the intranet.

Each returns located problems: references to repealed documents, raw HTML that could run
script, links to hosts outside the intranet, and images that do not exist.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from handbook.core.located import Loc, Located
from handbook.core.markdown import prose_lines
from handbook.core.problems import Problem
from handbook.core.refs import MARKDOWN_REF, Ref
from handbook.kinds.common import Status
from handbook.load.sources import RawSources
from handbook.model.handbook import Handbook

_UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|frame|base|form)\b|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"(?<![\w/])(?:https?:)?//(?P<host>[a-z0-9.-]+\.[a-z]{2,})(?::\d+)?", re.IGNORECASE)
# Every match of the two patterns above holds one of these characters; most texts (Chinese prose,
# a year of assessment reasons) hold none, and one search for them is cheaper than both patterns.
_SUSPECT = re.compile(r"[<=:/]")
# `[[…]]` in a YAML text field would be shown as typed: references belong in the fields made for them.
_FIELD_REFERENCE = (
    "a [[…]] reference in a YAML text field is shown as plain text; name it in related, basis or see "
    "(as kind:id), or write it in the Markdown body"
)
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")


def repealed_references(model: Handbook) -> list[Problem]:
    """A flow, regulation or activity must not rest on a repealed document."""
    problems = []
    for use in model.uses:
        if model.kinds[use.source.kind].placed and model.status_of(use.target) == Status.REPEALED:
            message = f"references {model.title_of(use.target.target)} ({use.target.target}), which is repealed (废止)"
            problems.append(Problem(use.path, use.line, message))
    return problems


def located_strings(located: Located) -> Iterator[tuple[Loc, str]]:
    """Every string value of a YAML file with its key path, in the file's order."""
    # A stack, not recursion: a year of results has tens of thousands of strings, and nested
    # generators pay for every level of every one.
    stack: list[tuple[Loc, object]] = [((), located.data)]
    while stack:
        loc, data = stack.pop()
        if isinstance(data, str):
            yield loc, data
        elif isinstance(data, dict):
            stack.extend(((*loc, key), value) for key, value in reversed(data.items()))
        elif isinstance(data, list):
            stack.extend(((*loc, index), data[index]) for index in reversed(range(len(data))))


def yaml_problems(located: Located) -> list[Problem]:
    """Unsafe HTML, outside links and `[[…]]` references in the string values of a YAML file.

    One walk over the values, and a line looked up only for a text that needs checking: a year of
    assessment results holds tens of thousands of short texts, nearly all of them plain.
    """
    problems = []
    for loc, text in located_strings(located):
        if "[[" in text and MARKDOWN_REF.search(text):
            problems.append(located.problem(loc, _FIELD_REFERENCE))
        if _SUSPECT.search(text):
            problems += text_problems(located.path, iter([(located.line_of(loc), text)]))
    return problems


def lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The prose lines of a Markdown text (code is shown, never run or fetched) with their file line numbers."""
    for line in prose_lines(text):
        yield first_line + line.number - 1, line.text


def text_problems(path: str, texts: Iterator[tuple[int, str]]) -> list[Problem]:
    """Unsafe HTML and links to outside hosts in one source's texts."""
    problems = []
    for line, text in texts:
        if not _SUSPECT.search(text):
            continue
        unsafe = _UNSAFE_HTML.search(text)
        if unsafe:
            message = f"raw HTML that could run script is not allowed: '{unsafe.group(0).strip()}'"
            problems.append(Problem(path, line, message))
        for match in _EXTERNAL.finditer(text):
            message = f"link to outside host '{match['host']}', which the intranet cannot reach"
            problems.append(Problem(path, line, message))
    return problems


def missing_images(path: str, page: str, texts: Iterator[tuple[int, str]], docs: Path) -> list[Problem]:
    """Images referenced from a page (src_uri `page`) that do not exist in docs/."""
    problems = []
    for line, text in texts:
        for match in _IMAGE.finditer(text):
            src = match["src"].split("#")[0]
            if _EXTERNAL.match(src):
                continue  # reported as an outside link
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
            if target.startswith("..") or not (docs / target).is_file():
                problems.append(Problem(path, line, f"image '{src}' not found (looked for docs/{target})"))
    return problems


def quality_problems(raw: RawSources, model: Handbook) -> list[Problem]:
    """No script in sources, no outside links, no missing images, in every source and hand-written page."""
    problems = []
    docs = raw.docs_dir or Path("docs")
    for spec in model.kinds:
        for file in raw.files.get(spec.prefix, []):
            if file.meta.data is not None:
                problems += yaml_problems(file.meta)
            if not spec.source.markdown:
                continue
            problems += text_problems(file.path, lines(file.body, file.body_line))
            object_id = file.meta.data.get("id") if isinstance(file.meta.data, dict) else None
            if isinstance(object_id, str) and spec.own_page:
                page = model.page_of(Ref(spec.prefix, object_id))
                problems += missing_images(file.path, page, lines(file.body, file.body_line), docs)
    if raw.book is not None and raw.book.data is not None:
        problems += yaml_problems(raw.book)
    for path, text in raw.pages:
        problems += text_problems(path, lines(text, 1))
        problems += missing_images(path, path.removeprefix("docs/"), lines(text, 1), docs)
    return problems
