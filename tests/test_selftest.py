"""Self-tests generated from the sources: the generator's own checks, the papers, the variants and the exports."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from openpyxl import load_workbook
from playwright.sync_api import Browser
from pydantic import ValidationError
from pypdf import PdfReader

from handbook.core.project import Project
from handbook.core.refs import Ref
from handbook.export.selftest.checks import Claim, option_kinds, stem_leaks
from handbook.export.selftest.formats import (
    HEADER,
    WIDTHS,
    ExportError,
    excel,
    exports,
    gift,
    moodle_xml,
    plain_text,
    read_excel,
    read_gift,
    read_moodle,
    read_text,
    row_of,
)
from handbook.export.selftest.handout import PAPER_STYLE, answer_key, course_printer, papers, student_paper
from handbook.export.selftest.questions import (
    BLANK,
    FALSE,
    SEPARATOR,
    TRUE,
    Citation,
    Generator,
    Question,
    SelfTest,
    variants,
)
from handbook.kinds.course.schema import Course, QuestionType
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

COURSE = {
    "id": "ceshi",
    "title": "测试培训班",
    "audience": "测试对象",
    "hours": 8,
    "objectives": ["了解发展党员的程序"],
    "covers": ["flow:fazhan-dangyuan", "flow:sanhui-yike", "flow:dangfei-shoujiao", "reg:dangzhibu-gongzuo-guiding"],
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


@pytest.fixture(scope="module")
def generator(model: Handbook) -> Generator:
    """The generator with the sample handbook's sentences, built once."""
    return Generator(model)


@pytest.fixture(scope="module")
def tests(model: Handbook, generator: Generator) -> list[SelfTest]:
    """The self-tests of the three sample courses and of the test course."""
    courses = [doc.meta for doc in model.registry("course").values()]
    return [generator.self_test(course) for course in [*courses, course()]]


def course(**changes: object) -> Course:
    """The test course, with some fields changed."""
    return Course.model_validate({**COURSE, **changes})


def questions(tests: list[SelfTest]) -> list[Question]:
    """Every question of the tests."""
    return [q for test in tests for q in test.questions]


# The generator's own checks, each on every question of the sample courses -----------------------


def test_every_question_passes_every_check(tests: list[SelfTest], generator: Generator) -> None:
    """No question of the sample courses fails a check; each course gets its full test of 20."""
    assert [len(t.questions) for t in tests] == [20, 20, 20, 30]
    assert {q.stem: generator.problems(q) for q in questions(tests) if generator.problems(q)} == {}


def test_no_stem_gives_its_answer_away(tests: list[SelfTest], generator: Generator) -> None:
    """No text a learner reads (stem, statement) holds the asked value, a telling part of it, or a cue."""
    for q in questions(tests):
        wrong = [o for o in q.options if o not in q.answers] if q.type == QuestionType.SINGLE else []
        for shown, value, key in zip(q.masked, q.values, q.keys, strict=True):
            assert stem_leaks(shown, q.lead, value, key, wrong, generator.corpus) == [], q.stem
            assert value not in shown


def test_the_stem_leak_check_catches_leaks(generator: Generator) -> None:
    """The owner named in the stem, a telling part of the answer, the answer alone sharing the stem's words."""
    corpus = generator.corpus
    stem = f"在《发展党员工作流程》中，“矿党校集中培训并考试考核”这一环节由{BLANK}负责。"
    assert stem_leaks(stem, "", "矿党校", "dangxiao", ["支部委员会", "党委会", "支部党员大会"], corpus)
    definition = f"下列术语中，含义为“为发展对象作介绍的两名正式党员”的是{BLANK}"
    assert stem_leaks(definition, "", "入党介绍人", "term:rudang-jieshaoren", ["公示", "政治审查", "党费"], corpus)
    assert stem_leaks(f"党员每月{BLANK}交纳党费。", "", "每月", "每月", [], corpus)
    fine = f"根据《发展党员工作规则》，党支部收到入党申请书后，应当在{BLANK}内派人谈话。"
    assert (
        stem_leaks(fine, "根据《发展党员工作规则》，", "一个月", "1|个月", ["两个月", "三个月", "六个月"], corpus) == []
    )


def test_no_wrong_option_is_true_by_any_source(tests: list[SelfTest], generator: Generator) -> None:
    """Every wrong option and false statement is checked against every sentence of the handbook."""
    claims = [claim for q in questions(tests) for claim in q.claims]
    assert len(claims) > 80
    assert [c.text for c in claims if generator.corpus.support(c)] == []
    for q in questions(tests):  # every wrong option has its claim
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            wrong = [o for o in q.options if o not in q.answers]
            assert len(q.claims) == len(wrong)


def test_the_ambiguity_check_knows_who_convenes_the_branch_committee(generator: Generator) -> None:
    """第二十二条 makes the 党支部书记 convene the 支部委员会会议: as a wrong option for that, it is refused."""
    convenes = Claim("支部委员会会议由党支部书记召集。", "党支部书记", "zhibu-shuji")
    assert generator.corpus.support(convenes) is not None
    assert (
        generator.corpus.support(
            replace(convenes, text="支部委员会会议由青年委员召集。", value="青年委员", key="qingnian-weiyuan")
        )
        is None
    )
    step = Citation(Ref("flow", "sanhui-yike", "zhiweihui"), "《“三会一课”工作流程》", "支部委员会会议每月召开一次。")
    question = Question(
        QuestionType.SINGLE,
        f"支部委员会会议由{BLANK}召集。",
        ("支部委员会", "党支部书记", "党小组组长", "组织委员"),
        ("支部委员会",),
        citations=(step,),
        evidence=("支部委员会",),
        claims=(convenes,),
        facts=("x",),
        masked=(f"支部委员会会议由{BLANK}召集。",),
        values=("支部委员会",),
        keys=("zhibu-weiyuanhui",),
        topic="责任主体",
        difficulty=0.5,
    )
    assert any("also true" in problem for problem in generator.problems(question))


def test_the_cited_text_holds_every_key(tests: list[SelfTest]) -> None:
    """A keyed answer is found word for word in the sentence the question cites; a false statement's is not."""
    for q in questions(tests):
        cited = " ".join(c.text for c in q.citations)
        assert all(text in cited for text in q.evidence), q.stem
        if q.type in (QuestionType.SINGLE, QuestionType.FILL):
            assert q.answers[0] in cited
        elif q.type == QuestionType.TRUE_FALSE:
            statement = q.stem.removeprefix(q.lead).rstrip("。")
            assert (statement in cited) == (q.answers == (TRUE,)), q.stem
        else:
            assert all(option in cited for option in q.answers)
            assert not any(option in cited for option in q.options if option not in q.answers)


def test_the_key_check_refuses_an_answer_the_citation_lacks(tests: list[SelfTest], generator: Generator) -> None:
    """A question whose cited text does not hold its key is not fit to ask."""
    single = next(q for q in questions(tests) if q.type == QuestionType.SINGLE)
    moved = replace(single, citations=(replace(single.citations[0], text="预备期满前1周内提出书面申请。"),))
    assert any("not in the cited text" in problem for problem in generator.problems(moved))


def test_wrong_options_are_of_the_answers_kind(tests: list[SelfTest], generator: Generator) -> None:
    """A time limit among time limits of its unit, a post among posts, a body among bodies of its kind, a term
    among the course's terms of its kind; for a step, the other lanes of its flow; elsewhere the posts of the
    answer's unit or the actors its document names (the course's lanes only when those are too few)."""
    actors = generator.actors
    for test in tests:
        refs = [*test.course.covers, *(c for s in test.course.sessions for c in s.covers)]
        lanes = {a for r in refs if r.startswith("flow:") for a in generator.model.flows[r[5:]].meta.roles}
        terms = {r[5:] for r in refs if r.startswith("term:")}
        for q in test.questions:
            assert not any(mark in text for text in q.options for mark in ("？", "?"))
            if q.type != QuestionType.SINGLE:
                continue
            kinds = set.intersection(*(option_kinds(o, actors, generator.corpus) for o in q.options))
            assert kinds and kinds != {"陈述"}, q.options
            if q.topic == "术语":
                ids = {t for t in terms if generator.model.terms[t].meta.title in q.options}
                assert len(ids) == 4 and len({generator.term_kind(t) for t in ids}) == 1, q.options
            if q.topic == "责任主体":
                answer = actors.by_id[q.keys[0]]
                wrong = {a for o in q.options if o not in q.answers for _, _, a in actors.find(o)}
                cited = q.citations[0].ref
                if cited.kind == "flow":
                    domain = set(generator.model.flows[cited.id].meta.roles)
                else:
                    domain = {a.id for a in actors.by_id.values() if a.unit == answer.unit} | _named_in(generator, q)
                assert wrong <= domain | lanes, q.stem
                assert all(actors.by_id[a].kind == answer.kind and a not in answer.family for a in wrong)


def _named_in(generator: Generator, question: Question) -> set[str]:
    """The actors named anywhere in the documents a question cites."""
    documents = {c.ref.target for c in question.citations}
    return {
        a for p in generator.corpus.passages if p.ref.target in documents for _, _, a in generator.actors.find(p.text)
    }


def test_no_fact_is_asked_twice(tests: list[SelfTest], generator: Generator) -> None:
    """No sentence is asked twice, nor one value in a step and the article it rests on, nor a value another shows."""
    for test in tests:
        facts = [f for q in test.questions for f in q.facts]
        assert len(facts) == len(set(facts))
        pairs = [
            (a.stem, b.stem)
            for i, a in enumerate(test.questions)
            for b in test.questions[i + 1 :]
            if generator.same_fact(a, b)
        ]
        assert pairs == []


def test_a_fact_asked_as_single_choice_is_not_asked_again_as_true_false(generator: Generator, model: Handbook) -> None:
    """The generator makes a single choice and a true/false of one sentence; a test never takes both."""
    candidates, _ = generator.candidates(course(), __import__("random").Random(1))
    by_fact: dict[str, set[QuestionType]] = {}
    for q in candidates:
        for fact in q.facts:
            by_fact.setdefault(fact, set()).add(q.type)
    assert any({QuestionType.SINGLE, QuestionType.TRUE_FALSE} <= kinds for kinds in by_fact.values())
    single = next(q for q in candidates if q.type == QuestionType.SINGLE)
    twin = next(q for q in candidates if q.type == QuestionType.TRUE_FALSE and q.facts == single.facts)
    assert generator.same_fact(single, twin)


# Question types and their properties ---------------------------------------------------------


def test_every_type_appears_with_its_form(tests: list[SelfTest]) -> None:
    """单选 four options, 多选 four statements with two or more right, 判断 正确/错误, 填空 short answers."""
    all_questions = questions(tests)
    assert {q.type for q in all_questions} == set(QuestionType)
    for q in all_questions:
        if q.type == QuestionType.SINGLE:
            assert len(set(q.options)) == 4 and len(q.answers) == 1 and q.answers[0] in q.options
        elif q.type == QuestionType.MULTIPLE:
            assert len(q.options) == 4 and 2 <= len(q.answers) <= 3
        elif q.type == QuestionType.TRUE_FALSE:
            assert q.options == (TRUE, FALSE) and len(q.answers) == 1
        else:
            assert q.options == () and "＿＿＿＿" in q.stem
            assert max(map(len, q.answers)) <= 8 and not any(SEPARATOR in a for a in q.answers)
        assert not any(o.startswith(("以上", "都对", "都不对")) for o in q.options)


def test_difficulty_is_measured_not_given_by_type(tests: list[SelfTest]) -> None:
    """Within one type questions get different levels, from how close the wrong options are."""
    levels: dict[QuestionType, set[str]] = {}
    for q in questions(tests):
        assert 0 <= q.difficulty <= 1
        levels.setdefault(q.type, set()).add(q.level)
    assert all(len(found) >= 2 for kind, found in levels.items() if kind != QuestionType.MULTIPLE)


def test_the_same_seed_gives_the_same_test(generator: Generator) -> None:
    """Deterministic for a seed; another seed draws another test."""
    first, again = generator.self_test(course()), generator.self_test(course())
    assert first.questions == again.questions
    assert first.questions != generator.self_test(course(test={"questions": 30, "seed": 8})).questions


def test_a_course_sets_its_mix(generator: Generator) -> None:
    """`test.mix` sets how many of each type; it must add up to the number of questions."""
    mixed = generator.self_test(course(test={"questions": 10, "seed": 3, "mix": {"单选题": 4, "判断题": 6}}))
    assert [q.type for q in mixed.questions] == [QuestionType.SINGLE] * 4 + [QuestionType.TRUE_FALSE] * 6
    with pytest.raises(ValidationError, match="adds up to 9"):
        course(test={"questions": 10, "mix": {"单选题": 9}})


# Papers: student edition, answer key, variants ----------------------------------------------


def test_variants_hold_the_same_questions_in_other_orders(tests: list[SelfTest]) -> None:
    """A and B: the same questions and options, in different orders, the same for the same seed; sections kept."""
    for test in tests:
        a, b = variants(test, 2)
        assert (a.letter, b.letter) == ("A", "B")
        assert sorted(q.stem for q in a.questions) == sorted(q.stem for q in test.questions)
        assert sorted(q.stem for q in a.questions) == sorted(q.stem for q in b.questions)
        assert [q.stem for q in a.questions] != [q.stem for q in b.questions]
        assert variants(test, 2) == [a, b]
        for paper in (a, b):
            assert [q.type for q in paper.questions] == [q.type for q in test.questions]  # sections in order
            for q in paper.questions:
                original = next(o for o in test.questions if o.facts == q.facts)
                assert sorted(q.options) == sorted(original.options) and q.answers == original.answers


def test_the_student_edition_holds_no_answer(tests: list[SelfTest]) -> None:
    """The student paper: numbered questions with their options in one unbreakable block, no key anywhere."""
    for test in tests:
        paper = variants(test, 1)[0]
        html = student_paper(paper, test.course.title)
        text = re.sub(r"<[^>]+>", "\n", html)
        assert not any(marker in text for marker in ("答案：", "解析：", "依据《", "依据术语", "有误，应为"))
        numbers = re.findall(r'<div class="hb-q"><p>(\d+)\. ', html)
        assert [int(n) for n in numbers] == list(range(1, len(paper.questions) + 1))
        blocks = html.split('<div class="hb-q">')[1:]
        for q, block in zip(paper.questions, blocks, strict=True):
            if q.type == QuestionType.FILL:  # the blank is blank
                assert not any(answer in block for answer in q.answers)
    assert re.search(r"\.hb-q \{[^}]*break-inside: avoid", PAPER_STYLE)


def test_the_answer_key_matches_the_questions_by_number(tests: list[SelfTest]) -> None:
    """Each number of the key gives the keyed letters of the question with that number on the same paper."""
    for test in tests:
        for paper in variants(test, 2):
            html = answer_key(paper, test.course.title)
            found = dict(re.findall(r"<strong>(\d+)\.</strong> 答案：([^（　<]+)", html))
            assert len(found) == len(paper.questions)
            for number, q in enumerate(paper.questions, start=1):
                expected = q.answers[0] if q.type == QuestionType.FILL else q.letters
                assert found[str(number)] == expected
                assert q.citations[0].text in html.replace("&quot;", '"')


# Exports, read back ----------------------------------------------------------------------------


def test_the_excel_template_reads_back(tests: list[SelfTest]) -> None:
    """The 题库导入 layout: the documented columns in order, widths set, 判断题 with 正确/错误 as A/B, every row."""
    for test in tests:
        data = excel(test)
        sheet = load_workbook(io.BytesIO(data)).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        assert (
            list(rows[0])
            == HEADER
            == ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "难度", "知识点"]
        )
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert widths == WIDTHS
        for row, q in zip(rows[1:], test.questions, strict=True):
            assert row[0] == q.type.value and row[1] == q.stem and row[10] == q.level and row[11] == q.source
            if q.type == QuestionType.TRUE_FALSE:
                assert row[2:4] == (TRUE, FALSE) and row[8] in ("A", "B")
        assert read_excel(data) == [row_of(q) for q in test.questions]


def test_the_text_gift_and_moodle_exports_read_back(tests: list[SelfTest]) -> None:
    """文本导入, GIFT and Moodle XML each read back as the questions they were made from."""
    for test in tests:
        expected = [row_of(q) for q in test.questions]
        assert read_text(plain_text(test)) == expected
        assert read_gift(gift(test)) == expected
        assert read_moodle(moodle_xml(test)) == expected
        assert set(exports(test)) == {"selftest.xlsx", "selftest.txt", "selftest.gift.txt", "selftest.moodle.xml"}


def test_special_characters_survive_every_format(tests: list[SelfTest]) -> None:
    """GIFT's ~ = # { } : \\, a spreadsheet formula, XML's < &: each format escapes what it must."""
    question = next(q for q in tests[0].questions if q.type == QuestionType.SINGLE)
    tricky = replace(
        question, stem="=1+1 ~{a:b}# \\ <x> & " + question.stem, options=("=A", "~B", "{C}", question.answers[0])
    )
    test = SelfTest(tests[0].course, [tricky])
    expected = [row_of(tricky)]
    assert read_excel(excel(test)) == expected
    assert read_text(plain_text(test)) == expected
    assert read_gift(gift(test)) == expected
    assert read_moodle(moodle_xml(test)) == expected


def test_a_broken_moodle_file_is_refused(tests: list[SelfTest]) -> None:
    """The Moodle reader checks the structure: a single choice with two right answers, an unknown type, no text."""
    xml = moodle_xml(tests[0])
    with pytest.raises(ExportError, match="one answer at 100"):
        read_moodle(xml.replace('fraction="0"', 'fraction="100"', 1))
    with pytest.raises(ExportError, match="unknown type"):
        read_moodle(xml.replace('type="truefalse"', 'type="essay"', 1))
    with pytest.raises(ExportError, match="not <quiz>"):
        read_moodle(xml.replace("<quiz>", "<quizz>").replace("</quiz>", "</quizz>"))


def test_no_fill_in_answer_holds_the_separator(tests: list[SelfTest], generator: Generator) -> None:
    """Accepted answers are joined by | in every export: an answer holding it is refused by the checks."""
    fill = next(q for q in questions(tests) if q.type == QuestionType.FILL)
    assert all(SEPARATOR not in a for q in questions(tests) for a in q.answers)
    assert any("separator" in p for p in generator.problems(replace(fill, answers=(*fill.answers, "1|2"))))
    assert read_text(plain_text(SelfTest(tests[0].course, [fill])))[0].key.split(SEPARATOR) == list(fill.answers)


# The one test that prints --------------------------------------------------------------------


@pytest.mark.browser
def test_the_printed_paper_keeps_questions_whole(tests: list[SelfTest], tmp_path: Path, browser: Browser) -> None:
    """Printed: numbered questions, each on one page with all its options; the key apart; no answer in the paper."""
    test = tests[2]
    sheet = variants(test, 1)[0]
    with course_printer(tmp_path, browser) as printer:
        assert printer is not None
        for name, html in papers(test, [sheet]).items():
            printer.paper(html, tmp_path / name)
    pages = [page.extract_text() for page in PdfReader(tmp_path / "selftest-A.pdf").pages]
    assert len(pages) >= 2
    flat = "".join(pages)
    assert "答案：" not in flat and "解析：" not in flat and "依据《" not in flat
    for number, q in enumerate(sheet.questions, start=1):
        starts = [i for i, page in enumerate(pages) if re.search(rf"(^|\n){number}\. ", page)]
        assert starts, f"question {number} is not numbered"
        if q.options:  # the last option is on the page where the question starts
            last = f"{'ABCD'[len(q.options) - 1]}. " if q.type != QuestionType.TRUE_FALSE else "B. "
            assert last in pages[starts[0]].split(f"{number}. ", 1)[1].split(f"{number + 1}. ", 1)[0]
    key = "".join(page.extract_text() for page in PdfReader(tmp_path / "answers-A.pdf").pages)
    assert "答案与解析" in key and "依据" in key
    for name in ("selftest-A.pdf", "answers-A.pdf"):  # TrueType only: print shops reject Type 3 fonts
        fonts = subprocess.run(["pdffonts", str(tmp_path / name)], capture_output=True, check=True, text=True).stdout
        assert "Type 3" not in fonts
