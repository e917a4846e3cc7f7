"""Pages for the duty-and-vision system: each unit, the duties index and the visions page."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.unit.schema import Unit, UnitKind
from handbook.model.handbook import Handbook
from handbook.render.common import backlinks, lane_steps, numbered, page_header, revisions
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain
from handbook.spec.doc import Doc, RefUse


def unit_page(model: Handbook, doc: Doc[Unit], uses: list[RefUse]) -> str:
    """The page of one unit: duties, vision, goals, posts, flows and documents it owns."""
    unit = doc.meta
    ref = Ref("unit", unit.id)
    linker = Linker(model, model.page_of(ref))
    out = page_header(model, unit.title, unit.aliases, unit.status)
    line = f"类别：{unit.kind.value}"
    if unit.parent:
        line += f"；上级：{linker.link(Ref('unit', unit.parent))}"
    out.append(line + "\n\n")
    if unit.summary:
        out.append(f"{plain(unit.summary)}\n\n")
    if unit.duties:
        out.append("## 工作职责\n\n" + numbered(unit.duties))
    if unit.vision or unit.goals:
        out.append("\n## 愿景与目标\n\n")
        if unit.vision:
            out.append(f"**愿景：** {plain(unit.vision)}\n\n")
        if unit.goals:
            out.append("**目标：**\n\n" + numbered(unit.goals))
    posts = [r for r in model.roles.values() if r.meta.unit == unit.id]
    if posts:
        out.append("\n## 岗位\n\n" + "".join(f"- {linker.link(Ref('role', r.meta.id))}\n" for r in posts))
    children = [u for u in model.units.values() if u.meta.parent == unit.id]
    if children:
        out.append("\n## 下级组织\n\n" + "".join(f"- {linker.link(Ref('unit', u.meta.id))}\n" for u in children))
    owned = model.owned_by.get(unit.id, [])
    if owned:
        out.append("\n## 归口管理的制度与流程\n\n" + "".join(f"- {linker.link(ref)}\n" for ref in owned))
    out.append(lane_steps(model, unit.id, linker))
    out.append(backlinks(model, ref, linker, uses))
    out.append(revisions(model, unit.revisions, doc.path, linker, ""))
    return "".join(out)


_KIND_ORDER = list(UnitKind)


def duties_index(model: Handbook) -> str:
    """The landing page of 工作职责: units by kind, then the posts."""
    page = "organisation/index.md"
    linker = Linker(model, page)
    out = [front_matter({"title": "工作职责"}), "# 工作职责\n\n"]
    out.append(
        "党委、党总支、党支部、党群部门和各岗位的职责，逐项列明。点击单位或岗位查看详细职责及其在各流程中承担的环节。\n"
    )
    for kind in _KIND_ORDER:
        units = [u for u in model.units.values() if u.meta.kind == kind]
        if units:
            out.append(f"\n## {kind.value}\n\n")
            out += [f"- {linker.link(Ref('unit', u.meta.id))}：{len(u.meta.duties)} 项职责\n" for u in units]
    if model.roles:
        out.append("\n## 岗位\n\n")
        out += [f"- {linker.link(Ref('role', r.meta.id))}：{len(r.meta.duties)} 项职责\n" for r in model.roles.values()]
    return "".join(out)


def visions_page(model: Handbook) -> str:
    """The page of 愿景、目标: every unit that has a vision or goals."""
    linker = Linker(model, "organisation/visions.md")
    out = [front_matter({"title": "愿景、目标"}), "# 愿景、目标\n\n"]
    out.append("各级党组织和党群部门围绕矿党委的工作目标，结合本单位实际确立的愿景和目标。\n")
    for kind in _KIND_ORDER:
        for doc in (u for u in model.units.values() if u.meta.kind == kind and (u.meta.vision or u.meta.goals)):
            unit = doc.meta
            out.append(f"\n## {plain(unit.title)} {{#vision-{unit.id}}}\n\n")
            if unit.vision:
                out.append(f"**愿景：** {plain(unit.vision)}\n\n")
            if unit.goals:
                out.append(numbered(unit.goals))
            out.append(f"\n详见 {linker.link(Ref('unit', unit.id))}。\n")
    return "".join(out)


def unit_index_pages(model: Handbook) -> list[tuple[str, str]]:
    """The landing page of 工作职责 and the page of 愿景、目标."""
    return [("organisation/index.md", duties_index(model)), ("organisation/visions.md", visions_page(model))]
