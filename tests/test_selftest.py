"""Self-tests generated from the sources: right answers (checked against the model), stable, importable."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, TODAY
from openpyxl import load_workbook

from handbook.core.project import Project
from handbook.export.selftest.formats import HEADER, excel, moodle_xml, plain_text
from handbook.export.selftest.questions import Question, QuestionKind, self_test
from handbook.kinds.course.schema import Course
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

COURSE = {
    "id": "ceshi",
    "title": "测试培训班",
    "audience": "测试对象",
    "hours": 8,
    "objectives": ["了解发展党员的程序"],
    "covers": ["flow:fazhan-dangyuan", "flow:sanhui-yike", "flow:dangfei-shoujiao"],
    "sessions": [
        {"title": "讲授", "hours": 6, "covers": ["term:sanhui-yike", "term:fazhan-duixiang", "term:dangfei"]},
        {"title": "考试", "kind": "考试", "hours": 2},
    ],
    "test": {"questions": 30, "seed": 7},
}


@pytest.fixture(scope="module")
def model() -> Handbook:
    """The sample handbook."""
    return load_model(Project(ROOT, TODAY))


def course(**changes: object) -> Course:
    """The test course, with some fields changed."""
    return Course.model_validate({**COURSE, **changes})


def truth(model: Handbook, question: Question) -> bool:
    """Whether the question's answer is what the model says (recomputed from the model, not from the test)."""
    source = question.source
    if source.kind == "term":
        return question.answer == model.terms[source.id].meta.definition
    flow = model.flows[source.id].meta
    steps = {step.id: step for step in flow.steps}
    step = steps[source.anchor or ""]
    fact, _, _ = question.topic.partition(":")
    if fact == "next":
        return isinstance(step.next, str) and question.answer == steps[step.next].label
    if fact == "owner":
        return step.role is not None and question.answer == model.actor_title(step.role)
    if fact == "tf":
        owner = model.actor_title(step.role or "")
        said_owner = question.stem.endswith(f"由{owner}负责。")
        return question.answer == ("正确" if said_owner else "错误")
    if fact == "time":
        return question.answer == step.time
    return False


def test_every_answer_is_what_the_sources_say(model: Handbook) -> None:
    """Each kind of question appears, and every answer agrees with the model."""
    test = self_test(model, course())
    assert len(test.questions) == 30
    assert {q.topic.split(":")[0] for q in test.questions} >= {"next", "owner", "tf", "time", "term"}
    assert [q.stem for q in test.questions if not truth(model, q)] == []


def test_questions_are_well_formed(model: Handbook) -> None:
    """No question twice, four distinct options with the answer among them, never 以上都对."""
    questions = self_test(model, course()).questions
    assert len({q.stem for q in questions}) == len(questions)
    assert len({q.topic for q in questions}) == len(questions)
    for q in questions:
        if q.kind == QuestionKind.SINGLE:
            assert len(set(q.options)) == 4 and q.answer in q.options
        assert not any(option.startswith(("以上", "都对", "都不对")) for option in q.options)


def test_the_same_seed_gives_the_same_test(model: Handbook) -> None:
    """Deterministic for a seed; another seed draws another test."""
    assert self_test(model, course()) == self_test(model, course())
    assert self_test(model, course()).questions != self_test(model, course(test={"seed": 8})).questions


def test_the_excel_template_reads_back(model: Handbook) -> None:
    """openpyxl reads the platforms' template back: header, one row a question, the answers."""
    test = self_test(model, course())
    sheet = load_workbook(io.BytesIO(excel(model, test))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) == 1 + len(test.questions)
    for row, question in zip(rows[1:], test.questions, strict=True):
        assert (row[0], row[1], row[10]) == (question.kind.value, question.stem, question.answer_letter)
        assert "出处：" in row[11]


def test_the_text_form_and_moodle_xml_hold_every_question(model: Handbook) -> None:
    """文本导入 has a numbered stem and an answer line per question; Moodle XML parses with the right count."""
    test = self_test(model, course())
    text = plain_text(model, test)
    assert text.count("答案：") == len(test.questions)
    assert text.startswith("1.【")
    quiz = ET.fromstring(moodle_xml(model, test).encode())
    questions = [q for q in quiz.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(test.questions)
    kinds = {q.get("type") for q in questions}
    assert kinds <= {"multichoice", "truefalse", "shortanswer"}
    for element, question in zip(questions, test.questions, strict=True):
        right = [a.findtext("text") for a in element.findall("answer") if a.get("fraction") == "100"]
        expected = {"正确": "true", "错误": "false"}.get(question.answer, question.answer)
        assert right == [expected]
