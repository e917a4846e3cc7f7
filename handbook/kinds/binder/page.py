"""The page of a binder on the site: what it holds, section by section, and how to print it."""

from __future__ import annotations

from handbook.core.refs import Ref, parse_ref
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook
from handbook.render.common import facts
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain
from handbook.spec.doc import Doc, RefUse

INDEX = "binders/index.md"


def binder_page(model: Handbook, doc: Doc[Binder], uses: list[RefUse]) -> str:
    """The contents of one binder, each entry linked to its page."""
    binder = doc.meta
    linker = Linker(model, model.page_of(Ref("binder", binder.id)))
    out = [front_matter({"title": binder.title}), f"# {plain(binder.title)}\n\n"]
    if binder.summary:
        out.append(f"{plain(binder.summary)}\n\n")
    out.append(
        facts([("适用对象", plain(binder.audience or "")), ("打印命令", f"`handbook pdf --binder {binder.id}`")])
    )
    for section in binder.sections:
        out.append(f"\n## {plain(section.title)}\n\n")
        out += [f"1. {linker.link(parse_ref(text))}\n" for text in section.include]
    return "".join(out)


def binder_index(model: Handbook) -> list[tuple[str, str]]:
    """The list of binders."""
    linker = Linker(model, INDEX)
    binders = model.registry("binder").values()
    lines = [f"- {linker.link(Ref('binder', doc.meta.id))}：{plain(doc.meta.audience or '')}\n" for doc in binders]
    intro = "按岗位选编、单独打印装订的手册分册。源文件变化后重新打印即可换页。\n\n"
    return [(INDEX, front_matter({"title": "装订册"}) + "# 装订册\n\n" + intro + "".join(lines))]
