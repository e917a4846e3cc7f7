"""The glossary page, tooltip definitions for every page, and the jieba user dictionary."""

from __future__ import annotations

import re

from handbook.model import Handbook
from handbook.render.links import GLOSSARY, Linker
from handbook.render.markdown import front_matter

# Words longer than this stay out of the segmenter's dictionary: a whole long title as one
# token would hide its parts (党费 inside 党费收缴和管理工作规定) from search.
MAX_TITLE_WORD = 6
_CJK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z“”]+$")


def glossary_page(model: Handbook) -> str:
    """One page with every term, its aliases, definition and see-also links."""
    linker = Linker(model, GLOSSARY)
    out = [front_matter({"title": "术语表"}), "# 术语表\n\n"]
    out.append("手册中使用的专门用语。正文中出现这些用语时，将鼠标移到其上（手机上点按）即可看到释义。\n")
    for doc in sorted(model.terms.values(), key=lambda d: d.meta.title):
        term = doc.meta
        out.append(f"\n## {term.title} {{#term-{term.id}}}\n\n")
        if term.aliases:
            out.append(f"又称：{'、'.join(term.aliases)}\n\n")
        out.append(f"{term.definition}\n")
        if term.see:
            out.append("\n参见：" + "、".join(linker.link_ref(s) for s in term.see) + "\n")
    return "".join(out)


def abbreviations(model: Handbook) -> str:
    """Abbreviation definitions (`*[词]: 释义`) that turn every term into a tooltip."""
    lines = []
    for doc in model.terms.values():
        definition = doc.meta.definition.replace("\n", " ")
        for word in (doc.meta.title, *doc.meta.aliases):
            lines.append(f"*[{word}]: {definition}")
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def user_dictionary(model: Handbook) -> list[str]:
    """Words jieba must keep whole: terms, aliases, names of roles and units, short titles."""
    words: set[str] = set()
    for doc in model.terms.values():
        words.update([doc.meta.title, *doc.meta.aliases])
    for registry in (model.roles, model.units):
        words.update(d.meta.title for d in registry.values())
    for registry in (model.flows, model.regulations, model.activities):
        words.update(d.meta.title for d in registry.values() if len(d.meta.title) <= MAX_TITLE_WORD)
    return sorted(w for w in words if _CJK.match(w.replace(" ", "")) and " " not in w)


def jieba_dictionary(model: Handbook) -> str:
    """The user dictionary file: one word per line with a high frequency so it stays whole."""
    return "".join(f"{word} 100000 n\n" for word in user_dictionary(model))
