"""The comparison pages: each regulation and flow against its version before the last revision."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain


def changes_page(kind: str, object_id: str) -> str:
    """The src_uri of the page comparing a document with its version before the last revision."""
    return f"changes/{kind}-{object_id}.md"


def change_pages(model: Handbook) -> list[tuple[str, str]]:
    """For every regulation and flow revised at least once, its last revision article by article (or step by step)."""
    pages = []
    for kind in ("reg", "flow"):
        for object_id, doc in model.registry(kind).items():
            changes = model.last_changes(kind, doc)
            if changes is None:
                continue
            revisions = model.history[doc.path]
            uri = changes_page(kind, object_id)
            linker = Linker(model, uri)
            title = f"{doc.meta.title}：最近一次修订"
            out = [front_matter({"title": title, "search": {"exclude": True}}), f"# {plain(title)}\n\n"]
            count = f"有 {len(changes)} 处变化" if changes else "条款和环节没有变化"
            notes = sorted(doc.meta.revisions, key=lambda n: n.date)
            said = f"（{plain(notes[-1].change)}）" if notes and notes[-1].date >= revisions[1].date else ""
            out.append(
                f"{linker.link(Ref(kind, object_id))}在 {revisions[0].date} 修订{said}。"
                f"与修订前（{revisions[1].date} 版）相比，{count}：\n\n"
            )
            for change in changes:
                out.append(f"## {change.what} {plain(change.label)}\n\n```diff\n" + "\n".join(change.lines))
                out.append("\n```\n\n")
            pages.append((uri, "".join(out)))
    return pages
