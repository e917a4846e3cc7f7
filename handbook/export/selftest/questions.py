"""Self-test questions generated from what a course covers: each answer is a fact of the model, with its source.

Kinds: the step that comes right after another in a flow, who is responsible for a step (the other
lanes of the flow as distractors), a step's time limit (single choice against other time limits of
the handbook, or fill in the blank), what a term means, and true/false with one fact changed.
The same seed gives the same test; no question is asked twice; no "all of the above".
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from handbook.core.refs import Ref, parse_ref
from handbook.kinds.course.schema import Course
from handbook.kinds.flow.schema import Flow, StepKind
from handbook.model.handbook import Handbook

OPTIONS = 4  # a single choice: the answer and three distractors


class QuestionKind(StrEnum):
    """The question types of Chinese exam platforms."""

    SINGLE = "单选题"
    TRUE_FALSE = "判断题"
    FILL = "填空题"


@dataclass(frozen=True)
class Question:
    """One question: its stem, options (single choice), the answer and the source that proves it."""

    kind: QuestionKind
    stem: str
    answer: str  # the option's text, 正确/错误, or the blank's text
    source: Ref  # the article, step or term the answer comes from
    explanation: str
    options: tuple[str, ...] = ()
    topic: str = ""  # what is asked (kind of fact and subject): never twice in one test

    @property
    def answer_letter(self) -> str:
        """The answer as an option letter (single choice), else the answer itself."""
        if self.kind == QuestionKind.SINGLE:
            return "ABCDEFGH"[self.options.index(self.answer)]
        return self.answer


@dataclass
class SelfTest:
    """The questions of one course's self-test."""

    course: Course
    questions: list[Question] = field(default_factory=list)


def _choices(rng: random.Random, answer: str, pool: list[str]) -> tuple[str, ...] | None:
    """The answer among distinct distractors from `pool`, shuffled; None if there are too few."""
    others = sorted({item for item in pool if item != answer})
    if len(others) < OPTIONS - 1:
        return None
    options = [answer, *rng.sample(others, OPTIONS - 1)]
    rng.shuffle(options)
    return tuple(options)


def _covered(model: Handbook, course: Course) -> list[Ref]:
    """Every document and term the course covers, once, in order."""
    refs = [*course.covers, *(text for session in course.sessions for text in session.covers)]
    return list(dict.fromkeys(parse_ref(text) for text in refs))


def _flow_questions(model: Handbook, flow: Flow, rng: random.Random, limits: list[str]) -> Iterator[Question]:
    """Questions about the steps of one flow."""
    steps = {step.id: step for step in flow.steps}
    tasks = [s for s in flow.steps if s.kind not in (StepKind.START, StepKind.END)]
    lanes = [model.actor_title(r) for r in flow.roles if r in model.roles or r in model.units]
    for step in tasks:
        ref = Ref("flow", flow.id, step.id)
        if isinstance(step.next, str) and steps[step.next].kind != StepKind.END:
            after = steps[step.next].label
            options = _choices(rng, after, [s.label for s in tasks if s.id != step.id])
            if options:
                stem = f"在《{flow.title}》中，紧接在“{step.label}”之后的环节是："
                why = f"《{flow.title}》中“{step.label}”之后是“{after}”。"
                yield Question(QuestionKind.SINGLE, stem, after, ref, why, options, f"next:{flow.id}:{step.id}")
        if step.role:
            owner = model.actor_title(step.role)
            options = _choices(rng, owner, lanes)
            if options:
                stem = f"在《{flow.title}》中，“{step.label}”这一环节由谁负责？"
                why = f"《{flow.title}》中“{step.label}”的责任人是{owner}。"
                yield Question(QuestionKind.SINGLE, stem, owner, ref, why, options, f"owner:{flow.id}:{step.id}")
                other = rng.choice(sorted(set(lanes) - {owner}))
                true = rng.random() < 0.5
                said = owner if true else other
                stem = f"在《{flow.title}》中，“{step.label}”这一环节由{said}负责。"
                yield Question(
                    QuestionKind.TRUE_FALSE, stem, "正确" if true else "错误", ref, why, (), f"tf:{flow.id}:{step.id}"
                )
        if step.time:
            why = f"《{flow.title}》中“{step.label}”的时限是“{step.time}”。"
            options = _choices(rng, step.time, limits)
            if options and rng.random() < 0.5:
                stem = f"在《{flow.title}》中，“{step.label}”的时限是："
                yield Question(QuestionKind.SINGLE, stem, step.time, ref, why, options, f"time:{flow.id}:{step.id}")
            else:
                stem = f"在《{flow.title}》中，“{step.label}”的时限是____。"
                yield Question(QuestionKind.FILL, stem, step.time, ref, why, (), f"time:{flow.id}:{step.id}")


def _term_question(model: Handbook, term_id: str, rng: random.Random) -> Question | None:
    """What a term means, against the definitions of other terms."""
    term = model.terms[term_id].meta
    pool = [doc.meta.definition for doc in model.terms.values()]
    options = _choices(rng, term.definition, pool)
    if options is None:
        return None
    stem = f"“{term.title}”是指："
    why = f"术语表：{term.title}——{term.definition}"
    return Question(QuestionKind.SINGLE, stem, term.definition, Ref("term", term_id), why, options, f"term:{term_id}")


def self_test(model: Handbook, course: Course) -> SelfTest:
    """`course.test.questions` questions (fewer if the course covers too little), drawn with its seed."""
    rng = random.Random(course.test.seed)
    limits = sorted({step.time for doc in model.flows.values() for step in doc.meta.steps if step.time})
    candidates: list[Question] = []
    for ref in _covered(model, course):
        if ref.kind == "flow":
            candidates += _flow_questions(model, model.flows[ref.id].meta, rng, limits)
        elif ref.kind == "term":
            question = _term_question(model, ref.id, rng)
            candidates += [question] if question else []
    # Kinds take turns, so that a course covering many long flows still asks what its terms mean.
    by_fact: dict[str, list[Question]] = {}
    for question in {question.topic: question for question in candidates}.values():
        by_fact.setdefault(question.topic.split(":")[0], []).append(question)
    for group in by_fact.values():
        rng.shuffle(group)
    turns = [
        group[i]
        for i in range(max(map(len, by_fact.values()), default=0))
        for group in by_fact.values()
        if i < len(group)
    ]
    return SelfTest(course, turns[: course.test.questions])
