"""Pages for the duty-and-vision system: units, roles (with their flow steps) and visions."""

from __future__ import annotations

from handbook.model import Doc, Handbook, RefUse
from handbook.refs import Ref
from handbook.render.common import STATUS_NOTICE, backlinks
from handbook.render.glossary import page_meta
from handbook.render.links import Linker, page_of
from handbook.render.markdown import aliases_line, cell, front_matter, table
from handbook.schema import Role, Step, Unit, UnitKind


def _numbered(items: list[str]) -> str:
    """A numbered Markdown list."""
    return "".join(f"{i}. {item}\n" for i, item in enumerate(items, start=1))


def _lane_steps(model: Handbook, actor: str, linker: Linker) -> str:
    """Every step an actor owns, grouped by flow: "what do I have to do"."""
    by_flow: dict[str, list[tuple[int, Step]]] = {}
    for doc, number, step in model.steps_by_actor.get(actor, []):
        by_flow.setdefault(doc.meta.id, []).append((number, step))
    out = []
    for flow_id, steps in by_flow.items():
        out.append(f"\n### {linker.link(Ref('flow', flow_id))}\n\n")
        rows = [
            [
                linker.link(Ref("flow", flow_id, s.id), f"第{i}步 {s.label}"),
                cell(s.time or "—"),
                cell("、".join(s.records) or "—"),
            ]
            for i, s in steps
        ]
        out.append(table(["环节", "时限", "形成的记录"], rows))
    return ("\n## 在各流程中承担的环节\n" + "".join(out)) if out else ""


def unit_page(model: Handbook, doc: Doc[Unit], uses: list[RefUse]) -> str:
    """The page of one unit: duties, vision, goals, posts, flows and documents it owns."""
    unit = doc.meta
    ref = Ref("unit", unit.id)
    linker = Linker(model, page_of(ref))
    out = [
        front_matter(page_meta(unit.title, unit.aliases)),
        f"# {unit.title}\n\n",
        STATUS_NOTICE[unit.status],
        aliases_line(unit.aliases),
    ]
    line = f"类别：{unit.kind.value}"
    if unit.parent:
        line += f"；上级：{linker.link(Ref('unit', unit.parent))}"
    out.append(line + "\n\n")
    if unit.summary:
        out.append(f"{unit.summary}\n\n")
    if unit.duties:
        out.append("## 工作职责\n\n" + _numbered(unit.duties))
    if unit.vision or unit.goals:
        out.append("\n## 愿景与目标\n\n")
        if unit.vision:
            out.append(f"**愿景：** {unit.vision}\n\n")
        if unit.goals:
            out.append("**目标：**\n\n" + _numbered(unit.goals))
    posts = [r for r in model.roles.values() if r.meta.unit == unit.id]
    if posts:
        out.append("\n## 岗位\n\n" + "".join(f"- {linker.link(Ref('role', r.meta.id))}\n" for r in posts))
    children = [u for u in model.units.values() if u.meta.parent == unit.id]
    if children:
        out.append("\n## 下级组织\n\n" + "".join(f"- {linker.link(Ref('unit', u.meta.id))}\n" for u in children))
    owned = [
        (kind, d)
        for kind, reg in (("reg", model.regulations), ("flow", model.flows), ("act", model.activities))
        for d in reg.values()
        if d.meta.owner == unit.id
    ]
    if owned:
        out.append("\n## 归口管理的制度与流程\n\n" + "".join(f"- {linker.link(Ref(k, d.meta.id))}\n" for k, d in owned))
    out.append(_lane_steps(model, unit.id, linker))
    out.append(backlinks(model, ref, linker, uses))
    return "".join(out)


def role_page(model: Handbook, doc: Doc[Role], uses: list[RefUse]) -> str:
    """The page of one role: its duties and every flow step it owns."""
    role = doc.meta
    ref = Ref("role", role.id)
    linker = Linker(model, page_of(ref))
    out = [
        front_matter(page_meta(role.title, role.aliases)),
        f"# {role.title}\n\n",
        STATUS_NOTICE[role.status],
        aliases_line(role.aliases),
    ]
    if role.unit:
        out.append(f"所在组织：{linker.link(Ref('unit', role.unit))}\n\n")
    if role.summary:
        out.append(f"{role.summary}\n\n")
    if role.duties:
        out.append("## 岗位职责\n\n" + _numbered(role.duties))
    out.append(_lane_steps(model, role.id, linker))
    out.append(backlinks(model, ref, linker, uses))
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
            out.append(f"\n## {unit.title} {{#vision-{unit.id}}}\n\n")
            if unit.vision:
                out.append(f"**愿景：** {unit.vision}\n\n")
            if unit.goals:
                out.append(_numbered(unit.goals))
            out.append(f"\n详见 {linker.link(Ref('unit', unit.id))}。\n")
    return "".join(out)
