"""Self-test questions generated from what a course covers, each citing the sentence that proves its answer.

A question blanks one fact out of one sentence of the sources (an article, a flow's step, a term, a
post's duties): a time limit or a number, a frequency, or who acts. It is asked as 单选 (three
wrong options of the same kind), 填空 (short answers, every accepted spelling listed), 判断 (the
sentence as it stands, or with one value changed) or 多选 (statements of one document, some with
one value changed); terms are asked from their definitions. Every candidate passes the checks of
`checks.py` or is dropped; the same seed always draws the same test.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from handbook.core.refs import Ref
from handbook.export.selftest.checks import (
    Claim,
    Corpus,
    option_kinds,
    questions_in,
    similarity,
    stem_leaks,
)
from handbook.export.selftest.slots import (
    FREQUENCIES,
    Slot,
    frequency_options,
    quantities,
    quantity_options,
    slots,
    spell,
)
from handbook.export.selftest.sources import Actors, Origin, Passage, all_passages, course_passages, course_refs
from handbook.kinds.course.schema import Course, QuestionType
from handbook.model.handbook import Handbook

BLANK = "（　　）"
FILL_BLANK = "＿＿＿＿"
TRUE, FALSE = "正确", "错误"
LETTERS = "ABCDEF"
# Between the accepted answers of a fill-in in every export; no answer may hold it (checked).
SEPARATOR = "|"
WRONG = 3  # wrong options of a single choice
STATEMENTS = 4  # options of a multiple choice
LONGEST_CONTEXT = 90  # a longer sentence is cut to the clause (between ；) that holds the blank
LONGEST_STATEMENT = 48  # a multiple choice's options are short clauses
LONGEST_FILL = 8  # a fill-in's answer is a short value, never a phrase


# The paper's sections, in order, and the share of each type when a course does not set its mix.
ORDER = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE, QuestionType.FILL)
SHARE = {QuestionType.SINGLE: 0.4, QuestionType.MULTIPLE: 0.15, QuestionType.TRUE_FALSE: 0.25, QuestionType.FILL: 0.2}


@dataclass(frozen=True)
class Citation:
    """The sentence a question rests on: where it is, how the key names it, and its words."""

    ref: Ref
    cite: str  # 《发展党员工作规则》第七条
    text: str
    basis: tuple[str, ...] = ()  # a step's articles (reg:id#a7)


@dataclass(frozen=True)
class Question:
    """One question, with what proves its answer and what its checks need."""

    type: QuestionType
    stem: str
    options: tuple[str, ...]  # choices; 正确, 错误 for a true/false; none for a fill-in
    answers: tuple[str, ...]  # the keyed options; for a fill-in, every accepted answer, the key first
    citations: tuple[Citation, ...]
    evidence: tuple[str, ...]  # what must be found word for word in the cited sentences
    claims: tuple[Claim, ...]  # what the wrong options and false statements assert
    facts: tuple[str, ...]  # the sentences asked (Passage.key): each one once per test
    # What a learner reads with each asked value blanked (the stem; a statement; each statement of a
    # multiple choice), the true value of each and its key (5|工作日, 每月, an actor id, term:<id>).
    masked: tuple[str, ...]
    values: tuple[str, ...]
    keys: tuple[str, ...]
    topic: str  # the kind of knowledge: 时限与数量, 频次, 责任主体, 术语, 规定
    difficulty: float  # 0 easy … 1 hard, measured (see `level`)
    lead: str = ""  # the stem's opening that names the document (根据《发展党员工作规则》，)
    corrections: tuple[tuple[str, str], ...] = ()  # (false value, true value) of changed statements

    @property
    def level(self) -> str:
        """易, 中 or 难, from the measured difficulty."""
        return "易" if self.difficulty < 0.34 else "中" if self.difficulty < 0.67 else "难"

    @property
    def letters(self) -> str:
        """The keyed options as letters (ACD); a fill-in's accepted answers joined by the separator."""
        if self.type == QuestionType.FILL:
            return SEPARATOR.join(self.answers)
        return "".join(LETTERS[i] for i, option in enumerate(self.options) if option in self.answers)

    @property
    def source(self) -> str:
        """Where the answer comes from, as the answer key and the exports name it."""
        return "；".join(dict.fromkeys(c.cite for c in self.citations))

    @property
    def explanation(self) -> str:
        """Why the key is right: the cited sentences, quoted, and what each changed statement changed."""
        quoted = "；".join(f"{c.cite}：“{c.text}”" for c in self.citations)
        fixed = "".join(f"“{wrong}”有误，应为“{right}”。" for wrong, right in self.corrections)
        return f"依据{quoted}" + (f"；{fixed}" if fixed else "")


@dataclass
class SelfTest:
    """The questions of one course's self-test: the bank, in the order of the paper's sections."""

    course: Course
    questions: list[Question] = field(default_factory=list)
    rejected: Counter[str] = field(default_factory=Counter)  # candidates dropped, by the check that failed


@dataclass(frozen=True)
class Statement:
    """A short statement for a multiple choice: as the source has it, and with one value changed."""

    slot: Slot
    true: str
    masked: str  # with the slot's value blanked
    false: str | None = None
    claim: Claim | None = None
    closeness: float = 0.0  # of the changed value to the true one


@dataclass(frozen=True)
class Paper:
    """One variant of the paper: the questions in its order, each with its options in its order."""

    letter: str
    questions: tuple[Question, ...]


def _clause(text: str, start: int, end: int, longest: int) -> tuple[str, int, int]:
    """The sentence, or the clause of it (between ；, outside quotes) holding start:end if the sentence is too long."""
    if len(text) <= longest:
        return text, start, end
    depth, cuts = 0, [-1]
    for at, char in enumerate(text):
        depth += {"“": 1, "”": -1}.get(char, 0)
        if char == "；" and depth == 0:
            cuts.append(at)
    cuts.append(len(text))
    left = max(c for c in cuts if c < start) + 1
    right = min(c for c in cuts if c >= end)
    piece = text[left:right].strip()
    if len(piece) < 12 or len(piece) > longest or "：" in text[:left]:
        return "", 0, 0  # too short, too long, or an item of a list (会议的主要程序是：…；…) without its head
    return piece + ("" if piece.endswith("。") else "。"), start - left, end - left


class Generator:
    """Makes the questions of courses from one model: its sentences, lexicon and checks are built once."""

    def __init__(self, model: Handbook) -> None:
        self.model = model
        self.actors = Actors(model)
        self.corpus = Corpus(model, all_passages(model), self.actors)

    # The checks ------------------------------------------------------------------------------

    def problems(self, question: Question) -> list[str]:
        """Everything wrong with a question by the generator's checks; empty for a question fit to ask."""
        found: list[str] = []
        single = question.type == QuestionType.SINGLE
        wrong = [o for o in question.options if o not in question.answers] if single else []
        for shown, value, key in zip(question.masked, question.values, question.keys, strict=True):
            found += stem_leaks(shown, question.lead, value, key, wrong, self.corpus)
        for claim in question.claims:
            passage = self.corpus.support(claim)
            if passage is not None:
                found.append(f"“{claim.value}” is also true by {passage.cite}: {passage.text}")
        cited = " ".join(c.text for c in question.citations)
        found += [f"“{text}” is not in the cited text" for text in question.evidence if text not in cited]
        if question.type in (QuestionType.SINGLE, QuestionType.FILL) and question.answers[0] not in question.evidence:
            found.append("the key is not among the texts checked against the citation")
        if single:
            kinds = set.intersection(*(option_kinds(o, self.actors, self.corpus) for o in question.options))
            if not kinds or kinds == {"陈述"}:
                found.append("options of different kinds")
        found += [f"“{text}” is a question" for text in questions_in([question.stem, *question.options])]
        if any(SEPARATOR in text for text in [*question.options, *question.answers]):
            found.append(f"the separator {SEPARATOR} occurs in an answer")
        return found

    def same_fact(self, a: Question, b: Question) -> bool:
        """Whether two questions ask one fact, or one shows the answer of the other.

        The same sentence is one fact. So is the same value in a step and in an article it rests on,
        or asked in much the same words: half the telling words, or one rare word (公示 of the
        5个工作日 asked in the glossary, in a post's duties and in a step; 入党申请人 and the month
        within which he is talked to). Two single choices (or two blanks) keyed to the same post or
        term read as one question too. A question also may not show, in its stem or options, a value
        another one asks in much the same words (a term's definition showing the 一年 another blanks).
        """
        if set(a.facts) & set(b.facts):
            return True
        if a.type == b.type in (QuestionType.SINGLE, QuestionType.FILL) and a.answers[:1] == b.answers[:1]:
            return True
        if set(a.keys) & set(b.keys) and _grounds(a) & _grounds(b):
            return True  # a step and the article it rests on state the same value: one fact
        return self._asks(a, b) or self._shows(a, b) or self._shows(b, a)

    def _asks(self, a: Question, b: Question) -> bool:
        """Whether `a` and `b` ask the same value about the same thing."""
        for x, key in zip(a.masked, a.keys, strict=True):
            for y, other in zip(b.masked, b.keys, strict=True):
                if key != other:
                    continue
                if self.corpus.overlap(x, y) >= 0.5 or self.corpus.telling(x) & self.corpus.telling(y):
                    return True
        return False

    def _shows(self, a: Question, b: Question) -> bool:
        """Whether `b`'s stem or options show a value `a` asks, in much the same words."""
        for text in [b.stem, *b.options]:
            stated = self.corpus.keys(text)
            if any(
                key in stated and self.corpus.overlap(x, text) >= 0.5 for x, key in zip(a.masked, a.keys, strict=True)
            ):
                return True
        return False

    # Building blocks -------------------------------------------------------------------------

    def _prefix(self, passage: Passage) -> str:
        """How a stem introduces its sentence: the document it comes from."""
        ref = passage.ref
        if passage.origin == Origin.ARTICLE:
            return f"根据《{self.model.regulations[ref.id].meta.title}》，"
        if passage.origin == Origin.STEP:
            return f"在《{self.model.flows[ref.id].meta.title}》中，"
        if passage.origin == Origin.TERM:
            title = self.model.terms[ref.id].meta.title
            return f"“{title}”是指" if passage.index == 0 else f"关于“{title}”，"
        if passage.origin == Origin.DUTY:
            return f"{self.actors.by_id[ref.id].title}的职责之一："
        if passage.origin == Origin.PROFILE:
            title = self.actors.by_id[ref.id].title
            return "" if passage.text.startswith(title) else f"{title}："
        return f"根据《{self.model.activities[ref.id].meta.title}》，"

    def _citation(self, passage: Passage) -> Citation:
        """The citation of a sentence."""
        return Citation(passage.ref, passage.cite, passage.text, passage.basis)

    def _wrong_values(self, slot: Slot, context: str, domain: CourseDomain) -> list[tuple[str, str, float]]:
        """Wrong values for a slot, nearest first, each checked: not in the sentence, true nowhere."""
        if slot.kind.startswith("数量"):
            unit = slot.kind.split(":")[1]
            candidates = _same_side(slot, context, quantity_options(slot, domain.numbers.get(unit, [])))
        elif slot.kind == "频次":
            candidates = frequency_options(slot)
        else:
            candidates = [(name, actor, similarity(name, slot.value)) for name, actor in domain.actors_for(slot, self)]
        stated = self.corpus.keys(context)
        found = []
        for text, key, closeness in candidates:
            if key in stated or text in context:
                continue
            claim = Claim(context.replace(slot.value, text, 1), text, key)
            if self.corpus.support(claim) is None:
                found.append((text, key, closeness))
        return found

    def _context(self, slot: Slot, longest: int = LONGEST_CONTEXT) -> tuple[str, int, int]:
        """The text a question shows around a slot, and the slot's place in it."""
        return _clause(slot.passage.text, slot.start, slot.end, longest)

    # Questions -------------------------------------------------------------------------------

    def _from_slot(self, slot: Slot, domain: CourseDomain, rng: random.Random) -> Iterator[Question]:
        """The single choice, fill-in and true/false questions one blankable fact can make."""
        context, start, end = self._context(slot)
        if not context:
            return
        value = slot.value
        lead = self._prefix(slot.passage)
        blanked = lead + context[:start] + BLANK + context[end:]
        topic = "时限与数量" if slot.kind.startswith("数量") else "频次" if slot.kind == "频次" else "责任主体"
        # What every question of this fact shares; each type changes what it asks and offers.
        base = Question(
            QuestionType.SINGLE,
            blanked,
            (),
            (value,),
            citations=(self._citation(slot.passage),),
            evidence=(value,),
            claims=(),
            facts=(slot.passage.key,),
            masked=(blanked,),
            values=(value,),
            keys=(slot.key,),
            topic=topic,
            difficulty=0.3 + 0.7 * min(1.0, domain.rivals(slot) / 8),
            lead=lead,
        )
        wrong = self._wrong_values(slot, context, domain)
        if len(wrong) >= WRONG:
            chosen = wrong[:WRONG]
            options = sorted([value, *(text for text, _, _ in chosen)], key=lambda o: _order(o, rng))
            claims = tuple(Claim(context[:start] + t + context[end:], t, k) for t, k, _ in chosen)
            closeness = sum(c for *_, c in chosen) / WRONG
            yield replace(base, options=tuple(options), claims=claims, difficulty=closeness)
        accepted = _spellings(slot, self.actors)
        if max(map(len, accepted)) <= LONGEST_FILL:
            yield replace(
                base, type=QuestionType.FILL, stem=blanked.replace(BLANK, FILL_BLANK), answers=tuple(accepted)
            )
        if rng.random() < 0.5 and wrong:
            text, key, closeness = wrong[0]
            statement = context[:start] + text + context[end:]
            yield replace(
                base,
                type=QuestionType.TRUE_FALSE,
                stem=lead + statement,
                options=(TRUE, FALSE),
                answers=(FALSE,),
                claims=(Claim(statement, text, key),),
                difficulty=closeness,
                corrections=((text, value),),
            )
        else:
            yield replace(
                base,
                type=QuestionType.TRUE_FALSE,
                stem=lead + context,
                options=(TRUE, FALSE),
                answers=(TRUE,),
                evidence=(context.rstrip("。"),),
            )

    def _statement(self, slot: Slot, domain: CourseDomain) -> Statement | None:
        """A short statement of a slot's sentence, true and (if a checked wrong value exists) changed."""
        context, start, end = self._context(slot, LONGEST_STATEMENT)
        if not context:
            return None
        true = context.rstrip("。")
        masked = true[:start] + BLANK + true[end:]
        if stem_leaks(masked, "", slot.value, slot.key, (), self.corpus):
            return None
        wrong = self._wrong_values(slot, context, domain)
        if not wrong:
            return Statement(slot, true, masked)
        text, key, closeness = wrong[0]
        false = true[:start] + text + true[end:]
        return Statement(slot, true, masked, false, Claim(false, text, key), closeness)

    def _statements(self, group: list[Statement], rng: random.Random) -> Question:
        """A multiple choice: statements of one document, one or two with a value changed, at least two true."""
        changeable = [n for n, s in enumerate(group) if s.claim is not None]
        falses = set(rng.sample(changeable, min(len(changeable), rng.choice((1, 1, 2)))))
        options = [s.false if n in falses and s.false else s.true for n, s in enumerate(group)]
        order = sorted(range(len(group)), key=lambda _: rng.random())
        first = group[0].slot.passage
        title = first.cite.split("》")[0] + "》" if first.cite.startswith("《") else first.cite
        changed = [group[n] for n in sorted(falses)]
        return Question(
            QuestionType.MULTIPLE,
            f"根据{title}，下列说法正确的有{BLANK}",
            tuple(options[i] for i in order),
            tuple(s.true for n, s in enumerate(group) if n not in falses),
            citations=tuple(self._citation(s.slot.passage) for s in group),
            evidence=tuple(s.slot.value if n in falses else s.true for n, s in enumerate(group)),
            claims=tuple(s.claim for s in changed if s.claim),
            facts=tuple(s.slot.passage.key for s in group),
            masked=tuple(s.masked for s in group),
            values=tuple(s.slot.value for s in group),
            keys=tuple(s.slot.key for s in group),
            topic="规定",
            difficulty=min(
                1.0, sum(s.closeness for s in changed) / len(changed) + 0.15 * (len(group) - len(changed) - 2)
            ),
            corrections=tuple((s.false, s.slot.value) for s in changed if s.false),
        )

    def _term(self, term_id: str, domain: CourseDomain, rng: random.Random) -> Iterator[Question]:
        """What a term is called, from its definition: a single choice among the course's terms, and a fill-in."""
        term = self.model.terms[term_id].meta
        definition = term.definition.split("。")[0] + "。"
        names = self.corpus.term_names[term_id]
        citation = Citation(Ref("term", term_id), f"术语“{term.title}”", f"{term.title}：{term.definition}")
        stem = f"下列术语中，含义为“{definition}”的是{BLANK}"
        base = Question(
            QuestionType.SINGLE,
            stem,
            (),
            (term.title,),
            citations=(citation,),
            evidence=(term.title,),
            claims=(),
            facts=(f"term:{term_id}/0",),  # the definition's first sentence, as its passage is keyed
            masked=(stem,),
            values=(term.title,),
            keys=(f"term:{term_id}",),
            topic="术语",
            difficulty=0.3 + 0.7 * min(1.0, len(domain.terms) / 8),
        )
        wrong = []
        for other in domain.terms:
            title = self.model.terms[other].meta.title
            others = self.corpus.term_names[other]
            related = any(a in b or b in a for a in names for b in others)
            if other == term_id or related or any(n in definition for n in others):
                continue
            if self.term_kind(other) != self.term_kind(term_id):
                continue  # a post among posts, a practice among practices
            claim = Claim(f"{title}：{definition}", title, f"term:{other}")
            if self.corpus.support(claim) is None:
                wrong.append((similarity(title, term.title), title, claim))
        if len(wrong) >= WRONG:
            chosen = sorted(wrong, key=lambda w: (-w[0], w[1]))[:WRONG]
            options = sorted([term.title, *(t for _, t, _ in chosen)], key=lambda _: rng.random())
            closeness = min(1.0, 0.2 + sum(s for s, _, _ in chosen) / WRONG * 2)
            yield replace(base, options=tuple(options), claims=tuple(c for *_, c in chosen), difficulty=closeness)
        accepted = tuple(dict.fromkeys(n for n in names if len(n) <= LONGEST_FILL and _same_name(n, term.title)))
        if accepted and accepted[0] == term.title:
            stem = f"手册术语表中，含义为“{definition}”的术语是{FILL_BLANK}。"
            yield replace(base, type=QuestionType.FILL, stem=stem, answers=accepted)

    def term_kind(self, term_id: str) -> str:
        """What a term names: a post or body (as the lexicon of actors says), a document, a fee, or a practice."""
        term = self.model.terms[term_id].meta
        named = self.actors.find(term.title)
        if len(named) == 1 and named[0][:2] == (0, len(term.title)):
            return self.actors.kind(named[0][2])
        if term.title.endswith(("书", "表", "证")):
            return "文书"
        return "费用" if term.definition.split("。")[0].endswith("费用") else "做法"

    def candidates(self, course: Course, rng: random.Random) -> tuple[list[Question], Counter[str]]:
        """Every question the course's sources make that passes the checks, and why the others failed."""
        passages = [p for p in course_passages(self.model, course) if p.alone and not questions_in([p.text])]
        domain = CourseDomain(self, course, passages)
        made: list[Question] = []
        by_document: dict[str, list[Statement]] = {}
        for passage in passages:
            found = slots(passage, self.actors)
            for slot in found:
                made += self._from_slot(slot, domain, rng)
            units = [u for u in (self._statement(slot, domain) for slot in found) if u is not None]
            if units and passage.origin in (Origin.ARTICLE, Origin.STEP):
                by_document.setdefault(str(passage.ref.target), []).append(rng.choice(units))
        for group in by_document.values():
            rng.shuffle(group)
            for at in range(0, len(group) - STATEMENTS + 1, STATEMENTS):
                chunk = group[at : at + STATEMENTS]
                if any(unit.claim for unit in chunk):
                    made.append(self._statements(chunk, rng))
        for term_id in domain.terms:
            made += self._term(term_id, domain, rng)
        kept, rejected = [], Counter[str]()
        for question in made:
            problems = self.problems(question)
            if problems:
                rejected[_reason(problems[0])] += 1
            else:
                kept.append(question)
        return kept, rejected

    def self_test(self, course: Course) -> SelfTest:
        """The course's self-test: its mix of types, drawn with its seed from the questions fit to ask.

        The types take turns, each time the question from the least asked document and topic; a
        question asking a fact already asked (or shown) is never drawn. A type that runs out leaves
        its share to the others.
        """
        rng = random.Random(course.test.seed)
        kept, rejected = self.candidates(course, rng)
        rng.shuffle(kept)
        pools = {kind: [q for q in kept if q.type == kind] for kind in ORDER}
        quota = mix(course)
        wanted = sum(quota.values())
        chosen: list[Question] = []
        documents: Counter[str] = Counter()
        topics: Counter[str] = Counter()
        while len(chosen) < wanted and any(pools.values()):
            turn = [kind for kind in ORDER if quota[kind] > 0 and pools[kind]]
            if not turn:  # the types still owed have run out: the others make up their share
                turn = [kind for kind in ORDER if pools[kind]][:1]
            for kind in turn:
                pick = self._next(pools[kind], documents, topics)
                if pick is None or len(chosen) >= wanted:
                    continue
                chosen.append(pick)
                quota[kind] -= 1
                documents[str(pick.citations[0].ref.target)] += 1
                topics[pick.topic] += 1
                for pool in pools.values():
                    pool[:] = [q for q in pool if not self.same_fact(q, pick)]
        chosen.sort(key=lambda q: ORDER.index(q.type))
        return SelfTest(course, chosen, rejected)

    def _next(self, pool: list[Question], documents: Counter[str], topics: Counter[str]) -> Question | None:
        """The next question of a pool: from the least asked document and topic, else the pool's order."""
        if not pool:
            return None
        best = min(pool, key=lambda q: (documents[str(q.citations[0].ref.target)], topics[q.topic], pool.index(q)))
        pool.remove(best)
        return best


class CourseDomain:
    """What a course's wrong options are drawn from: its own values, the lanes of its flows, its terms."""

    def __init__(self, generator: Generator, course: Course, passages: list[Passage]) -> None:
        model = generator.model
        self.numbers: dict[str, list[float]] = {}  # unit → the numbers the course states in it
        for passage in passages:
            for *_, key in quantities(passage.text):
                number, unit = key.split("|")
                self.numbers.setdefault(unit, []).append(float(number))
        self.numbers = {unit: sorted(set(values)) for unit, values in self.numbers.items()}
        refs = course_refs(course)
        self.terms = [ref.id for ref in refs if ref.kind == "term"]
        self.flows = [ref.id for ref in refs if ref.kind == "flow"]
        self.lanes = {flow: list(model.flows[flow].meta.roles) for flow in model.flows}
        self.named: dict[str, set[str]] = {}
        for passage in passages:
            named = {actor for *_, actor in generator.actors.find(passage.text)}
            self.named.setdefault(str(passage.ref.target), set()).update(named)

    def actors_for(self, slot: Slot, generator: Generator) -> list[tuple[str, str]]:
        """(name, id) of the actors that may stand against the slot's: same kind, same flows or document."""
        actors = generator.actors
        answer = actors.by_id[slot.key]
        if slot.passage.origin == Origin.STEP:  # the other lanes of the step's flow
            near = list(self.lanes[slot.passage.ref.id])
        else:  # the posts of the answer's unit (else of its flows), bodies of its flows, those the document names
            unit = answer.unit if answer.kind == "岗位" else None
            near = [a.id for a in actors.by_id.values() if unit is not None and a.unit == unit]
            near += [a for f in slot.passage.flows if f in self.lanes and unit is None for a in self.lanes[f]]
            near += sorted(self.named.get(str(slot.passage.ref.target), set()))
        if len(set(near)) < WRONG + 2:
            near += [a for f in self.flows for a in self.lanes[f]]
        # A post's head noun (委员 of 组织委员) anywhere else in the sentence may make it right as well
        # (书记不能参加时，可以委托副书记或者委员召集): such a post is no wrong option.
        rest = slot.passage.text[: slot.start] + "　" + slot.passage.text[slot.end :]
        found = []
        for actor_id in dict.fromkeys(near):
            other = actors.by_id.get(actor_id)
            if other is None or other.id == answer.id or other.kind != answer.kind:
                continue
            if other.id in answer.family or answer.id in other.family:
                continue
            if any(a in b or b in a for a in other.names for b in answer.names):
                continue
            if other.kind == "岗位" and other.names[-1][-2:] in rest:
                continue
            found.append((other.title if len(other.title) <= 8 else other.names[-1], other.id))
        return found

    def rivals(self, slot: Slot) -> int:
        """How many other values of the slot's kind the course states (what a learner may confuse it with)."""
        if slot.kind.startswith("数量"):
            unit = slot.kind.split(":")[1]
            return len([n for n in self.numbers.get(unit, []) if f"{n:g}|{unit}" != slot.key])
        if slot.kind == "频次":
            return len(FREQUENCIES) - 1
        return len({a for f in self.flows for a in self.lanes[f]}) - 1


def _same_side(slot: Slot, context: str, candidates: list[tuple[str, str, float]]) -> list[tuple[str, str, float]]:
    """The wrong quantities that keep the sentence's order with its other quantities of the same unit.

    不能少于半年，最长不超过一年: 两年 would contradict 一年 and give itself away as wrong (and leave
    半年 the only answer below 一年), so only values on the answer's side of every bound stand.
    """
    unit = slot.key.split("|")[1]
    value = float(slot.key.split("|")[0])
    bounds = [float(k.split("|")[0]) for *_, k in quantities(context) if k.endswith(f"|{unit}") and k != slot.key]
    return [c for c in candidates if all((float(c[1].split("|")[0]) - b) * (value - b) > 0 for b in bounds)]


def _same_name(alias: str, title: str) -> bool:
    """Whether a glossary alias names the term itself, so a fill-in accepts it.

    The title; the title with a generic head (主题党日活动, 公示制度); or an abbreviation, its characters
    in the title's order (政审, 支委会). Not a related thing the glossary also files under the term
    (公示期, 党费收缴).
    """
    if alias == title or alias.removeprefix(title) in ("制度", "活动") or alias.removesuffix(title) in ("基层",):
        return True
    rest = iter(title)
    return len(alias) < len(title) and all(char in rest for char in alias)


def _grounds(question: Question) -> set[str]:
    """The articles a question rests on: those it cites, and those its steps rest on."""
    return {str(c.ref) for c in question.citations if c.ref.kind == "reg"} | {
        ref for c in question.citations for ref in c.basis
    }


def _order(option: str, rng: random.Random) -> tuple[float, float]:
    """Options in the order exam papers give them: numbers ascending, frequencies from often to rare."""
    found = quantities(option)
    if found:
        return (float(found[0][3].split("|")[0]), 0.0)
    if option in FREQUENCIES:
        return (float(FREQUENCIES.index(option)), 0.0)
    return (0.0, rng.random())


def _spellings(slot: Slot, actors: Actors) -> list[str]:
    """Every accepted way to write a slot's value in a blank, the sentence's own first."""
    value = slot.value
    if slot.kind.startswith("数量"):
        _, _, unit, key = quantities(value)[0]
        amount = float(key.split("|")[0])
        return list(dict.fromkeys([value, spell(amount, "1", unit), spell(amount, "一", unit)]))
    if slot.kind == "频次":
        return [value]
    return [value, *(n for n in actors.by_id[slot.key].names if n != value)]


def _reason(problem: str) -> str:
    """The check a problem comes from, for the count of rejected candidates."""
    if "stem" in problem or "longer" in problem:
        return "answerable from the stem"
    if "also true" in problem:
        return "ambiguous"
    if "cited" in problem or "key is not" in problem:
        return "key not in the cited text"
    if "kinds" in problem:
        return "options of different kinds"
    return "question in an option or statement"


def mix(course: Course) -> Counter[QuestionType]:
    """How many questions of each type the course's test asks (its `mix`, or the default shares)."""
    if course.test.mix:
        return Counter(course.test.mix)
    total = course.test.questions
    counts = Counter({kind: int(total * SHARE[kind]) for kind in ORDER})
    for kind in ORDER:  # what rounding left goes to the types in order
        if sum(counts.values()) >= total:
            break
        counts[kind] += 1
    return counts


def variants(test: SelfTest, count: int) -> list[Paper]:
    """`count` papers (A, B …) of the same questions: each section's questions and each choice's options shuffled.

    Reproducible: each variant's order comes from the course's seed and its letter only. Two
    variants never have the same order when their sections allow another.
    """
    papers: list[Paper] = []
    for letter in LETTERS[:count]:
        rng = random.Random(f"{test.course.test.seed}:{letter}")
        sections = [[q for q in test.questions if q.type == kind] for kind in ORDER]
        for section in sections:
            rng.shuffle(section)
        if any([q.facts for q in p.questions] == [q.facts for s in sections for q in s] for p in papers):
            longest = max(sections, key=len)  # the same order by chance: move the first of a section last
            longest.append(longest.pop(0))
        ordered = [q for section in sections for q in section]
        shuffled = []
        for question in ordered:
            if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
                options = list(question.options)
                rng.shuffle(options)
                question = replace(question, options=tuple(options))
            shuffled.append(question)
        papers.append(Paper(letter, tuple(shuffled)))
    return papers


def self_test(model: Handbook, course: Course) -> SelfTest:
    """The self-test of one course (to draw several, build one `Generator` and ask it for each)."""
    return Generator(model).self_test(course)


def summary(test: SelfTest, papers: list[Paper]) -> str:
    """What a course's self-test holds, in one line for the command's report."""
    kinds = Counter(q.type for q in test.questions)
    mixed = ", ".join(f"{kinds[kind]} {kind.value}" for kind in ORDER if kinds[kind])
    letters = "".join(paper.letter for paper in papers)
    failed = sum(test.rejected.values())
    return f"{len(test.questions)} questions ({mixed}), papers {letters}; {failed} candidates failed the checks"
