"""The handbook's own words, which segmentation must keep whole (三会一课, not 三/会/一/课)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handbook.model.handbook import Handbook

# Words longer than this stay out of the segmenter's dictionary: a whole long title as one
# token would hide its parts (党费 inside 党费收缴和管理工作规定) from search.
MAX_TITLE_WORD = 6
_CJK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z“”]+$")


def user_dictionary(model: Handbook) -> list[str]:
    """Words to keep whole: terms, names of roles and units with their aliases, short titles and steps."""
    words: set[str] = set()
    for doc in model.terms.values():
        words.update([doc.meta.title, *doc.meta.aliases])
    for registry in (model.roles, model.units):
        words.update(word for d in registry.values() for word in (d.meta.title, *d.meta.aliases))
    short = [d.meta.title for r in (model.flows, model.regulations, model.activities) for d in r.values()]
    short += [step.label for d in model.flows.values() for step in d.meta.steps]
    words.update(word for word in short if len(word) <= MAX_TITLE_WORD)
    # what people say (送东西) stays one word in a query as in the index, though no page's text holds it
    words.update(word for doc in model.sayings.values() for word in doc.meta.said)
    return sorted(w for w in words if _CJK.match(w.replace(" ", "")) and " " not in w)
