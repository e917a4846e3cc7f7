"""The published results (公示): an overview, a page per month, per year and per department, and downloads."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from handbook.assessment.ledger import head
from handbook.assessment.model import Assessment, MonthResult
from handbook.assessment.render import (
    INDEX,
    ROSTER,
    department_page,
    month_page,
    notice,
    provenance,
    score,
    year_page,
)
from handbook.assessment.rules.page import points
from handbook.core.html import escape
from handbook.core.periods import Month
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, html_block, html_link, html_table, plain, table
from handbook.render.tables import Linked, Table, workbook


def _regulations(model: Handbook, linker: Linker) -> str:
    """Links to the regulations that set out the rules."""
    rules = model.assessment.rules
    assert rules is not None
    return "和".join(linker.link_ref(text) for text in rules.regulations)


def _branch(model: Handbook, linker: Linker, branch_id: str) -> Linked:
    """A branch's name linking to its page."""
    return Linked(model.registry("branch")[branch_id].meta.title, linker.url(Ref("branch", branch_id)))


def month_tables(model: Handbook, result: MonthResult) -> list[Table]:
    """The published tables of a computed month: ranking, general branches, deductions, corrections."""
    assessment = model.assessment
    assert assessment.rules is not None
    linker = Linker(model, month_page(result.month))
    generals = assessment.generals
    ranking = Table(
        "全矿排名",
        ["名次", "党支部", "党总支", "职能部门考核", "战线排序", "职工群众评价", "月度综合得分"],
        [
            [
                r.rank,
                _branch(model, linker, r.branch),
                generals[assessment.branches[r.branch].general or ""].title,
                r.department,
                r.ranking,
                r.staff,
                r.composite,
            ]
            for r in result.ranked()
        ],
    )
    general = Table(
        "党总支平均",
        ["党总支", "所属党支部", "平均得分"],
        [
            [_branch(model, linker, g), sum(1 for b in assessment.branches.values() if b.general == g), value]
            for g, value in sorted(result.general.items(), key=lambda item: (-item[1], item[0]))
        ],
    )
    departments = {d.id: d for d in assessment.rules.departments}
    rows: list[list[str | int | Decimal | Linked]] = []
    for r in result.ranked():
        for loss in r.losses:
            department = departments[loss.department]
            item = department.item(loss.item)
            note = "；".join(d.reason for d in loss.deductions)
            if loss.correction:
                note += f"（原扣{points(loss.recorded)}分，更正为{points(loss.correction.points)}分）"
            title = f"{loss.item}. {item.title}" if item else str(loss.item)
            rows.append(
                [_branch(model, linker, r.branch), department.short, title, Decimal(points(loss.counted)), note]
            )
        for veto in r.vetoes:
            rows.append(
                [
                    _branch(model, linker, r.branch),
                    "考核领导小组",
                    f"一票否决第{veto.veto}项",
                    r.department,
                    veto.reason,
                ]
            )
    deductions = Table("扣分明细", ["党支部", "考核部门", "项目", "扣分", "事实和理由"], rows)
    corrections = Table(
        "更正分录",
        ["日期", "党支部", "考核部门", "项目", "原扣分", "更正后扣分", "裁决编号", "更正原因"],
        [
            [
                c.date.isoformat(),
                _branch(model, linker, c.branch),
                departments[model.registry("scores")[c.scores].meta.department].short,
                c.item,
                Decimal(
                    points(_recorded(result, c.branch, model.registry("scores")[c.scores].meta.department, c.item))
                ),
                Decimal(points(c.points)),
                c.decision,
                c.reason,
            ]
            for c in result.corrections
        ],
    )
    return [ranking, general, deductions, corrections]


def _recorded(result: MonthResult, branch: str, department: str, item: int) -> Decimal:
    """The original deduction a correction replaced."""
    own = result.branches[branch].losses
    return next(loss.recorded for loss in own if (loss.department, loss.item) == (department, item))


def _seal_line(assessment: Assessment, period: str) -> str:
    """Whether a period is closed, when and by whom, and until when its branches may appeal."""
    seal = assessment.seal_of(period)
    if seal is None:
        return "状态：**录入中**（尚未锁定，数据可能变动）。"
    line = f"状态：**已锁定**，{seal.closed} 由{plain(seal.by)}锁定并公示。"
    rules = assessment.rules_for(period)
    if rules is not None and rules.appeal_days and "q" not in period:
        end = seal.closed + timedelta(days=rules.appeal_days)
        line += f"申诉期：{seal.closed} 至 {end}，对结果有异议的党支部在此期间向考核办公室提出。"
    return line


def _amendments(model: Handbook, linker: Linker, month: Month) -> str:
    """Each sealed amendment of a closed month beside the original: what changed, from what to what, and why."""
    assessment = model.assessment
    seals = assessment.seals_of(str(month))
    out = []
    for before, after in itertools.pairwise(seals):
        corrections = [c for c in assessment.corrections if f"correction:{c.id}" in after.objects]
        reasons = "；".join(f"{plain(c.reason)}（{plain(c.decision)}）" for c in corrections)
        rows = [
            [
                html_link(assessment.branches[key].title, linker.url(Ref("branch", key))),
                *before.results[key].split(" ", 1),
                *after.results[key].split(" ", 1),
            ]
            for key in after.results
            if key in assessment.branches and before.results.get(key) != after.results[key]
        ]
        out.append(f"### {after.closed} 更正封存\n\n依据：{reasons or '—'}。\n\n")
        headers = ["党支部", "原综合得分", "原名次", "更正后综合得分", "更正后名次"]
        out.append(html_block(html_table(headers, rows)) + "\n" if rows else "综合得分和名次没有变化。\n\n")
    pending = assessment.pending(month)
    if pending:
        out.append("### 待锁定的更正\n\n以下更正已录入，锁定（`handbook assess close`）后才计入公示结果：\n\n")
        out += [f"- {c.date} {plain(c.reason)}（{plain(c.decision)}）\n" for c in pending]
        out.append("\n")
    return ("## 更正记录\n\n本月锁定后的更正另行封存，原公示结果保留如下。\n\n" + "".join(out)) if out else ""


def _verification(model: Handbook, period: str) -> str:
    """The digests a reader of a printout checks with `handbook assess verify`."""
    seals = [s for s in model.assessment.seals if s.period == period]
    if not seals:
        return ""
    lines = "".join(f"- {s.closed} 封存摘要：`{s.digest}`\n" for s in seals)
    return (
        "## 核验\n\n"
        f"{lines}- 生成本页时的台账最新摘要：`{head(model)}`\n\n"
        "用 `handbook assess verify 摘要` 可核对打印件：命令确认该摘要在台账中，且锁定后的数据没有被改动。\n"
    )


# The result tables (a row per branch) stay out of the browser's search index: they are numbers,
# the branches' own pages are what a search for a branch finds, and indexing them costs every build.
def _month(model: Handbook, month: Month) -> str:
    """A month's page: status, ranking, general branches, deductions, corrections, downloads."""
    assessment = model.assessment
    result = assessment.month(month)
    linker = Linker(model, month_page(month))
    title = f"{month.label}党支部考核结果"
    out = [
        front_matter({"title": title, "search": {"exclude": True}}),
        f"# {title}\n\n",
        notice(model),
        _seal_line(assessment, str(month)) + "\n\n",
    ]
    if not result.complete:
        out.append("本月结果尚未计算，还缺：\n\n" + "".join(f"- {plain(item)}\n" for item in result.missing))
        return "".join(out)
    rules = _regulations(model, linker)
    out.append(f"得分按{rules}由录入数据自动计算，任何人不能手工调整。\n\n")
    tables = month_tables(model, result)
    for item in tables:
        if item.rows:
            out.append(f"## {plain(item.title)}\n\n" + item.html() + "\n")
    out.append(_amendments(model, linker, month))
    out.append("## 下载\n\n" + _downloads(str(month), tables) + "\n")
    out.append(_verification(model, str(month)))
    return "".join(out)


def _downloads(stem: str, tables: list[Table]) -> str:
    """Links to the Excel workbook and each table's CSV."""
    links = [f"[Excel 工作簿]({stem}.xlsx)"]
    links += [f"[{plain(t.title)}（CSV）]({stem}-{n}.csv)" for n, t in enumerate(tables, 1) if t.rows]
    return " · ".join(links) + "\n"


def year_table(model: Handbook, year: int) -> Table:
    """Every branch's annual score and grade so far."""
    assessment = model.assessment
    linker = Linker(model, year_page(year))
    _, scores = assessment.year(year)
    ordered = sorted(scores.values(), key=lambda s: (-s.annual, s.branch))
    return Table(
        f"{year}年度",
        ["党支部", "已计算月数", "月度平均", "加分", "年度综合得分", "一票否决", "等次"],
        [
            [_branch(model, linker, s.branch), s.months, s.mean, s.bonus, s.annual, "是" if s.veto else "", s.grade]
            for s in ordered
        ],
    )


def _year(model: Handbook, year: int) -> str:
    """A year's page: annual scores and grades of every branch, with the grade counts."""
    assessment = model.assessment
    months, scores = assessment.year(year)
    title = f"{year}年度党支部考核得分和等次"
    out = [front_matter({"title": title, "search": {"exclude": True}}), f"# {title}\n\n", notice(model)]
    names = "、".join(f"{m.month}月" for m in months)
    if assessment.final(year):
        out.append(f"全年12个月均已锁定，年度综合得分和等次为**最终结果**。已计算的月份：{names}。\n\n")
    else:
        out.append(
            f"已计算的月份：{names}。12月锁定以前，年度综合得分取已计算月份的平均值加当年加分，等次为**暂定**。\n\n"
        )
    counts = Counter(s.grade for s in scores.values())
    assert assessment.rules is not None
    grades = "，".join(f"{plain(g.title)} {counts[g.title]} 个" for g in assessment.rules.grades)
    out.append(f"等次分布：{grades}。\n\n")
    item = year_table(model, year)
    out.append(item.html() + "\n## 下载\n\n" + _downloads(str(year), [item]))
    return "".join(out)


def _department(model: Handbook, department_id: str) -> str:
    """What one department scored: per month, the branches and points it took, item by item."""
    assessment = model.assessment
    assert assessment.rules is not None
    department = assessment.rules.department(department_id)
    assert department is not None
    linker = Linker(model, department_page(department_id))
    title = f"{department.title}考核评分"
    out = [front_matter({"title": title, "search": {"exclude": True}}), f"# {plain(title)}\n\n", notice(model)]
    out.append(
        f"{linker.link(Ref('unit', department_id))}按{_regulations(model, linker)}的 {len(department.items)} 个项目"
        f"考核各党支部，共 {points(department.max)} 分。\n\n"
    )
    for month in reversed(assessment.months):
        sheet = assessment.scores.get((month, department_id))
        out.append(f"## {month.label}\n\n")
        if sheet is None:
            out.append("尚未提交。\n\n")
            continue
        out.append(
            f"经办人 {plain(sheet.entered_by)}，审核人 {plain(sheet.reviewed_by)}，{sheet.submitted} 提交；"
            f"{_seal_line(assessment, str(month))}\n\n"
        )
        by_item: dict[int, list[Decimal]] = defaultdict(list)
        for entry in sheet.scores:
            for deduction in entry.deductions:
                by_item[deduction.item].append(deduction.points)
        rows = [
            [
                escape(f"{item.number}. {item.title}"),
                points(item.max),
                str(len(by_item[item.number])),
                points(sum(by_item[item.number], Decimal(0))),
            ]
            for item in department.items
        ]
        out.append(html_block(html_table(["项目", "分值", "扣分处数", "扣分合计"], rows)))
        if assessment.month(month).complete:
            out.append(f"\n逐条扣分理由见[{month.label}考核结果]({linker.to(month_page(month))})。\n\n")
    return "".join(out)


def _index(model: Handbook) -> str:
    """The overview: the months and their status, the years, the departments and how to verify."""
    assessment = model.assessment
    linker = Linker(model, INDEX)
    out = [front_matter({"title": "考核结果公示"}), "# 考核结果公示\n\n", notice(model), provenance(model)]
    out.append(
        f"党支部每月由职能部门评分、战线领导排序，每季度由职工代表评价，月度综合得分和名次按"
        f"{_regulations(model, linker)}自动计算。各部门一次录入、审核提交；"
        f"月份锁定后数据不能再改，更正只能以留痕的更正分录进行。考核对象见[考核对象名册]({linker.to(ROSTER)})。\n\n"
    )
    rows = []
    for month in reversed(assessment.months):
        result = assessment.month(month)
        link = f"[{month.label}]({linker.to(month_page(month))})"
        seal = assessment.seal_of(str(month))
        status = f"已锁定（{seal.closed}）" if seal else "录入中"
        if result.complete:
            top = result.ranked()[0]
            mean = sum((r.composite for r in result.branches.values()), Decimal(0)) / len(result.branches)
            rows.append([link, status, plain(assessment.branches[top.branch].title), score(mean)])
        else:
            rows.append([link, status, f"缺 {len(result.missing)} 项录入", ""])
    out.append("## 月度结果\n\n" + table(["月份", "状态", "第一名", "全矿平均"], rows))
    out.append(
        "\n## 考核规则 {#rules}\n\n"
        f"{model.expand('{{rules:composite-formula}}')}。职能部门考核满分 100 分，分配如下"
        f"（各项目见{_regulations(model, linker)}）：\n"
        f"{model.expand('{{rules:departments}}')}"
    )
    years = [f"[{year}年度]({linker.to(year_page(year))})" for year in assessment.years()]
    if years:
        out.append("\n## 年度得分和等次\n\n" + "、".join(years) + "\n")
    assert assessment.rules is not None
    departments = [f"- [{plain(d.title)}]({linker.to(department_page(d.id))})\n" for d in assessment.rules.departments]
    out.append("\n## 各部门评分\n\n" + "".join(departments))
    digest = head(model)
    out.append(
        "\n## 核验\n\n"
        + (
            f"台账最新封存摘要：`{digest}`。\n\n每月的结果页列出该月的封存摘要。"
            "`handbook assess verify 摘要` 确认打印件上的摘要在台账中、锁定后的数据没有被改动；"
            "`handbook check` 每次都逐条核对锁定月份的数据和台账，发现改动即报错。\n"
            if digest
            else "尚无锁定的月份。\n"
        )
    )
    return "".join(out)


def results_pages(model: Handbook) -> list[tuple[str, str]]:
    """Every published page of the assessment (none without rules)."""
    assessment = model.assessment
    if assessment.rules is None:
        return []
    pages = [(INDEX, _index(model))]
    pages += [(month_page(m), _month(model, m)) for m in assessment.months]
    pages += [(year_page(y), _year(model, y)) for y in assessment.years()]
    pages += [(department_page(d.id), _department(model, d.id)) for d in assessment.rules.departments]
    return pages


def results_assets(model: Handbook) -> list[tuple[str, bytes]]:
    """The downloads of every published table: an Excel workbook per month and year, a CSV per table."""
    assessment = model.assessment
    if assessment.rules is None:
        return []
    files: list[tuple[str, bytes]] = []
    published = [
        (str(m), month_tables(model, assessment.month(m))) for m in assessment.months if assessment.month(m).complete
    ]
    published += [(str(y), [year_table(model, y)]) for y in assessment.years()]
    for stem, tables in published:
        files.append((f"assessment/{stem}.xlsx", workbook([t for t in tables if t.rows], model.outputs)))
        files += [(f"assessment/{stem}-{n}.csv", t.csv()) for n, t in enumerate(tables, 1) if t.rows]
    return files
