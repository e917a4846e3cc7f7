"""Self-test questions generated from what a course covers, each citing the sentence that proves its answer.

A question blanks one fact out of one sentence of what the course covers (an article, a flow's step,
a term, a post's duties): a time limit or a number, a frequency, or who acts. It is asked as 单选
(three credible wrong options of the same kind and group, else none), 填空 (short answers with at
least two accepted spellings, else none), 判断 (the sentence as it stands, or with one value
changed) or 多选 (statements of one document, two changed where two can be); terms are asked from
their definitions, among terms of the same kind. Who acts is never a 填空: an exam platform grades a
fill-in by matching its accepted answers, and the handbook names the one who does a thing in many
ways (another body of its family, its organ or meeting, another wording), so no list of them is
complete; it is asked with options only, which are checked against every source. A fact another
file gives to someone else is not asked. Every candidate passes the checks of `checks.py` or is
dropped; a test never asks one fact twice, nor shows in one question (its stem, its true statements or
its wrong values) what another asks; the period of a yearly quota (每年至少举办1期) is not asked, as anyone
guesses it; the same seed always draws the same test.

Who does a flow's step is the flow's lane, a modelling choice the regulations may word otherwise, so:

- a step whose label names anyone as acting (a post or body of the lexicon, or people it has no entry
  for: 班子成员, 相关人员), or names its own lane, has no settled lane: who does it is never asked, and
  the questions about its times show the step without its lane (`Generator.lane_in_doubt`); so has a step whose
  own articles give its deed to another post or body (the 安全监察处's step 督促责任单位整改隐患 beside an article in
  which the 纪委 督促责任单位…整改, `Generator.contested`);
- a post or body is no wrong answer to who does something where the documents of the sentence (for a
  step, the regulations its flow rests on) make it, or the unit it heads, answer for the matter the
  deed is part of: a clause saying who is responsible (负责, 牵头, 第一责任人) sharing a telling word
  with the deed or, for a step, with its flow's title (各区队负责组织本单位班组创建 against the 区队长 for
  a step of the 学习型班组创建验收流程; `Generator.answerable`);
- a number or frequency asked is one fact with the same value stated elsewhere in the test of one of
  the same posts or bodies doing the same thing (a telling word of the bare clause around it in
  common), however differently the two sentences are worded: 接受党支部（　　）一次的考察 of a post's
  duties and the step 支部每半年考察一次 (`Generator._said`);
- a period word in a title or label a question shows (《职工群众季度评价流程》, 月度…考核) states that frequency of
  the deed it names: another question asking it is asked twice (`Generator._titled`);
- a frequency changed to make a false statement is checked against every flow step done at that frequency (by its
  flow's title or schedule, or its time limit), its inputs and records too (`Generator.step_says`).
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from handbook.core.refs import Ref, parse_ref
from handbook.export.selftest.checks import (
    BLANK,
    Claim,
    Corpus,
    Facts,
    bigrams,
    clause,
    option_kinds,
    questions_in,
    segment,
    similarity,
    stem_leaks,
)
from handbook.export.selftest.slots import (
    CUES,
    FREQUENCIES,
    FREQUENCY_SPELLINGS,
    PERIODS,
    Slot,
    agents,
    bound_at,
    frequencies,
    frequency_options,
    loosens,
    quantities,
    quantity_options,
    quantity_spellings,
    slots,
)
from handbook.export.selftest.sources import (
    Actor,
    Actors,
    Origin,
    Passage,
    all_passages,
    course_passages,
    course_refs,
)
from handbook.kinds.course.schema import Course, QuestionType
from handbook.model.handbook import Handbook

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
LONGER = 6  # characters by which every true statement of a multiple choice may not outrun every wrong one
# The share of the telling words of the clause around an actor that another sentence must hold to
# state the same fact (and so to say who else does it: 党委组织部 instead of the 矿党委).
ELSEWHERE = 0.5
ELSEWHERE_BACK = 0.35  # and the share of that sentence's own words that must be the same
# What ends the bare clause a number is said in, quotes and brackets included (see `Generator._said`).
_CLAUSE_MARKS = "，；：。、“”（）《》"
# A number's key (7|日), not a pair of numbers said together (3|日&5|工作日).
_VALUE_KEY = re.compile(r"^[\d.]+\|[^&]+$")
# Words that make the one who acts the one who approves: a lower body approves nothing of a higher one.
APPROVES = ("批准", "审批")
# How the words for people the lexicon has no entry for end (班子成员, 相关人员, 分管领导): one of them acting in a
# step's label is someone besides its lane.
_PERSONS = ("成员", "人员", "班子", "领导", "负责人")
# A clause saying who answers for a matter, and the words of a flow's title that name no matter (流程 of every flow).
_RESPONSIBLE = re.compile(r"负责|牵头|第一责任人|主体责任|责任主体")
# How the names of places end: a unit so named is where things are kept or done (爆炸物品库, 材料场), not who acts.
_PLACES = ("库", "仓库", "场", "房", "车库")
_GENERIC = frozenset({"流程", "工作流程", "程序", "办法", "规定", "制度", "管理", "工作"})
_STEP_LABEL = re.compile(r"^“(.+?)”这一环节")
_TIME_LIMIT = re.compile(r"时限为“(.+?)”")  # a step's time limit, as its passage states it
# How often, however the sentence goes on (每月20日前 is monthly, though no frequency to blank): what another
# source says of a deed's frequency.
_ANY_FREQUENCY = re.compile(rf"每(?:{PERIODS})(?!度)")
# Each frequency and the lengths of its period, both ways (see `_as_lengths`).
_PERIODS_AS_LENGTHS = {
    "每周": ("1|周",),
    "每月": ("1|个月",),
    "每季度": ("3|个月",),
    "每半年": ("0.5|年", "6|个月"),
    "每年": ("1|年", "12|个月"),
}
_PERIOD_LENGTHS = {
    **_PERIODS_AS_LENGTHS,
    **{length: (frequency,) for frequency, lengths in _PERIODS_AS_LENGTHS.items() for length in lengths},
}
# A bound and a number after a frequency in its clause (每年…不少于32学时, 每年至少举办1期): the frequency is the
# period of a quota, and a quota's period is a year unless said otherwise, so 每年 there is guessed, not learnt.
_QUOTA_AFTER = re.compile(
    r"[^，；。]*?(?:至少|不少于|不得少于|不低于|不超过|最多)[^，；。\d]{0,12}?[\d一二两三四五六七八九十百]"
)
# A post one of a group the handbook names in quotes (“四员一站”中的“四员”之一): the group's name names it too.
# Words saying how much or how often, not what is done (至少, 不少于, 一般): no deed to compare; and the share of the
# telling words of a deed (weighted by rarity, of the fewer) two sentences must share to speak of one deed.
_HOW: tuple[str, ...] = ("至少", "不少", "不超过", "一般", "每季", "季度", "每月", "每年", "每周", "半年", "每半年")
_HOW += ("一次", "召开", "进行")
SAME_DEED = 0.4
# The share of the telling words of a step's label (weighted by rarity) that what another post or body does in an
# article the step rests on must hold to be the step's deed (see `Generator.contested`).
CONTESTED = 0.3
_ONE_OF = re.compile(r"“([^“”]{1,8})”之一")
# A period word in a title or a step's label states the frequency of what it names wherever the title is shown
# (《职工群众季度评价流程》 says the 评价 is quarterly; 《月度职能部门考核…》 that the 考核 is monthly):
# not after 上, 下, 本 … (上年度 is a year, not how often).
_PERIOD_WORDS = {"季度": "每季度", "月度": "每月", "年度": "每年", "半年": "每半年", "周度": "每周"}
_TITLES = re.compile(r"《([^》]+)》|“([^”]+)”")
_NOT_PERIOD = ("上", "下", "本", "该", "当", "一", "次", "前", "后")
# The share (by rarity) of the telling words of the clause a changed frequency is said in that a flow's step (its label,
# inputs and records) must hold to be the same deed done at that frequency (see `Generator.step_says`).
STEP_DEED = 0.35


# The checks a candidate can fail, and why a question is not made at all, as the counts name them.
STEM = "answerable from the stem"
AMBIGUOUS = "ambiguous"
KEY = "key not in the cited text"
KINDS = "options of different kinds"
QUESTION = "question in an option or statement"
FORM = "form (separator, one accepted spelling)"
DISAGREE = "the sources give the fact to another actor"
FEW_WRONG = "fewer than three credible wrong options"
ONE_SPELLING = "a fill-in with one accepted spelling"
SUBJECTLESS = "the shown sentence lacks its subject"
WHO_FILL = "a fill-in would ask who acts (asked with options only)"
OTHERWISE = "another source gives the same body another frequency or limit for the deed"
HINTED = "a fill-in of a frequency another source hints otherwise (asked with options only)"
QUOTA = "the year of a yearly quota (每年…不少于32学时): anyone guesses it"
SHORT = (
    "the covered documents state too few distinct facts fit to ask; cover more of them, or describe in organisation/"
    " the units and posts they name (docs/guide/adoption.md)"
)
STRICTEST = "a single choice of a bounded value (15日内, 不少于3天): its key would be the strictest option"

# The paper's sections, in order, and the share of each type when a course does not set its mix.
ORDER = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE, QuestionType.FILL)
# An actor put in a statement in place of the true one does at least this many of the deed's words elsewhere.
SHARED_DEED_WORDS = 2
LAST = (QuestionType.MULTIPLE,)  # drawn once the other types have their share (see `Generator.self_test`)
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
    # What a learner reads as true, each changed value blanked: the facts it shows (see `same_fact`).
    shown: tuple[str, ...] = ()

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
        cited = "；".join(f"{c.cite}：{quoted(c.text)}" for c in self.citations)
        fixed = "".join(f"{quoted(wrong)}有误，应为{quoted(right)}。" for wrong, right in self.corrections)
        return f"依据{cited}" + (f"；{fixed}" if fixed else "")


def quoted(text: str) -> str:
    """A text in Chinese quotation marks, those inside it made single (“…‘…’…”), as a quote within a quote is
    written: a cited step (““整理学习纪要”这一环节…”) would otherwise open with two marks."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


@dataclass
class SelfTest:
    """The questions of one course's self-test: the bank, in the order of the paper's sections."""

    course: Course
    questions: list[Question] = field(default_factory=list)
    # Candidates dropped, by the first check that failed, and questions not made (no credible wrong
    # options, one spelling only, a fact the sources give to someone else as well).
    rejected: Counter[str] = field(default_factory=Counter)


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
        self._others: dict[tuple[str, int], bool] = {}  # memo of `elsewhere`
        self._profiles: dict[Question, _Profile] = {}  # memo of `_profile`
        self._answering: dict[str, list[tuple[str, frozenset[str]]]] = {}  # memo of `_responsible`
        self._counted: list[tuple[str, frozenset[str], frozenset[str], str, bool]] | None = None  # see `_counts`
        # A group's name in quotes → the posts that are one of it (四员 → 廉政监督员, 效能监察员 …).
        self._groups: dict[str, set[str]] = {}
        self._steps: list[tuple[frozenset[str], frozenset[str]]] | None = None  # see `_step_deeds`
        self._sentences: dict[str, list[Passage]] = {}  # an article's reference (reg:id#a7) → its sentences
        for passage in self.corpus.passages:
            self._sentences.setdefault(str(passage.ref), []).append(passage)
            if passage.origin == Origin.PROFILE:
                for label in _ONE_OF.findall(passage.text):
                    self._groups.setdefault(label, set()).add(passage.ref.id)

    # The checks ------------------------------------------------------------------------------

    def findings(self, question: Question) -> list[tuple[str, str]]:
        """Everything wrong with a question by the generator's checks, each as (check, what is wrong)."""
        found: list[tuple[str, str]] = []
        single = question.type == QuestionType.SINGLE
        wrong = [o for o in question.options if o not in question.answers] if single else []
        for shown, value, key in zip(question.masked, question.values, question.keys, strict=True):
            found += [(STEM, text) for text in stem_leaks(shown, question.lead, value, key, wrong, self.corpus)]
        if single and (ending := _odd_one_out(question.answers[0], wrong)):
            found.append((STEM, f"every option but the answer is a “{ending}”"))
        for claim in question.claims:
            passage = self.corpus.support(claim)
            if passage is not None:
                found.append((AMBIGUOUS, f"“{claim.value}” is also true by {passage.cite}: {passage.text}"))
            elif claim.truth and loosens(claim.text, claim.value, claim.truth, claim.key, claim.statement):
                found.append((AMBIGUOUS, f"“{claim.value}” only loosens the bound, so it is right as well"))
            elif (acted := self.corpus.acted(claim)) is not None:
                found.append((AMBIGUOUS, f"“{claim.value}” does the same by {acted.cite}: {acted.text}"))
            elif (step := self.step_says(claim)) is not None:
                found.append((AMBIGUOUS, f"“{claim.value}” is how often {step} does it"))
        titled = self._titled(question)
        for key, words in self._period_asked(question):
            if any(key == period and words & theirs for period, theirs in titled):
                found.append((STEM, f"a title the question shows says {key}"))
        for value in wrong:
            stands = [o for o in question.answers if frozenset(self._ids(o) | self._ids(value)) in self.corpus.serves]
            if stands:
                found.append((AMBIGUOUS, f"the sources say “{value}” may serve as “{stands[0]}”"))
            # A member of the keyed group, or the group of the keyed member (党委书记 is a 党委委员, every post
            # of a branch a 党员), is right wherever the key is.
            within = [o for o in question.answers if self._kin(o, value)]
            if within:
                found.append((AMBIGUOUS, f"“{value}” and the key “{within[0]}” are a group and one of it"))
        if question.type == QuestionType.MULTIPLE:
            wrong_statements = [o for o in question.options if o not in question.answers]
            if _told_by_length(question.answers, wrong_statements):
                found.append((STEM, "the true statements are all plainly longer or shorter than the wrong ones"))
            if _one_planted(question.claims):
                found.append((STEM, f"every changed statement says “{question.claims[0].value}”"))
        cited = " ".join(c.text for c in question.citations)
        found += [(KEY, f"“{text}” is not in the cited text") for text in question.evidence if text not in cited]
        if question.type in (QuestionType.SINGLE, QuestionType.FILL) and question.answers[0] not in question.evidence:
            found.append((KEY, "the key is not among the texts checked against the citation"))
        if single:
            kinds = set.intersection(*(option_kinds(o, self.actors, self.corpus) for o in question.options))
            if not kinds or kinds == {"陈述"}:
                found.append((KINDS, "options of different kinds"))
            groups = {self.actors.by_id[a].group for o in question.options for a in self._ids(o)}
            if len(groups) > 1:
                found.append((KINDS, f"options of different groups: {'、'.join(sorted(groups))}"))
        found += [(QUESTION, f"“{text}” is a question") for text in questions_in([question.stem, *question.options])]
        if any(SEPARATOR in text for text in [*question.options, *question.answers]):
            found.append((FORM, f"the separator {SEPARATOR} occurs in an answer"))
        if question.type == QuestionType.FILL and len(question.answers) < 2:
            found.append((FORM, f"a fill-in accepts “{question.answers[0]}” only, no other spelling"))
        if question.type == QuestionType.FILL:
            found += [
                (STEM, f"the stem shows the accepted answer “{a}”") for a in question.answers if a in question.stem
            ]
        return found

    def problems(self, question: Question) -> list[str]:
        """Everything wrong with a question by the generator's checks; empty for a question fit to ask."""
        return [text for _, text in self.findings(question)]

    def _kin(self, one: str, other: str) -> bool:
        """Whether two options name a post or body and a member or part of it (see `sources.Actor.family`)."""
        by_id = self.actors.by_id
        return any(by_id[a].kin(by_id[b]) for a in self._ids(one) for b in self._ids(other))

    def _ids(self, option: str) -> set[str]:
        """The actor an option is, if it is one (and nothing more)."""
        named = self.actors.find(option)
        return {named[0][2]} if len(named) == 1 and named[0][:2] == (0, len(option)) else set()

    def same_fact(self, a: Question, b: Question) -> bool:
        """Whether two questions ask one fact, or one shows the answer of the other.

        A fact is a value with the rare words of the statement that says it (5个工作日 with 公示;
        两名 with 入党介绍人; a term with the words of its definition), whatever the source: the
        glossary, a post's duties, a step, an article. Two questions asking one, or one showing in
        its stem, statements or options what the other asks (a multiple choice stating 两名正式党员作
        入党介绍人 beside a blank for 两名), are one question too many. So are the same sentence asked
        twice, the same value in a step and the article it rests on, and two single choices (or
        two blanks) keyed to the same post or term.
        """
        x, y = self._profile(a), self._profile(b)
        if x.facts & y.facts:
            return True
        # A title shown by one states the frequency the other asks (《职工群众季度评价流程》, 评价一般在（　　）…).
        for asker, teller in ((x, y), (y, x)):
            if any(k == p and w & t for k, w in asker.periods for p, t in teller.titled):
                return True
        # One shows an answer of the other in the words the other asks it with (报矿党委审批 beside
        # （　　）审批未被批准的).
        if any(n in text for n in x.neighbours for text in b.shown) or any(
            n in text for n in y.neighbours for text in a.shown
        ):
            return True
        # Two numbers of one unit for the same deed (提前7日 通知党员大会, 提前3日 通知支部党员大会): the
        # second reads as correcting the first, and the learner cannot tell which to believe.
        if x.frames & y.frames and self.corpus.meets(_by_unit(x.asked), _by_unit(y.asked)):
            return True
        # One sentence gives the same post both deeds (由组织委员具体经办 登记 and 上缴): one fact asked twice.
        for facts in x.asked:
            for key, words in facts.items():
                if key in self.actors.by_id and any(
                    key in other and self.corpus.joins(key, words, other[key]) for other in y.asked
                ):
                    return True
        if a.type == b.type in (QuestionType.SINGLE, QuestionType.FILL) and a.answers[:1] == b.answers[:1]:
            return True
        if x.keys & y.keys and x.grounds & y.grounds:
            return True  # a step and the article it rests on state the same value: one fact
        # A step and the article it rests on, one asking who does a deed and the other showing that deed done by
        # the asked post's body (党支部…全额上缴矿党委组织部 beside “…全额上缴…”这一环节由组织委员负责): one fact.
        if x.grounds & y.grounds and (self._kin_shown(x.asked, y.shown) or self._kin_shown(y.asked, x.shown)):
            return True
        # Two definitions of one term asking one value (the glossary's 党支部每年一次组织…, an article's 民主评议党员是…
        # 对党员一年来的表现进行评价): one fact, in whatever words (blind round 16).
        if x.defines & y.defines and set(_as_lengths(dict.fromkeys(x.keys, frozenset()))) & y.keys:
            return True
        # One asks a number or a frequency that the other states of the same body doing the same thing, in other
        # words and another source (接受党支部（　　）一次的考察 of a post's duties beside the step 支部每半年考察一次).
        if _told(x.told, y.told + y.said) or _told(y.told, x.said):
            return True
        meets = self.corpus.meets
        if any(meets(m, n) or meets(m, y.shown) for m in x.asked for n in y.asked):
            return True
        if any(meets(n, x.shown) for n in y.asked):
            return True
        # One offers as a wrong value what the other asks, said of the same thing (see `_hinted`).
        if _hinted(x.offered, y.told) or _hinted(y.offered, x.told):
            return True
        return self._asks(a, b)

    def _term_heads(self, question: Question) -> tuple[tuple[str, str, str, str], ...]:
        """A frequency a term's definition asks, written after the start of the term's name (战线领导评价: …每月…排出
        名次 asks what “战线领导每月排序” shows, round 25): more telling words before its blank (`_Profile.blanks`)."""
        cited = question.citations[0].ref if question.citations else None
        if cited is None or cited.kind != "term" or not question.keys or question.keys[0] not in FREQUENCIES:
            return ()
        title = self.model.terms[cited.id].meta.title  # one word to the segmenter: its heads are its prefixes
        return tuple((question.values[0], question.keys[0], title[:size], "") for size in range(2, len(title)))

    def _profile(self, question: Question) -> _Profile:
        """What `same_fact` compares of a question, worked out once."""
        found = self._profiles.get(question)
        if found is None:
            unled = [_unled(masked, question.lead) for masked in question.masked]
            claimed = [_unled(claim.text, question.lead) for claim in question.claims]
            found = _Profile(
                frozenset(question.facts),
                frozenset(question.keys),
                frozenset(_grounds(question)),
                self._asked(question),
                self._shown(question),
                tuple(
                    (value, key, *self.corpus.beside(masked, BLANK))
                    for masked, value, key in zip(question.masked, question.values, question.keys, strict=True)
                )
                + self._term_heads(question),
                tuple(
                    self._said(text, text.find(BLANK), key)  # the blank's place in the text without its lead
                    for text, key in zip(unled, question.keys, strict=True)
                    if BLANK in text and _counted(key)
                ),
                tuple(
                    self._said(text, at, key)
                    for text in (_unled(t, question.lead) for t in question.shown)
                    for at, _, _, key in [*quantities(text), *((s, e, v, v) for s, e, v in frequencies(text))]
                ),
                tuple(
                    self._said(text, text.find(claim.value), claim.key)
                    for claim, text in zip(question.claims, claimed, strict=True)
                    if _counted(claim.key) and claim.value in text
                ),
                tuple(self._titled(question)),
                tuple(self._period_asked(question)),
                self._defined(question),
            )
            self._profiles[question] = found
        return found

    def _said(self, text: str, at: int, key: str) -> tuple[str, frozenset[str], frozenset[str]]:
        """A number or frequency at `at` (or its blank) as a fact of who does what: its key, the telling words of
        the bare clause around it (quotes and brackets cut too: 支部每半年考察一次 of a step's label), and the
        posts and bodies its statement names, with those they act for or that act for them."""
        piece = _bare(text, at)
        at = len(text[:at].replace(BLANK, "□"))
        text = text.replace(BLANK, "□")
        named = self.actors.find(piece)
        words = self.corpus.marks(piece) - {m for *_, a in named for m in self.corpus.name_marks(a)}
        who = {actor for *_, actor in self.actors.find(segment(text, at))}
        # A post or an organ acts for its organisation (培养联系人 and 支部委员会 for the 党支部); an organisation's
        # own family (its organs, its parent) is not who acts.
        organs = [actor for actor in who if self.actors.kind(actor) != "组织"]
        who |= {kin for actor in organs for kin in self.actors.by_id[actor].family}
        return key, frozenset(words), frozenset(who)

    def _conflicts(self, questions: list[Question]) -> list[set[int]]:
        """For each question, the others that ask or show its fact (`same_fact`).

        Only questions that share a sentence, an answer, a value (asked, shown, offered or stated by a title) or
        what a number of one unit is said with can: those are looked up, not every pair.
        """
        by_mark: dict[str, list[int]] = {}
        for index, question in enumerate(questions):
            profile = self._profile(question)
            marks = {
                *profile.facts,
                *profile.keys,
                *profile.shown,
                *(key for key, _, _ in profile.offered),
                *(k for m in profile.asked for k in m),
                *profile.frames,
                *(key for key, _ in profile.titled),  # a title's period, for the asker of that frequency (round 25)
            }
            marks.add(f"{question.type}:{question.answers[0]}")
            for mark in marks:
                by_mark.setdefault(mark, []).append(index)
        pairs = {(i, j) for found in by_mark.values() for i in found for j in found if i < j}
        neighbours: list[set[int]] = [set() for _ in questions]
        for i, j in sorted(pairs):
            if self.same_fact(questions[i], questions[j]):
                neighbours[i].add(j)
                neighbours[j].add(i)
        return neighbours

    def _asked(self, question: Question) -> list[Facts]:
        """The facts a question asks: each blanked value's key with the rare words said with it.

        A term's definition asks the term with every rare word of the definition.
        """
        found = []
        for masked, key in zip(question.masked, question.keys, strict=True):
            text = _unled(masked, question.lead)
            if question.topic == "术语":
                found.append({key: self.corpus.marks(text) - self.corpus.name_marks(key)})
            else:
                found.append(_as_lengths(self.corpus.asked(text, key, BLANK)))
        return found

    def _shown(self, question: Question) -> Facts:
        """The facts a question shows as true in what a learner reads."""
        shown: dict[str, frozenset[str]] = {}
        for text in question.shown:
            for key, words in _as_lengths(self.corpus.shown(_unled(text, question.lead))).items():
                shown[key] = shown.get(key, frozenset()) | words
        return shown

    def _asks(self, a: Question, b: Question) -> bool:
        """Whether `a` and `b` ask the same value in much the same words."""
        for x, key in zip(a.masked, a.keys, strict=True):
            for y, other in zip(b.masked, b.keys, strict=True):
                if key == other and self.corpus.overlap(x, y) >= 0.5:
                    return True
        return False

    def elsewhere(self, slot: Slot) -> bool:
        """Whether another sentence gives what a slot's sentence gives to its actor to another post or body (矿党委
        in one file, 党委组织部 in another): then the handbook does not settle who does it, and the fact is not asked.
        A body's own meeting is the body (the 党委会 deciding for the 矿党委): no other answer.
        """
        memo = (slot.passage.key, slot.start)
        if memo in self._others:
            return self._others[memo]
        answer = self.actors.by_id[slot.key]
        corpus = self.corpus
        piece = segment(slot.passage.text, slot.start)
        words = corpus.words(piece.replace(slot.value, " ")) - corpus.name_words(slot.key)
        total = corpus.weight(words)
        disagree = False
        named = {actor for *_, actor in self.actors.find(slot.passage.text)}  # told apart by the sentence itself
        for passage in corpus.similar(words, ELSEWHERE) if len(words) >= 2 else []:
            acting = [(s, a) for s, _, a in agents(passage.text, self.actors)]
            if passage.origin in (Origin.DUTY, Origin.PROFILE):
                acting.append((0, passage.ref.id))  # a post's duties are what it does, unnamed
            if passage.key == slot.passage.key or any(a == slot.key for _, a in acting):
                continue  # it says what this sentence says (and maybe more)
            for at, other_id in acting:
                other = self.actors.by_id[other_id]
                post = other.kind == "岗位"
                if post != (answer.kind == "岗位") or (post and answer.id in other.family) or other_id in named:
                    continue  # a post beside a body, a body's own post, one the sentence names: no other answer
                theirs = corpus.words(segment(passage.text, at)) - corpus.name_words(other_id)
                shared = words & theirs
                weight = corpus.weight(shared)
                if len(shared) < 2 or weight < ELSEWHERE * total or weight < ELSEWHERE_BACK * corpus.weight(theirs):
                    continue  # it acts in another statement, or says much else besides: another fact
                if _meeting_of(other, answer) or _meeting_of(answer, other):
                    continue  # its own meeting (the 党委会 of the 矿党委) is the body itself
                disagree = True
        self._others[memo] = disagree
        return disagree

    def _titled(self, question: Question) -> list[tuple[str, frozenset[str]]]:
        """The frequencies the titles and labels a question shows state by a period word (《月度职能部门考核与结果公示
        流程》: 每月), each with the telling words of the title."""
        found = []
        for text in (question.stem, *question.options, *question.shown):
            for match in _TITLES.finditer(text):
                title = match.group(1) or match.group(2)
                for word, key in _PERIOD_WORDS.items():
                    at = title.find(word)
                    if (
                        at < 0
                        or (at and title[at - 1] in _NOT_PERIOD)
                        or (word == "半年" and title[at + 2 : at + 3] == "度")
                    ):
                        continue
                    words = self.corpus.marks(title) - _GENERIC - {w for w in self.corpus.marks(title) if word in w}
                    found.append((key, frozenset(words)))
        return found

    def _kin_shown(self, asked: list[Facts], shown: Facts) -> bool:
        """Whether a text shows a deed asked of a post or body as done by one of its family, in the same words."""
        by_id = self.actors.by_id
        for facts in asked:
            for key, words in facts.items():
                if key in by_id:
                    kin = [k for k in shown if k in by_id and by_id[key].kin(by_id[k])]
                    if any(self.corpus.meets({key: words}, {key: shown[k]}) for k in kin):
                        return True
        return False

    def _defined(self, question: Question) -> frozenset[str]:
        """The terms a question's sentences define: a glossary term's own, or one an article's sentence opens with
        and says what it is (民主评议党员是党支部按照党员标准……的一项党内制度)."""
        found = {f"term:{c.ref.id}" for c in question.citations if c.ref.kind == "term"}
        for masked in question.masked:
            text = _unled(masked, question.lead)
            found |= {
                f"term:{term}"
                for term, names in self.corpus.term_names.items()
                if any(text.startswith(f"{name}是") for name in names)
            }
        return frozenset(found)

    def _period_asked(self, question: Question) -> list[tuple[str, frozenset[str]]]:
        """The frequencies a question asks, each with the telling words of its sentence, documents' titles left out."""
        return [
            (key, frozenset(self.corpus.marks(re.sub(r"《[^》]*》", "", _unled(masked, question.lead))) - _GENERIC))
            for masked, key in zip(question.masked, question.keys, strict=True)
            if key in FREQUENCIES and BLANK in masked
        ]

    def _step_deeds(self) -> list[tuple[frozenset[str], frozenset[str]]]:
        """Every flow step as (the frequencies it is done at, the telling words of its label, inputs and records): a
        step of a flow whose title or schedule says how often (月度…流程, 每月一次) or
        whose time limit does (次月2日前)."""
        if self._steps is None:
            self._steps = []
            for document in self.model.flows.values():
                flow = document.meta
                periods = {k for w, k in _PERIOD_WORDS.items() if w in flow.title}
                periods |= {v for *_, v in frequencies(flow.schedule or "")}
                for step in flow.steps:
                    time = step.time or ""
                    found = periods | {v for *_, v in frequencies(time)}
                    found |= {v for v, cues in CUES.items() if any(cue in time for cue in cues)}
                    if not found:
                        continue
                    text = " ".join([step.label, *map(str, step.inputs), *map(str, step.records)])
                    self._steps.append((frozenset(found), frozenset(self.corpus.marks(text))))
        return self._steps

    def step_says(self, claim: Claim) -> str | None:
        """The label of a step done at the frequency a changed statement gives (各党支部每月至少上传一项特色工作 beside
        the monthly flow's step 党支部上传上月支撑材料 with its 特色工作材料), if any: the changed value
        is true by it."""
        if claim.key not in FREQUENCIES or claim.truth not in FREQUENCIES:
            return None
        at = claim.text.find(claim.value)
        if at < 0:
            return None
        spans = [claim.text[start:end] for start, end, _ in self.actors.find(claim.text)]
        words = self.corpus.marks(_bare(claim.text, at)) - _GENERIC
        words = frozenset(w for w in words if not any(w in span for span in spans))  # who does it is not the deed
        words = frozenset(w for w in words if not w.startswith(_HOW))
        if len(words) < 2:
            return None
        total = self.corpus.mark_weight(words)
        for periods, theirs in self._step_deeds():
            shared = words & theirs
            if claim.key in periods and len(shared) >= 2 and self.corpus.mark_weight(shared) >= STEP_DEED * total:
                return "、".join(sorted(shared))
        return None

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
            return f"{quoted(title)}是指" if passage.index == 0 else f"关于{quoted(title)}，"
        if passage.origin == Origin.DUTY:
            return f"{self.actors.by_id[ref.id].title}的职责之一："
        if passage.origin == Origin.PROFILE:
            title = self.actors.by_id[ref.id].title
            return "" if passage.text.startswith(title) else f"{title}："
        return f"根据《{self.model.activities[ref.id].meta.title}》，"

    def _citation(self, passage: Passage) -> Citation:
        """The citation of a sentence."""
        return Citation(passage.ref, passage.cite, passage.text, passage.basis)

    def _wrong_values(
        self, slot: Slot, context: str, domain: CourseDomain, statement: bool
    ) -> list[tuple[str, str, float]]:
        """Wrong values for a slot, nearest first, each checked: not in the sentence, true nowhere, and not
        within the sentence's bound (a looser bound for a `statement`, a value meeting it for an option)."""
        if slot.kind.startswith("数量"):
            unit = slot.kind.split(":")[1]
            candidates = _same_side(slot, context, quantity_options(slot, domain.numbers.get(unit, [])))
        elif slot.kind == "频次":
            candidates = frequency_options(slot)
        else:
            candidates = [(name, actor, similarity(name, slot.value)) for name, actor in domain.actors_for(slot, self)]
            if statement:
                # Put alone in a statement, an actor with no hand in anything like the deed (信访稳定办公室 to
                # assess the 护矿队's watch) is wrong at sight: only one that does two of its words elsewhere (one
                # is too few: 党委宣传部 处置 舆情, so it passed for 处置问题线索, 纪委's deed, in round 20).
                deed = {word for pair in self.corpus.deed(slot.passage.text, slot.start) for word in pair}
                candidates = [c for c in candidates if len(self.corpus.busy(c[1]) & deed) >= SHARED_DEED_WORDS]
        stated = self.corpus.keys(context)
        numeric = slot.kind.startswith("数量") or slot.kind == "频次"
        found = []
        at = context.find(slot.value)
        for text, key, closeness in candidates:
            if key in stated or text in context:
                continue
            if slot.kind == "频次" and self.otherwise(slot, context, at, key, outright=False):
                continue  # another sentence gives it (or tells it: 纳入月度考核) for the same body and deed
            claim = Claim(context.replace(slot.value, text, 1), text, key, slot.key if numeric else "", statement)
            if self.untrue(claim):
                found.append((text, key, closeness))
        return found

    def untrue(self, claim: Claim) -> bool:
        """Whether a wrong option or a changed statement is wrong by every source: no sentence states it, and
        it does not merely loosen the bound its sentence sets (see `slots.Bound`)."""
        if claim.truth and loosens(claim.text, claim.value, claim.truth, claim.key, claim.statement):
            return False
        corpus = self.corpus
        return corpus.support(claim) is None and corpus.acted(claim) is None and corpus.rated(claim) is None

    def _context(self, slot: Slot, longest: int = LONGEST_CONTEXT) -> tuple[str, int, int]:
        """The text a question shows around a slot, and the slot's place in it."""
        return _clause(slot.passage.text, slot.start, slot.end, longest)

    def _who(self, passage: Passage, text: str, at: int, key: str) -> tuple[str, frozenset[str], frozenset[str]]:
        """A number or frequency at `at` as who does what (see `_said`), the post or body whose duties or summary
        the sentence is counted among who, and so is every post of a group the sentence names (“四员”)."""
        key, words, who = self._said(text, at, key)
        # Common words tell a deed too (检查考核一次; 检查结果纳入…月度考核), the names of who does it left out.
        names = {w for *_, actor in self.actors.find(text) for w in self.corpus.name_words(actor)}
        words |= self.corpus.words(_bare(text, at)) - names
        # A term is what a deed is about, not the deed (制定计划 of 主题党日 and 开展 主题党日 are two deeds).
        terms = [k for k in self.corpus.keys(text) if k.startswith("term:")]
        if passage.origin == Origin.TERM:
            terms.append(f"term:{passage.ref.id}")
        words -= {m for term in terms for m in (*self.corpus.name_marks(term), *self.corpus.name_words(term))}
        words = frozenset(w for w in words if not w.startswith(_HOW))
        if not who:  # a statement after ；goes on with the subject of the one before (保卫部…；每月对车辆…检查一次)
            who = frozenset(actor for *_, actor in agents(text[:at], self.actors))
        own = {passage.ref.id} if passage.origin in (Origin.DUTY, Origin.PROFILE) else set()
        grouped = {post for label, posts in self._groups.items() if f"“{label}”" in text for post in posts}
        return key, words, who | own | grouped

    def _counts(self) -> list[tuple[str, frozenset[str], frozenset[str], str, bool]]:
        """Every frequency and number of every sentence of the handbook as (key, words of its deed, who, sentence's
        key, whether said outright): a frequency told by a cue (纳入月度考核 for 每月) is not said outright."""
        if self._counted is None:
            self._counted = []
            for passage in self.corpus.passages:
                text = passage.text
                found = [(m.start(), m.group(0), True) for m in _ANY_FREQUENCY.finditer(text)]
                found += [
                    (m.start(), value, False)
                    for value, cues in CUES.items()
                    for cue in cues
                    for m in re.finditer(re.escape(cue), text)
                ]
                for at, key, outright in found:
                    said, words, who = self._who(passage, text, at, key)
                    if words and who:
                        self._counted.append((said, words, who, passage.key, outright))
        return self._counted

    def otherwise(self, slot: Slot, context: str, start: int, key: str = "", outright: bool = True) -> bool:
        """Whether another sentence gives the slot's post or body (or one of them) a frequency or number other than
        the slot's, of its unit (or, given `key`, that one), for a deed sharing a telling word (a duty 每季度向廉政监督
        工作站汇报 and an article “四员”每月20日前向工作站报送监督信息): the sources disagree on the fact, or the
        wrong value `key` is right by another source. Cues (月度考核) count only where `outright` is False."""
        _, words, who = self._who(slot.passage, context, start, slot.key)
        unit = slot.key.split("|")[-1] if "|" in slot.key else ""
        for other, theirs, whose, sentence, said in self._counts():
            if sentence == slot.passage.key or (outright and not said):
                continue
            differs = other != slot.key and (other in FREQUENCIES) == (slot.key in FREQUENCIES)
            if not (other == key if key else differs and (not unit or other.split("|")[-1] == unit)):
                continue
            shared = words & theirs
            whole = {w for w in shared if not any(w != v and w in v for v in shared)}  # 集中学习, not 集中 and 学习
            if (
                len(whole) >= 2
                and who & whose
                and self.corpus.mark_weight(shared)
                >= SAME_DEED * min(self.corpus.mark_weight(words), self.corpus.mark_weight(theirs))
            ):
                return True
        return False

    def _unaskable_frequency(self, slot: Slot, context: str, start: int, end: int, refused: Counter[str]) -> bool:
        """Whether a slot is a frequency that is not asked at all, counted in `refused`: another source gives the
        deed another (see `otherwise`), or it is the year of a yearly quota (see `_yearly_quota`)."""
        if slot.kind == "频次" and self.otherwise(slot, context, start):
            refused[OTHERWISE] += 1
            return True
        if _yearly_quota(slot, context, end):
            refused[QUOTA] += 1
            return True
        return False

    def _subjectless(self, slot: Slot, context: str, refused: Counter[str]) -> bool:
        """Whether the sentence (or the clause of it) a question shows lacks who acts: an article's or activity's
        clause opening with what is done or when (每季度会同安全监察处…联合检查一次, cut from 保卫部每月…；): blanked,
        it is unreadable, and any body doing such things fits the blank. A post's duties, a step and a term name
        their subject in the stem's opening."""
        if not context or slot.passage.origin not in (Origin.ARTICLE, Origin.ACTIVITY):
            return False
        if self.corpus.fragment(context):
            refused[SUBJECTLESS] += 1
            return True
        return False

    def _unsettled(self, slot: Slot, refused: Counter[str]) -> bool:
        """Whether a slot asks who acts where other sentences give the deed to another post or body (see
        `elsewhere`), counted as refused."""
        if slot.kind.startswith("数量") or slot.kind == "频次" or not self.elsewhere(slot):
            return False
        refused[DISAGREE] += 1
        return True

    # Questions -------------------------------------------------------------------------------

    def _from_slot(
        self, slot: Slot, domain: CourseDomain, rng: random.Random, refused: Counter[str]
    ) -> Iterator[Question]:
        """The single choice, fill-in (of a number or a frequency, never of who acts) and true/false questions one
        blankable fact can make."""
        context, start, end = self._context(slot)
        if self._subjectless(slot, context, refused):
            return
        if self._unaskable_frequency(slot, context, start, end, refused):
            return
        if self._unsettled(slot, refused) or not context:
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
            shown=(blanked,),
        )
        numeric = "" if topic == "责任主体" else slot.key  # what a changed number or frequency is checked against
        # Options that meet a bound are right as well (10日 is 15日内), so a bounded value's wrong options all
        # lie on its loose side and the key is always the strictest: a learner who knows that needs no rule.
        bounded = bool(numeric) and bound_at(context, start, end, frequency=slot.kind == "频次") is not None
        if bounded:
            refused[STRICTEST] += 1
        wrong = [] if bounded else self._wrong_values(slot, context, domain, statement=False)
        if len(wrong) >= WRONG:
            chosen = _placed(value, wrong, rng) if numeric else wrong[:WRONG]
            options = sorted([value, *(text for text, _, _ in chosen)], key=lambda o: _order(o, rng))
            claims = tuple(Claim(context[:start] + t + context[end:], t, k, numeric) for t, k, _ in chosen)
            closeness = sum(c for *_, c in chosen) / WRONG
            yield replace(base, options=tuple(options), claims=claims, difficulty=closeness)
        elif not bounded:
            refused[FEW_WRONG] += 1
        # A platform grades a fill-in by matching the accepted answers, and the handbook names who does a thing in
        # many ways (another body of its family, its organ, another wording): no list is complete, so who acts is
        # asked with options only.
        if topic == "责任主体":
            refused[WHO_FILL] += 1
        elif slot.kind == "频次" and any(
            self.otherwise(slot, context, start, other, outright=False) for other in FREQUENCIES if other != value
        ):
            # Another sentence hints at another frequency of the deed (检查考核 每季度 beside results taken into the
            # 月度考核): options leave that one out, but a blank would mark a learner who wrote it wrong.
            refused[HINTED] += 1
        else:
            fill = blanked.replace(BLANK, FILL_BLANK)
            # A spelling the stem itself shows (按月 in a step's label, the blank keyed 每月) is no answer to ask for.
            spellings = dict.fromkeys(_spellings(slot))
            accepted = [a for a in spellings if len(a) <= LONGEST_FILL and (a == value or a not in fill)]
            if len(accepted) >= 2 and accepted[0] == value:
                yield replace(base, type=QuestionType.FILL, stem=fill, answers=tuple(accepted))
            else:
                refused[ONE_SPELLING] += 1
        if self._evident(slot) or _labelled(slot.passage):
            refused[STEM] += 1  # a true/false of it would be judged by its own words
            return
        # Both statements of the fact are candidates, the true one and (where a checked wrong value exists)
        # the changed one: the draw keeps the keys of a test's true/false questions balanced (see `_next`).
        if changed := self._wrong_values(slot, context, domain, statement=True):
            text, key, closeness = changed[0]
            statement = context[:start] + text + context[end:]
            yield replace(
                base,
                type=QuestionType.TRUE_FALSE,
                stem=lead + statement,
                options=(TRUE, FALSE),
                answers=(FALSE,),
                claims=(Claim(statement, text, key, numeric, statement=True),),
                difficulty=closeness,
                corrections=((text, value),),
            )
        yield replace(
            base,
            type=QuestionType.TRUE_FALSE,
            stem=lead + context,
            options=(TRUE, FALSE),
            answers=(TRUE,),
            evidence=(context.rstrip("。"),),
            shown=(lead + context,),
        )

    def _statement(self, slot: Slot, domain: CourseDomain, refused: Counter[str]) -> Statement | None:
        """A short statement of a slot's sentence, true and (if a checked wrong value exists) changed."""
        context, start, end = self._context(slot, LONGEST_STATEMENT)
        if not context or self._subjectless(slot, context, refused):
            return None
        if self._unaskable_frequency(slot, context, start, end, refused):
            return None
        if self._evident(slot) or _labelled(slot.passage) or self._unsettled(slot, refused):
            return None
        true = context.rstrip("。")
        masked = true[:start] + BLANK + true[end:]
        if stem_leaks(masked, "", slot.value, slot.key, (), self.corpus):
            return None
        wrong = self._wrong_values(slot, context, domain, statement=True)
        if not wrong:
            return Statement(slot, true, masked)
        text, key, closeness = wrong[0]
        false = true[:start] + text + true[end:]
        numeric = slot.key if slot.kind.startswith("数量") or slot.kind == "频次" else ""
        return Statement(slot, true, masked, false, Claim(false, text, key, numeric, statement=True), closeness)

    def _apart(self, a: Statement, b: Statement) -> bool:
        """Whether two statements may stand in one multiple choice: neither shows what the other asks."""
        asked_a = self.corpus.asked(a.masked, a.slot.key, BLANK)
        asked_b = self.corpus.asked(b.masked, b.slot.key, BLANK)
        meets = self.corpus.meets
        return not (meets(asked_a, self.corpus.shown(b.true)) or meets(asked_b, self.corpus.shown(a.true)))

    def _statements(self, group: list[Statement], rng: random.Random) -> Question:
        """A multiple choice: statements of one document, two with a value changed (one if only one can be),
        two or three true: a single wrong statement among true ones is too easy to spot."""
        changeable = [n for n, s in enumerate(group) if s.claim is not None]

        def told(changed: set[int]) -> bool:
            """Whether changing these statements leaves them told by their form: length, or one planted value."""
            claims = [claim for n in sorted(changed) if (claim := group[n].claim) is not None]
            return _one_planted(claims) or _told_by_length(
                [s.true for n, s in enumerate(group) if n not in changed], [group[n].false for n in changed]
            )

        falses = set(rng.sample(changeable, min(len(changeable), 2)))
        if told(falses):
            # One set plainly longer (a step's time limit after its lane), or one value planted twice: change others.
            picks = (set(pick) for pick in itertools.combinations(changeable, len(falses)))
            falses = next((pick for pick in picks if not told(pick)), falses)
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
            shown=tuple(s.masked if n in falses else s.true for n, s in enumerate(group)),
        )

    def _term(
        self, term_id: str, domain: CourseDomain, rng: random.Random, refused: Counter[str]
    ) -> Iterator[Question]:
        """What a term is called, from its definition: a single choice among terms of its kind, and a fill-in.

        The wrong options are terms of the same kind (what the definition says the term is: a 制度,
        a 会议, a 做法; a post's or body's group besides) that the course teaches or its material
        names, closest in form first; with fewer than three, there is no single choice.
        """
        term = self.model.terms[term_id].meta
        definition = term.definition.split("。")[0] + "。"
        names = self.corpus.term_names[term_id]
        citation = Citation(Ref("term", term_id), f"术语“{term.title}”", f"{term.title}：{term.definition}")
        lead = "下列术语中，含义为“"
        stem = f"{lead}{definition}”的是{BLANK}"
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
            lead=lead,
            shown=(stem,),
        )
        kind = self.term_kind(term_id)
        wrong = []
        for other in domain.term_rivals:
            title = self.model.terms[other].meta.title
            others = self.corpus.term_names[other]
            related = any(a in b or b in a for a in names for b in others)
            if other == term_id or related or any(n in definition for n in others):
                continue
            if self.term_kind(other) != kind:
                continue  # a 制度 among 制度, a 会议 among 会议, a party body among party bodies
            claim = Claim(f"{title}：{definition}", title, f"term:{other}")
            if self.corpus.support(claim) is None:
                closeness = similarity(title, term.title) - abs(len(title) - len(term.title)) / 10
                wrong.append((other not in domain.terms, -closeness, title, claim))
        if len(wrong) >= WRONG:
            chosen = sorted(wrong)[:WRONG]
            options = sorted([term.title, *(t for *_, t, _ in chosen)], key=lambda _: rng.random())
            closeness = min(1.0, 0.2 + sum(max(0.0, -c) for _, c, _, _ in chosen) / WRONG * 2)
            yield replace(base, options=tuple(options), claims=tuple(c for *_, c in chosen), difficulty=closeness)
        else:
            refused[FEW_WRONG] += 1
        named = self._ids(term.title)  # a term that is a post or body goes by that one's names too (支部)
        spoken = [n for actor in sorted(named) for n in self.actors.by_id[actor].names]
        accepted = tuple(
            dict.fromkeys(n for n in [*names, *spoken] if len(n) <= LONGEST_FILL and _same_name(n, term.title))
        )
        if len(accepted) >= 2 and accepted[0] == term.title:
            stem = f"手册术语表中，含义为{quoted(definition)}的术语是{FILL_BLANK}。"
            yield replace(base, type=QuestionType.FILL, stem=stem, answers=accepted)
        else:
            refused[ONE_SPELLING] += 1

    def term_kind(self, term_id: str) -> str:
        """What a term names, as its definition says (…的做法, …的会议, …的基本制度 → 制度), with the group of
        the post or body it is, if it is one (党支部: a party body, not a 组织 of the masses)."""
        term = self.model.terms[term_id].meta
        first = re.split(r"[。！？]", term.definition)[0]
        genus = ""
        for part in re.split(r"[，；：]", first):
            if "的" in part and part.rsplit("的", 1)[1]:
                genus = re.sub(r"^[\d一二两三四五六七八九十至]+[名个位]", "", part.rsplit("的", 1)[1])
                break
        if genus and not self.actors.find(genus):  # …的基本制度 is a 制度; …的正式党员 stays as it is
            words = [w for w, _, _ in self.model.segmenter.tokenize(genus) if w.strip()]
            genus = words[-1] if words else genus
        named = self.actors.find(term.title)
        if len(named) == 1 and named[0][:2] == (0, len(term.title)):
            genus += "/" + self.actors.by_id[named[0][2]].group
        return genus or "?" + term_id  # no genus: like no other term

    def candidates(self, course: Course, rng: random.Random) -> tuple[list[Question], Counter[str]]:
        """Every question the course's sources make that passes the checks, and why the others failed."""
        passages = [
            self._laneless(p)
            for p in course_passages(self.model, course)
            if p.alone and not questions_in([p.text]) and not self._pointing(p.text)
        ]
        domain = CourseDomain(self, course, passages)
        refused = Counter[str]()
        made: list[Question] = []
        # A multiple choice's statements are of one document and one form: a step shown without its lane (a plain
        # sentence) among “…”这一环节由…负责 statements stands out by its form alone.
        by_document: dict[tuple[str, bool], list[Statement]] = {}
        for passage in passages:
            found = slots(passage, self.actors)
            for slot in found:
                made += self._from_slot(slot, domain, rng, refused)
            units = [u for u in (self._statement(slot, domain, refused) for slot in found) if u is not None]
            if units and passage.origin in (Origin.ARTICLE, Origin.STEP):
                form = (str(passage.ref.target), passage.text.startswith("“"))
                by_document.setdefault(form, []).append(rng.choice(units))
        for group in by_document.values():
            rng.shuffle(group)
            for chunk in self._chunks(group):
                if any(unit.claim for unit in chunk):
                    made.append(self._statements(chunk, rng))
        for term_id in domain.terms:
            made += self._term(term_id, domain, rng, refused)
        kept = []
        for question in made:
            findings = self.findings(question)
            if findings:
                refused[findings[0][0]] += 1
            else:
                kept.append(question)
        return kept, refused

    def _evident(self, slot: Slot) -> bool:
        """Whether a slot asks who does a step whose label names who does it (“支部委员会审查”这一环节由支部
        委员会负责): as a statement it is plainly true, and with another post in its lane it contradicts itself. Or
        who does what a term's definition does in the term's own words (see below): plainly true as well."""
        passage = slot.passage
        if slot.kind.startswith("数量") or slot.kind == "频次":
            return False
        if passage.origin == Origin.TERM:
            # What the actor does says the term's name again (前置研究讨论: …先由党委研究讨论…): true by its words. The
            # rest of the definition may share words with the name (预备党员转正: 预备期满时…由支部党员大会讨论表决).
            said = clause(passage.text, slot.start)
            deed = said[said.find(slot.value) + len(slot.value) :]
            return len(bigrams(self.model.terms[passage.ref.id].meta.title) & bigrams(deed)) >= 2
        if passage.origin != Origin.STEP or "这一环节由" not in passage.text:
            return False
        label, lane = passage.text.split("这一环节由", 1)
        doers = {actor for *_, actor in self.actors.find(lane.split("负责")[0])}
        named = {actor for *_, actor in self.actors.find(label)}
        return any(a == d or a in self.actors.by_id[d].family for a in named for d in doers)

    def lane_in_doubt(self, passage: Passage) -> bool:
        """Whether who does a step is no fact to ask or state: its label names the lane itself (“支部委员会审查”
        这一环节由支部委员会负责 is judged by its own words), or names someone else as doing part of it (培养联系人
        跟踪培养，支部每半年考察一次 in the lane of the 培养联系人; 班子成员提出… in the lane of the 区队长): the
        flow gives the whole step to one lane where its own words give some of it to another; or names people the
        lexicon has no entry for, acted upon too (支部班子成员回避 said to be done by the 党支部书记 contradicts
        itself); or the articles the step rests on give its deed to another (see `contested`)."""
        if passage.origin != Origin.STEP or "这一环节由" not in passage.text:
            return False
        label, lane = passage.text[1:].split("”这一环节由", 1)
        doers = {actor for *_, actor in self.actors.find(lane.split("负责")[0])}
        named = self.actors.find(label)
        if any(actor in doers for *_, actor in named):
            return True
        if any(actor not in doers for *_, actor in agents(label, self.actors)):
            return True
        taken = {at for start, end, _ in named for at in range(start, end)}
        for word, start, _ in self.model.segmenter.tokenize(label):
            if start not in taken and word.endswith(_PERSONS):
                return True  # 班子成员回避, 相关人员: people the lexicon has no entry for, acting or acted upon
        return self.contested(passage) is not None

    def contested(self, passage: Passage) -> tuple[str, Passage] | None:
        """Another post or body (and the sentence) that the articles a step rests on give the step's deed to, if
        any: the step 督促责任单位整改隐患和制度漏洞 in the lane of the 安全监察处 rests on an article in which the
        纪委 督促责任单位…整改 and 跟踪整改闭合, so a learner answering 纪委 has the regulation on his side.

        An article's agent does the deed where what it governs (up to the next agent) shares with the step's label
        two telling words, one pair of words next to each other (督促 责任单位), and `CONTESTED` of the label's
        weight. An article naming the lane as acting too tells the two apart (支部委员会审查…；支部党员大会讨论),
        and a post or body of the lane's family is the lane (see `sources.Actor.family`); one it merely names
        (由矿党委…送花圈 beside the 人力资源部, whose parent the 矿党委 is) does not."""
        step = re.match(r"^“(.+?)”这一环节由(.+?)负责", passage.text)
        if passage.origin != Origin.STEP or step is None:
            return None
        label, corpus, by_id = step.group(1), self.corpus, self.actors.by_id
        lane = {actor for *_, actor in self.actors.find(step.group(2))}
        deed = corpus.marks(label) - {m for *_, a in self.actors.find(label) for m in corpus.name_marks(a)} - _GENERIC
        deed = frozenset(word for word in deed if not word.startswith(_HOW))
        pairs = corpus.pairs(label)
        total = corpus.mark_weight(deed)

        def ours(actor: str) -> bool:
            return any(actor == a or by_id[actor].kin(by_id[a]) for a in lane)

        for article in passage.basis:
            for sentence in self._sentences.get(article, ()):
                text = sentence.text
                acting = agents(text, self.actors)
                if any(ours(actor) for *_, actor in acting):
                    continue
                for n, (_, end, actor) in enumerate(acting):
                    span = text[end : acting[n + 1][0] if n + 1 < len(acting) else len(text)]
                    theirs = corpus.marks(span) - {m for *_, a in self.actors.find(span) for m in corpus.name_marks(a)}
                    shared = deed & theirs
                    if (
                        len(shared) >= 2
                        and pairs & corpus.pairs(span)
                        and corpus.mark_weight(shared) >= CONTESTED * total
                    ):
                        return actor, sentence
        return None

    def _laneless(self, passage: Passage) -> Passage:
        """A step whose lane is in doubt (see `lane_in_doubt`) as a sentence saying what is done and within what
        time, not by whom: no question asks or shows its lane."""
        if not self.lane_in_doubt(passage):
            return passage
        flow = self.model.flows[passage.ref.id].meta
        step = next(s for s in flow.steps if s.id == passage.ref.anchor)
        label = passage.text.split("这一环节由", 1)[0]
        text = f"{label}这一环节的时限为“{step.time}”。" if step.time else label[1:-1].rstrip("。") + "。"
        return replace(passage, text=text)

    def answerable(self, slot: Slot, documents: list[str]) -> set[str]:
        """The posts and bodies that the documents of a slot's sentence make answer for the matter of its deed.

        A clause saying who is responsible (负责, 牵头, 第一责任人) for something sharing a telling word with
        the deed, or, for a step, with its flow's title (各区队负责组织本单位班组创建 in the regulation the
        学习型班组创建验收流程 rests on): whoever it names may be said to do any part of that matter, so it is
        no wrong answer to who does the deed, whatever the flow's lanes say."""
        text = slot.passage.text
        corpus = self.corpus
        if slot.passage.origin == Origin.STEP:
            step = _STEP_LABEL.match(text)
            deed = corpus.marks(step.group(1) if step else text)
            deed |= corpus.marks(self.model.flows[slot.passage.ref.id].meta.title)
        else:
            deed = corpus.marks(segment(text, slot.start))
        deed -= {mark for *_, actor in self.actors.find(text) for mark in corpus.name_marks(actor)}
        deed -= _GENERIC
        found: set[str] = set()
        for document in documents:
            for actor, words in self._responsible(document):
                if words & deed:
                    found.add(actor)
        found.discard(slot.key)
        return found

    def _responsible(self, document: str) -> list[tuple[str, frozenset[str]]]:
        """(actor, telling words of the matter) of every clause of a document's articles saying who answers
        for what (负责, 牵头, 第一责任人, 主体责任)."""
        if document not in self._answering:
            found = []
            for passage in self.corpus.passages:
                if passage.origin != Origin.ARTICLE or str(passage.ref.target) != document:
                    continue
                for piece in re.split(r"[，；。]", passage.text):
                    if not _RESPONSIBLE.search(piece):
                        continue
                    named = self.actors.find(piece)
                    own = {mark for *_, actor in named for mark in self.corpus.name_marks(actor)}
                    words = self.corpus.marks(piece) - own
                    found += [(actor, words) for *_, actor in named]
            self._answering[document] = found
        return self._answering[document]

    def _pointing(self, text: str) -> bool:
        """Whether a sentence speaks of someone it does not name (党支部应当及时讨论其转正问题: whose?): its
        其 points back to a sentence the question does not show."""
        return "其" in text and len({actor for *_, actor in self.actors.find(text)}) < 2

    def _chunks(self, group: list[Statement]) -> Iterator[list[Statement]]:
        """The statements of one document in fours, none showing what another of its four asks."""
        left = list(group)
        while len(left) >= STATEMENTS:
            chunk: list[Statement] = []
            for unit in list(left):
                if len(chunk) < STATEMENTS and all(self._apart(unit, other) for other in chunk):
                    chunk.append(unit)
                    left.remove(unit)
            if len(chunk) < STATEMENTS:
                return
            yield chunk

    def self_test(self, course: Course) -> SelfTest:
        """The course's self-test: its mix of types, drawn with its seed from the questions fit to ask.

        The types take turns, each time the question from the least asked document and topic (a second
        multiple choice only once the others have their share); a question asking a fact already asked (or
        shown) is never drawn. A type that runs out leaves its share to the others.
        """
        rng = random.Random(course.test.seed)
        kept, rejected = self.candidates(course, rng)
        rng.shuffle(kept)
        neighbours = self._conflicts(kept)
        pools = {kind: [i for i, q in enumerate(kept) if q.type == kind] for kind in ORDER}
        quota = mix(course)
        wanted = sum(quota.values())
        chosen: list[int] = []
        documents: Counter[str] = Counter()
        topics: Counter[str] = Counter()
        keyed: Counter[str] = Counter()  # the keys of the true/false questions drawn
        keyed_by_topic: Counter[tuple[str, str]] = Counter()  # and each key per topic
        drawn: Counter[QuestionType] = Counter()
        while len(chosen) < wanted and any(pools.values()):
            # A multiple choice states several facts at once and rules them all out: after its first turn it takes
            # what the other types leave, so that material stating few facts still gives a test of its length.
            waiting = {kind for kind in LAST if drawn[kind]}
            turn = [kind for kind in ORDER if kind not in waiting and quota[kind] > 0 and pools[kind]]
            turn = turn or [kind for kind in LAST if quota[kind] > 0 and pools[kind]]
            if not turn:  # the types still owed have run out: the others make up their share, multiple choices last
                turn = [kind for kind in (*(k for k in ORDER if k not in LAST), *LAST) if pools[kind]][:1]
            for kind in turn:
                pick = self._next(kept, pools[kind], neighbours, documents, topics, keyed, keyed_by_topic)
                if pick is None or len(chosen) >= wanted:
                    continue
                chosen.append(pick)
                quota[kind] -= 1
                drawn[kind] += 1
                documents[str(kept[pick].citations[0].ref.target)] += 1
                topics[kept[pick].topic] += 1
                if kind == QuestionType.TRUE_FALSE:
                    keyed[kept[pick].answers[0]] += 1
                    keyed_by_topic[kept[pick].answers[0], kept[pick].topic] += 1
                ruled_out = neighbours[pick] | {pick}
                for pool in pools.values():
                    pool[:] = [i for i in pool if i not in ruled_out]
                for found in neighbours:  # conflicts only with what may still be drawn
                    found -= ruled_out
        # In drawing order the true/false keys take turns (正确, 错误, 正确…): a pattern a test-wise reader follows in
        # the key and in every import. Shuffled by the seed, then grouped by type (blind round 18).
        rng.shuffle(chosen)
        questions = sorted((kept[i] for i in chosen), key=lambda q: ORDER.index(q.type))
        return SelfTest(course, questions, rejected)

    def _next(
        self,
        kept: list[Question],
        pool: list[int],
        neighbours: list[set[int]],
        documents: Counter[str],
        topics: Counter[str],
        keyed: Counter[str],
        keyed_by_topic: Counter[tuple[str, str]],
    ) -> int | None:
        """The next question of a pool: a true/false keyed as the fewest drawn so far (a test whose
        statements are nearly all 正确 is passed by ticking 正确), and so for its topic; then the one that rules
        out the fewest questions still to draw (so that the test gets its full length from material that states
        many facts twice), then from the least asked document and topic, else the pool's order."""
        if not pool:
            return None

        def rank(i: int) -> tuple[int, int, int, int, int, int]:
            """How soon question i is drawn: the balance of keys, and of keys per topic, fewest conflicts, least
            asked document and topic, pool order."""
            q = kept[i]
            tf = q.type == QuestionType.TRUE_FALSE
            balance = keyed[q.answers[0]] if tf else 0
            # 正确 for statements of who acts and 错误 for numbers changed would be a rule a test-wise reader follows
            # (round 21: right for 87 % of the statements): each key is drawn for each topic alike.
            mixed = keyed_by_topic[q.answers[0], q.topic] if tf else 0
            return (balance, mixed, len(neighbours[i]), documents[str(q.citations[0].ref.target)], topics[q.topic], i)

        best = min(pool, key=rank)
        pool.remove(best)
        return best


@dataclass(frozen=True)
class _Profile:
    """What `Generator.same_fact` compares of a question."""

    facts: frozenset[str]
    keys: frozenset[str]
    grounds: frozenset[str]
    asked: list[Facts]
    shown: Facts
    # Each asked value, its key and the telling words right before and after its blank (see `Corpus.beside`).
    blanks: tuple[tuple[str, str, str, str], ...]
    # Each number or frequency asked, and each one shown, as who does what (see `Generator._said`).
    told: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    said: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    # Each wrong number or frequency an option or a changed statement shows, as who does what (see `Generator._said`).
    offered: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    # The frequencies its titles state, and those it asks, each with its telling words (see `Generator._titled`).
    titled: tuple[tuple[str, frozenset[str]], ...]
    periods: tuple[tuple[str, frozenset[str]], ...]
    # The terms its sentences define (the glossary's, or an article's 民主评议党员是…), see `Generator._defined`.
    defines: frozenset[str]

    @property
    def neighbours(self) -> frozenset[str]:
        """Each asked value written with a telling word next to its blank (矿党委审批, 提前7日)."""
        return frozenset(
            text for value, _, before, after in self.blanks for text in (before + value, value + after) if text != value
        )

    @property
    def frames(self) -> frozenset[str]:
        """Each asked number's unit written with a telling word next to its blank (提前|日, 日|通知): what is
        said of a number of that unit, whatever its value."""
        found = set()
        for _, key, before, after in self.blanks:
            if _VALUE_KEY.match(key):
                unit = key.split("|")[1]
                found |= {f"{before}|{unit}" if before else "", f"{unit}|{after}" if after else ""}
        return frozenset(found - {""})


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
        # The terms a wrong option may be: the course's own, then those its material names.
        stated = {key[5:] for p in passages for key in generator.corpus.keys(p.text) if key.startswith("term:")}
        self.term_rivals = [*self.terms, *sorted(stated - set(self.terms))]
        self.flows = [ref.id for ref in refs if ref.kind == "flow"]
        self.lanes = {flow: list(model.flows[flow].meta.roles) for flow in model.flows}
        # A flow's documents: the regulations its steps rest on, where its deeds are given out too.
        self.bases = {
            flow.meta.id: list(
                dict.fromkeys(
                    str(parse_ref(text).target)
                    for text in [*flow.meta.basis, *(t for step in flow.meta.steps for t in step.basis)]
                )
            )
            for flow in model.flows.values()
        }

    def actors_for(self, slot: Slot, generator: Generator) -> list[tuple[str, str]]:
        """(name, id) of the actors that may stand against the slot's: same kind and group, and a hand in the deed's
        domain.

        The posts of the answer's unit come first, then the lanes of the step's flow (or of the sentence's
        flows), then those acting in its document (or in the regulations the flow rests on). An office
        acting only elsewhere (a 党校 for a transfer of membership, a 离退休职工管理科 for a fire check) is
        no credible answer. A body stands only against bodies one level above or below it (a 党小组 is no
        answer to what the 矿党委 does), and, for what is approved, none below it.
        """
        actors = generator.actors
        answer = actors.by_id[slot.key]
        # The posts of the answer's own unit first (团委书记 against 团支部书记), then the other lanes
        # of the step's flow, or the bodies of the sentence's flows, then who acts in its documents.
        unit = answer.unit if answer.kind == "岗位" else None
        near = [a.id for a in actors.by_id.values() if unit is not None and a.unit == unit]
        if slot.passage.origin == Origin.STEP:
            near += self.lanes[slot.passage.ref.id]
            documents = self.bases[slot.passage.ref.id]
        else:
            near += [a for f in slot.passage.flows if f in self.lanes and unit is None for a in self.lanes[f]]
            documents = [str(slot.passage.ref.target)]
        near += [a for d in documents for a in sorted(generator.corpus.doers.get(d, ()))]
        # A post's head noun (委员 of 组织委员) anywhere else in the sentence may make it right as well
        # (书记不能参加时，可以委托副书记或者委员召集): such a post is no wrong option.
        rest = slot.passage.text[: slot.start] + "　" + slot.passage.text[slot.end :]
        approving = any(word in segment(slot.passage.text, slot.start) for word in APPROVES)
        answerable = generator.answerable(slot, documents)
        found = []
        for actor_id in dict.fromkeys(near):
            other = actors.by_id.get(actor_id)
            if other is None or not _credible(other, answer, generator.corpus.serves, approving):
                continue
            if {other.id, other.home} & answerable:
                continue  # its document makes it answer for the matter the deed is part of (各区队负责组织…班组创建)
            if other.kind == "岗位" and other.names[-1][-2:] in rest:
                continue
            if "" != _series(actors, other) != _series(actors, answer) != "":
                continue  # a 党支部委员 where a 区队长 acts: a party office is told from a production post at sight
            found.append((_styled(other, slot.value), other.id))
        # Offices of the answer's own level first (区队长 against 班组长, 党支部书记 against 党总支书记).
        return sorted(found, key=lambda option: _levels_apart(actors.by_id[option[1]], answer))

    def rivals(self, slot: Slot) -> int:
        """How many other values of the slot's kind the course states (what a learner may confuse it with)."""
        if slot.kind.startswith("数量"):
            unit = slot.kind.split(":")[1]
            return len([n for n in self.numbers.get(unit, []) if f"{n:g}|{unit}" != slot.key])
        if slot.kind == "频次":
            return len(FREQUENCIES) - 1
        return len({a for f in self.flows for a in self.lanes[f]}) - 1


def _credible(other: Actor, answer: Actor, serves: set[frozenset[str]], approving: bool) -> bool:
    """Whether an actor is a credible wrong answer where `answer` is right: of its kind and group, no part
    of it, no stand-in or deputy for it, a body not levels apart (nor below it, for what it approves)."""
    if other.id == answer.id or other.kind != answer.kind or other.group != answer.group:
        return False
    if _place(other) != _place(answer):
        return False  # a store or a yard is where things are done, not who does them (爆炸物品库 beside 护矿队)
    if other.kin(answer) or frozenset((other.id, answer.id)) in serves:
        return False
    if any(a in b or b in a for a in other.names for b in answer.names):
        return False
    if other.title.replace("副", "") == answer.title.replace("副", ""):
        return False  # a deputy does what the head does when asked to (副书记 for 书记): either may be right
    levels_apart = abs(other.rank - answer.rank) > 1 or (approving and other.rank > answer.rank)
    if answer.group == "党组织" and levels_apart:
        return False
    # An office two levels from the answer's (党委书记 for what a 班组长 does) is told from the deed's own words.
    return answer.level is None or other.level is None or abs(other.level - answer.level) <= 1


def _place(actor: Actor) -> bool:
    """Whether a unit is a place (a store, a yard, a room) rather than a body of people."""
    return actor.kind != "岗位" and actor.title.endswith(_PLACES)


def _series(actors: Actors, actor: Actor) -> str:
    """The kind of unit an office heads or serves: the party's (its bodies and departments alike, 党委书记
    and 纪委书记), another group's (区队长, 班组长 of production units; 工会主席), or "" for what is no office or
    an office of no unit (分管副矿长), which stands against any."""
    if actor.home is None:
        return ""
    group = actors.by_id[actor.home].group
    return "党组织" if group in ("党组织", "部门:党务") else group


def _levels_apart(other: Actor, answer: Actor) -> int:
    """How many levels two offices stand apart; 0 for what is no office."""
    return 0 if other.level is None or answer.level is None else abs(other.level - answer.level)


def _bare(text: str, at: int) -> str:
    """The bare clause around position `at` (or its blank) of a text: between any punctuation, quotes and brackets."""
    at = len(text[:at].replace(BLANK, "□"))  # the blank's brackets end nothing
    text = text.replace(BLANK, "□")
    left = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    rights = [r for r in (text.find(mark, at) for mark in _CLAUSE_MARKS) if r >= 0]
    return text[left : min(rights, default=len(text))]


def _labelled(passage: Passage) -> bool:
    """Whether a step's time limit or frequency is told by its own label (“…按月考评…”这一环节的时限为“每月一次”;
    “…立即查明原因”这一环节的时限为“立即”; a length of the limit in the label): a statement of the step shows it
    as true by its own words, so the step makes no statement (true/false, multiple choice). Its blank is checked as
    any stem is (see `checks.stem_leaks`)."""
    step = _STEP_LABEL.match(passage.text)
    if passage.origin != Origin.STEP or step is None:
        return False
    label, rest = step.group(1), passage.text[step.end() :]
    limit = _TIME_LIMIT.search(rest)
    if limit is not None and limit.group(1) in label:
        return True
    # or one of its lengths (“…1个月内归入本人人事档案”这一环节的时限为“批准后1个月内”, round 21)
    if limit is not None and {k for *_, k in quantities(limit.group(1))} & {k for *_, k in quantities(label)}:
        return True
    return any(cue in label for _, _, value in frequencies(rest) for cue in CUES[value])


def _counted(key: str) -> bool:
    """Whether a value key is a number (7|日) or a frequency, not a post, body or term."""
    return bool(_VALUE_KEY.match(key)) or key in FREQUENCIES


def _told(
    asked: tuple[tuple[str, frozenset[str], frozenset[str]], ...],
    said: tuple[tuple[str, frozenset[str], frozenset[str]], ...],
) -> bool:
    """Whether a number or frequency asked is said elsewhere of the same post or body doing the same thing: the
    same key, a telling word of the deed and one who acts in common (see `Generator._said`); or said in the same
    bare clause, whoever acts (两个环节的时限都是“当场或15日内书面告知”: one shows the other's answer)."""
    return any(
        key == other
        and words & theirs
        and (who & whose or (min(len(words), len(theirs)) >= 2 and (words <= theirs or theirs <= words)))
        for key, words, who in asked
        for other, theirs, whose in said
    )


def _told_by_length(true: Sequence[str], false: Sequence[str | None]) -> bool:
    """Whether a multiple choice's true statements are each longer than every changed one by a clause (LONGER
    characters or more, as a step's 时限为“…” is), or each shorter: a test-wise reader ticks the longer ones, or
    leaves them (blind rounds 13 and 15)."""
    right, wrong = [len(text) for text in true], [len(text) for text in false if text]
    return bool(right and wrong) and (min(right) >= max(wrong) + LONGER or min(wrong) >= max(right) + LONGER)


def _odd_one_out(answer: str, wrong: Sequence[str]) -> str:
    """The ending every wrong option of a single choice shares and the answer lacks (委员 of 纪检委员, 组织委员 and
    宣传委员 against 党支部书记), or "": a test-wise reader picks the one option of another form (blind round 16)."""
    endings = {option[-2:] for option in wrong}
    return endings.pop() if len(wrong) > 1 and len(endings) == 1 and answer[-2:] not in endings else ""


def _one_planted(claims: Sequence[Claim]) -> bool:
    """Whether the changed statements of a multiple choice all carry one planted value (两句都改成“每周”): the
    two that say the same odd thing stand out together (blind round 15)."""
    planted = [claim.value for claim in claims]
    return len(planted) > 1 and len(set(planted)) == 1


def _hinted(
    offered: tuple[tuple[str, frozenset[str], frozenset[str]], ...],
    asked: tuple[tuple[str, frozenset[str], frozenset[str]], ...],
) -> bool:
    """Whether a wrong value one question shows is what another asks, said beside a telling word of its blank's
    bare clause (产假（42天…） changed in a statement, 怀孕满4个月流产的享受（　　）产假 asked): the learner meets the
    answer in the test, though as a wrong value (see `Generator._said`)."""
    return any(key == other and words & theirs for key, words, _ in offered for other, theirs, _ in asked)


def _unled(text: str, lead: str) -> str:
    """A stem without the opening that names its document (根据《…》，): a document's name says nothing of
    the fact. An opening naming the subject (发展对象的职责之一：, “推优”是指) stays: it is part of it."""
    return text.removeprefix(lead) if lead.startswith(("根据《", "在《", "下列")) else text


def _styled(actor: Actor, like: str) -> str:
    """The name of an actor written as the answer is (支部副书记 beside 支部书记, 党支部副书记 beside
    党支部书记): no option stands out by its form. Never longer than a fill-in's answer may be."""
    # Its title and the title's shortenings (支部副书记): an alias may name something else (党员安全岗).
    plain = re.sub(r"（[^）]*）", "", actor.title)
    names = [n for n in actor.names if len(n) <= LONGEST_FILL and (n == actor.title or _same_name(n, plain))]
    names = names or [actor.names[-1]]
    return max(names, key=lambda n: (n[0] == like[0], similarity(n, like), n == actor.title, -abs(len(n) - len(like))))


def _meeting_of(meeting: Actor, body: Actor) -> bool:
    """Whether an actor is a body's own meeting, which decides in its name: a meeting of the body named after it
    (党委会 of the 党委, 支委会 of the 支委). Not another organ of the body (支部委员会, 支部党员大会 of the 党支部):
    the procedures tell those apart (支部委员会审查; 支部党员大会讨论、表决)."""
    return meeting.kind == "会议" and meeting.unit == body.id and any(f"{n}会" in meeting.names for n in body.names)


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


def _by_unit(asked: list[Facts]) -> Facts:
    """The numbers asked, each by its unit alone (日 for 7|日) with the words said with it."""
    return {key.split("|")[1]: words for facts in asked for key, words in facts.items() if _VALUE_KEY.match(key)}


def _grounds(question: Question) -> set[str]:
    """The articles a question rests on: those it cites, and those its steps rest on."""
    return {str(c.ref) for c in question.citations if c.ref.kind == "reg"} | {
        ref for c in question.citations for ref in c.basis
    }


def _order(option: str, rng: random.Random) -> tuple[float, float]:
    """Options in the order exam papers give them: numbers ascending, frequencies from often to rare; others by
    the draw."""
    size = _size(option)
    return (size, 0.0) if size is not None else (0.0, rng.random())


def _size(option: str) -> float | None:
    """Where a number or a frequency stands among its kind (a frequency by how rare it is), else None.

    Frequencies first: 每半年 holds the quantity 半年, which would put it before 每月.
    """
    if option in FREQUENCIES:
        return float(FREQUENCIES.index(option))
    found = quantities(option)
    return float(found[0][3].split("|")[0]) if found else None


def _placed(value: str, wrong: list[tuple[str, str, float]], rng: random.Random) -> list[tuple[str, str, float]]:
    """Three of a number's or frequency's wrong values (nearest first): as many below the true one as the draw
    says, where each side has enough. Nearest on both sides put the key mostly in the middle of the ordered options
    (B or C: 24 of 28 in round 21), and one-sided ones at an end; drawn, it falls at every place alike."""
    here, sizes = _size(value), [_size(text) for text, _, _ in wrong]
    if here is None or None in sizes:
        return wrong[:WRONG]  # no order to place it in
    below = [w for w, size in zip(wrong, sizes, strict=True) if size is not None and size < here]
    above = [w for w, size in zip(wrong, sizes, strict=True) if size is not None and size > here]
    if len(below) + len(above) < WRONG:
        return wrong[:WRONG]
    count = rng.randint(max(0, WRONG - len(above)), min(WRONG, len(below)))
    return below[:count] + above[: WRONG - count]


def _as_lengths(facts: Facts) -> Facts:
    """Facts with each frequency also as the length of its period, and each such length as its frequency: 每年一次
    组织民主评议 and 对党员一年来的表现进行评价 state one fact (see `_PERIOD_LENGTHS`)."""
    found = dict(facts)
    for key, words in facts.items():
        for alike in _PERIOD_LENGTHS.get(key, ()):
            found[alike] = found.get(alike, frozenset()) | words
    return found


def _yearly_quota(slot: Slot, context: str, end: int) -> bool:
    """Whether a slot is the 每年 of a yearly quota: 每年至少举办1期, 每年…不少于32学时 (see `_QUOTA_AFTER`)."""
    return slot.kind == "频次" and slot.value == "每年" and _QUOTA_AFTER.match(context, end) is not None


def _spellings(slot: Slot) -> list[str]:
    """Every accepted way to write a number's or a frequency's value in a blank, the sentence's own first (who acts
    is never a fill-in's blank)."""
    if slot.kind == "频次":
        return list(FREQUENCY_SPELLINGS[slot.value])
    return quantity_spellings(slot.value)


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
    asked = sum(mix(test.course).values())
    # A short test is reported, not padded: the documents state no more distinct facts fit to ask.
    short = len(test.questions) < asked
    count = f"{len(test.questions)} of the {asked} asked" if short else str(len(test.questions))
    line = f"{count} questions ({mixed}), papers {letters}; {failed} candidates failed the checks"
    # What a maintainer can do about it: who does what is asked only of units and posts organisation/ describes.
    return line + (f"; short: {SHORT}" if short else "")
