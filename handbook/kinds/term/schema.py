"""A glossary term (glossary.yaml): aliases, definition, see-also references."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, RefText, Strict, Text


class Term(Strict):
    """A glossary term."""

    id: Id
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    questions: list[Text] = Field(
        default_factory=list, description="questions people ask that it answers (found by search only)"
    )
    definition: Text
    see: list[RefText] = Field(default_factory=list)


class Glossary(Strict):
    """The file glossary.yaml."""

    terms: list[Term]
