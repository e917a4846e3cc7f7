"""A course's papers: the handout, the student paper of each variant and, apart, its answer key.

The student paper holds no answer: its answer key is a document of its own (a PDF of its own), so a
paper printed on both sides never carries answers on the back of a question. Every question is
numbered in its text (not by a list's counter) and kept on one page with its options.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser

from handbook.core.atomic import write_atomic
from handbook.core.html import css_string, escape
from handbook.export.print.assemble import Entry, PrintBook
from handbook.export.print.chromium import chromium, serve
from handbook.export.print.fonts import FAMILY, cache_folder, font_faces
from handbook.export.print.pdf import FONTS_SLOT, Cover, print_book
from handbook.export.selftest.questions import LETTERS, ORDER, TRUE, Paper, Question, SelfTest, quoted, variants
from handbook.export.selftest.sources import course_refs
from handbook.kinds.course.schema import QuestionType
from handbook.model.handbook import Handbook

# The paper's own styles, in the handout and in the papers printed alone: a question never breaks
# across pages, and a section's heading stays with its first question.
PAPER_STYLE = """
.hb-paper h2 { font-size: 15pt; text-align: center; margin: 0 0 2mm; }
.hb-paper .hb-variant { text-align: center; margin: 0 0 3mm; }
.hb-paper .hb-fields { margin: 2mm 0 4mm; border-bottom: 1px solid #000; padding-bottom: 2mm; }
.hb-paper .hb-note { font-size: 9.5pt; margin: 0 0 3mm; }
.hb-paper h3 { font-size: 11.5pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
.hb-paper .hb-q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 3mm; }
.hb-paper .hb-q p { margin: 0.6mm 0; }
.hb-paper .hb-options { display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; padding-left: 2em; }
.hb-paper .hb-options.hb-long { grid-template-columns: 1fr; }
.hb-paper .hb-options p { margin: 0.3mm 0; }
.hb-paper table.hb-grid { border-collapse: collapse; margin: 0 0 4mm; font-size: 10pt; }
.hb-paper table.hb-grid td, .hb-paper table.hb-grid th {
  border: 1px solid #666; padding: 0.8mm 2mm; text-align: center;
}
.hb-paper .hb-why { font-size: 9.5pt; color: #222; }
"""
SECTION = {
    QuestionType.SINGLE: "单项选择题（共{n}题，每题只有一个正确答案）",
    QuestionType.MULTIPLE: "多项选择题（共{n}题，每题有两个或两个以上正确答案，多选、少选均不得分）",
    QuestionType.TRUE_FALSE: "判断题（共{n}题，正确的选A，错误的选B）",
    QuestionType.FILL: "填空题（共{n}题）",
}
NUMERALS = "一二三四"
LONG_OPTION = 12  # characters: options longer than this take a line each


def _sections(paper: Paper) -> Iterator[tuple[str, list[tuple[int, Question]]]]:
    """The paper's sections (一、单项选择题 …) with their questions and their numbers on the paper."""
    numbered = list(enumerate(paper.questions, start=1))
    present = [kind for kind in ORDER if any(q.type == kind for _, q in numbered)]
    for index, kind in enumerate(present):
        items = [(n, q) for n, q in numbered if q.type == kind]
        yield f"{NUMERALS[index]}、{SECTION[kind].format(n=len(items))}", items


def _question(number: int, question: Question) -> str:
    """One question of the student paper: its number and stem, then its options, kept together."""
    stem = escape(question.stem)
    if question.type == QuestionType.TRUE_FALSE:
        stem += "（　　）"
    options = "".join(f"<p>{LETTERS[i]}. {escape(o)}</p>" for i, o in enumerate(question.options))
    long = " hb-long" if any(len(o) > LONG_OPTION for o in question.options) else ""
    block = f'<div class="hb-options{long}">{options}</div>' if options else ""
    return f'<div class="hb-q"><p>{number}. {stem}</p>{block}</div>'


def student_paper(paper: Paper, title: str) -> str:
    """The student edition of a paper: the questions and their options, no answer anywhere."""
    total = len(paper.questions)
    body = "".join(
        f"<h3>{escape(heading)}</h3>" + "".join(_question(n, q) for n, q in items)
        for heading, items in _sections(paper)
    )
    return (
        f'<div class="hb-paper"><h2>{escape(title)}　自测题</h2><p class="hb-variant">（{escape(paper.letter)}卷）</p>'
        '<p class="hb-fields">姓名＿＿＿＿＿＿　单位＿＿＿＿＿＿＿＿　得分＿＿＿＿</p>'
        f'<p class="hb-note">共{total}题。选择题、判断题把所选字母填在括号内，填空题在横线上填写。</p>'
        f"{body}</div>"
    )


def _key(question: Question) -> str:
    """A question's key as the answer sheet gives it: letters (with the right option), or the answer."""
    if question.type == QuestionType.FILL:
        others = "、".join(question.answers[1:])
        return question.answers[0] + (f"（也可答：{others}）" if others else "")
    if question.type == QuestionType.TRUE_FALSE:
        return f"{question.letters}（{'正确' if question.answers == (TRUE,) else '错误'}）"
    if question.type == QuestionType.SINGLE:
        return f"{question.letters}（{question.answers[0]}）"
    return question.letters


def answer_key(paper: Paper, title: str) -> str:
    """The answer key of a paper: a table of the answers by number, then each answer with its explanation."""
    numbers = list(enumerate(paper.questions, start=1))
    rows = []
    for start in range(0, len(numbers), 10):
        chunk = numbers[start : start + 10]
        rows.append(
            "<tr><th>题号</th>" + "".join(f"<td>{n}</td>" for n, _ in chunk) + "</tr>"
            "<tr><th>答案</th>" + "".join(f"<td>{escape(_short(q))}</td>" for _, q in chunk) + "</tr>"
        )
    items = "".join(
        f'<div class="hb-q"><p><strong>{n}.</strong> 答案：{escape(_key(q))}　难度：{escape(q.level)}</p>'
        + "".join(f'<p class="hb-why">依据{escape(c.cite)}：{escape(quoted(c.text))}</p>' for c in q.citations)
        + "".join(f'<p class="hb-why">{escape(quoted(w))}有误，应为{escape(quoted(r))}。</p>' for w, r in q.corrections)
        + "</div>"
        for n, q in numbers
    )
    return (
        f'<div class="hb-paper"><h2>{escape(title)}　自测题答案与解析</h2>'
        f'<p class="hb-variant">（{escape(paper.letter)}卷）</p>'
        f'<table class="hb-grid">{"".join(rows)}</table>{items}</div>'
    )


def _short(question: Question) -> str:
    """A question's key in the table: its letters, or a fill-in's answer."""
    return question.answers[0] if question.type == QuestionType.FILL else question.letters


def standalone(body: str, title: str, running: str) -> str:
    """A paper as a page of its own to print: A4, the course and paper in the header, page numbers below."""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title><style>
{FONTS_SLOT}
@page {{
  size: A4; margin: 18mm 18mm 18mm 20mm;
  @top-left {{ content: "{css_string(running)}"; font-size: 8.5pt; color: #666; font-family: {FAMILY}; }}
  @bottom-center {{
    content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8.5pt; font-family: {FAMILY};
  }}
}}
body {{ margin: 0; font-family: {FAMILY}; font-size: 10.5pt; line-height: 1.6; color: #000; }}
{PAPER_STYLE}
</style></head><body>{body}</body></html>
"""


def papers(test: SelfTest, variants: list[Paper]) -> dict[str, str]:
    """File name → printable HTML of every variant's student paper and answer key."""
    title = test.course.title
    found = {}
    for paper in variants:
        found[f"selftest-{paper.letter}.pdf"] = standalone(
            student_paper(paper, title), f"{title} 自测题 {paper.letter}卷", f"{title}　自测题（{paper.letter}卷）"
        )
        found[f"answers-{paper.letter}.pdf"] = standalone(
            answer_key(paper, title), f"{title} 答案 {paper.letter}卷", f"{title}　答案与解析（{paper.letter}卷）"
        )
    return found


@contextmanager
def course_printer(site: Path | None, browser: Browser | None = None) -> Iterator[CoursePrinter | None]:
    """One Chromium (`browser`, or one started here) for every PDF of the courses printed from a built site
    (None: no PDFs asked)."""
    if site is None:
        yield None
        return
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="handbook-papers-")))
        url = stack.enter_context(serve(folder))
        yield CoursePrinter(site, browser or stack.enter_context(chromium()), folder, url)


class CoursePrinter:
    """Prints a course's handout (a print book of the site's pages) and its papers (standalone pages)."""

    def __init__(self, site: Path, browser: Browser, folder: Path, url: str) -> None:
        self.site, self.browser, self.folder, self.url = site, browser, folder, url

    def handout(self, book: PrintBook, cover: Cover, output: Path) -> None:
        """Print the handout with the print engine: cover, contents, the site's pages, the student paper."""
        print_book(book, self.site, cover, output, browser=self.browser)

    def paper(self, html: str, output: Path) -> None:
        """Lay one paper out and write it as a PDF (written whole, or not at all)."""
        faces = font_faces(self.folder, html, cache_folder())  # the print engine's TrueType fonts, bold too
        (self.folder / "paper.html").write_text(html.replace(FONTS_SLOT, faces, 1), encoding="utf-8")
        page = self.browser.new_page()
        try:
            page.goto(self.url + "paper.html")
            page.evaluate("document.fonts.ready.then(() => true)")
            write_atomic(output, page.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            page.close()


def _plan(test: SelfTest) -> str:
    """The course's facts, objectives and sessions."""
    course = test.course
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(s.title)}</td><td>{escape(s.kind.value)}</td><td>{s.hours:g}</td></tr>"
        for i, s in enumerate(course.sessions, start=1)
    )
    objectives = "".join(f"<p>{i}. {escape(o)}</p>" for i, o in enumerate(course.objectives, start=1))
    basis = "依据：" + "；".join(escape(b) for b in course.basis) if course.basis else ""
    return (
        f"<h2>{escape(course.title)}：课程说明</h2>"
        f"<p>培训对象：{escape(course.audience)}；总学时：{course.hours:g}。{basis}</p>"
        f"<h3>培训目标</h3>{objectives}"
        "<h3>课程安排</h3><table><thead><tr><th>序号</th><th>课程</th><th>方式</th><th>学时</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def handout(model: Handbook, test: SelfTest, paper: Paper | None = None) -> PrintBook:
    """The handout of a course as a print book: plan, the pages it teaches, and a student paper (no answers).

    The paper is variant A unless another is given; its answer key is printed apart (`papers`).
    """
    course = test.course
    paper = paper or variants(test, 1)[0]
    entries = [Entry("课程说明", 1, "plan", "课程说明", html=_plan(test)), Entry("学习材料", 1, "s1", "学习材料")]
    for number, ref in enumerate(course_refs(course), start=1):
        title = str(model.registry(ref.kind)[ref.id].meta.title)
        entries.append(Entry(title, 2, f"d{number}", "学习材料", model.page_of(ref), model.kinds.anchor_of(ref)))
    note = f'<p class="hb-note">答案与解析另行印发（answers-{escape(paper.letter)}.pdf），不随讲义装订。</p>'
    style = f"<style>{PAPER_STYLE}</style>"
    entries.append(Entry("自测题", 1, "test", "自测题", html=style + student_paper(paper, course.title) + note))
    return PrintBook(course.title, entries)
