"""Code spans, found in a text Python-Markdown processes inline as its backtick pattern finds them.

Its pattern runs first, over the whole text of a paragraph (all its lines), heading, table cell
or title: from a run of backticks no backslash escapes, the next run of as many closes a span;
failing that, the longest shorter run closes it, with as many of the opening's last backticks;
failing that, the run is text. An even run of backslashes before backticks is escaped
backslashes, so those backticks open.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handbook.core.markdown.source import Block, joined

_BACKTICK = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)")  # Python-Markdown's BACKTICK_RE
_TICKS = re.compile("`+")
# Stands for text Python-Markdown has replaced by a placeholder: neither backtick nor backslash,
# so the search after it goes on as Python-Markdown's does.
_TAKEN = "\x03"


def code_spans(unit: Block) -> Iterator[tuple[int, int]]:
    """The code spans of a text processed inline, as offsets into its lines joined by newlines."""
    data = joined(unit)
    at = 0
    while found := _BACKTICK.search(data, at):
        if found[1]:  # escaped backslashes: text, and the backticks after them are not escaped
            data = data[: found.start()] + _TAKEN * len(found[1]) + data[found.end() :]
            at = found.end()
            continue
        begin = found.start()
        start, end = _pair(data, begin)
        if end is None:
            at = start
            continue
        close = end + (start - begin)
        yield begin, close
        data = data[:begin] + _TAKEN * (close - begin) + data[close:]
        at = close


def _pair(text: str, begin: int) -> tuple[int, int | None]:
    """Where the content of a span opening at `begin` starts and ends; if nothing closes it, where to search on."""
    opening = _TICKS.match(text, begin)
    assert opening is not None, "a span opens at a backtick"
    start = opening.end()
    ticks = start - begin
    longest, end = 0, 0
    for run in _TICKS.finditer(text, start):
        if run.end() - run.start() == ticks:
            return start, run.start()
        if run.end() - run.start() > longest:
            longest, end = run.end() - run.start(), run.end()
    if 0 < longest < ticks:
        return start - (ticks - longest), end - longest
    # Python-Markdown adds the opening's length to where the opening already ends, skipping as
    # many characters again before it searches on.
    return start + ticks, None
