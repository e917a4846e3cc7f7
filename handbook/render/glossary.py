"""The glossary page, tooltip definitions for every page, and the jieba user dictionary."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import jieba

from handbook.model import Handbook
from handbook.render.links import GLOSSARY, Linker
from handbook.render.markdown import aliases_line, front_matter

# Words longer than this stay out of the segmenter's dictionary: a whole long title as one
# token would hide its parts (党费 inside 党费收缴和管理工作规定) from search.
MAX_TITLE_WORD = 6
_CJK = re.compile(r"^[\u4e00-\u9fff0-9A-Za-z“”]+$")
# Words of nearly every title; as keywords they would lift every page alike.
GENERIC = frozenset(
    [
        "工作",
        "流程",
        "工作流程",
        "制度",
        "规定",
        "办法",
        "管理",
        "管理制",
        "管理制度",
        "实施",
        "意见",
        "细则",
        "决定",
        "通知",
        "程序",
        "规则",
    ]
)
jieba.setLogLevel(logging.WARNING)  # its start-up chatter would drown our own output


def glossary_page(model: Handbook) -> str:
    """One page with every term, its aliases, definition and see-also links."""
    linker = Linker(model, GLOSSARY)
    out = [front_matter({"title": "术语表"}), "# 术语表\n\n"]
    out.append("手册中使用的专门用语。正文中出现这些用语时，将鼠标移到其上（手机上点按）即可看到释义。\n")
    for doc in sorted(model.terms.values(), key=lambda d: d.meta.title):
        term = doc.meta
        out.append(f"\n## {term.title} {{#term-{term.id}}}\n\n")
        out.append(aliases_line(term.aliases))
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
    """Words jieba must keep whole: terms, names of roles and units with their aliases, short titles and steps."""
    words: set[str] = set()
    for doc in model.terms.values():
        words.update([doc.meta.title, *doc.meta.aliases])
    for registry in (model.roles, model.units):
        words.update(word for d in registry.values() for word in (d.meta.title, *d.meta.aliases))
    short = [d.meta.title for r in (model.flows, model.regulations, model.activities) for d in r.values()]
    short += [step.label for d in model.flows.values() for step in d.meta.steps]
    words.update(word for word in short if len(word) <= MAX_TITLE_WORD)
    return sorted(w for w in words if _CJK.match(w.replace(" ", "")) and " " not in w)


def load_words(words: Iterable[str]) -> None:
    """Teach jieba the handbook's words (idempotent; jieba keeps one global dictionary)."""
    for word in words:
        jieba.add_word(word, freq=100000)


def page_meta(title: str, *words: Iterable[str]) -> dict[str, object]:
    """Front matter of an object page: its title, and as `tags` what Material's search weighs most.

    Material indexes `tags` far above titles and text. They hold the given words (tags, aliases)
    and the words of the title, so 工会 finds 矿工会 although jieba keeps 矿工会 whole in the text.
    """
    keywords = [word for group in words for word in group] + title_words(title)
    return {"title": title, "tags": list(dict.fromkeys(keywords))}


def title_words(title: str) -> list[str]:
    """Every run of whole sub-words inside each word of a title: 党支部书记 gives 支部书记 too.

    Material's browser search matches each query word as a prefix, so 支部书记 must be a keyword
    of 党支部书记 even though jieba never cuts the title that way.
    """
    found = []
    for _, start, end in jieba.tokenize(title):
        parts = [(s, e) for _, s, e in jieba.tokenize(title, mode="search") if start <= s and e <= end]
        starts, ends = {s for s, _ in parts}, {e for _, e in parts}
        found += [title[s:e] for s in sorted(starts) for e in sorted(ends) if e - s >= 2]
    return [word for word in found if word not in GENERIC]


def jieba_dictionary(model: Handbook) -> str:
    """The user dictionary file: one word per line with a high frequency so it stays whole."""
    return "".join(f"{word} 100000 n\n" for word in user_dictionary(model))
