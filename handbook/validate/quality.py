"""Checks that keep the published handbook safe and reachable on the intranet.

Each returns located problems: references to repealed documents, raw HTML that could run
script, links to hosts outside the intranet, and images that do not exist.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from handbook.core.html import attribute_problem, site_url, unsafe_markup
from handbook.core.located import Loc, Located
from handbook.core.markdown import prose_lines
from handbook.core.problems import Problem
from handbook.core.refs import MARKDOWN_REF, Ref
from handbook.load.sources import RawSources
from handbook.model.handbook import Handbook
from handbook.spec.common import Status

# A web address in prose: a reader of the intranet copy cannot follow it.
_EXTERNAL = re.compile(r"(?<![\w/])(?:https?:)?//(?P<host>[a-z0-9.-]+\.[a-z]{2,})(?::\d+)?", re.IGNORECASE)
# Every match of the pattern above, and every tag, holds one of these characters; most texts
# (Chinese prose, a year of assessment reasons) hold none, and one search is cheaper than parsing.
_SUSPECT = re.compile(r"[<:/\\{]")
# Where Markdown takes a URL: an inline link or image `](url)`, an autolink `<scheme:…>`, a
# reference definition `[id]: url`; and attributes written as an attribute list `{: name=value }`.
_INLINE_URL = re.compile(r"\]\(\s*(?:<(?P<angled>[^>\n]*)>|(?P<plain>(?:[^()\s]|\([^()\s]*\))*))")
_AUTOLINK = re.compile(r"<(?P<url>[a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(?P<url>[^\s>]+)")
_ATTR_LIST = re.compile(r"\{:?(?P<body>[^{}\n]*)\}")
_ATTR = re.compile(r"(?P<name>[^\s=#.{}]+)\s*=")
_MARKDOWN_ESCAPE = re.compile(r"\\(?P<char>[!-/:-@\[-`{-~])")
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
    """Outside links, markup and `[[…]]` references in the string values of a YAML file.

    A YAML field is plain text, escaped wherever it is shown: markup in it is a warning (it shows
    as typed), an outside address an error. One walk over the values, and a line looked up only
    for a text that needs checking: a year of assessment results holds tens of thousands of short
    texts, nearly all of them plain.
    """
    problems = []
    for loc, text in located_strings(located):
        if "[[" in text and MARKDOWN_REF.search(text):
            problems.append(located.problem(loc, _FIELD_REFERENCE))
        if not _SUSPECT.search(text):
            continue
        for match in _EXTERNAL.finditer(text):
            problems.append(located.problem(loc, _outside(match["host"])))
        if "<" in text and _TAG.search(text):
            message = "HTML in a text field is shown as typed, not as markup (write plain text)"
            problems.append(replace(located.problem(loc, message), warning=True))
    return problems


_TAG = re.compile(r"<[a-z!/?]", re.IGNORECASE)


def _outside(host: str) -> str:
    """The message for an address on another host."""
    return f"link to outside host '{host}', which the intranet cannot reach"


def prose(text: str) -> str:
    """A Markdown text with its code blanked out (same length, same lines): code is shown, never run or fetched."""
    chars = [c if c in "\r\n" else " " for c in text]
    for line in prose_lines(text):
        kept = list(line.text)
        for start, end in line.code:
            kept[start:end] = " " * (end - start)
        chars[line.offset : line.offset + len(kept)] = kept
    return "".join(chars)


def _url(text: str) -> str:
    """A URL as written in Markdown, as the browser will read it: escapes and character references decoded."""
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\g<char>", text))


def _link_problems(line: str) -> Iterator[str]:
    """What a line of Markdown prose links to outside the site, or sets as an attribute the policy removes."""
    urls = [m["angled"] if m["angled"] is not None else m["plain"] for m in _INLINE_URL.finditer(line)]
    urls += [m["url"] for m in _AUTOLINK.finditer(line)]
    urls += [m["url"] for m in _DEFINITION.finditer(line)]
    for url in urls:
        if url and not site_url(_url(url)):
            yield f"link to '{_url(url)}' leads outside the site (only relative links to its own pages and files)"
    for attributes in _ATTR_LIST.finditer(line):
        for name in _ATTR.finditer(attributes["body"]):
            if attribute_problem("*", name["name"], "") is not None:
                yield f"attribute '{name['name']}' in an attribute list is not allowed"
    for match in _EXTERNAL.finditer(line):
        yield _outside(match["host"])


def markdown_problems(path: str, text: str, first_line: int) -> list[Problem]:
    """Markup the site's policy removes, and links that leave the site, in a Markdown text; one per line.

    `first_line` is the file's line of the text's first line. Raw HTML is read as a browser
    reads it (tags across lines, character references decoded); code is skipped.
    """
    if not _SUSPECT.search(text):
        return []
    found: dict[int, str] = {}
    scanned = prose(text)
    starts = [0] + [m.end() for m in re.finditer("\n", scanned)]
    # An autolink is Markdown's, not a tag: its address is checked with the other links below.
    for unsafe in unsafe_markup(_AUTOLINK.sub(lambda m: " " * len(m[0]), scanned)):
        number = bisect.bisect_right(starts, unsafe.offset)
        found.setdefault(number, f"raw HTML that the site removes: {unsafe.reason}")
    for number, line in enumerate(scanned.split("\n"), start=1):
        if _SUSPECT.search(line):
            for message in _link_problems(line):
                found.setdefault(number, message)
    return [Problem(path, first_line + number - 1, message) for number, message in sorted(found.items())]


def lines(text: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The prose lines of a Markdown text (code is shown, never run or fetched) with their file line numbers."""
    for line in prose_lines(text):
        yield first_line + line.number - 1, line.text


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
            problems += markdown_problems(file.path, file.body, file.body_line)
            object_id = file.meta.data.get("id") if isinstance(file.meta.data, dict) else None
            if isinstance(object_id, str) and spec.own_page:
                page = model.page_of(Ref(spec.prefix, object_id))
                problems += missing_images(file.path, page, lines(file.body, file.body_line), docs)
    if raw.book is not None and raw.book.data is not None:
        problems += yaml_problems(raw.book)
    for path, text in raw.pages:
        problems += markdown_problems(path, text, 1)
        problems += missing_images(path, path.removeprefix("docs/"), lines(text, 1), docs)
    return problems
