"""The generator's own checks, run on every question before it is kept (and by the tests on every test).

- **stem leaks**: the keyed answer, or a distinctive part of any name it goes by (a character pair,
  or a rare character, no wrong option has: 团 of 团员 for 共青团, 公 of 公开 for 公示, 青 of 青年 for
  the 矿团委, which is also the 共青团), appears in the stem, or the same number in a unit of its kind
  (会前1个工作日 beside a blank keyed 1天); or the options give it away (the answer alone shares words with
  the stem, even one common word no other option has: 支部 of 支部书记 beside 组织委员; or it is far longer
  than every other option);
- **ambiguity**: a wrong option (or a false statement) is also true by some sentence of the whole
  handbook: a sentence that states that value and shares most of the question's telling words,
  or of the clause around the blank (a list's item with the list's head); a post's or body's own
  duties and summary state it even where they do not name it; a percentage that any sentence gives
  to the same rate (满意率, in a unit's goals too) is no wrong value of it; and a post never stands
  against one that the sources say may serve as it (副书记 可以担任 培养联系人);
- **evidence**: the keyed answer is found in the text the question cites;
- **same kind**: every option of a choice is the same kind of value (a number of working days
  among numbers of working days, a post among posts, a term among terms); no option is a question;
- **duplicates**: two questions ask one fact, or one shows what the other asks. A fact is a value
  with the rare words of the clause it is said in (5个工作日 with 公示), whatever the source: the
  glossary, a step or an article.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jieba.posseg

from handbook.export.selftest.slots import (
    CUES,
    FREQUENCIES,
    PERIODS,
    agents,
    comparable,
    equivalent,
    frequencies,
    number_of,
    quantities,
)
from handbook.export.selftest.sources import Actors, Origin, Passage
from handbook.model.handbook import Handbook

# Words that say nothing about which fact a sentence states, and the words a stem frames its sentence with.
_STOPWORDS = frozenset(
    {
        "应当",
        "可以",
        "进行",
        "一般",
        "以上",
        "以下",
        "按照",
        "根据",
        "本人",
        "有关",
        "以及",
        "或者",
        "并且",
        "其中",
        "其他",
        "情况",
        "工作",
        "规定",
        "要求",
        "及时",
        "认真",
        "负责",
        "做好",
        "开展",
        "组织",
        "全矿",
        "本矿",
        "党的",
        "必须",
        "不得",
        "不能",
        "需要",
        "方可",
        "相关",
        "各项",
        "每年",
        "每月",
        "这一",
        "环节",
        "时限",
    }
) | frozenset({"关于", "职责", "之一", "是指", "下列", "说法", "正确", "术语", "含义", "手册", "术语表"})
BLANK = "（　　）"  # where a stem's answer goes, as the learner reads it
# A list of numbers (and a blank) joined by 、 (80、90、（　　）), as `_in_series` reads it.
_SERIES = re.compile(rf"(?:(?:\d+(?:\.\d+)?|{re.escape(BLANK)})、)+(?:\d+(?:\.\d+)?|{re.escape(BLANK)})")
# The rate a percentage is of, right before it: 满意率 of 满意率低于85%, 参训率 of 参训率100%.
_RATE = re.compile(r"([\u4e00-\u9fff]{1,4}率)[^，；。\d]{0,4}$")
# Numbers, counts and frequencies are the values asked, never the words around them.
_NUMERAL = re.compile(rf"^(?:每|[\d.%一二两三四五六七八九十百千半]+[个次名人年月日天周期届]*|每(?:{PERIODS}))$")
# The share of a question's telling words (weighted by rarity) a sentence must state, with the wrong
# value, to make that value true as well. Set low on purpose: a rejected good option costs nothing.
SUPPORT = 0.4
# The same for the clause around the blank alone (党总支提出意见 of a long list of steps): fewer words,
# so more of them must be shared.
LOCAL_SUPPORT = 0.5
# A character of the answer in at most this share of all sentences is a cue where the stem has it
# (团 for 共青团, 青 for 青年委员); a term's definition may hold none of its title's characters but
# the commonest (公开 tells 公示, 会议 tells 组织生活会), only 党, 员 and the like.
CUE_CHAR = 0.1
TERM_CUE_CHAR = 0.3
# The share of the telling words said with a value (weighted by rarity, of the fewer) two texts must share
# to state one fact. Set low on purpose: a question dropped as a duplicate costs only a candidate.
MEET = 0.2
# How many telling words a clause must have to say what its value is about without the rest of its sentence.
CLAUSE_MARKS = 4
# A number stated in at most this share of all sentences is itself the fact, whatever it is said with.
RARE_VALUE = 0.003
# A value's key → the rare words said with it: the facts a text states or a blank asks.
Facts = dict[str, frozenset[str]]
# What two numbers said in one statement share (see `Corpus.asked`), and what such a number is.
TOGETHER = frozenset({"同句"})
_VALUE = re.compile(r"^(?:[\d.]+\|.+|每.+)$")
# How the names of posts and bodies end: what kind of post or body, not which one.
_HEADS = (
    "委员会",
    "办公室",
    "书记",
    "委员",
    "组长",
    "主席",
    "干事",
    "负责人",
    "领导",
    "主任",
    "大会",
    "中心",
    "党员",
    "团员",
    "人员",
    "群众",
    "分子",
    "对象",
    "代表",
    "长",
    "员",
    "人",
    "会",
    "部",
    "处",
    "科",
    "室",
    "委",
)
# Verbs that make one post another's stand-in (可以担任培养联系人, 由组织委员兼任).
_SERVES = re.compile(r"担任|兼任")
_SEGMENT_ENDS = "；。！？"
QUESTION_MARKS = ("？", "?")
# A character pair (or a word) found in more than this share of all sentences is no cue to anything.
COMMON = 0.05
# How many shifts a day is worked in: 分四个班, 三班倒, 四六制 (four shifts of six hours).
_SHIFTS = re.compile(r"([\d一二两三四五六])(?=个班|班[倒制轮]|[六八]制)")
# A word in more than this share of all sentences (检查, 落实, 考核) names no field of work: every office does it.
EVERY_OFFICE = 0.02
# A pair of words next to each other (调整 班次) names a deed when found in at most this share of all sentences:
# 提出 意见, 召开 会议 are said of everyone.
DEED_PAIRS = 0.002
# A word of a deed found in at most this share of all sentences tells what is done by itself (疏散, 事态, 报到).
RARE_DEED = 0.005
# Words that stand between a verb and its object without saying what is done (adverbs, 书面, 本单位, 是否), or
# say it of everything (完成, 情况, 问题): a deed is told by what is left (递交 入党申请书, 调整 班次).
_FILLER = frozenset(
    {"至少", "每次", "一次", "按时", "及时", "严格", "认真", "全面", "具体", "主动", "分别", "同时", "书面", "是否"}
    | {"有无", "单位", "本单位", "所在", "人员", "情况", "问题", "结果", "材料", "内容", "时间", "完成", "上级"}
    | {"工作日内", "开始", "进行", "按照", "相关", "有关", "并报", "报送", "提出", "意见", "研究", "确定", "讨论"}
)
# Words that open a sentence continuing another: out of its place, it lacks what it points back to.
_OPENERS = (
    "其中",
    "其",
    "该",
    "此",
    "上述",
    "前款",
    "前述",
    "同时",
    "并且",
    "但",
    "另外",
    "然后",
    "对此",
    "为此",
    "据此",
)
# An event of one or two characters the sentence is timed by, but does not name (受理后, 批复后, 会后, 讨论时;
# not 会议时间, 班前会, 会操前三名, 对班前…).
_AFTER_EVENT = re.compile(
    r"^(?![对在为把以按经因])[\u4e00-\u9fff]{1,2}(?:后|前|时)(?![间会一二三四五六七八九十期段候])"
)
# Words saying when or how often, that may open a sentence before its subject (每年, 年初, 一般, 原则上).
_WHEN = frozenset(
    {"每年", "每月", "每季度", "每半年", "每周", "每季", "年初", "年底", "年末", "一般", "原则上", "至少"}
)
# What a sentence opens with when it says what is done and leaves who does it to the sentences around it:
# the verbs of a plan (开展, 推行, 建立) and the prepositions that open a premise or a manner (对, 经, 根据).
_DOING = frozenset(
    {"开展", "推行", "实行", "建立", "设立", "组织", "加强", "围绕", "结合", "管好", "创新", "落实", "坚持", "完善"}
    | {"健全", "推进", "深化", "引导", "利用", "制定", "选拔", "评选", "举办", "召开", "编制", "确定", "做好", "抓好"}
    | {"用", "以", "把", "通过", "根据", "按", "按照", "依据", "依照", "经", "因", "对", "在", "为", "针对", "遇"}
    | {"遇有", "没有", "取得", "围绕", "聚焦", "突出", "强化", "注重", "鼓励", "支持", "督促", "指导"}
    | {"会同", "配合", "协助", "协同", "联合"}
)
# A frequency opening a sentence, before its subject or in place of it (每季度会同…, 每月至少…).
_OPENING_WHEN = re.compile(rf"^(?:（　　）|＿＿＿＿|每(?:{PERIODS}))(?:至少|定期|不少于)?")
# A day that comes once a year: a calendar date (12月2日), a holiday, a national or world day (“全国交通安全日”,
# 国际禁毒日). A clause tied to one says 每年 by itself; any other frequency beside it is wrong on its face.
_ONCE_A_YEAR = re.compile(
    r"\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|元旦|春节|清明节|端午|中秋|国庆|重阳|“[七八五]一”|[七八五]一[前后期]|建党节|建军节|劳动节|青年节|妇女节|儿童节"
    r"|(?:全国|国际|世界|国家)[\u4e00-\u9fff]{1,10}?(?:日|节|周|月)|纪念日|周年"
)
# A flow step as a sentence: its label first (see `sources.step_text`).
_STEP = re.compile(r"^“(.+?)”这一环节")


@dataclass(frozen=True)
class Claim:
    """What a wrong option (or a false statement) asserts: a sentence, and the value that makes it wrong."""

    text: str
    value: str  # as written in the text
    key: str  # the value's key (5|工作日, 每月, an actor id, term:<id>)
    truth: str = ""  # the key of the value the source states, where a number or a frequency was changed
    statement: bool = False  # a changed statement (true/false, multiple choice), not an option of a single choice


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the statements of a sentence: between ；or 。 outside quotes and brackets."""
    depth, cuts = 0, [-1]
    for index, char in enumerate(text):
        depth += 1 if char in "“（《" else -1 if char in "”）》" else 0
        if char in _SEGMENT_ENDS and depth <= 0:
            cuts.append(index)
    cuts.append(len(text))
    return [(left + 1, right) for left, right in itertools.pairwise(cuts) if right > left + 1]


def _headed(text: str, start: int, end: int) -> str:
    """A statement, with the head of the list it is an item of (the sentence up to its first ：) if any."""
    head = text[:start].split("：")[0] if "：" in text[:start] else ""
    return (head + "：" if head else "") + text[start:end]


def clause(text: str, at: int) -> str:
    """The clause of a sentence holding position `at`: between ，；：。 outside quotes and brackets."""
    depth, left, right = 0, 0, len(text)
    for index, char in enumerate(text):
        depth += 1 if char in "“（《" else -1 if char in "”）》" else 0
        if char in "，；：。！？" and depth <= 0:
            if index < at:
                left = index + 1
            else:
                right = index
                break
    return text[left:right]


def segment(text: str, at: int) -> str:
    """The statement of a sentence that holds position `at`, with its list's head.

    An item of a list (预备党员转正的程序是：本人提出书面申请；党小组提出意见；…) comes with the
    list's head, which says what it is about.
    """
    start, end = next(((s, e) for s, e in _pieces(text) if s <= at < e), (0, len(text)))
    return _headed(text, start, end)


def bigrams(text: str) -> set[str]:
    """The character pairs of a text, punctuation left out."""
    letters = re.sub(r"[\W_]", "", text)
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def similarity(a: str, b: str) -> float:
    """How alike two short texts look (Dice coefficient of their character pairs)."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


class Corpus:
    """Every sentence of the handbook, cut into words, with the values each one states."""

    def __init__(self, model: Handbook, passages: Sequence[Passage], actors: Actors) -> None:
        self.model = model
        self.actors = actors
        self.passages = list(passages)
        self._tokens: dict[str, tuple[str, ...]] = {}  # memos: the same texts are looked at again and again
        self._cut: dict[str, frozenset[str]] = {}
        self._stated: dict[str, frozenset[str]] = {}
        self._shown: dict[str, Facts] = {}
        self._words = [self.words(p.text) for p in self.passages]
        counts = Counter(word for words in self._words for word in words)
        total = len(self.passages)
        self._idf = {word: math.log((total + 1) / (count + 0.5)) for word, count in counts.items()}
        self._everyday_work = {word for word, count in counts.items() if count > EVERY_OFFICE * total}
        self._default_idf = math.log(total + 1)
        terms = model.terms.values()
        self.term_names = {t.meta.id: (t.meta.title, *(a.strip("“”") for a in t.meta.aliases)) for t in terms}
        self._stating: dict[str, list[int]] = {}  # value key → the sentences stating it
        self._posting: dict[str, list[int]] = {}  # word → the sentences holding it
        for index, passage in enumerate(self.passages):
            for key in self.stated(passage):
                self._stating.setdefault(key, []).append(index)
            for word in self._words[index]:
                self._posting.setdefault(word, []).append(index)
        pairs = Counter(pair for p in self.passages for pair in bigrams(p.text))
        self._common = {pair for pair, count in pairs.items() if count > COMMON * total}
        self._terms: dict[str, frozenset[str]] = {}  # memo of `_search`
        found = Counter(term for p in self.passages for term in self._search(p.text))
        self._mark_idf = {term: math.log((total + 1) / (count + 0.5)) for term, count in found.items()}
        self._usual = {term for term, count in found.items() if count > COMMON * total}
        chars = Counter(char for p in self.passages for char in set(p.text))
        self._char_share = {char: count / max(total, 1) for char, count in chars.items()}
        self.serves = self._serving()
        self._paired: dict[str, frozenset[tuple[str, str]]] = {}  # memo of `_pairs`
        self._pair_count = Counter(pair for p in self.passages for pair in self._pairs(p.text))
        self._acts = self._acting()
        self._busy: dict[str, frozenset[str]] = {}  # memo of `busy`
        # Document → the posts and bodies acting in it: who may credibly be said to do one of its deeds.
        self.doers: dict[str, set[str]] = {}
        for actor, entries in self._acts.items():
            for index, _ in entries:
                self.doers.setdefault(str(self.passages[index].ref.target), set()).add(actor)
        self._posseg: jieba.posseg.POSTokenizer | None = None  # part-of-speech tagging, loaded when first needed

    def stated(self, passage: Passage) -> frozenset[str]:
        """The values a sentence states; a post's or body's duties and summary state it too, unnamed."""
        own = {passage.ref.id} if passage.origin in (Origin.DUTY, Origin.PROFILE) else set()
        return self.keys(passage.text) | own

    def _serving(self) -> set[frozenset[str]]:
        """Pairs of posts or bodies one of which the sources say may serve as the other (担任, 兼任)."""
        found: set[frozenset[str]] = set()
        for passage in self.passages:
            own = [passage.ref.id] if passage.origin in (Origin.DUTY, Origin.PROFILE) else []
            for clause in re.split(r"[，；。]", passage.text):
                if _SERVES.search(clause):
                    ids = set(own) | {actor for *_, actor in self.actors.find(clause)}
                    found |= {frozenset((a, b)) for a in ids for b in ids if a < b}
        return found

    def _acting(self) -> dict[str, list[tuple[int, frozenset[tuple[str, str]]]]]:
        """Actor id → (sentence, what it does there) for every sentence naming who does what: an article's or an
        activity's agent (矿纪委组织廉政法规测试, 由区队调整班次), a step's lane, each clause of a post's or
        body's duties (which do not name it), and each item of a list whose head names who does the items
        (矿纪委…具体负责：组织廉政党课、警示教育、廉政法规测试…)."""
        found: dict[str, list[tuple[int, frozenset[tuple[str, str]]]]] = {}
        head: tuple[str, list[str]] = ("", [])  # the source and agents of the list being read
        for index, passage in enumerate(self.passages):
            named = agents(passage.text, self.actors)
            for start, _, actor in named:
                found.setdefault(actor, []).append((index, self.deed(passage.text, start)))
            doers = [passage.ref.id] if passage.origin == Origin.DUTY else []
            if passage.alone or passage.text.endswith(("：", ":")):
                head = (passage.key.split("/")[0], [a for *_, a in named])
            elif head[0] == passage.key.split("/")[0] and passage.origin != Origin.GOAL:
                doers += head[1]  # an item of a list whose head says who does it (a goal is no such item)
            for piece in re.split(r"[，；。]", passage.text):
                found.update({a: [*found.get(a, []), (index, self._pairs(piece))] for a in doers})
        return found

    def busy(self, actor: str) -> frozenset[str]:
        """The words of every deed an actor does anywhere in the handbook (see `_acting`) that name a field of
        work (勤务, 志愿书; not 检查 or 落实, which every office does)."""
        if actor not in self._busy:
            words = {w for _, pairs in self._acts.get(actor, ()) for pair in pairs for w in pair}
            self._busy[actor] = frozenset(words - self._everyday_work)
        return self._busy[actor]

    def deed(self, text: str, at: int) -> frozenset[tuple[str, str]]:
        """What the one named at `at` does: a step's label (“…”这一环节由X负责), else the clause naming it, as
        the pairs of telling words next to each other in it (调整 班次, 廉政 法规)."""
        step = _STEP.match(text)
        if step and at > step.end(1):
            return self._pairs(step.group(1))
        return self._pairs(clause(text, at))

    def pairs(self, piece: str) -> frozenset[tuple[str, str]]:
        """The pairs of telling words next to each other in a piece of text (see `_pairs`)."""
        return self._pairs(piece)

    def _pairs(self, piece: str) -> frozenset[tuple[str, str]]:
        """The pairs of telling words next to each other in a piece of text, across filler (调整 班次 of 并调整
        班次; 廉政 法规 of 廉政法规测试), the commonest pairs left out (提出 意见 says nothing of what about)."""
        if piece not in self._paired:
            # Names of posts and bodies are left out too: who is told by the name, what is done by the rest
            # (两名正式党员作入党介绍人 is the same whoever has or names them).
            names = {word for *_, actor in self.actors.find(piece) for word in self.name_words(actor)}
            words = [
                w
                for w in self.tokens(piece)
                if len(w) >= 2 and w not in _STOPWORDS and w not in _FILLER and w not in names
            ]
            words = [w for w in words if not _NUMERAL.match(w)]
            self._paired[piece] = frozenset(itertools.pairwise(words))
        return self._paired[piece]

    def rated(self, claim: Claim) -> Passage | None:
        """A sentence giving the claim's percentage to the same rate (满意率低于90% beside a unit's goal
        满意率不低于90%), if any: a learner who read that sentence would take the value for the answer.

        A rate is named by one word (满意率, 参训率), so this asks less of the sentence than `support`.
        """
        at = claim.text.find(claim.value)
        found = _RATE.search(claim.text, 0, at) if claim.key.endswith("|%") and at > 0 else None
        if found is None:
            return None
        rate = found.group(1)
        return next((self.passages[i] for i in self._stating.get(claim.key, ()) if rate in self.passages[i].text), None)

    def acted(self, claim: Claim) -> Passage | None:
        """A sentence giving what a claim says its post or body does to that post or body (or to an organ or
        post acting for it: 党委会 for 矿党委, 纪委书记 for 纪委), if any.

        A changed statement is judged as a whole, so one rare word of the deed among what the actor does
        makes it true as well: a 护矿队 that 按预案执行警戒和疏散任务 may well 劝导疏散.
        """
        at = claim.text.find(claim.value)
        if at < 0 or claim.key not in self.actors.by_id:
            return None
        done = self.deed(claim.text, at)
        deed = self._telling(done)
        words = self._rare_words(done) if claim.statement else frozenset()
        for actor, entries in self._acts.items():
            other = self.actors.by_id[actor]
            if actor != claim.key and not (other.kind != "组织" and claim.key in other.family):
                continue
            for index, pairs in entries:
                if deed & pairs or words & self._rare_words(pairs):
                    return self.passages[index]
        return None

    def _rare_words(self, pairs: frozenset[tuple[str, str]]) -> frozenset[str]:
        """The words of a deed's pairs said in few sentences (疏散, 事态): each tells what is done."""
        most = RARE_DEED * len(self.passages)
        return frozenset(w for pair in pairs for w in pair if len(self._posting.get(w, ())) <= most)

    def _telling(self, pairs: frozenset[tuple[str, str]]) -> frozenset[tuple[str, str]]:
        """The pairs said in few sentences: what one deed is (调整班次), not a common turn (提出意见)."""
        return frozenset(pair for pair in pairs if self._pair_count.get(pair, 0) <= DEED_PAIRS * len(self.passages))

    def fragment(self, text: str) -> str:
        """Why a sentence cannot be read on its own, or "": it opens with a word pointing back (其中, 同时, 该),
        or at an event it does not name (受理后, 批复后, 会后), or names no one who acts and opens with what is
        done (开展…, 对…, 经矿党委批准，可以…) or when (每年评选表彰…, 年初制定计划): its subject is in
        another sentence."""
        if text.startswith(_OPENERS):
            return f"“{text[:4]}…” points back to a sentence the question does not show"
        if _AFTER_EVENT.match(text):
            return f"“{text[:4]}…” is timed by an event the sentence does not name"
        if agents(text, self.actors) or re.search(r"由[^，；。]{1,12}?(?:负责|组织|审批|批准|确定|决定|召集)", text):
            return ""  # who acts is said
        if self._posseg is None:
            self._posseg = jieba.posseg.POSTokenizer(self.model.segmenter.tokenizer)
        first = re.split(r"[，；：。]", text)[0]
        when = _OPENING_WHEN.match(first)  # 每季度, 每月至少: how often, not who (jieba cuts 每 from 季度)
        first = first[when.end() :] if when else first
        tokens = [(pair.word, pair.flag) for pair in self._posseg.cut(first) if pair.word.strip()]
        lead = 0
        while lead < len(tokens) and (tokens[lead][0] in _WHEN or tokens[lead][1] in ("t", "d", "m", "q")):
            lead += 1  # 每年, 年初, 一般, 至少: when and how, not who
        if lead == len(tokens):
            return f"“{first}” has no subject"
        word, flag = tokens[lead]
        if word in _DOING or ((lead or when) and flag == "v"):
            return f"“{first}” has no subject before “{word}”"
        return ""

    def char_share(self, char: str) -> float:
        """The share of all sentences holding a character (党 is in nearly half, 团 in few)."""
        return self._char_share.get(char, 0.0)

    def tokens(self, text: str) -> tuple[str, ...]:
        """A text cut into words by the handbook's segmenter, in order (cut once: `words` and `pairs` both ask)."""
        if text not in self._tokens:
            self._tokens[text] = tuple(word for word, _, _ in self.model.segmenter.tokenize(text))
        return self._tokens[text]

    def words(self, text: str) -> frozenset[str]:
        """The telling words of a text: two characters or more, no numbers, no filler."""
        if text not in self._cut:
            self._cut[text] = frozenset(
                w for w in self.tokens(text) if len(w) >= 2 and w not in _STOPWORDS and not _NUMERAL.match(w)
            )
        return self._cut[text]

    def keys(self, text: str) -> frozenset[str]:
        """The values a text states: quantities, frequencies, actors and terms."""
        if text not in self._stated:
            self._stated[text] = frozenset(self._keys_of(text))
        return self._stated[text]

    def _keys_of(self, text: str) -> set[str]:
        """The values a text states, worked out."""
        found = {key for *_, key in quantities(text)}
        found |= {f for f in FREQUENCIES if f in text and not (f == "每年" and "每半年" in text and text.count(f) == 1)}
        found |= {actor for *_, actor in self.actors.find(text)}
        found |= {f"term:{t}" for t, names in self.term_names.items() if any(n in text for n in names)}
        return found

    def rare(self, pair: str) -> bool:
        """Whether a character pair is telling: it occurs in few sentences (党员 and 支部 are everywhere)."""
        return pair not in self._common

    def weight(self, words: Iterable[str]) -> float:
        """The summed rarity of words."""
        return sum(self._idf.get(word, self._default_idf) for word in words)

    def support(self, claim: Claim) -> Passage | None:
        """A sentence of the handbook stating the claim's value with most of the telling words of the
        claim, or of the clause around the value, if any."""
        found = self._support(claim.text, claim, SUPPORT)
        at = claim.text.find(claim.value)
        local = segment(claim.text, at) if at >= 0 else claim.text
        if found is None and local != claim.text:
            found = self._support(local, claim, LOCAL_SUPPORT)
        return found

    def _support(self, text: str, claim: Claim, share: float) -> Passage | None:
        """A sentence stating the claim's value with `share` of the telling words of `text` around it."""
        context = self.words(text.replace(claim.value, " ")) - self.words(claim.value) - self.name_words(claim.key)
        total = self.weight(context)
        if total == 0:
            return None
        for index in self._stating.get(claim.key, ()):
            passage, words = self.passages[index], self._words[index]
            shared = context & words
            if len(shared) >= 2 and self.weight(shared) / total >= share:
                return passage
        return None

    def _search(self, text: str) -> frozenset[str]:
        """The words of a text with the parts of its long words (团组织推优: 团组织, 推优), no numbers, no filler."""
        if text not in self._terms:
            tokens = (word for word, _, _ in self.model.segmenter.tokenize(text, mode="search"))
            self._terms[text] = frozenset(
                w for w in tokens if len(w) >= 2 and w not in _STOPWORDS and not _NUMERAL.match(w)
            )
        return self._terms[text]

    def marks(self, text: str) -> frozenset[str]:
        """The telling words of a text, long words with their parts: what it is about, however it is cut
        (团组织推优 and 团组织…推优 share 团组织 and 推优); none found in one sentence in twenty."""
        return self._search(text) - self._usual

    def mark_weight(self, marks: Iterable[str]) -> float:
        """The summed rarity of telling words (see `marks`)."""
        return sum(self._mark_idf.get(mark, self._default_idf) for mark in marks)

    def name_marks(self, key: str) -> frozenset[str]:
        """The telling words of the names a value key goes by: no cue to what is said of it."""
        if key.startswith("term:"):
            names: tuple[str, ...] = self.term_names.get(key[5:], ())
        else:
            actor = self.actors.by_id.get(key)
            names = actor.names if actor is not None else ()
        return frozenset(mark for name in names for mark in self._search(name))

    def names_of(self, key: str) -> tuple[str, ...]:
        """Every name a value key goes by: a post's or body's title and aliases, a term's title and aliases."""
        if key.startswith("term:"):
            return self.term_names.get(key[5:], ())
        actor = self.actors.by_id.get(key)
        return actor.names if actor is not None else ()

    def all_names(self, key: str, value: str = "") -> tuple[str, ...]:
        """Every name a value key goes by (see `names_of`), with the aliases of the glossary terms one of them is the
        title or an alias of (the 护矿队 is also the 经济民警 by its term)."""
        names = [*([value] if value else []), *self.names_of(key)]
        for term in self.term_names.values():
            if any(name in term for name in names):
                names += term
        return tuple(dict.fromkeys(names))

    def name_words(self, key: str) -> frozenset[str]:
        """The words of the names a value key goes by (a term's or an actor's): no cue to what is said of it."""
        if key.startswith("term:"):
            names: tuple[str, ...] = self.term_names.get(key[5:], ())
        else:
            actor = self.actors.by_id.get(key)
            names = actor.names if actor is not None else ()
        return frozenset(w for name in names for w in self.words(name))

    def similar(self, words: frozenset[str], share: float) -> list[Passage]:
        """The sentences holding at least two of `words` and `share` of their weight."""
        total = self.weight(words)
        counts = Counter(index for word in words for index in self._posting.get(word, ()))
        found = []
        for index, count in counts.items():
            shared = words & self._words[index]
            if count >= 2 and total and self.weight(shared) / total >= share:
                found.append(self.passages[index])
        return found

    def _places(self, text: str) -> list[tuple[int, str]]:
        """(position, key) of every value a text states."""
        found = [(start, key) for start, _, _, key in quantities(text)]
        found += [(start, value) for start, _, value in frequencies(text)]
        found += [(start, actor) for start, _, actor in self.actors.find(text)]
        for term, names in self.term_names.items():
            found += [(text.find(name), f"term:{term}") for name in names if name in text]
        return found

    def around(self, text: str, at: int, key: str, tight: bool) -> frozenset[str]:
        """The telling words a value is said with, but those of its own names: those of its statement, or
        (`tight`, for what a blank asks) of its clause (each item of 每年召开一次组织生活会、开展一次民主
        评议党员 asks one fact) unless the clause says little more than the value (时限为“5个工作日”)."""
        own = self.name_marks(key)
        near = self.marks(clause(text, at)) - own if tight else frozenset()
        return near if len(near) >= CLAUSE_MARKS else self.marks(segment(text, at)) - own

    def _together(self, text: str, at: int, key: str) -> Facts:
        """The pairs a number or frequency makes with the others of its statement: 3天 with 24学时 is one
        fact, whichever of the two is blanked."""
        piece = segment(text, at)
        found = {k for *_, k in quantities(piece)} | {f for *_, f in frequencies(piece)}
        if not _VALUE.match(key):
            return {}
        return {"&".join(sorted((key, other))): TOGETHER for other in found if other != key and _VALUE.match(other)}

    def asked(self, masked: str, key: str, blank: str) -> Facts:
        """The fact a blank asks: its value's key with the rare words of its clause, and with the other
        numbers of its statement."""
        at = masked.find(blank)
        if at < 0:
            return {}
        return {key: self.around(masked, at, key, tight=True), **self._together(masked, at, key)}

    def shown(self, text: str) -> Facts:
        """The facts a text states: each value's key with the rare words of its statement, and each pair
        of numbers said together."""
        if text not in self._shown:
            found: dict[str, set[str]] = {}
            for at, key in self._places(text):
                found.setdefault(key, set()).update(self.around(text, at, key, tight=False))
                for pair, words in self._together(text, at, key).items():
                    found.setdefault(pair, set()).update(words)
            self._shown[text] = {key: frozenset(words) for key, words in found.items()}
        return self._shown[text]

    def meets(self, a: Facts, b: Facts) -> bool:
        """Whether two sets of facts share one: a value said with much the same rare words in both, or a
        number the handbook hardly ever states (28周岁 of 推优 and of 团籍: one shows the other's answer)."""
        for key, words in a.items():
            if key in b and len(self._stating.get(key, ())) <= RARE_VALUE * len(self.passages) and "|" in key:
                return True
            shared = words & b.get(key, frozenset())
            if shared and self.mark_weight(shared) >= MEET * min(self.mark_weight(words), self.mark_weight(b[key])):
                return True
        return False

    def beside(self, masked: str, blank: str) -> tuple[str, str]:
        """The telling words right before and after a blank ("" where there is none): 审批 of （　　）审批未被
        批准的, 提前 and 通知 of 提前（　　）通知. The value written with one of them is what the blank asks."""
        at = masked.find(blank)
        if at < 0:
            return "", ""
        before = [w for w, _, _ in self.model.segmenter.tokenize(masked[:at])]
        after = [w for w, _, _ in self.model.segmenter.tokenize(masked[at + len(blank) :])]
        return (
            before[-1] if before and self.words(before[-1]) else "",
            after[0] if after and self.words(after[0]) else "",
        )

    def joins(self, key: str, one: frozenset[str], other: frozenset[str]) -> bool:
        """Whether a statement names the actor `key` with rare words of both deeds, `one` and `other` (党支部
        负责党费的收缴、登记和上缴，由组织委员具体经办): then the two deeds are one fact of it."""
        for index in self._stating.get(key, ()):
            text = self.passages[index].text
            for at, _, actor in self.actors.find(text):
                marks = self.marks(segment(text, at)) if actor == key else frozenset()
                if marks & one and marks & other:
                    return True
        return False

    def overlap(self, a: str, b: str) -> float:
        """How much of the telling words two texts share (weighted by rarity, of the smaller)."""
        x, y = self.words(a), self.words(b)
        smaller = min(self.weight(x), self.weight(y))
        return self.weight(x & y) / smaller if smaller else 0.0


def option_kinds(text: str, actors: Actors, corpus: Corpus) -> set[str]:
    """The kinds of value an option may be, read from the option alone (入党介绍人 is a post and a term)."""
    kinds = set()
    found = quantities(text)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text):
        kinds.add("数量:" + found[0][3].split("|")[1])
    if text in FREQUENCIES:
        kinds.add("频次")
    named = actors.find(text)
    if len(named) == 1 and named[0][:2] == (0, len(text)):
        kinds.add(actors.kind(named[0][2]))
    if any(text in names for names in corpus.term_names.values()):
        kinds.add("术语")
    return kinds or {"陈述"}


# Deeds done once a year by custom, everywhere (述职, 民主生活会): everyone knows how often (rounds 20, 21).
_BY_CUSTOM = {"每年": ("述职", "述责述廉", "民主生活会", "民主评议")}
# The period a stem's word names, as the lengths it is (发现当日，最迟不超过（　　）: 24小时). Anywhere in the stem, not
# only in the blank's clause: there 当日 was in the clause before.
_THIS_PERIOD = {
    "当日": ("24|小时", "1|日"),
    "当天": ("24|小时", "1|日"),
    "当周": ("1|周", "7|日"),
    "当月": ("1|个月",),
    "当年": ("1|年", "12|个月"),
}
# Ages everyone knows, and where: 年满18周岁, the age of adulthood (round 25: 护矿队员应当年满18周岁); 28周岁, the
# Youth League's (团员 over 28 leave it; rounds 20, 26).
_KNOWN_AGES = {"18|周岁": "年满" + re.escape(BLANK), "28|周岁": "团"}
# “（　　）来的表现” is “一年来” by the set phrase (rounds 20, 21).
_PAST_YEAR = _THIS_PERIOD["当年"]


def stem_leaks(shown: str, lead: str, value: str, key: str, wrong: Sequence[str], corpus: Corpus) -> list[str]:
    """Why a text a learner reads (with `value` blanked) gives `value` away; empty if it does not.

    `lead` is the stem's opening naming the document (根据《发展党员工作规则》，): it may name the
    answer outright, but its words are no cue. `wrong` are the other options of a single choice.
    """
    found = []
    if value in shown or key in corpus.keys(shown):
        return [f"the stem states the answer “{value}”"]
    if value in FREQUENCIES:
        cues = [cue for cue in (*CUES[value], *_BY_CUSTOM.get(value, ())) if cue in shown]
        if cues:
            return [f"the stem tells the frequency “{value}” by “{cues[0]}”"]
        # A clause tied to a day of the year (结合“全国交通安全日”（12月2日）) is yearly by its own words.
        at = shown.find(BLANK)
        dated = _ONCE_A_YEAR.search(clause(shown, at) if at >= 0 else shown)
        return [f"the stem names “{dated.group(0)}”, which comes once a year"] if dated else []
    if quantities(value):
        if _in_series(shown, key):
            return [f"the blank completes a series of numbers with “{value}”"]
        known = _KNOWN_AGES.get(key)
        if known and re.search(known, shown):
            return [f"“{value}” here is an age everyone knows"]
        if _one_or_next(shown, key):
            return [f"“{value}或者…” pairs two running numbers: the stem shows the other"]
        if BLANK + "来" in shown and key in _PAST_YEAR:
            return [f"“{value}来” is a set phrase"]
        if _per_shift(shown, key):
            return [f"the day's 24 hours over the shifts the stem names give “{value}”"]
        this = next((word for word, lengths in _THIS_PERIOD.items() if key in lengths and word in shown), None)
        if this:
            return [f"the stem's “{this}” is the answer “{value}”"]
        # The same length in another unit said beside the blank (不少于3天（或（　　））: 24学时) is the answer; the
        # same number in a unit of its kind (会前1个工作日发出通知 beside 会前（　　）送达: 1天) all but gives it.
        told = [v for *_, v in quantities(shown) if equivalent(key, v)]
        if told:
            return [f"the stem states “{told[0]}”, the answer “{value}” in another unit"]
        near = [shown[start:end] for start, end, _, v in quantities(shown) if comparable(key, v)]
        if near:
            return [f"the stem states “{near[0]}”, the answer “{value}”'s number in a unit of its kind"]
        # A number of the same unit the stem shows between the answer and a wrong option (在（　　）以前… 毕业生可放宽
        # 至24周岁: the answer is below 24, so 25周岁 is out) leaves fewer options than are offered.
        unit, number = key.split("|")[1], float(key.split("|")[0])
        for start, end, _, bound in quantities(shown, ends=True):
            if bound.endswith(f"|{unit}"):
                limit = float(bound.split("|")[0])
                apart = [
                    w
                    for w in wrong
                    for *_, k in quantities(w)[:1]
                    if (float(k.split("|")[0]) - limit) * (number - limit) < 0
                ]
                if apart:
                    return [f"the stem's “{shown[start:end]}” sets the answer “{value}” apart from “{apart[0]}”"]
        return []
    # The document's title naming the answer by any name (《经济民警管理》 for the 护矿队, 经济民警 by its glossary
    # term) tells it, unless it names a wrong option as well.
    title = [n for n in corpus.all_names(key, value) if len(n) >= 2 and n in lead]
    if title and not any(w in lead for w in wrong):
        found.append(f"the stem's document title names the answer “{value}” (“{title[0]}”)")
    others = set().union(*(bigrams(w) for w in wrong)) if wrong else set()
    body = shown.removeprefix(lead)
    # The answer by every name it goes by (共青团 and 共青团一矿委员会 for 团委): a stem saying 青年 tells 团委
    # as much as one saying 团员 does.
    names = list(dict.fromkeys([value, *corpus.all_names(key, value)]))
    pairs = {pair: name for name in reversed(names) for pair in bigrams(name)}
    telling = sorted(pair for pair in set(pairs) - others if pair in body and corpus.rare(pair))
    if telling:
        named = f"“{value}”" + ("" if pairs[telling[0]] == value else f" (“{pairs[telling[0]]}”)")
        found.append(f"the stem holds “{telling[0]}” of the answer {named} and of no other option")
    term = key.startswith("term:")
    limit = TERM_CUE_CHAR if term else CUE_CHAR
    # A post's or body's head (书记, 委员会) names what it is, not which: 书 of 志愿书 is no cue to 支部书记.
    heads = ["" if term else next((h for h in _HEADS if name.endswith(h)), "") for name in names]
    distinct = "".join(name.removesuffix(head) for name, head in zip(names, heads, strict=True))
    distinct = "".join(char for char in distinct if char not in "".join(heads))  # 书 of 支书 is 书记's too
    letters = [
        char
        for char in dict.fromkeys(distinct)
        if "\u4e00" <= char <= "\u9fff"
        and char in body
        and corpus.char_share(char) <= limit
        and not any(char in w for w in wrong)
    ]
    if letters:
        found.append(f"the stem holds “{letters[0]}” of the answer “{value}” (by any name) and no other option does")
    if wrong:
        share = {option: len(bigrams(option) & bigrams(body)) for option in [value, *wrong]}
        if (share[value] >= 2 and all(share[value] > share[w] for w in wrong)) or (
            share[value] and not any(share[w] for w in wrong)
        ):
            found.append(f"only the answer “{value}” shares words with the stem")
        if len(value) >= 1.6 * max(map(len, wrong)) and len(value) - max(map(len, wrong)) >= 5:
            found.append(f"the answer “{value}” is far longer than every other option")
    return found


def _in_series(shown: str, key: str) -> bool:
    """Whether a blank stands in a list of numbers that steps evenly to its own (80、90、（　　）周岁: 100; 一等奖1名、
    二等奖（　　）、三等奖3名: 2; 3000元以下交0.5%，3000至5000元交（　　），…交1.5%，…交2%: 1%): the pattern fills it,
    whatever the learner knows."""
    number, unit = float(key.split("|")[0]), key.split("|")[1]
    for found in _SERIES.finditer(shown):
        if _even([float(n) if n != BLANK else number for n in found.group(0).split("、")]):
            return True
    at = shown.find(BLANK)
    if at < 0:
        return False
    # The items or clauses of its sentence each holding one number of its unit (or the blank), next to each other
    # around the blank (rounds 17 and 23).
    start = max(shown.rfind(mark, 0, at) for mark in "；。") + 1
    ends = [end for end in (shown.find(mark, at) for mark in "；。") if end >= 0]
    items = re.split(r"[、，]", shown[start : min(ends, default=len(shown))])
    values: list[float | None] = []
    for item in items:
        numbers = [k for *_, k in quantities(item, ends=True) if k.endswith(f"|{unit}")]
        values.append(number if BLANK in item else float(numbers[0].split("|")[0]) if len(numbers) == 1 else None)
    first = last = next(index for index, item in enumerate(items) if BLANK in item)
    while first > 0 and values[first - 1] is not None:
        first -= 1
    while last + 1 < len(values) and values[last + 1] is not None:
        last += 1
    return _even([v for v in values[first : last + 1] if v is not None])


def _one_or_next(shown: str, key: str) -> bool:
    """Whether the blank and a number of its unit are two running whole numbers joined by 或者 (留党察看期限为
    （　　）或者两年: 一年, round 26): the pair is said as one, and its other half is in the stem."""
    number, unit = float(key.split("|")[0]), key.split("|")[1]
    blank = re.escape(BLANK)
    pair = re.search(rf"{blank}或者?([^，；。、]{{1,8}})|([^，；。、]{{1,8}})或者?{blank}", shown)
    if pair is None or number != int(number):
        return False
    other = quantities(pair.group(1) or pair.group(2))
    return any(k.endswith(f"|{unit}") and abs(float(k.split("|")[0]) - number) == 1 for *_, k in other)


def _per_shift(shown: str, key: str) -> bool:
    """Whether hours asked per shift follow from the shifts a stem names (每天分四个班、每班（　　）; 三班倒: 24 ÷ 3):
    a day is 24 hours, whatever the learner knows (blind rounds 11 and 18)."""
    number, unit = key.split("|")
    return unit == "小时" and any(number_of(count) * float(number) == 24 for count in _SHIFTS.findall(shown))


def _even(listed: list[float]) -> bool:
    """Whether three or more numbers step evenly (1、2、3; 80、90、100)."""
    return len(listed) >= 3 and len({round(b - a, 6) for a, b in itertools.pairwise(listed)}) == 1


def questions_in(texts: Iterable[str]) -> list[str]:
    """The texts that are questions or quote a yes/no decision."""
    return [text for text in texts if any(mark in text for mark in QUESTION_MARKS) or "是否" in text]
