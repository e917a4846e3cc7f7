"""What the search index knows of one findable thing: each kind makes these of its objects."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchDoc:
    """What the search index knows of one findable thing."""

    key: str  # the reference, e.g. flow:fazhan-dangyuan#vote
    type: str  # a kind's name, or `step`
    title: str
    url: str  # path of the page in the site, with anchor, relative to the site root
    body: str
    aliases: tuple[str, ...] = ()  # the everyday names people use for it
    questions: tuple[str, ...] = ()  # the questions people ask that it answers
    roles: tuple[str, ...] = ()
    part: str = ""
    tags: tuple[str, ...] = ()
    status: str = ""  # of the document (a step: of its flow); 废止 is searched only when asked for
