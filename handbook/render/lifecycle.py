"""What a document's life shows on pages: notices on its own page, the review plan and the calendar pages."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.model.calendar import WEEKDAYS, Event, actors_with_events, rest_days_note, year_events
from handbook.model.handbook import Handbook
from handbook.model.lifecycle import amended_by, by_owner, overdue, review_due, review_items
from handbook.render.common import STATUS_NOTICE
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain, table
from handbook.spec.common import Placed, Status
from handbook.spec.doc import RefUse

REVIEW_PAGE = "review.md"
REVIEW_WITHIN = 90  # days ahead the site's review plan looks
CALENDAR_INDEX = "calendar/index.md"


def calendar_page(actor: str) -> str:
    """The src_uri of a role's or unit's calendar page."""
    return f"calendar/{actor}.md"


def _links(linker: Linker, refs: list[Ref]) -> str:
    """Links to documents, separated by 、."""
    return "、".join(linker.link(ref) for ref in refs)


def _admonition(kind: str, title: str, lines: list[str], screen_only: bool = False) -> str:
    """A Material admonition whose body is the given lines, one paragraph each (kept off paper if `screen_only`)."""
    classes = f"{kind} hb-screen-only" if screen_only else kind
    return f'!!! {classes} "{title}"\n' + "\n\n".join(f"    {line}" for line in lines) + "\n\n"


def lifecycle_notices(model: Handbook, ref: Ref, linker: Linker, uses: list[RefUse]) -> str:
    """The notices at the top of a document's page: repealed or amended, its history, an overdue review.

    `uses` are the references to the document from other objects (its backlinks).
    """
    meta: Placed = model.registry(ref.kind)[ref.id].meta
    out = []
    if meta.status == Status.REPEALED:
        lines = ["本文件已废止，仅供查阅，不再执行。"]
        if meta.superseded_by:
            lines.append(f"由{linker.link(Ref(ref.kind, meta.superseded_by))}代替。")
        still = list(dict.fromkeys(use.source.target for use in uses))  # each citing object once
        lines.append(f"仍引用本文件的内容：{_links(linker, still)}。" if still else "已没有其他内容引用本文件。")
        out.append(_admonition("danger", "已废止", lines))
    elif meta.status == Status.AMENDED:
        amending = amended_by(model, ref)
        out.append(_admonition("warning", "已修改", [f"本文件已被{_links(linker, amending)}修改，请对照阅读。"]))
    else:
        out.append(STATUS_NOTICE[meta.status])
    history = []
    if meta.supersedes:
        history.append(f"本文件代替{_links(linker, [Ref(ref.kind, i) for i in meta.supersedes])}。")
    if meta.amends:
        history.append(f"本文件修改{_links(linker, [Ref(ref.kind, i) for i in meta.amends])}。")
    if history:
        out.append(_admonition("info", "沿革", history))
    passed = overdue(meta, model.today)
    if passed is not None:
        days = (model.today - passed).days
        owner = linker.link(Ref("unit", meta.owner))
        line = f"本文件应于 {passed} 前复审，已逾期 {days} 天。归口部门：{owner}。"
        out.append(_admonition("warning", "已过复审日期", [line], screen_only=True))  # a reminder, not the rule
    return "".join(out)


def review_date(meta: Placed) -> str:
    """The review date of a document for its facts table, or an empty string."""
    due = review_due(meta)
    if due is None:
        return ""
    every = f"（每{meta.review_every.months}个月）" if meta.review_every else ""
    return f"{due}{every}"


def review_page(model: Handbook) -> str:
    """The review plan: documents due within REVIEW_WITHIN days of the build date, or overdue, by owner."""
    linker = Linker(model, REVIEW_PAGE)
    items = review_items(model, REVIEW_WITHIN)
    out = [front_matter({"title": "复审计划"}), "# 复审计划\n\n"]
    late = sum(item.overdue for item in items)
    out.append(
        f"按 {model.today} 计，{REVIEW_WITHIN} 天内到期或已逾期的文件共 {len(items)} 项，其中逾期 {late} 项，"
        "按归口部门列出。复审后更新源文件的 `review_by` 或 `reviewed`。"
        "命令行：`handbook review --within 90`。\n"
    )
    for owner, group in by_owner(items).items():
        out.append(f"\n## {linker.link(Ref('unit', owner))}\n\n")
        rows = [
            [
                linker.link(item.ref),
                item.kind,
                str(item.due),
                f"**逾期 {-item.days} 天**" if item.overdue else f"{item.days} 天后到期",
            ]
            for item in group
        ]
        out.append(table(["文件", "类别", "复审日期", "情况"], rows))
    if not items:
        out.append("\n目前没有需要复审的文件。\n")
    return "".join(out)


def calendar_pages(model: Handbook) -> list[tuple[str, str]]:
    """The year's calendar (the build date's year): an index of roles and units, and a page for each."""
    year = model.today.year
    linker = Linker(model, CALENDAR_INDEX)
    actors = actors_with_events(model, year)
    out = [front_matter({"title": "工作日历"}), f"# {year}年工作日历\n\n"]
    out.append(
        "由各流程的 `cadence`（周期）生成：每个岗位或部门一年中按月排列的例行工作和截止日期。"
        f"{rest_days_note(year)}"
        f"导入手机或 Outlook 日历：`handbook calendar --year {year} --role 岗位`（iCalendar 文件），"
        f"一个党支部的全部事项：`handbook calendar --year {year} --unit 支部名称`；加 `--pdf` 另外打印年历。\n\n"
    )
    rows = []
    pages = []
    for actor in actors:
        events = year_events(model, year, actor)
        title = model.actor_title(actor)
        rows.append([f"[{plain(title)}]({linker.to(calendar_page(actor))})", str(len(events))])
        pages.append((calendar_page(actor), _actor_calendar(model, actor, year)))
    out.append(table(["岗位或部门", "全年事项"], rows) if rows else "没有流程写明周期。\n")
    return [(CALENDAR_INDEX, "".join(out)), *pages]


def _date(event: Event) -> str:
    """An event's day and weekday, and where it was due if a rest day moved it: 9月30日 周三（原10月2日国庆节）.

    An event of any day of its month or quarter (每月一次) shows its last day as the latest: 期内，最迟3月31日 周三.
    """
    day = event.date
    notes = ["调休上班"] if day.weekday() >= 5 else []  # a weekend day the year's arrangement makes a working day
    if event.rest:
        notes.append(f"原{event.due.month}月{event.due.day}日{event.rest}")
    when = f"{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}" + (f"（{'，'.join(notes)}）" if notes else "")
    return f"期内，最迟{when}" if event.within else when


def _actor_calendar(model: Handbook, actor: str, year: int) -> str:
    """One role's or unit's events of the year, month by month."""
    linker = Linker(model, calendar_page(actor))
    title = model.actor_title(actor)
    out = [front_matter({"title": f"{title}工作日历"}), f"# {plain(title)} {year}年工作日历\n\n"]
    out.append(f"[全部岗位和部门]({linker.to(CALENDAR_INDEX)})\n\n{rest_days_note(year)}\n")
    by_month: dict[int, list[list[str]]] = {}
    for event in year_events(model, year, actor):
        row = [
            _date(event),
            plain(event.event),
            plain(event.period),
            linker.link(event.flow),
            event.rule,
        ]
        by_month.setdefault(event.date.month, []).append(row)
    for month, rows in sorted(by_month.items()):
        out.append(f"\n## {month}月\n\n" + table(["日期", "事项", "所属期间", "流程", "周期"], rows))
    return "".join(out)
