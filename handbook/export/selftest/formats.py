"""A self-test as exam platforms import it: the Excel 题库导入 template, 文本导入 text, GIFT and Moodle XML.

Every format is read back by its own reader here, and the files are written only when what each
reader finds is the test itself (`exports`): a text that would break a format fails the command
instead of reaching a platform.

The Excel layout is the common Chinese 题库导入 template, one question a row, columns in this order:

| 列 | 内容 |
| --- | --- |
| A 题型 | 单选题、多选题、判断题、填空题 |
| B 题干 | the stem; a fill-in's blank is ＿＿＿＿ |
| C–H 选项A–选项F | the options; a 判断题 has 正确 (A) and 错误 (B) |
| I 答案 | the letters (B, ACD); a 判断题's A or B; a 填空题's accepted answers, separated by `|` |
| J 解析 | the cited sentences, quoted |
| K 难度 | 易、中、难 |
| L 知识点 | where the answer comes from: the article, step or term |
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from handbook.core.sheets import inert_row
from handbook.export.selftest.questions import LETTERS, SEPARATOR, TRUE, Question, SelfTest
from handbook.kinds.course.schema import QuestionType

OPTIONS = 6  # 选项A–选项F
HEADER = ["题型", "题干", *(f"选项{letter}" for letter in LETTERS[:OPTIONS]), "答案", "解析", "难度", "知识点"]
WIDTHS = [8, 60, *([22] * OPTIONS), 10, 70, 6, 36]  # characters, column by column
POINTS = 1  # Moodle's default grade of every question
MOODLE_TYPES = {
    QuestionType.SINGLE: "multichoice",
    QuestionType.MULTIPLE: "multichoice",
    QuestionType.TRUE_FALSE: "truefalse",
    QuestionType.FILL: "shortanswer",
}
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")
# The line marks of 文本导入: a line of a question's text never starts with one of them (checked).
_TEXT_MARKS = ("答案：", "解析：", "难度：", "知识点：", *(f"{letter}. " for letter in LETTERS))
_TEXT_HEAD = re.compile(r"^(\d+)\.【(单选题|多选题|判断题|填空题)】(.*)$")


class ExportError(ValueError):
    """An export that does not read back as the test it was made from."""


@dataclass(frozen=True)
class Row:
    """A question as every format holds it: what a platform imports."""

    type: QuestionType
    stem: str
    options: tuple[str, ...]
    key: str  # letters; a fill-in's accepted answers joined by the separator
    explanation: str
    level: str
    source: str


def row_of(question: Question) -> Row:
    """The row a question is exported as."""
    return Row(
        question.type,
        question.stem,
        question.options,
        question.letters,
        question.explanation,
        question.level,
        question.source,
    )


def _text(value: object) -> str:
    """A cell's text ('' for an empty cell)."""
    return "" if value is None else str(value)


def excel(test: SelfTest) -> bytes:
    """The 题库导入 template: header, one question a row, column widths set, long texts wrapped."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "题库"
    sheet.append(inert_row(sheet, HEADER))
    for question in test.questions:
        row = row_of(question)
        options = list(row.options) + [""] * (OPTIONS - len(row.options))
        sheet.append(
            inert_row(sheet, [row.type.value, row.stem, *options, row.key, row.explanation, row.level, row.source])
        )
    for column, width in enumerate(WIDTHS, start=1):
        letter = sheet.cell(1, column).column_letter
        sheet.column_dimensions[letter].width = width
        for cells in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cells[0].alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(1, column).font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_excel(data: bytes) -> list[Row]:
    """The questions of a 题库导入 workbook, its header checked."""
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    if not rows or rows[0][: len(HEADER)] != HEADER:
        raise ExportError(f"the header is not {HEADER}")
    found: list[Row] = []
    for number, row in enumerate(rows[1:], start=2):
        kind, stem, *rest = row[: len(HEADER)]
        options, (key, explanation, level, source) = rest[:OPTIONS], rest[OPTIONS:]
        try:
            found.append(Row(QuestionType(kind), stem, _options(options), key, explanation, level, source))
        except ValueError as error:
            raise ExportError(f"row {number}: {error}") from error
    return found


def _options(cells: list[str]) -> tuple[str, ...]:
    """The options of a row: the filled cells, which must come first."""
    filled = [cell for cell in cells if cell]
    if cells[: len(filled)] != filled:
        raise ExportError("an option follows an empty option cell")
    return tuple(filled)


def plain_text(test: SelfTest) -> str:
    """文本导入: a numbered 【题型】 line, lettered options, then 答案：, 解析：, 难度：, 知识点： lines."""
    blocks = []
    for number, question in enumerate(test.questions, start=1):
        row = row_of(question)
        lines = [f"{number}.【{row.type.value}】{row.stem}"]
        lines += [f"{LETTERS[i]}. {option}" for i, option in enumerate(row.options)]
        lines += [f"答案：{row.key}", f"解析：{row.explanation}", f"难度：{row.level}", f"知识点：{row.source}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def read_text(text: str) -> list[Row]:
    """The questions of a 文本导入 text."""
    found: list[Row] = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        head = _TEXT_HEAD.match(lines[0])
        if head is None or int(head[1]) != len(found) + 1:
            raise ExportError(f"question {len(found) + 1}: no numbered 【题型】 line: {lines[0]}")
        fields: dict[str, str] = {}
        options: list[str] = []
        for line in lines[1:]:
            mark = next((m for m in _TEXT_MARKS if line.startswith(m)), None)
            if mark is None:
                raise ExportError(f"question {head[1]}: a line without its mark: {line}")
            if mark.endswith(". "):
                if mark != f"{LETTERS[len(options)]}. ":
                    raise ExportError(f"question {head[1]}: option {mark} out of order")
                options.append(line[len(mark) :])
            else:
                fields[mark] = line[len(mark) :]
        missing = [m for m in _TEXT_MARKS[:4] if m not in fields]
        if missing:
            raise ExportError(f"question {head[1]}: no {missing[0]} line")
        values = [fields[m] for m in _TEXT_MARKS[:4]]
        found.append(Row(QuestionType(head[2]), head[3], tuple(options), *values))
    return found


def _gift(text: str) -> str:
    """A text escaped for GIFT: its special characters behind a backslash."""
    return _GIFT_SPECIAL.sub(r"\\\1", text)


def _ungift(text: str) -> str:
    """A GIFT text unescaped."""
    return re.sub(r"\\(.)", r"\1", text)


def gift(test: SelfTest) -> str:
    """GIFT (Moodle's text format): a title, the stem, then the answers in braces and the explanation."""
    blocks = []
    for number, question in enumerate(test.questions, start=1):
        row = row_of(question)
        if row.type == QuestionType.TRUE_FALSE:
            answers = "T" if question.answers == (TRUE,) else "F"
        elif row.type == QuestionType.FILL:
            answers = " ".join(f"={_gift(a)}" for a in question.answers)
        else:
            share = _fraction(len(question.answers))
            right = "=" if row.type == QuestionType.SINGLE else f"~%{share}%"
            wrong = "~" if row.type == QuestionType.SINGLE else "~%-100%"
            answers = " ".join(f"{right if o in question.answers else wrong}{_gift(o)}" for o in row.options)
        title = f"{number:03d} {row.type.value}"
        blocks.append(
            f"// {_comment(row.source)}｜难度：{row.level}\n"
            f"::{_gift(title)}::[plain]{_gift(row.stem)} {{\n{answers}\n####{_gift(row.explanation)}\n}}"
        )
    return "\n\n".join(blocks) + "\n"


def _comment(text: str) -> str:
    """A text for a GIFT comment line (one line, no line break)."""
    return text.replace("\n", " ")


def _fraction(right: int) -> str:
    """The share of the marks each right option of a multiple choice earns, as Moodle writes it."""
    return f"{100 / right:.5f}".rstrip("0").rstrip(".")


_GIFT_QUESTION = re.compile(
    r"^// [^\n]*\n::(?P<title>(?:\\.|[^:\\])*)::\[plain\](?P<stem>(?:\\.|[^{\\])*) \{\n"
    r"(?P<answers>(?:\\.|[^}\\#])*)\n####(?P<feedback>(?:\\.|[^}\\])*)\n\}$",
    re.DOTALL,
)
_GIFT_ANSWER = re.compile(r"(?P<mark>=|~%-?[\d.]+%|~)(?P<text>(?:\\.|[^=~\\ ]|\\ | (?![=~]))*)")


def read_gift(text: str) -> list[Row]:
    """The questions of a GIFT text made by `gift` (its own subset of GIFT: comment, title, [plain], braces)."""
    found: list[Row] = []
    for block in text.strip().split("\n\n"):
        match = _GIFT_QUESTION.match(block)
        if match is None:
            raise ExportError(f"question {len(found) + 1}: not a GIFT question: {block[:80]}")
        comment = block.split("\n", 1)[0][3:]
        source, _, level = comment.rpartition("｜难度：")
        kind = QuestionType(_ungift(match["title"]).split(" ", 1)[1])
        body = match["answers"].strip()
        options: tuple[str, ...] = ()
        if kind == QuestionType.TRUE_FALSE:
            if body not in ("T", "F"):
                raise ExportError(f"question {len(found) + 1}: a true/false answer is T or F, not {body}")
            key, options = ("A" if body == "T" else "B"), (TRUE, "错误")
        else:
            answers = [(m["mark"], _ungift(m["text"])) for m in _GIFT_ANSWER.finditer(body)]
            if kind == QuestionType.FILL:
                if not answers or any(mark != "=" for mark, _ in answers):
                    raise ExportError(f"question {len(found) + 1}: a fill-in lists its answers with =")
                key = SEPARATOR.join(text for _, text in answers)
            else:
                options = tuple(text for _, text in answers)
                key = "".join(LETTERS[i] for i, (mark, _) in enumerate(answers) if mark == "=" or _positive(mark))
                _check_marks(kind, [mark for mark, _ in answers], len(found) + 1)
        found.append(Row(kind, _ungift(match["stem"]), options, key, _ungift(match["feedback"]), level, source))
    return found


def _positive(mark: str) -> bool:
    """Whether a GIFT answer mark gives marks (~%50%)."""
    return mark.startswith("~%") and not mark.startswith("~%-")


def _check_marks(kind: QuestionType, marks: list[str], number: int) -> None:
    """A single choice has one = among ~; a multiple choice's positive shares add up to 100."""
    if kind == QuestionType.SINGLE and (marks.count("=") != 1 or any(m not in ("=", "~") for m in marks)):
        raise ExportError(f"question {number}: a single choice has exactly one right answer (=)")
    if kind == QuestionType.MULTIPLE:
        total = sum(float(m[2:-1]) for m in marks if _positive(m))
        if abs(total - 100) > 0.01:
            raise ExportError(f"question {number}: the right answers' shares add up to {total:g}, not 100")


def moodle_xml(test: SelfTest) -> str:
    """Moodle XML: single and multiple choice as multichoice, true/false as truefalse, fill-in as shortanswer."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/{test.course.title}"
    for number, question in enumerate(test.questions, start=1):
        row = row_of(question)
        item = ET.SubElement(quiz, "question", type=MOODLE_TYPES[row.type])
        ET.SubElement(ET.SubElement(item, "name"), "text").text = f"{number:03d} {row.type.value}"
        _text_element(item, "questiontext", row.stem)
        _text_element(item, "generalfeedback", row.explanation)
        ET.SubElement(item, "defaultgrade").text = str(POINTS)
        ET.SubElement(item, "penalty").text = "0"
        ET.SubElement(item, "hidden").text = "0"
        if row.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            single = row.type == QuestionType.SINGLE
            ET.SubElement(item, "single").text = "true" if single else "false"
            ET.SubElement(item, "shuffleanswers").text = "true"
            ET.SubElement(item, "answernumbering").text = "ABCD"
            share = "100" if single else _fraction(len(question.answers))
            answers = [(o, share if o in question.answers else "0" if single else "-100") for o in row.options]
        elif row.type == QuestionType.TRUE_FALSE:
            right = question.answers == (TRUE,)
            answers = [("true", "100" if right else "0"), ("false", "0" if right else "100")]
        else:
            ET.SubElement(item, "usecase").text = "0"
            answers = [(answer, "100") for answer in question.answers]
        for value, fraction in answers:
            _text_element(item, "answer", value, fraction=fraction)
        tags = ET.SubElement(item, "tags")
        for tag in (f"难度：{row.level}", f"知识点：{row.source}"):
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def _text_element(parent: ET.Element, name: str, text: str, **attributes: str) -> None:
    """A Moodle element holding plain text in its <text>."""
    element = ET.SubElement(parent, name, {"format": "plain_text", **attributes})
    ET.SubElement(element, "text").text = text


def read_moodle(xml: str) -> list[Row]:
    """The questions of a Moodle XML quiz, its structure checked as Moodle's importer expects it.

    Checked: a <quiz> of <question> elements of known types, each with a name, a question text and
    answers whose fractions make sense for the type (one right answer of a single choice, shares
    adding up to 100 for a multiple choice, true and false for a true/false, a right answer for a
    short answer).
    """
    root = SafeET.fromstring(xml.encode())
    if root.tag != "quiz":
        raise ExportError(f"the root element is <{root.tag}>, not <quiz>")
    found: list[Row] = []
    for item in root.findall("question"):
        kind = item.get("type")
        if kind == "category":
            continue
        number = len(found) + 1
        if kind not in MOODLE_TYPES.values():
            raise ExportError(f"question {number}: unknown type {kind}")
        title, stem = item.findtext("name/text") or "", item.findtext("questiontext/text") or ""
        text_format = item.find("questiontext").get("format") if item.find("questiontext") is not None else None
        if not title or not stem or text_format != "plain_text":
            raise ExportError(f"question {number}: no name or no plain-text question text")
        answers = [(a.findtext("text") or "", float(a.get("fraction", "nan"))) for a in item.findall("answer")]
        tags = {t.split("：", 1)[0]: t.split("：", 1)[1] for t in (x.findtext("text") or "" for x in item.iter("tag"))}
        level, source = tags.get("难度", ""), tags.get("知识点", "")
        explanation = item.findtext("generalfeedback/text") or ""
        if kind == "multichoice":
            single = item.findtext("single") == "true"
            rights = [f for _, f in answers if f > 0]
            if single and (rights != [100.0] or any(f != 0 for _, f in answers if f <= 0)):
                raise ExportError(f"question {number}: a single choice has one answer at 100 and the others at 0")
            if not single and abs(sum(rights) - 100) > 0.01:
                raise ExportError(f"question {number}: the right answers' fractions add up to {sum(rights):g}")
            key = "".join(LETTERS[i] for i, (_, f) in enumerate(answers) if f > 0)
            options = tuple(text for text, _ in answers)
            row_type = QuestionType.SINGLE if single else QuestionType.MULTIPLE
        elif kind == "truefalse":
            if sorted(text for text, _ in answers) != ["false", "true"] or sorted(f for _, f in answers) != [0, 100]:
                raise ExportError(f"question {number}: a true/false answers true and false, one at 100")
            key = "A" if dict(answers)["true"] == 100 else "B"
            options, row_type = (TRUE, "错误"), QuestionType.TRUE_FALSE
        else:
            if not answers or any(f != 100 for _, f in answers):
                raise ExportError(f"question {number}: a short answer lists its accepted answers at 100")
            key, options, row_type = SEPARATOR.join(t for t, _ in answers), (), QuestionType.FILL
        found.append(Row(row_type, stem, options, key, explanation, level, source))
    return found


def read_back(name: str, data: bytes | str) -> list[Row]:
    """The questions of an export file, by its reader."""
    if isinstance(data, bytes):
        return read_excel(data)
    readers = {"selftest.txt": read_text, "selftest.gift.txt": read_gift, "selftest.moodle.xml": read_moodle}
    return readers[name](data)


def exports(test: SelfTest) -> dict[str, bytes | str]:
    """Every export of a test by file name, each read back and compared with the test first."""
    files: dict[str, bytes | str] = {
        "selftest.xlsx": excel(test),
        "selftest.txt": plain_text(test),
        "selftest.gift.txt": gift(test),
        "selftest.moodle.xml": moodle_xml(test),
    }
    expected = [row_of(q) for q in test.questions]
    for name, data in files.items():
        found = read_back(name, data)
        for number, (row, want) in enumerate(zip(found, expected, strict=False), start=1):
            if row != want:
                raise ExportError(f"{name}: question {number} reads back as {row}, not {want}")
        if len(found) != len(expected):
            raise ExportError(f"{name}: {len(found)} questions read back, not {len(expected)}")
    return files
