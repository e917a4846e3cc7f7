"""Write the blind-grading sample of the self-tests: every course's questions with answers and sources.

Usage: .venv/bin/python scripts/selftest_sample.py [--root .] [--output build/selftest-sample.txt] [--stats]

Questions are numbered across the courses (in the order of their ids), each with its type, stem,
options, key, the cited sentences (出处) and, for changed statements, what was changed (说明): the
material `scripts/selftest-rubric.md` asks a grader to judge. The generator and the seeds are those of
`handbook course`, so the sample is the bank the import files hold. `--stats` also prints, per
course, how many candidates each check refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.core.clock import run_date
from handbook.core.project import Project
from handbook.export.selftest.questions import LETTERS, Generator, Question, SelfTest, quoted
from handbook.kinds.course.schema import QuestionType
from handbook.pipeline import load_model

HEAD = (
    "党校自测题盲评样本：示例课程（courses/*.yaml）的自测题（{counts}），"
    "由 handbook course 的生成器按各课程的 seed 生成。\n"
    "每题列出题型、题干、选项、标准答案和答案所依据的原文（出处）；判断题、多选题中被改动的说法另有“说明”。\n"
    "评分细则见 scripts/selftest-rubric.md。\n"
)


def block(number: int, question: Question) -> str:
    """One question as the sample shows it: stem, options, key, sources and what was changed."""
    lines = [f"{number}. 【{question.type.value}】{question.stem}"]
    lines += [f"   {LETTERS[i]}. {option}" for i, option in enumerate(question.options)]
    if question.type == QuestionType.FILL:
        lines.append(f"   答案：{'；'.join(question.answers)}（均可）")
    else:
        lines.append(f"   答案：{question.letters}")
    lines += [f"   出处：{c.cite}：{quoted(c.text)}" for c in question.citations]
    if question.corrections:
        fixed = (f"{quoted(wrong)}有误，应为{quoted(right)}。" for wrong, right in question.corrections)
        lines.append("   说明：" + "".join(fixed))
    return "\n".join(lines)


def sample(tests: list[SelfTest]) -> str:
    """The whole sample: a head, then each course's questions, numbered on from the course before."""
    # Each course's count as drawn: a course whose documents state too few distinct facts gets fewer than it asks.
    counts = "，".join(
        f"{t.course.title} {len(t.questions)} 题"
        + (f"（要求 {t.course.test.questions} 题）" if len(t.questions) < t.course.test.questions else "")
        for t in tests
    )
    parts, number = [HEAD.format(counts=counts)], 0
    for test in tests:
        course = test.course
        parts.append(f"=== 课程：{course.title}（{course.id}，seed {course.test.seed}） ===\n")
        for question in test.questions:
            number += 1
            parts.append(block(number, question) + "\n")
    return "\n".join(parts)


def main() -> int:
    """Generate every course's self-test and write the sample."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the handbook project")
    parser.add_argument("--output", type=Path, default=Path("build/selftest-sample.txt"))
    parser.add_argument("--stats", action="store_true", help="print the candidates each check refused")
    args = parser.parse_args()
    project = Project.find(args.root, run_date())
    model = load_model(project)
    generator = Generator(model)
    courses = model.registry("course")
    tests = [generator.self_test(courses[name].meta) for name in sorted(courses)]
    output = args.output if args.output.is_absolute() else project.root / args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(sample(tests), encoding="utf-8")
    for test in tests:
        if args.stats:
            refused = ", ".join(f"{reason} {count}" for reason, count in test.rejected.most_common())
            print(f"{test.course.id}: {len(test.questions)} questions; refused: {refused}", file=sys.stderr)
    print(f"{output}: {sum(len(t.questions) for t in tests)} questions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
