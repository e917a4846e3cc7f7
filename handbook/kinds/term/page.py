"""The glossary page (every term's page is an anchor on it) and the tooltips of every page."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import aliases_line, front_matter, plain


def glossary_page(model: Handbook) -> str:
    """One page with every term, its aliases, definition and see-also links."""
    linker = Linker(model, model.kinds["term"].page)
    out = [front_matter({"title": "术语表"}), "# 术语表\n\n"]
    out.append("手册中使用的专门用语。正文中出现这些用语时，将鼠标移到其上（手机上点按）即可看到释义。\n")
    for doc in sorted(model.terms.values(), key=lambda d: d.meta.title):
        term = doc.meta
        out.append(f"\n## {plain(term.title)} {{#term-{term.id}}}\n\n")
        out.append(aliases_line(term.aliases))
        out.append(f"{plain(term.definition)}\n")
        if term.see:
            out.append("\n参见：" + "、".join(linker.link_ref(s) for s in term.see) + "\n")
    return "".join(out)


def tooltips(model: Handbook) -> dict[str, str]:
    """Every term and alias with its definition: the abbr extension's glossary turns each into a tooltip.

    Given as the extension's `glossary` option rather than as `*[词]: 释义` lines appended to every
    page: Python-Markdown's block parser takes one such line per pass over the rest of the page,
    which made the tooltips quadratic in the number of terms (24 of a 43 s build).
    """
    return {
        word: doc.meta.definition.replace("\n", " ")
        for doc in model.terms.values()
        for word in (doc.meta.title, *doc.meta.aliases)
    }


def glossary_pages(model: Handbook) -> list[tuple[str, str]]:
    """The one page all terms live on."""
    return [(model.kinds["term"].page, glossary_page(model))]
