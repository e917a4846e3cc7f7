"""The book's structure (book.yaml): parts, chapters and sections, and the places they give."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from handbook.core.numerals import chinese
from handbook.spec.common import PlaceId, Strict, Text


class Section(Strict):
    """A section (节) of a chapter."""

    id: PlaceId
    title: Text
    page: int | None = None
    shows: Literal["duties", "visions"] | None = Field(
        default=None, description="a place whose pages are generated from the organisation sources"
    )


class Chapter(Section):
    """A chapter (章) of a part."""

    sections: list[Section] = Field(default_factory=list)


class Part(Section):
    """A part (篇) of the book."""

    label: Text
    chapters: list[Chapter] = Field(default_factory=list)


class Book(Strict):
    """The book's fixed structure: parts, chapters and sections."""

    title: Text
    organisation: Text | None = Field(default=None, description="the organisation the handbook belongs to (cover)")
    edition: Text | None = Field(default=None, description="the edition printed on the cover, e.g. 2026年版")
    parts: list[Part]


@dataclass(frozen=True)
class Place:
    """A part, chapter or section of the book, with its full label."""

    id: str
    title: str
    label: str  # e.g. 第六篇 第一章 第一节
    depth: int  # 1 part, 2 chapter, 3 section
    parent: str | None
    order: int
    shows: str | None = None


def book_places(book: Book) -> dict[str, Place]:
    """Flatten the book's parts, chapters and sections into places with full labels."""
    places: dict[str, Place] = {}
    order = 0
    for part in book.parts:
        places[part.id] = Place(part.id, part.title, part.label, 1, None, order := order + 1, part.shows)
        for c, chapter in enumerate(part.chapters, start=1):
            chapter_label = f"第{chinese(c)}章"
            places[chapter.id] = Place(
                chapter.id, chapter.title, chapter_label, 2, part.id, order := order + 1, chapter.shows
            )
            for s, section in enumerate(chapter.sections, start=1):
                places[section.id] = Place(
                    section.id,
                    section.title,
                    f"第{chinese(s)}节",
                    3,
                    chapter.id,
                    order := order + 1,
                    section.shows,
                )
    return places
