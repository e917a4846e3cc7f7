"""The page of a post or role: its duties and every flow step it owns."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.role.schema import Role
from handbook.model.handbook import Handbook
from handbook.render.common import backlinks, lane_steps, numbered, page_header, revisions
from handbook.render.links import Linker
from handbook.render.markdown import plain
from handbook.spec.doc import Doc, RefUse


def role_page(model: Handbook, doc: Doc[Role], uses: list[RefUse]) -> str:
    """The page of one role: its duties and every flow step it owns."""
    role = doc.meta
    ref = Ref("role", role.id)
    linker = Linker(model, model.page_of(ref))
    out = page_header(model, role.title, role.aliases, role.status)
    if role.unit:
        out.append(f"所在组织：{linker.link(Ref('unit', role.unit))}\n\n")
    if role.summary:
        out.append(f"{plain(role.summary)}\n\n")
    if role.duties:
        out.append("## 岗位职责\n\n" + numbered(role.duties))
    out.append(lane_steps(model, role.id, linker))
    out.append(backlinks(model, ref, linker, uses))
    out.append(revisions(model, role.revisions, doc.path, linker, ""))
    return "".join(out)
