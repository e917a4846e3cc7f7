"""The published results (公示): an overview, a page per month, per year and per department, and downloads."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from handbook.assessment.correction.schema import Correction
from handbook.assessment.ledger import head
from handbook.assessment.model import Assessment, MonthResult, staff_score
from handbook.assessment.render import (
    INDEX,
    ROSTER,
    STATUS,
    appeal_window,
    branch_cell,
    department_page,
    month_page,
    notice,
    provenance,
    regulation_links,
    score,
    year_page,
)
from handbook.assessment.rules.page import points
from handbook.assessment.rules.schema import Deadline, Deadlines
from handbook.assessment.staff.page import interviews
from handbook.core.html import escape
from handbook.core.periods import Month, Quarter
from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Of, RestDay
from handbook.model.calendar import working_day
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, html_block, html_link, html_table, plain, table
from handbook.render.tables import Cell, Table, workbook


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
                branch_cell(model, linker, r.branch),
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
            [branch_cell(model, linker, g), sum(1 for b in assessment.branches.values() if b.general == g), value]
            for g, value in sorted(result.general.items(), key=lambda item: (-item[1], item[0]))
        ],
    )
    departments = {d.id: d for d in assessment.rules.departments}
    rows: list[list[Cell]] = []
    for r in result.ranked():
        for loss in r.losses:
            department = departments[loss.department]
            item = department.item(loss.item)
            note = "；".join(d.reason for d in loss.deductions)
            if loss.correction and loss.correction.points is not None:
                note += f"（原扣{points(loss.recorded)}分，更正为{points(loss.correction.points)}分）"
            title = f"{loss.item}. {item.title}" if item else str(loss.item)
            rows.append(
                [branch_cell(model, linker, r.branch), department.short, title, Decimal(points(loss.counted)), note]
            )
        for veto in r.vetoes:
            rows.append(
                [
                    branch_cell(model, linker, r.branch),
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
                branch_cell(model, linker, c.branch),
                departments[model.registry("scores")[c.target].meta.department].short,
                c.item,
                Decimal(
                    points(_recorded(result, c.branch, model.registry("scores")[c.target].meta.department, c.item))
                ),
                Decimal(points(c.points)),
                c.decision,
                c.reason,
            ]
            for c in result.corrections
            if c.what == "item" and c.item is not None and c.points is not None
        ],
    )
    # after the four tables published before rankings, evaluations and vetoes could be corrected, so that
    # their downloads keep their names
    others = Table(
        "排序、职工群众评价和一票否决的更正",
        ["日期", "党支部", "更正对象", "原记录", "更正后", "裁决编号", "更正原因"],
        [
            [c.date.isoformat(), branch_cell(model, linker, c.branch), *_change(model, c), c.decision, c.reason]
            for c in result.corrections
            if c.what != "item"
        ],
    )
    return [ranking, general, deductions, corrections, others]


def _change(model: Handbook, correction: Correction) -> tuple[str, str, str]:
    """What a correction of a ranking, a staff evaluation or a veto changed: the entry, as recorded, as corrected."""
    assessment = model.assessment
    meta = model.registry(correction.target_kind)[correction.target].meta
    if correction.what == "ranking":
        line = assessment.lines[meta.line].title
        return f"{line}排序", f"第{meta.order.index(correction.branch) + 1}名", f"第{correction.place}名"
    if correction.what == "veto":
        return f"一票否决第{correction.veto}项", "否决", "撤销否决"
    quarter = Quarter.parse(meta.period)
    rules = assessment.rules_for(meta.period)
    department = rules.department(meta.department) if rules else None
    assert rules is not None and department is not None  # a recorded evaluation's, checked
    evaluation = assessment.evaluations[(quarter, correction.branch)]
    before = staff_score(rules, evaluation)
    after = staff_score(rules, evaluation.model_copy(update={"votes": correction.votes}))
    return f"{quarter.label}职工群众评价（{department.short}组织）", f"{score(before)}分", f"{score(after)}分"


def _recorded(result: MonthResult, branch: str, department: str, item: int) -> Decimal:
    """The original deduction a correction replaced."""
    own = result.branches[branch].losses
    return next(loss.recorded for loss in own if (loss.department, loss.item) == (department, item))


def _seal_line(assessment: Assessment, period: str) -> str:
    """Whether a period is closed, when and by whom, and until when its branches may appeal."""
    seal = assessment.seal_of(period)
    if seal is None:
        return "状态：**录入中**（尚未锁定，数据可能变动）。"
    line = f"状态：**已锁定**，{seal.closed} 由{plain(seal.by)}锁定并公示。{appeal_window(assessment, period)}"
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
    rules = regulation_links(model, linker)
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
            [branch_cell(model, linker, s.branch), s.months, s.mean, s.bonus, s.annual, "是" if s.veto else "", s.grade]
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
    out.append(item.html() + "\n" + interviews(model, year) + "## 下载\n\n" + _downloads(str(year), [item]))
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
        f"{linker.link(Ref('unit', department_id))}按{regulation_links(model, linker)}的 {len(department.items)} 个项目"
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
        f"{regulation_links(model, linker)}自动计算。各部门一次录入、审核提交；"
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
    out.append(f"\n各部门评分、战线排序和职工群众评价是否按时提交，见[录入提交情况]({linker.to(STATUS)})。\n")
    out.append(
        "\n## 考核规则 {#rules}\n\n"
        f"{model.expand('{{rules:composite-formula}}')}。职能部门考核满分 100 分，分配如下"
        f"（各项目见{regulation_links(model, linker)}）：\n"
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


def due_date(deadline: Deadline | None, last: Month) -> dt.date | None:
    """The day a record of a period ending with month `last` is due, as the rules' deadline says (None: no deadline).

    On a working day, as the calendar moves a flow's deadline (model/calendar.py): a rest day moves
    to the working day before it, or after it where the rule says so; then the working days allowed.
    """
    if deadline is None:
        return None
    month = last.next() if deadline.of is Of.NEXT else last
    days = calendar.monthrange(month.year, month.month)[1]
    day = working_day(dt.date(month.year, month.month, min(deadline.day, days)), deadline.rest_day)
    for _ in range(deadline.working_days):
        day = working_day(day + timedelta(days=1), RestDay.LATER)
    return day


def _deadline_words(deadline: Deadline, quarterly: bool) -> str:
    """A deadline as the regulations word it: 次月5日前（遇节假日顺延）; 季度末月25日后3个工作日内."""
    month = {
        (False, Of.THIS): "当月",
        (False, Of.NEXT): "次月",
        (True, Of.THIS): "季度末月",
        (True, Of.NEXT): "下季度首月",
    }
    words = f"{month[(quarterly, deadline.of)]}{deadline.day}日"
    words += f"后{deadline.working_days}个工作日内" if deadline.working_days else "前"
    return words + ("（遇节假日顺延）" if deadline.rest_day is RestDay.LATER else "")


def _state(today: dt.date, due: dt.date | None, submitted: dt.date | None) -> str:
    """Whether a record came in time, late (by how many days), or not yet: overdue once its day has passed."""
    if submitted is not None:
        if due is None or submitted <= due:
            return "按时提交" if due else "已提交"
        return f"逾期{(submitted - due).days}天提交"
    if due is not None and today > due:
        return f"**逾期未提交**（已过截止日{(today - due).days}天）"
    return "未提交"


def _submission(today: dt.date, what: str, who: str, due: dt.date | None, submitted: dt.date | None) -> list[str]:
    """One row of the status page: what is due, who entered it, by when, when it came, and its state."""
    return [
        plain(what),
        plain(who) if submitted else "",
        str(due or "—"),
        str(submitted or ""),
        _state(today, due, submitted),
    ]


def _status_periods(model: Handbook) -> tuple[list[Month], list[Quarter]]:
    """The months and quarters the status page lists: those with records, and since the first every one whose
    last month has begun by the model's date (a quarter's evaluations fall due within that month)."""
    assessment = model.assessment
    now = Month(model.today.year, model.today.month)
    months = set(assessment.months)
    month = min(months, default=now)
    while month <= now:
        months.add(month)
        month = month.next()
    quarters = set(assessment.quarters) | {m.quarter for m in months if m.quarter.last_month <= now}
    return sorted(months, reverse=True), sorted(quarters, reverse=True)


def _status(model: Handbook) -> str:
    """The status page: per month each department's scores and each line's order, per quarter each department's
    staff evaluations; when each was submitted against the rules' deadline, overdue as of the model's date."""
    assessment, today = model.assessment, model.today
    rules = assessment.rules
    assert rules is not None
    months, quarters = _status_periods(model)  # the model's month at least
    sections: list[tuple[str, list[list[str]], str]] = []  # heading, rows, a note after the table
    for month in months:
        in_force = assessment.rules_for(str(month)) or rules
        due = in_force.deadlines or Deadlines()
        rows = []
        for department in in_force.departments:
            sheet = assessment.scores.get((month, department.id))
            who, submitted = (sheet.entered_by, sheet.submitted) if sheet else ("", None)
            rows.append(_submission(today, f"{department.title}评分", who, due_date(due.scores, month), submitted))
        for line in assessment.lines.values():
            if assessment.line_branches(line.id, month):
                ranking = assessment.rankings.get((month, line.id))
                who, submitted = (ranking.entered_by, ranking.submitted) if ranking else ("", None)
                rows.append(_submission(today, f"{line.title}排序", who, due_date(due.ranking, month), submitted))
        sections.append((month.label, rows, ""))
    for quarter in quarters:
        in_force = assessment.rules_for(str(quarter)) or rules
        deadline = due_date((in_force.deadlines or Deadlines()).staff, quarter.last_month)
        rows = []
        for department in in_force.departments:
            doc = model.registry("staff").get(f"{quarter}-{department.id}")
            who, submitted = (doc.meta.entered_by, doc.meta.submitted) if doc else ("", None)
            what = f"{department.title}组织的评价" + (f"（{len(doc.meta.evaluations)}个党支部）" if doc else "")
            rows.append(_submission(today, what, who, deadline, submitted))
        left = [plain(assessment.branches[b].title) for b in assessment.unevaluated(quarter)]
        names = "、".join(left[:10]) + ("等" if len(left) > 10 else "")
        note = f"尚未评价的党支部 {len(left)} 个：{names}。\n\n" if left else "应参评的党支部都已评价。\n\n"
        sections.append((f"{quarter.label}职工群众评价", rows, note))
    title = "录入提交情况"
    out = [front_matter({"title": title, "search": {"exclude": True}}), f"# {title}\n\n", notice(model)]
    deadlines = rules.deadlines or Deadlines()
    said = [
        f"{name}{_deadline_words(deadline, quarterly)}"
        for name, deadline, quarterly in (
            ("部门评分", deadlines.scores, False),
            ("战线排序", deadlines.ranking, False),
            ("职工群众评价", deadlines.staff, True),
        )
        if deadline is not None
    ]
    states = [row[-1] for _, rows, _ in sections for row in rows]
    overdue, late = sum("逾期未提交" in state for state in states), sum(state.endswith("天提交") for state in states)
    rule = (
        f"截止日期按考核规则：{'；'.join(said)}，逢周末或法定节假日调整到工作日，与工作日历的做法相同"
        if said
        else "考核规则没有规定录入期限（deadlines），不判断是否逾期"
    )
    out.append(
        f"截至 {today}（生成本页的日期），逾期未提交 **{overdue}** 项，逾期提交 {late} 项。{rule}；"
        "提交日期是录入文件写明的提交日期。\n\n"
    )
    headers = ["录入", "经办人", "截止日期", "提交日期", "状态"]
    out += [f"## {plain(heading)}\n\n{table(headers, rows)}\n{note}" for heading, rows, note in sections]
    return "".join(out)


def results_pages(model: Handbook) -> list[tuple[str, str]]:
    """Every published page of the assessment (none without rules)."""
    assessment = model.assessment
    if assessment.rules is None:
        return []
    pages = [(INDEX, _index(model)), (STATUS, _status(model))]
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
