"""Pages for flows: diagram, step table and checklist from one source, plus the flow index."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Flow, Step, StepKind
from handbook.kinds.flow.swimlane import print_parts, swimlane_parts
from handbook.model.calendar import describe
from handbook.model.handbook import Handbook
from handbook.render.common import SCREEN_ONLY, backlinks, facts, page_meta, revisions, unit_link
from handbook.render.compare import changes_page
from handbook.render.lifecycle import lifecycle_notices, review_date
from handbook.render.links import Linker, place_page
from handbook.render.markdown import attr, front_matter, html_block, plain, table
from handbook.spec.common import Status
from handbook.spec.doc import Doc, RefUse


def _actor_link(model: Handbook, linker: Linker, actor: str | None) -> str:
    """A link to the role or unit that owns a step."""
    if actor is None:
        return "—"
    kind = "role" if actor in model.roles else "unit"
    return linker.link(Ref(kind, actor))


def _what(step: Step, numbers: dict[str, int], model: Handbook, linker: Linker) -> str:
    """The 环节 cell: label, sub-flow link and where each branch leads."""
    parts = [plain(step.label)]
    if step.kind == StepKind.SUBFLOW and step.flow:
        parts.append("执行：" + linker.link(Ref("flow", step.flow)))
    for branch in step.branches:
        parts.append(f"{plain(branch.label)} → [第{numbers[branch.next]}步](#step-{branch.next})")
    if step.note:
        parts.append(plain(step.note))
    return "<br>".join(parts)


def step_table(flow: Flow, model: Handbook, linker: Linker) -> str:
    """The step table: number, step, owner, time limit, records, basis; each row an anchor."""
    numbers = {step.id: i for i, step in enumerate(flow.steps, start=1)}
    rows = []
    for step in flow.steps:
        records = "、".join(plain(r) for r in step.records) or "—"
        if step.inputs:
            records = "需：" + "、".join(plain(i) for i in step.inputs) + "<br>形成：" + records
        rows.append(
            [
                f'<span class="hb-step" id="step-{step.id}"></span>{numbers[step.id]}',
                _what(step, numbers, model, linker),
                _actor_link(model, linker, step.role),
                plain(step.time or "—"),
                records,
                "<br>".join(linker.link_ref(b) for b in step.basis) or "—",
            ]
        )
    return table(["编号", "环节", "责任人/责任机构", "时限", "形成的记录", "依据"], rows)


def checklist(flow: Flow, model: Handbook) -> str:
    """A checklist to tick on screen (kept in the browser) or print with date and signature columns."""
    rows = []
    for number, step in enumerate(flow.steps, start=1):
        if step.kind in (StepKind.START, StepKind.END) and not step.records:
            continue
        key = attr(f"{flow.id}/{step.id}")
        owner = model.actor_title(step.role) if step.role else ""
        rows.append(
            "<tr>"
            f'<td><input type="checkbox" class="hb-check" data-hb-check="{key}" aria-label="已完成第{number}步"></td>'
            f"<td>{number}</td><td>{attr(step.label)}</td><td>{attr(owner)}</td>"
            f"<td>{attr(step.time or '')}</td><td>{attr('、'.join(step.records))}</td>"
            '<td class="hb-print-only"></td><td class="hb-print-only"></td>'
            "</tr>"
        )
    head = (
        "<tr><th>完成</th><th>序号</th><th>环节</th><th>责任人</th><th>时限</th><th>记录</th>"
        '<th class="hb-print-only">完成日期</th><th class="hb-print-only">签字</th></tr>'
    )
    return html_block(
        f'<div class="hb-checklist" data-hb-flow="{attr(flow.id)}">\n'
        f"<table><thead>{head}</thead><tbody>" + "".join(rows) + "</tbody></table></div>"
    )


def flow_page(model: Handbook, doc: Doc[Flow], uses: list[RefUse]) -> str:
    """The page of one flow."""
    flow = doc.meta
    ref = Ref("flow", flow.id)
    linker = Linker(model, model.page_of(ref))
    place = model.places[flow.place]
    out = [front_matter(page_meta(flow.title)), f"# {plain(flow.title)}\n\n"]
    out.append(lifecycle_notices(model, ref, linker, uses))
    if flow.summary:
        out.append(f"{plain(flow.summary)}\n\n")
    out.append(
        facts(
            [
                ("归口部门", unit_link(linker, flow.owner)),
                ("周期", plain(flow.schedule or "")),
                ("工作日历", "；".join(f"{plain(c.event)}：{describe(c)}" for c in flow.cadence)),
                ("复审日期", review_date(flow)),
                ("参与角色", "、".join(_actor_link(model, linker, r) for r in flow.roles)),
                ("依据", "<br>".join(linker.link_ref(b) for b in flow.basis)),
                ("在书中的位置", f"[{plain(place.label)} {plain(place.title)}]({linker.to(place_page(place.id))})"),
            ]
        )
    )
    if flow.steps:
        out.append("\n## 流程图\n")
        screen = swimlane_parts(flow, model)
        # Too wide to print legibly: a second drawing with narrower lanes, for paper only (print.css).
        paper = print_parts(flow, model, screen) or [("", "")] * len(screen)
        for (caption, drawing), (_, printed) in zip(screen, paper, strict=True):
            out.append(f"\n### {plain(caption)}\n" if caption else "")
            if printed:
                out.append("\n" + html_block(f'<div class="hb-swimlane-box hb-screen-variant">{drawing}</div>'))
                out.append("\n" + html_block(f'<div class="hb-swimlane-box hb-print-variant">{printed}</div>'))
            else:
                out.append("\n" + html_block(f'<div class="hb-swimlane-box">{drawing}</div>'))
        out.append(
            f"\n点击环节可跳到下方步骤表的对应行。[Mermaid 源码]({flow.id}.mmd)（可导入其他绘图工具）\n{SCREEN_ONLY}\n"
        )
        out.append("\n## 步骤\n\n" + step_table(flow, model, linker))
        out.append(f"\n## 检查清单\n\n勾选结果只保存在本机浏览器中；打印时增加完成日期和签字栏。\n{SCREEN_ONLY}\n\n")
        out.append(checklist(flow, model))
    out.append(backlinks(model, ref, linker, uses))
    out.append(revisions(model, flow.revisions, doc.path, linker, changes_page("flow", doc.meta.id)))
    return "".join(out)


def flow_index(model: Handbook) -> str:
    """All flows grouped by their place in the book."""
    linker = Linker(model, "flows/index.md")
    out = [front_matter({"title": "流程索引"}), "# 流程索引\n\n", f"共 {len(model.flows)} 个工作流程。\n"]
    by_place: dict[str, list[Doc[Flow]]] = {}
    for doc in model.flows.values():
        by_place.setdefault(doc.meta.place, []).append(doc)
    for place_id in sorted(by_place, key=lambda p: model.places[p].order):
        place = model.places[place_id]
        out.append(f"\n## {plain(place.label)} {plain(place.title)}\n\n")
        for doc in sorted(by_place[place_id], key=lambda d: (d.meta.page or 10**6, d.meta.title)):
            steps = f"{len(doc.meta.steps)} 步" if doc.meta.steps else "待补充"
            steps += "，已废止" if doc.meta.status == Status.REPEALED else ""
            out.append(f"- {linker.link(Ref('flow', doc.meta.id))}（{steps}）\n")
    return "".join(out)


def flow_index_pages(model: Handbook) -> list[tuple[str, str]]:
    """The index of all flows."""
    return [("flows/index.md", flow_index(model))]
