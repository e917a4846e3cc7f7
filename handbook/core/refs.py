"""The one cross-reference syntax: `kind:id#anchor`, written `[[kind:id#anchor|text]]` in Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.core.markdown import prose_lines

_REF = re.compile(r"^(?P<kind>[a-z]+):(?P<id>[a-z0-9][a-z0-9-]*)(?:#(?P<anchor>[a-z0-9][a-z0-9-]*))?$")
MARKDOWN_REF = re.compile(r"\[\[(?P<ref>[^\]|\s]+)(?:\|(?P<text>[^\]]+))?\]\]")


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
        return self if self.anchor is None else Ref(self.kind, self.id)


class RefSyntaxError(ValueError):
    """A reference that does not follow `kind:id#anchor`."""


def parse_ref(text: str) -> Ref:
    """Parse `reg:dangfei#a5` into a Ref, or raise RefSyntaxError; whether the kind exists is the registry's."""
    match = _REF.match(text.strip())
    if not match:
        raise RefSyntaxError(
            f"malformed reference '{text}'; expected kind:id or kind:id#anchor, e.g. reg:dangfei-guiding#a5"
        )
    return Ref(match["kind"], match["id"], match["anchor"])


@dataclass(frozen=True)
class MarkdownRef:
    """A reference found in Markdown text, with where it stands."""

    ref_text: str
    label: str | None
    line: int  # 1-based line within the scanned text
    span: tuple[int, int]


def find_markdown_refs(text: str) -> list[MarkdownRef]:
    """Find every `[[...]]` reference in Markdown prose (never inside code)."""
    found: list[MarkdownRef] = []
    for line in prose_lines(text):
        for match in MARKDOWN_REF.finditer(line.text):
            if line.in_code(match.start()):
                continue  # `[[...]]` inside inline code is an example, not a reference
            label = match["text"].strip() if match["text"] else None
            span = (line.offset + match.start(), line.offset + match.end())
            found.append(MarkdownRef(match["ref"], label, line.number, span))
    return found


EMBED = re.compile(r"\{\{(?P<kind>[a-z]+):(?P<name>[a-z][a-z-]*)(?: +(?P<arg>[a-z0-9][a-z0-9-]*))?\}\}")


@dataclass(frozen=True)
class MarkdownEmbed:
    """A `{{kind:name arg}}` in Markdown prose: a piece of text generated from structured sources."""

    kind: str
    name: str
    arg: str | None
    line: int  # 1-based line within the scanned text
    span: tuple[int, int]

    def __str__(self) -> str:
        return f"{{{{{self.kind}:{self.name}{' ' + self.arg if self.arg else ''}}}}}"


def find_embeds(text: str) -> list[MarkdownEmbed]:
    """Find every `{{kind:name arg}}` in Markdown prose (never inside code)."""
    found: list[MarkdownEmbed] = []
    for line in prose_lines(text):
        for match in EMBED.finditer(line.text):
            if not line.in_code(match.start()):
                span = (line.offset + match.start(), line.offset + match.end())
                found.append(MarkdownEmbed(match["kind"], match["name"], match["arg"], line.number, span))
    return found
