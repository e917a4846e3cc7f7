"""Everyday sayings: each said word is one word of one saying; each written form is a word the sources use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.kinds.saying.schema import Saying
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc

# A said word is typed as one word: a query is cut at spaces and punctuation.
ONE_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+$")


def check_sayings(model: Handbook) -> list[Problem]:
    """Errors: a said word in two sayings (which would it find?), one that is not one word (never typed whole), a
    written form of one character (found inside other words: 礼 in 典礼). A warning: a written form no source's text
    holds finds nothing. (Whether a said word is in the text already is not checked: it would do no harm, and the
    search through the whole text for words that are not in it would cost every check a fifth of a second.)"""
    text = _source_text(model)
    owner: dict[str, str] = {}  # the saying each said word was first given to
    return [problem for doc in model.sayings.values() for problem in _saying_problems(doc, text, owner)]


def _saying_problems(doc: Doc[Saying], text: str, owner: dict[str, str]) -> Iterator[Problem]:
    """The problems of one saying, given the sources' `text` and the owners of the said words before it."""
    found: list[tuple[Loc, str, bool]] = []
    for index, word in enumerate(doc.meta.said):
        at: Loc = ("said", index)
        key = word.lower()
        if not ONE_WORD.match(word):
            found.append((at, f"'{word}' is not one word: a query is cut at spaces and punctuation", False))
        elif owner.get(key, doc.meta.id) != doc.meta.id:
            found.append((at, f"'{word}' is said for '{owner[key]}' too: keep it in one", False))
        owner.setdefault(key, doc.meta.id)
    for index, word in enumerate(doc.meta.written):
        at = ("written", index)
        if len(word) < 2:
            found.append((at, f"'{word}' is one character: it would be found inside other words", False))
        elif word.casefold() not in text:
            found.append((at, f"'{word}' is in no source's text: this form finds nothing", True))
    for loc, message, warning in found:
        yield replace(doc.source.problem((*doc.loc, *loc), message), warning=warning)


def _source_text(model: Handbook) -> str:
    """The text of every source object but the sayings and recorded data, case folded: its fields' words and its body.

    Checked before references resolve, this is the sources' text, not the search documents' (which need a valid
    model): a few fields search does not read (a flow's calendar event) count here too.
    """
    return "\n".join(
        text.casefold()
        for spec in model.kinds
        if spec.prefix != "saying" and not spec.record
        for doc in model.registry(spec.prefix).values()
        for text in [*_strings(doc.meta.model_dump(mode="json")), doc.body]
    )


def _strings(value: object) -> Iterator[str]:
    """Every string in a parsed value: a source object's field values, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
