"""The roster page, and a page per branch: its place in the organisation, history chart and lost points."""

from __future__ import annotations

from decimal import Decimal

from handbook.assessment.branch.schema import Branch, BranchKind
from handbook.assessment.model import Assessment, BranchMonth
from handbook.assessment.render import INDEX, ROSTER, department_page, month_page, notice, score, year_page
from handbook.assessment.rules.page import points
from handbook.core.html import escape
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.chart import Series, line_chart
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, html_block, html_link, html_table, plain
from handbook.spec.doc import Doc, RefUse


def _history(model: Handbook, branch_id: str, linker: Linker) -> tuple[str, list[BranchMonth | None]]:
    """The months of a branch as a chart and a table."""
    assessment = model.assessment
    months = [m for m in assessment.months if assessment.month(m).complete]
    results = [assessment.month(m).branches.get(branch_id) for m in months]
    labels = [f"{m.year % 100}年{m.month}月" for m in months]
    chart = line_chart(
        f"{model.registry('branch')[branch_id].meta.title}逐月得分",
        labels,
        [
            Series("月度综合得分", [r.composite if r else None for r in results]),
            Series("职能部门考核", [r.department if r else None for r in results]),
        ],
        low=40,
    )
    rows = [
        [
            html_link(m.label, linker.to(month_page(m))),
            score(r.department),
            score(r.ranking),
            score(r.staff),
            score(r.composite),
            str(r.rank),
        ]
        for m, r in zip(months, results, strict=True)
        if r is not None
    ]
    headers = ["月份", "职能部门考核", "战线排序", "职工群众评价", "月度综合", "全矿名次"]
    return html_block(f'<div class="hb-chart-box">{chart}</div>\n' + html_table(headers, rows)), results


def _losses(model: Handbook, assessment: Assessment, branch_id: str, linker: Linker) -> str:
    """Every item the branch lost points on, month by month, with the reasons and corrections."""
    assert assessment.rules is not None
    departments = {d.id: d for d in assessment.rules.departments}
    rows = []
    for month in assessment.months:
        result = assessment.month(month).branches.get(branch_id)
        for loss in result.losses if result else []:
            department = departments[loss.department]
            item = department.item(loss.item)
            reasons = "；".join(d.reason for d in loss.deductions)
            if loss.correction:
                reasons += f"（更正为扣{loss.correction.points}分：{loss.correction.decision}）"
            rows.append(
                [
                    month.label,
                    html_link(department.short, linker.to(department_page(department.id))),
                    escape(f"{loss.item}. {item.title if item else ''}"),
                    points(loss.counted),
                    escape(reasons),
                ]
            )
    if not rows:
        return "各月没有失分。\n"
    return html_block(html_table(["月份", "考核部门", "项目", "扣分", "事实和理由"], rows))


def branch_page(model: Handbook, doc: Doc[Branch], uses: list[RefUse]) -> str:
    """A branch's page: where it belongs, its duties, its results over time and where it lost points."""
    branch = doc.meta
    linker = Linker(model, model.page_of(Ref("branch", branch.id)))
    assessment = model.assessment
    # Out of the browser's index: the roster page (indexed) finds a branch by name and links here;
    # the charts and score tables would cost every build and answer no everyday question.
    out = [
        front_matter({"title": branch.title, "search": {"exclude": True}}),
        f"# {plain(branch.title)}\n\n",
        notice(model),
    ]
    unit = model.unit_of_kind(branch.kind.value)
    duties = linker.link(Ref("unit", unit), f"{branch.kind.value}的职责") if unit else ""
    if branch.kind is BranchKind.GENERAL:
        members = [b for b in assessment.branches.values() if b.general == branch.id]
        out.append(f"所属党支部 {len(members)} 个" + (f"；职责见{duties}" if duties else "") + "。\n\n")
        out.append(_general_history(model, branch.id, linker))
        out.append("\n## 所属党支部\n\n" + "".join(f"- {linker.link(Ref('branch', b.id))}\n" for b in members))
        return "".join(out)
    line = assessment.lines.get(branch.line or "")
    facts = [
        f"所属党总支：{linker.link(Ref('branch', branch.general))}" if branch.general else "",
        f"依托单位：{plain(branch.team)}（{branch.team_kind.value if branch.team_kind else ''}）",
        f"战线：{plain(line.title)}（{plain(line.leader)}排序）" if line else "",
        f"党员：{branch.members} 名" if branch.members else "",
        f"职责：见{duties}" if duties else "",
    ]
    out.append("".join(f"- {fact}\n" for fact in facts if fact) + "\n")
    if assessment.rules is None:
        return "".join(out)
    history, _ = _history(model, branch.id, linker)
    out.append("## 逐月考核结果\n\n" + history)
    for year in assessment.years():
        _, scores = assessment.year(year)
        mine = scores[branch.id]
        out.append(
            f"\n{year}年（已计算 {mine.months} 个月）：平均 {score(mine.mean)}，加分 {score(mine.bonus)}，"
            f"年度综合得分 {score(mine.annual)}，等次（暂定）：**{mine.grade}**。"
            f"[全矿年度结果]({linker.to(year_page(year))})\n"
        )
    out.append("\n## 失分项目\n\n" + _losses(model, assessment, branch.id, linker))
    return "".join(out)


def _general_history(model: Handbook, general_id: str, linker: Linker) -> str:
    """A general branch's monthly mean as a chart and a table."""
    assessment = model.assessment
    months = [m for m in assessment.months if assessment.month(m).complete]
    values: list[Decimal | None] = [assessment.month(m).general.get(general_id) for m in months]
    labels = [f"{m.year % 100}年{m.month}月" for m in months]
    title = model.registry("branch")[general_id].meta.title
    chart = line_chart(f"{title}逐月平均得分", labels, [Series("所属党支部月度综合得分平均", values)], low=40)
    rows = [
        [html_link(m.label, linker.to(month_page(m))), score(v)]
        for m, v in zip(months, values, strict=True)
        if v is not None
    ]
    box = f'<div class="hb-chart-box">{chart}</div>\n' + html_table(["月份", "平均得分"], rows)
    return "## 逐月平均得分\n\n" + html_block(box)


def roster_page(model: Handbook) -> list[tuple[str, str]]:
    """The roster: lines and their leaders, general branches and their branches."""
    assessment = model.assessment
    if not assessment.branches:  # a handbook without an assessment system has no roster
        return []
    linker = Linker(model, ROSTER)
    out = [front_matter({"title": "考核对象名册"}), "# 考核对象名册\n\n"]
    results = f"考核结果见[考核结果公示]({linker.to(INDEX)})。" if assessment.rules else ""
    out.append(
        f"全矿设党总支 {len(assessment.generals)} 个、党支部 {len(assessment.branches)} 个。党支部是考核的基本单元；"
        f"党总支的得分取所属党支部的平均值。{results}\n\n"
    )
    out.append("## 战线\n\n每条战线由一名矿领导每月对所属党支部排序（只排序、不打分）。\n\n")
    for line in assessment.lines.values():
        names = "、".join(linker.link(Ref("branch", b)) for b in assessment.line_branches(line.id))
        out.append(f"### {plain(line.title)} {{#line-{line.id}}}\n\n排序：{plain(line.leader)}。党支部：{names}。\n\n")
    out.append("\n## 党总支和党支部\n\n")
    for general in assessment.generals.values():
        members = [b for b in assessment.branches.values() if b.general == general.id]
        out.append(
            f"### {plain(general.title)}\n\n"
            f"[{plain(general.title)}的得分]({linker.to(model.page_of(Ref('branch', general.id)))})\n\n"
        )
        rows = [
            [
                html_link(b.title, linker.url(Ref("branch", b.id))),
                escape(f"{b.team}（{b.team_kind.value if b.team_kind else ''}）"),
                escape(assessment.lines[b.line].title if b.line in assessment.lines else ""),
                str(b.members or ""),
            ]
            for b in members
        ]
        out.append(html_block(html_table(["党支部", "依托单位", "战线", "党员"], rows)) + "\n")
    return [(ROSTER, "".join(out))]
