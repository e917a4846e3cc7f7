"""A self-test as exam platforms import it: the Excel template, its plain-text form, Moodle XML.

The Excel template is the one Chinese online exam and party-study platforms share
(题型 | 题干 | 选项A…H | 答案 | 解析 | 分值 | 难度; 判断题 answered 正确/错误). Ordering and matching
questions are not generated, so every question fits all three formats as it is.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from openpyxl import Workbook

from handbook.core.sheets import inert_row
from handbook.export.selftest.questions import Question, QuestionKind, SelfTest
from handbook.model.handbook import Handbook

HEADER = ["题型", "题干", *(f"选项{letter}" for letter in "ABCDEFGH"), "答案", "解析", "分值", "难度"]
POINTS = 5
DIFFICULTY = {QuestionKind.TRUE_FALSE: "易", QuestionKind.SINGLE: "中", QuestionKind.FILL: "中"}


def explanation(model: Handbook, question: Question) -> str:
    """Why the answer is right, citing the article, step or term it comes from."""
    return f"{question.explanation}（出处：{model.title_of(question.source)}）"


def excel(model: Handbook, test: SelfTest) -> bytes:
    """The platforms' Excel template, one question a row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "题库"
    sheet.append(inert_row(sheet, HEADER))
    for question in test.questions:
        options = list(question.options) + [""] * (8 - len(question.options))
        values = [question.kind.value, question.stem, *options, question.answer_letter, explanation(model, question)]
        sheet.append(inert_row(sheet, [*values, POINTS, DIFFICULTY[question.kind]]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plain_text(model: Handbook, test: SelfTest) -> str:
    """The platforms' 文本导入 form: numbered stems, lettered options, 答案： and 解析： lines."""
    blocks = []
    for number, question in enumerate(test.questions, start=1):
        lines = [f"{number}.【{question.kind.value}】{question.stem}"]
        lines += [f"{'ABCDEFGH'[i]}. {option}" for i, option in enumerate(question.options)]
        lines += [f"答案：{question.answer_letter}", f"解析：{explanation(model, question)}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def moodle_xml(model: Handbook, test: SelfTest) -> str:
    """Moodle XML: single choice as multichoice, true/false as truefalse, fill-in as shortanswer."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/{test.course.title}"
    for number, question in enumerate(test.questions, start=1):
        kind = {QuestionKind.SINGLE: "multichoice", QuestionKind.TRUE_FALSE: "truefalse"}.get(
            question.kind, "shortanswer"
        )
        item = ET.SubElement(quiz, "question", type=kind)
        ET.SubElement(ET.SubElement(item, "name"), "text").text = f"{number:03d} {question.topic}"
        text = ET.SubElement(item, "questiontext", format="plain_text")
        ET.SubElement(text, "text").text = question.stem
        feedback = ET.SubElement(item, "generalfeedback", format="plain_text")
        ET.SubElement(feedback, "text").text = explanation(model, question)
        ET.SubElement(item, "defaultgrade").text = str(POINTS)
        if question.kind == QuestionKind.SINGLE:
            ET.SubElement(item, "single").text = "true"
            ET.SubElement(item, "shuffleanswers").text = "false"
            answers = [(option, option == question.answer) for option in question.options]
        elif question.kind == QuestionKind.TRUE_FALSE:
            answers = [("true", question.answer == "正确"), ("false", question.answer == "错误")]
        else:
            answers = [(question.answer, True)]
        for value, right in answers:
            answer = ET.SubElement(item, "answer", fraction="100" if right else "0", format="plain_text")
            ET.SubElement(answer, "text").text = value
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
