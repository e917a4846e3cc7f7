"""A course's handout: the course plan, the handbook pages it teaches, the self-test and, apart, its answers."""

from __future__ import annotations

from handbook.core.html import escape
from handbook.core.refs import parse_ref
from handbook.export.print.assemble import Entry, PrintBook
from handbook.export.selftest.formats import explanation
from handbook.export.selftest.questions import QuestionKind, SelfTest
from handbook.model.handbook import Handbook


def _plan(test: SelfTest) -> str:
    """The course's facts, objectives and sessions."""
    course = test.course
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(s.title)}</td><td>{s.kind.value}</td><td>{s.hours:g}</td></tr>"
        for i, s in enumerate(course.sessions, start=1)
    )
    objectives = "".join(f"<li>{escape(o)}</li>" for o in course.objectives)
    basis = "依据：" + "；".join(escape(b) for b in course.basis) if course.basis else ""
    return (
        f"<h2>{escape(course.title)}：课程说明</h2>"
        f"<p>培训对象：{escape(course.audience)}；总学时：{course.hours:g}。{basis}</p>"
        f"<h3>培训目标</h3><ol>{objectives}</ol>"
        "<h3>课程安排</h3><table><thead><tr><th>序号</th><th>课程</th><th>方式</th><th>学时</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _questions(test: SelfTest) -> str:
    """The self-test, without answers."""
    items = []
    for question in test.questions:
        options = "".join(f"<li>{'ABCDEFGH'[i]}. {escape(o)}</li>" for i, o in enumerate(question.options))
        blank = "<p>（　）正确　（　）错误</p>" if question.kind == QuestionKind.TRUE_FALSE else ""
        items.append(
            f"<li><p>【{question.kind.value}】{escape(question.stem)}</p>"
            f'<ul class="hb-options">{options}</ul>{blank}</li>'
        )
    return f"<h2>自测题</h2><p>共 {len(test.questions)} 题。</p><ol>{''.join(items)}</ol>"


def _answers(model: Handbook, test: SelfTest) -> str:
    """The answer key, each answer with its reason and source."""
    items = "".join(
        f"<li><p><strong>{escape(q.answer_letter)}</strong>　{escape(explanation(model, q))}</p></li>"
        for q in test.questions
    )
    return f"<h2>答案与解析</h2><ol>{items}</ol>"


def handout(model: Handbook, test: SelfTest) -> PrintBook:
    """The handout of a course as a print book."""
    course = test.course
    covered = list(dict.fromkeys([*course.covers, *(c for s in course.sessions for c in s.covers)]))
    entries = [Entry("课程说明", 1, "plan", "课程说明", html=_plan(test)), Entry("学习材料", 1, "s1", "学习材料")]
    for number, text in enumerate(covered, start=1):
        ref = parse_ref(text)
        title = str(model.registry(ref.kind)[ref.id].meta.title)
        fragment = model.kinds.anchor_of(ref)
        entries.append(Entry(title, 2, f"d{number}", "学习材料", model.page_of(ref), fragment))
    entries.append(Entry("自测题", 1, "test", "自测题", html=_questions(test)))
    entries.append(Entry("答案与解析", 1, "answers", "答案与解析", html=_answers(model, test)))
    return PrintBook(course.title, entries)
