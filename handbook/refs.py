"""The one cross-reference syntax: `kind:id#anchor`, written `[[kind:id#anchor|text]]` in Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS: dict[str, str] = {
    "reg": "regulation",
    "flow": "flow",
    "act": "activity",
    "unit": "unit",
    "role": "role",
    "term": "term",
}

_REF = re.compile(r"^(?P<kind>[a-z]+):(?P<id>[a-z0-9][a-z0-9-]*)(?:#(?P<anchor>[a-z0-9][a-z0-9-]*))?$")
MARKDOWN_REF = re.compile(r"\[\[(?P<ref>[^\]|\s]+)(?:\|(?P<text>[^\]]+))?\]\]")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")


@dataclass(frozen=True)
class Ref:
    """A parsed reference to an object, optionally to an anchor inside it (article, step)."""

    kind: str
    id: str
    anchor: str | None = None

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}" + (f"#{self.anchor}" if self.anchor else "")

    @property
    def target(self) -> Ref:
        """The reference to the whole object, without anchor."""
        return Ref(self.kind, self.id)


class RefSyntaxError(ValueError):
    """A reference that does not follow `kind:id#anchor`."""


def parse_ref(text: str) -> Ref:
    """Parse `reg:dangfei#a5` into a Ref, or raise RefSyntaxError with the reason."""
    match = _REF.match(text.strip())
    if not match:
        raise RefSyntaxError(
            f"malformed reference '{text}'; expected kind:id or kind:id#anchor, e.g. reg:dangfei-guanli#a5"
        )
    kind = match["kind"]
    if kind not in KINDS:
        raise RefSyntaxError(f"unknown reference kind '{kind}' in '{text}'; known: {', '.join(KINDS)}")
    return Ref(kind, match["id"], match["anchor"])


@dataclass(frozen=True)
class MarkdownRef:
    """A reference found in Markdown text, with where it stands."""

    ref_text: str
    label: str | None
    line: int  # 1-based line within the scanned text
    span: tuple[int, int]


def find_markdown_refs(text: str) -> list[MarkdownRef]:
    """Find every `[[...]]` reference in Markdown text, outside code blocks and inline code."""
    found: list[MarkdownRef] = []
    fence: str | None = None
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.lstrip()
        marker = stripped[:3]
        if marker in ("```", "~~~"):
            if fence is None:
                fence = marker
            elif marker == fence:
                fence = None
        elif fence is None:
            code = [m.span() for m in _CODE_SPAN.finditer(line)]
            for match in MARKDOWN_REF.finditer(line):
                if any(start <= match.start() < end for start, end in code):
                    continue  # `[[...]]` inside inline code is an example, not a reference
                label = match["text"].strip() if match["text"] else None
                found.append(MarkdownRef(match["ref"], label, number, (offset + match.start(), offset + match.end())))
        offset += len(line)
    return found
