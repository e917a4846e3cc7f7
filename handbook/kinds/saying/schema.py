"""An everyday saying (everyday.yaml): the handbook's written forms of a thing and the words people say for it."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, Strict, Text


class Saying(Strict):
    """What the handbook writes, and what people say instead: a page using a written form is found by the said ones."""

    id: Id
    written: list[Text] = Field(min_length=1, description="the forms the handbook's text uses (礼品, 礼金)")
    said: list[Text] = Field(min_length=1, description="what people type for it instead (送东西, 收礼)")


class SayingList(Strict):
    """The file everyday.yaml."""

    sayings: list[Saying]
