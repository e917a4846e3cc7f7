"""A glossary term (glossary.yaml): aliases, definition, see-also references."""

from __future__ import annotations

from handbook.kinds.common import Id, RefText, Strict, Text


class Term(Strict):
    """A glossary term."""

    id: Id
    title: Text
    aliases: list[Text] = []
    definition: Text
    see: list[RefText] = []


class Glossary(Strict):
    """The file glossary.yaml."""

    terms: list[Term]
