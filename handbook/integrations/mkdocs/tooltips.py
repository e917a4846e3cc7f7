"""Tooltips in two steps: terms are marked while Markdown is converted, definitions filled in before templating.

The abbr extension (and the hb-html fence) write each term as `<abbr title="MARK">`, where the mark
names the term, not its definition. So a page's conversion does not depend on what the definitions
say, and `handbook serve` keeps every conversion when only a definition changed: it fills in the
new text and templates again just the pages that show the term.
"""

from __future__ import annotations

import re

# A term's mark: private-use characters around the term, which no source text uses.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f'title="{_OPEN}([^{_CLOSE}"]*){_CLOSE}"')
# An ampersand that does not start a character reference: Python-Markdown escapes only these.
_AMPERSAND = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def attribute(text: str) -> str:
    """Text escaped for an attribute value exactly as Python-Markdown's HTML serializer escapes it."""
    return _AMPERSAND.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Tooltips:
    """The glossary of a build: the marks the converter writes, and the definitions that replace them."""

    def __init__(self, definitions: dict[str, str]) -> None:
        shown = {term: text for term, text in definitions.items() if text}  # the extension skips empty ones
        self.marks = {term: f"{_OPEN}{term}{_CLOSE}" for term in shown}  # the abbr extension's glossary
        self.texts = {attribute(term): attribute(text) for term, text in shown.items()}

    def used(self, content: str) -> list[tuple[str, str]]:
        """The terms a converted page marks, with their definitions: what filling it in depends on."""
        return [(term, self.texts.get(term, "")) for term in dict.fromkeys(_MARK.findall(content))]

    def fill(self, content: str) -> str:
        """A converted page with each mark replaced by its term's definition."""
        return _MARK.sub(lambda mark: f'title="{self.texts.get(mark[1], "")}"', content)
