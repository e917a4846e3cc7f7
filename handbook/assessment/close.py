"""Closing a period and posting it: the seal appended to assessment/ledger.yaml, and the 公示栏 sheet printed.

Closing seals what was recorded for a period (or its later corrections, as an amendment); the
notice-board sheet prints a closed month as published, with its seal digests and appeal window.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.assessment.ledger import new_seal, seal_yaml
from handbook.assessment.render import appeal_window, is_sample, score
from handbook.assessment.scores.page import month_tables
from handbook.assessment.seal.schema import LEDGER_FORMAT, Seal
from handbook.core.atomic import write_atomic
from handbook.core.html import escape
from handbook.core.periods import Month, Quarter, parse_period
from handbook.core.problems import ProjectError
from handbook.core.refs import parse_ref
from handbook.export.print.chromium import page_pdf, print_view
from handbook.export.print.fonts import FAMILY
from handbook.model.handbook import Handbook

LEDGER_HEADER = (
    "# 锁定台账：每锁定一个月份（或季度）或其后录入的更正，`handbook assess close` 在末尾追加一条封存记录。\n"
    "# 每条记录含各文件及其每个条目的摘要、当期适用的考核规则和名册的摘要、公示的结果，并链接上一条的摘要。\n"
    "# 已提交的记录只能追加，不能修改或删除（`handbook check` 对照 git 历史核对）。\n"
    f"format: {LEDGER_FORMAT}\n"
    "seals:\n"
)


def close_period(model: Handbook, period: str, closed: date, by: str) -> Seal:
    """The seal that closes a complete period (or seals its new corrections); ProjectError if it cannot."""
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
    assessment = model.assessment
    if isinstance(parsed, Month):
        missing = assessment.month(parsed).missing
        if missing:
            raise ProjectError(f"{period} cannot be closed, it still lacks: {'；'.join(missing)}")
        quarter = parsed.quarter
        if parsed == quarter.last_month and assessment.seal_of(str(quarter)) is None:
            raise ProjectError(f"close {quarter} first: the staff evaluation of {period} comes from it")
        for correction in assessment.corrections_of(str(parsed)):
            # a month publishes a corrected evaluation only once its quarter has (amended first)
            if correction.staff and correction in assessment.pending(Quarter.parse(correction.period)):
                raise ProjectError(f"close {correction.period} first: its correction {correction.id} bears on {period}")
    else:
        left = assessment.unevaluated(parsed)
        if left:
            raise ProjectError(f"{period} cannot be closed: {len(left)} branches not evaluated, e.g. {left[0]}")
    seal = new_seal(model, str(parsed), closed, by)
    if seal is None:
        raise ProjectError(f"{period}: nothing new to seal (it is closed and has no new corrections)")
    return seal


def append_seal(ledger: Path, seal: Seal) -> None:
    """Append the seal to the ledger, creating it with its header; earlier seals are never rewritten."""
    text = ledger.read_text(encoding="utf-8") if ledger.is_file() else LEDGER_HEADER
    if not text.endswith("\n"):
        text += "\n"
    if text.endswith("seals: []\n"):  # a ledger begun empty: its first seal opens the list
        text = text.removesuffix("[]\n") + "\n"
    ledger.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(ledger, text + seal_yaml(seal))


# ---- the 公示栏 sheet -------------------------------------------------------------------------------

# Paper (width, height in mm, portrait), and how many ranking tables stand side by side on it.
PAPERS = {"A4": (210, 297, 2), "A3": (297, 420, 4)}
MARGIN, FOOTER_MARGIN = 8, 12  # mm; the footer's page numbers sit in the bottom margin
# Text sizes (pt) tried, largest first, until the sheet fits one page; below 7 pt a notice is not
# legible. What does not fit one page even then is printed over pages at FLOW_SIZE.
SIZES = (10, 9.5, 9, 8.5, 8, 7.5, 7)
FLOW_SIZE = 8
FIT = """async (sizes) => {
  await document.fonts.ready;
  const sheet = document.querySelector(".sheet");
  for (const size of sizes) {
    document.documentElement.style.fontSize = `${size}pt`;
    if (sheet.scrollHeight <= sheet.clientHeight + 1) return size;
  }
  return 0;
}"""
FLOW = """(size) => {
  document.documentElement.style.fontSize = `${size}pt`;
  document.querySelector(".sheet").classList.add("flow");
}"""
STYLE = """
@page{{size:{width}mm {height}mm;margin:{margin}mm {margin}mm {footer}mm;
  @bottom-center{{content:"第 " counter(page) " 页 共 " counter(pages) " 页";
    font-family:{family};font-size:8pt;color:#444}}}}
html{{font-size:9pt}}
body{{margin:0;font-family:{family};color:#111;line-height:1.2}}
b,strong,h1,h2,th{{font-weight:bold}}
.sheet{{width:{inner_width}mm;height:{inner_height}mm;overflow:hidden}}
.sheet.flow{{height:auto;overflow:visible}}
h1{{font-size:1.7rem;margin:0 0 0.5mm;text-align:center}}
h2{{font-size:1.15rem;margin:1.5mm 0 0.8mm;border-bottom:0.3mm solid #444;break-after:avoid}}
p{{margin:0 0 0.8mm}}
.lead{{text-align:center}}
.sample{{color:#a00;font-weight:bold}}
.chunks{{display:grid;grid-template-columns:repeat({chunks},minmax(0,1fr));gap:3mm;align-items:start}}
table{{border-collapse:collapse;width:100%}}
th,td{{border:0.15mm solid #777;padding:0 0.8mm;text-align:right;white-space:nowrap}}
th{{background:#eee;text-align:center}}
td.name{{text-align:left;white-space:normal}}
tr{{break-inside:avoid}}
.cols{{columns:{chunks};column-gap:4mm}}
.cols p{{text-align:justify}}
.generals span{{white-space:nowrap;margin-right:3mm}}
.digest{{font-family:"DejaVu Sans Mono",monospace;word-break:break-all}}
"""


def _chunks(rows: list[str], count: int) -> list[list[str]]:
    """Rows shared among `count` tables side by side, the first ones longest."""
    size = -(-len(rows) // count)
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def notice_html(model: Handbook, month: Month, paper: str) -> str:
    """The month's 公示栏 sheet: ranking with scores, general branches, deductions with reasons, corrections,
    the seal digests and the appeal window; of a closed month, as published (ProjectError otherwise)."""
    assessment = model.assessment
    seals = assessment.seals_of(str(month))
    if not seals:
        raise ProjectError(
            f"{month} is not closed: the 公示栏 shows sealed results (`handbook assess close {month}` first)"
        )
    result = assessment.month(month)
    rules = assessment.rules_for(str(month))
    assert rules is not None and result.complete  # a closed month was complete when sealed
    ranking, general, deductions, items, others = month_tables(model, result)
    width, height, chunks = PAPERS[paper]
    # Four tables side by side on A3: the general branches have a list of their own, and a name drops the
    # 党支部 its column is headed with (a name too long still wraps, so that no table runs into the next).
    rows = [
        f"<tr><td>{r[0]}</td><td class='name'>{escape(str(r[1]).removesuffix('党支部'))}</td>"
        + "".join(f"<td>{score(value)}</td>" for value in r[3:] if isinstance(value, Decimal))
        + "</tr>"
        for r in ranking.rows
    ]
    # headings on two lines, no wider than the scores under them
    head = "".join(
        f"<th>{h}</th>" for h in ["名次", "党支部", "部门<br>考核", "战线<br>排序", "职工<br>评价", "综合<br>得分"]
    )
    tables = "".join(f"<table><tr>{head}</tr>{''.join(part)}</table>" for part in _chunks(rows, chunks))
    generals = "".join(f"<span>{escape(str(g[0]))} {escape(str(g[2]))}</span>" for g in general.rows)
    by_branch: dict[str, list[str]] = {}
    for branch, department, item, points, reason in deductions.rows:
        # an item by its number (its title is in the 考核细则): the reasons are what the board has room for;
        # a veto (一票否决第N项) as it is
        number, numbered, _ = str(item).partition(". ")
        what = f"{number}项扣{points}分" if numbered else str(item)
        by_branch.setdefault(str(branch), []).append(
            f"{escape(str(department))}{escape(what)}：{escape(str(reason).rstrip('。'))}"
        )
    losses = "".join(f"<p><b>{escape(branch)}</b>　{'；'.join(entries)}。</p>" for branch, entries in by_branch.items())
    corrected = [
        f"<p>{escape(str(c[0]))} {escape(str(c[1]))}：{escape(str(c[2]))}第{c[3]}项扣分由{c[4]}分更正为{c[5]}分"
        f"（{escape(str(c[6]))}）</p>"
        for c in items.rows
    ] + [
        f"<p>{escape(str(c[0]))} {escape(str(c[1]))}：{escape(str(c[2]))}由{escape(str(c[3]))}更正为{escape(str(c[4]))}"
        f"（{escape(str(c[5]))}）</p>"
        for c in others.rows
    ]
    closed = seals[0].closed
    regulations = "和".join(model.title_of(parse_ref(text)) for text in rules.regulations)
    digests = "；".join(
        f"{seal.closed} {'更正封存' if seal.amends else '锁定封存'} <span class='digest'>{seal.digest}</span>"
        for seal in seals
    )
    sample = (
        "<span class='sample'>示例数据，由脚本按固定种子生成，不是任何单位的真实成绩。</span>"
        if is_sample(model)
        else ""
    )
    style = STYLE.format(
        width=width,
        height=height,
        margin=MARGIN,
        footer=FOOTER_MARGIN,
        inner_width=width - 2 * MARGIN,
        inner_height=height - MARGIN - FOOTER_MARGIN,
        chunks=chunks,
        family=FAMILY,
    )
    title = f"{month.label}党支部考核结果公示"
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{style}</style></head><body><div class='sheet'><h1>{escape(title)}</h1>"
        f"<p class='lead'>{sample}{escape(model.book.title)}　按{escape(regulations)}由录入数据自动计算，"
        f"{closed} 由{escape(seals[0].by)}锁定。{escape(appeal_window(assessment, str(month)))}</p>"
        f"<h2>全矿排名</h2><div class='chunks'>{tables}</div>"
        f"<h2>党总支平均得分</h2><p class='generals'>{generals}</p>"
        f"<h2>扣分明细和理由</h2><div class='cols'>{losses or '<p>本月没有扣分。</p>'}</div>"
        + (f"<h2>更正</h2>{''.join(corrected)}" if corrected else "")
        + f"<h2>核验</h2><p>封存摘要：{digests}。用 handbook assess verify 摘要 核对本公示："
        f"摘要在锁定台账中，且锁定后的数据没有被改动。生成日期 {model.today}。</p></div></body></html>"
    )


def print_notice(html_text: str, output: Path, browser: Browser | None = None) -> int:
    """Lay the notice out in Chromium on one page at the largest legible size, or over pages; write it; its pages.

    The print engine's fonts (export/print/fonts.py): TrueType only, never a Type 3 font.
    """
    with print_view(html_text, browser) as page:
        fitted = float(page.evaluate(FIT, list(SIZES)))
        if not fitted:
            page.evaluate(FLOW, FLOW_SIZE)
        pdf = page_pdf(page)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    if fitted and pages != 1:  # the sheet was measured to fit one page: that must be what is printed
        raise ProjectError(f"the notice was laid out on one page but printed on {pages}")
    write_atomic(output, pdf)
    return pages
