"""Everyday sayings: a said word belongs to one saying, and a written form is one the handbook uses."""

from __future__ import annotations

from dataclasses import replace

from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.model.handbook import Handbook


def check_sayings(model: Handbook) -> list[Problem]:
    """A said word in two sayings is an error (which would it find?); a written form that no source's text
    uses finds nothing, a warning (the handbook may use it later, or an adopted list not at all)."""
    problems = []
    owner: dict[str, str] = {}
    texts = _source_texts(model)
    for doc in model.registry("saying").values():
        for index, word in enumerate(doc.meta.said):
            key = "".join(word.casefold().split())
            if owner.get(key, doc.meta.id) != doc.meta.id:
                loc: Loc = (*doc.loc, "said", index)
                problems.append(doc.source.problem(loc, f"'{word}' is said for '{owner[key]}' too: keep it in one"))
            owner.setdefault(key, doc.meta.id)
        for index, word in enumerate(doc.meta.written):
            if not any(word.casefold() in text for text in texts):
                message = f"'{word}' occurs in no source's text: this form finds nothing"
                problems.append(replace(doc.source.problem((*doc.loc, "written", index), message), warning=True))
    return problems


def _source_texts(model: Handbook) -> list[str]:
    """The text of every source object but the sayings and recorded data, lower case: its fields and its body."""
    return [
        (doc.meta.model_dump_json() + doc.body).casefold()
        for spec in model.kinds
        if spec.prefix != "saying" and not spec.record
        for doc in model.registry(spec.prefix).values()
    ]
