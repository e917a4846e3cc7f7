"""Checks that keep the published handbook safe and reachable on the intranet.

Each returns located problems: references to repealed documents, raw HTML that could run
script, links to hosts outside the intranet, and images that do not exist.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from handbook.errors import Problem
from handbook.model import Handbook
from handbook.schema import Status
from handbook.yamlsrc import Loc, Located

_UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|frame|base|form)\b|\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"(?<![\w/])(?:https?:)?//(?P<host>[a-z0-9.-]+\.[a-z]{2,})(?::\d+)?", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]+)")
_REPEALED = {"reg": "regulation", "flow": "flow", "act": "activity"}


def repealed_references(model: Handbook) -> list[Problem]:
    """A flow, regulation or activity must not rest on a repealed document."""
    problems = []
    for use in model.uses:
        if use.source.kind in _REPEALED and model.status_of(use.target) == Status.REPEALED:
            message = f"references {model.title_of(use.target.target)} ({use.target.target}), which is repealed (废止)"
            problems.append(Problem(use.path, use.line, message))
    return problems


def strings(located: Located, loc: Loc = ()) -> Iterator[tuple[int, str]]:
    """Every string value of a YAML file with its line."""
    data = located.data
    for part in loc:
        data = data[part]
    if isinstance(data, str):
        yield located.line_of(loc), data
    elif isinstance(data, dict):
        for key in data:
            yield from strings(located, (*loc, key))
    elif isinstance(data, list):
        for index in range(len(data)):
            yield from strings(located, (*loc, index))


def lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The lines of a Markdown text with their file line numbers."""
    for offset, line in enumerate(text.splitlines()):
        yield first_line + offset, line


def text_problems(path: str, texts: Iterator[tuple[int, str]]) -> list[Problem]:
    """Unsafe HTML and links to outside hosts in one source's texts."""
    problems = []
    for line, text in texts:
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
