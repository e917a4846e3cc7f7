"""The glossary page (every term's page is an anchor on it) and the tooltip definitions added to every page."""

from __future__ import annotations

from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import aliases_line, front_matter


def glossary_page(model: Handbook) -> str:
    """One page with every term, its aliases, definition and see-also links."""
    linker = Linker(model, model.kinds["term"].page)
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


def glossary_pages(model: Handbook) -> list[tuple[str, str]]:
    """The one page all terms live on."""
    return [(model.kinds["term"].page, glossary_page(model))]
