"""The facts a sentence states that a question can blank out: a quantity, a frequency, or who acts.

A slot is a span of a sentence with its value and a key that compares values across texts whatever
their spelling (一个月 and 1个月 are the same quantity). Wrong options are made only of values of the
same kind: a number of working days among numbers of working days, a frequency among frequencies,
a post among posts and a body among bodies. A blank accepts every usual spelling of its value
(每季度, 每季, 每个季度; 一年, 1年, 12个月). Who a sentence defines (矿领导班子由…组成, 党支部是…) is no one
acting: it is neither blanked nor swapped. A count the same sentence enumerates (副书记2名，其中1名…，1名…) and a
number in the name of an honour (“光荣在党50年”纪念章) are told by the sentence or by common knowledge: not blanked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from handbook.core.numerals import chinese, parse_chinese
from handbook.export.selftest.sources import Actors, Passage

_NUMBER = r"\d+(?:\.\d+)?|[一二两三四五六七八九十百半]+"
# Units a time limit or a count is given in; each spelling → the unit compared on.
UNITS = {
    "个工作日": "工作日",
    "工作日": "工作日",
    "个学时": "学时",
    "学时": "学时",
    "个月": "个月",
    "周岁": "周岁",
    "个小时": "小时",
    "小时": "小时",
    "天": "日",
    "日": "日",
    "周": "周",
    "年": "年",
    "名": "人",
    "人": "人",
    "%": "%",
}
_QUANTITY = re.compile(
    rf"(?<![\d第统唯万千百十九八七六五四三二两一〇零至～~-])(?P<number>{_NUMBER})(?P<unit>{'|'.join(UNITS)})"
)
# The same with the far end of a range (18至22周岁; 放宽至24周岁): a number a reader sees all the same.
_QUANTITY_OR_END = re.compile(
    rf"(?<![\d第统唯万千百十九八七六五四三二两一〇零])(?P<number>{_NUMBER})(?P<unit>{'|'.join(UNITS)})"
)
# A period followed by a date, a holiday or a part of itself (每年八一建军节和春节前, 每年第一季度, 每年“七一”)
# says when in it, not how often: only the one period fits the words after it, and another makes no sense.
_DATED = (
    "第",
    "“",
    "元旦",
    "春节",
    "清明",
    "五一",
    "五四",
    "七一",
    "八一",
    "端午",
    "中秋",
    "国庆",
    "重阳",
    "三八",
    "六一",
)
FREQUENCIES = ("每周", "每月", "每季度", "每半年", "每年")
# The periods of the frequencies, as a regular expression's alternatives: 周|月|季度|半年|年.
PERIODS = "|".join(frequency.removeprefix("每") for frequency in FREQUENCIES)
_FREQUENCY = re.compile(rf"每(?P<period>{PERIODS})(?!度|初|末|底|\d|[一二三四五六七八九十]+月|{'|'.join(_DATED)})")
# Every way a learner may write a frequency in a blank, the handbook's own first.
FREQUENCY_SPELLINGS = {
    "每周": ("每周", "每星期", "每个星期", "每一周"),
    "每月": ("每月", "每个月", "按月", "每一个月"),
    "每季度": ("每季度", "每季", "每个季度", "按季度", "按季", "每三个月", "每3个月"),
    "每半年": ("每半年", "每六个月", "每6个月"),
    "每年": ("每年", "每一年", "按年", "每年度"),
}
# The spellings of one unit a blank accepts alike (5个工作日, 5工作日; 10日, 10天).
UNIT_SPELLINGS = (
    ("个工作日", "工作日"),
    ("个学时", "学时"),
    ("个小时", "小时"),
    ("天", "日"),
    ("名", "人"),
    ("周", "个星期"),
    ("周岁", "岁"),
)
# Lengths said in another unit as often as in their own: 半年 is 六个月, 一年 is 十二个月.
SAME_LENGTH = {"0.5|年": (6, "个月"), "1|年": (12, "个月")}
# Words that tell a frequency without saying it: 月考评 says 每月, 年度计划 says 每年; the period itself said apart
# (半年通报, 季度考核) says 每半年, 每季度.
CUES = {
    "每周": ("按周", "周例", "本周", "当周"),
    "每月": ("按月", "月度", "月考", "当月", "次月", "下月", "本月", "上月", "月底", "月末", "月初"),
    "每季度": ("按季", "季末", "季度", "本季度", "当季"),
    "每半年": ("半年", "上半年", "下半年"),
    "每年": ("年度", "全年", "按年", "年初", "年底", "年末", "当年", "本年", "年评", "年终"),
}
# Numbers that are plausible for each unit: wrong options come from the course's own values first,
# then from here (never a value the course states for the same thing: that is checked apart). A ladder
# holds the values usual for what its unit mostly measures (周岁: the ages of youth work; 年: terms and
# periods); a true value beyond its reach (80周岁 of the elderly, 光荣在党50年) measures something else.
LADDERS = {
    "工作日": (3, 5, 7, 10, 15, 20, 30),
    "日": (1, 3, 5, 7, 10, 15, 30),
    "周": (1, 2, 3, 4),
    "个月": (1, 2, 3, 6, 9, 12),
    "年": (0.5, 1, 2, 3, 5),
    "学时": (8, 16, 24, 32, 40, 48, 56, 72),
    "周岁": (14, 16, 18, 22, 25, 28, 30, 35),
    "人": (1, 2, 3, 5, 7, 9, 15, 50),
    "小时": (1, 2, 4, 8, 12, 24, 48),
    "%": (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 98, 100),
}
# A wrong percentage is on the true one's side of one half and at most this many points from it: a target rate
# of 95% against 25% or 50% is wrong on its face (a rate is high or low by what it measures, not by the rule).
PERCENT_BAND = 15
# Lengths one unit states in another (a training day is 8 学时): a stem stating one gives the other away
# (不少于3天（或（　　）） is 24学时 by arithmetic). (unit, other unit) → how many of the other make one.
EQUIVALENTS = {
    ("日", "学时"): 8.0,
    ("日", "小时"): 24.0,
    ("年", "个月"): 12.0,
    ("年", "周"): 52.0,
    ("年", "日"): 365.0,
    ("个月", "日"): 30.0,
    ("周", "日"): 7.0,
}


# Units that count the same kind of time, one more strictly than the other (a 工作日 is a 日 that is worked; a
# 学时 is an 小时 of teaching): the same number in the other unit (会前1个工作日 beside 会前（　　）送达, keyed 1天)
# all but gives the answer, and a learner writing it is marked wrong for a nicety.
COMPARABLE = (frozenset({"日", "工作日"}), frozenset({"小时", "学时"}))


def comparable(key: str, other: str) -> bool:
    """Whether two quantity keys (1|日, 1|工作日) state the same number in two units of one kind (see `COMPARABLE`)."""
    (a, unit), (b, other_unit) = key.split("|"), other.split("|")
    return unit != other_unit and float(a) == float(b) and any({unit, other_unit} <= kind for kind in COMPARABLE)


def equivalent(key: str, other: str) -> bool:
    """Whether two quantity keys (3|日, 24|学时) state one length in two units (see `EQUIVALENTS`)."""
    (a, unit), (b, other_unit) = key.split("|"), other.split("|")
    if unit == other_unit:
        return False
    if (unit, other_unit) in EQUIVALENTS:
        return float(a) * EQUIVALENTS[unit, other_unit] == float(b)
    if (other_unit, unit) in EQUIVALENTS:
        return float(b) * EQUIVALENTS[other_unit, unit] == float(a)
    return False


# How far a ladder reaches beyond its ends: a true value within REACH times its smallest and largest takes
# its values as wrong options.
REACH = 2
# A wrong number is of the true one's scale: at most SCALE times larger or smaller. A number stated for
# another purpose is mostly of another scale (一人 计票 against 十五人 推荐, 近3年 against 50年 党龄) and gives
# itself away; where too few numbers are near, there is no single choice.
SCALE = 4
# How near (as a share of SCALE's reach) a value the course states must be to be offered before the usual ones
# (see LADDERS), or at all when the ladder lacks it: within twice or half the true value.
OWN_REACH = math.log(2) / math.log(SCALE)
# An agent is followed by what it does: a modal verb, a preposition or a verb of party work. A name
# followed by anything else is part of a longer noun (支部委员会会议, 党员名册) or an object.
_ACTS = (
    "应",
    "须",
    "必须",
    "可",
    "不",
    "要",
    "一般",
    "及时",
    "认真",
    "定期",
    "每",
    "按",
    "经",
    "在",
    "对",
    "向",
    "将",
    "把",
    "从",
    "同",
    "与",
    "由",
    "于",
    "为",
    "负责",
    "收到",
    "召集",
    "召开",
    "主持",
    "审批",
    "审查",
    "审核",
    "审议",
    "讨论",
    "研究",
    "决定",
    "组织",
    "提出",
    "指定",
    "派",
    "报",
    "做好",
    "开展",
    "落实",
    "建立",
    "接受",
    "参加",
    "进行",
    "填写",
    "签字",
    "核对",
    "确认",
    "提醒",
    "通知",
    "公示",
    "公布",
    "听取",
    "选举",
    "表决",
    "批准",
    "指导",
    "督促",
    "检查",
    "考察",
    "了解",
    "办理",
    "上报",
    "交纳",
    "递交",
    "写入",
    "宣布",
    "谈话",
    "起草",
    "开具",
    "发放",
    "调整",
    "更新",
    "登记",
    "整理",
    "确定",
    "制定",
    "编入",
    "跟踪",
    "提供",
    "代表",
    "领导",
    "联系",
    "讲",
    "带头",
    "如实",
    "主动",
    "是",
    "会同",
    "牵头",
)
_CLAUSE_START = "，；：。（、“"
# A period and the length it always has: the length after it is no fact to ask.
_TAUTOLOGIES = (("全年", "12|个月"), ("全天", "24|小时"), ("每周", "7|日"), ("一年", "12|个月"))
_OWNED = ("工资", "收入", "的")
# Words that hold 一 without counting anything (同一人 is the same person; 同两人 is no Chinese): the
# number is no value to change. 统一, 唯一, 第一 never read as quantities at all (see `_QUANTITY`).
_FIXED_WORDS = ("同一", "单一", "专一")
# 24小时值班 is round the clock, a set phrase anyone completes (blind rounds 10 and 15); 24小时内报告 is a time limit.
_ROUND_THE_CLOCK = ("值班", "值守", "专人值守", "在岗", "服务", "畅通", "开机", "监控", "巡逻", "运行", "不间断")
# A count of one person (推选一人担任, 配备1名) is what anyone guesses: no number to ask.
ONE_PERSON = "1|人"
# A goal of the whole (参训率达到100%, 覆盖率100%) is what anyone guesses a goal to be (blind round 18).
WHOLE = "100|%"
# Periods said together with another (半年、年度工作总结; 月度、季度考核): a pair of reports or reviews, not a length to
# ask; changed, the pair reads 一年、年度 or 两年、年度, wrong at sight (blind rounds 16 and 18).
_PERIOD_NAMES = ("年度", "季度", "月度", "半年", "全年")


# Words that make a value a bound, not the value itself, and which way it bounds: +1 a least (不少于3天:
# more is as good), -1 a most (一个月内, 不超过一年: less is as good). Before the value, then after it; the
# longer word first (不超过 before 超过, 未满 before 满). A lead time (提前3日, 会前7日) and a keeping time
# (保存2年) are leasts: earlier and longer are as good.
_BOUND_BEFORE = sorted(
    [
        *((word, 1) for word in ("不少于", "不得少于", "不应少于", "不能少于", "不低于", "不得低于", "不小于")),
        *((word, 1) for word in ("至少", "超过", "多于", "高于", "大于", "达到", "满", "连续", "提前", "保存", "前")),
        *((word, -1) for word in ("不超过", "不得超过", "不应超过", "不能超过", "不高于", "不得高于", "不大于")),
        *((word, -1) for word in ("最长", "最多", "最高", "最迟", "不足", "少于", "低于", "小于", "不到", "未满")),
        *((word, -1) for word in ("不满", "限期")),
    ],
    key=lambda pair: -len(pair[0]),
)
_BOUND_AFTER: tuple[tuple[str, int], ...] = (
    ("及以上", 1),
    ("或以上", 1),
    ("以上", 1),
    ("之上", 1),
    ("及以下", -1),
    ("以下", -1),
)
_BOUND_AFTER += (("以内", -1), ("之内", -1), ("内", -1), ("以前", -1), ("之前", -1))
# A bound word may stand apart from its value by a phrase ending in 的 (不超过参加考核人数的20%).
_BOUND_GAP = r"(?:[^，；。：、]{0,12}的)?$"
# How often at least (每季度至少一次, 至少每季度, 每月不少于4次): a longer period is as good as said.
_AT_LEAST = ("至少", "不少于", "不低于", "以上")
# Words that grant what the clause says (可以, 方可, 有效): a bound there says when it may be done, as a premise
# does (可推广 grants nothing: only a verb after 可 does).
_GRANTS = ("可以", "仍可", "方可", "也可", "可在", "可由", "可于", "可延长", "可放宽", "允许", "准予", "始得", "有效")
_CLAUSE_END = "，；。：！？"
# A clause closing a premise (…的，, …时，), not a unit ending in 时 (学时, 小时).
_PREMISE_END = re.compile(r"(?:的|(?<![学小同及按准适届])时|者)[”）]*，")
# How the clauses of one premise join (…，或不交纳团费，或…的，).
_JOINS = ("或", "且", "并", "以及", "和")
# Bound words that say how much is required: a value after them qualifies an amount, not who a rule is about.
_AMOUNTS = ("不少于", "不得少于", "不应少于", "不能少于", "不低于", "不得低于", "至少")


@dataclass(frozen=True)
class Bound:
    """How a value bounds what its sentence says: which way (`sense`), and how the sentence reads it.

    +1: the value is a least (不少于3天, 一年以上, 连续两年); -1: a most (一个月内, 不超过一年, 不足3人;
    每季度至少一次 is a most on the period). A requirement (应当在一个月内谈话) is met by anything within its
    bound, so a looser one follows from it; a premise says when a rule applies (不足3人的，可以…; 28周岁以下
    的…应当…), so a narrower one follows from it. `premise` is None where the sentence may be read either
    way (a list of criteria: 28周岁以下、入团一年以上): then no other value makes it false for sure.
    """

    sense: int
    premise: bool | None

    def holds(self, true: float, other: float, statement: bool) -> bool:
        """Whether `other` in place of `true` is right as well, or may be read so.

        As a statement (a changed true/false or multiple-choice statement), when the rule implies it:
        不少于3天 implies 不少于1天, 一个月内 implies 两个月内, 不足3人的可以 implies 不足2人的可以. As an
        option of a single choice, when it meets the bound itself (5天 is 不少于3天, 半个月 is 一个月内).
        """
        side = (other > true) - (other < true)
        if not statement:
            return side == self.sense
        if self.premise is None:
            return True
        return side == (self.sense if self.premise else -self.sense)


def bound_at(text: str, start: int, end: int, frequency: bool = False) -> Bound | None:
    """How the value at start:end of a sentence bounds it, if it does (see `Bound`)."""
    left = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    rights = [r for r in (text.find(mark, end) for mark in _CLAUSE_END) if r >= 0]
    right = min(rights, default=len(text))
    before, after = text[left:start], text[end:right]
    word = ""
    if frequency:
        sense = -1 if before.endswith("至少") or any(w in after for w in _AT_LEAST) else 0
    else:
        word, sense = next(((w, s) for w, s in _BOUND_AFTER if after.startswith(w)), ("", 0))
        if not sense:
            word, sense = next(
                ((w, s) for w, s in _BOUND_BEFORE if re.search(re.escape(w) + _BOUND_GAP, before)), ("", 0)
            )
        if word in ("前", "后") and text[end - 1] in "名人":
            sense = -1  # 前三名, 后5名: a rank, and a smaller one is among them
    if not sense:
        return None
    rest = after.removeprefix(word) if word in dict(_BOUND_AFTER) else after
    if rest.startswith(("、", "且")):
        return Bound(sense, None)  # one criterion of a list: required of a person, or what qualifies one
    # The statement runs to the end of its sentence, item or list head: a premise may run over several
    # clauses joined by 或 (连续6个月不参加团的组织生活，或不交纳团费，…的，视为自行脱团).
    stops = [r for r in (text.find(mark, end) for mark in "；。！？：") if r >= 0]
    statement = text[end : min(stops, default=len(text))]
    opened = _PREMISE_END.search(statement)
    joined = opened is not None and all(
        piece.startswith(_JOINS) for piece in statement[: opened.start()].split("，")[1:]
    )
    # The value is in a premise when it qualifies who or what a rule is about (7人以上的党支部; not an amount
    # required, 参加不少于8学时的团课学习), or a clause ending in 的 or 时 closes it (…工作确有需要的，经矿
    # 党委批准，可以…); and when its clause grants what it says (也可由…5名以上团员联名推荐, 一年内有效).
    qualifies = rest.startswith("的") and not word.startswith(_AMOUNTS)
    premise = qualifies or joined or any(w in text[left:right] for w in _GRANTS)
    return Bound(sense, premise)


def loosens(text: str, value: str, true_key: str, other_key: str, statement: bool) -> bool:
    """Whether `other_key` in place of the true value (at `value` in `text`) leaves it right (see `Bound.holds`)."""
    at = text.find(value)
    frequency = true_key in FREQUENCIES
    bound = bound_at(text, at, at + len(value), frequency) if at >= 0 else None
    if bound is None or (frequency != (other_key in FREQUENCIES)):
        return False
    if frequency:
        return bound.holds(FREQUENCIES.index(true_key), FREQUENCIES.index(other_key), statement)
    true, other = true_key.split("|"), other_key.split("|")
    return true[1] == other[1] and bound.holds(float(true[0]), float(other[0]), statement)


@dataclass(frozen=True)
class Slot:
    """A blankable fact of a passage: the span, its text and what kind of value it is."""

    passage: Passage
    start: int
    end: int
    kind: str  # the kind of option: 数量:工作日, 频次, 岗位, 组织
    key: str  # the value compared across texts: 5|工作日, 每月, role or unit id

    @property
    def value(self) -> str:
        """The value as the sentence writes it."""
        return self.passage.text[self.start : self.end]


def number_of(text: str) -> float:
    """A number written in digits or Chinese (半 is one half)."""
    if text == "半":
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    return float(parse_chinese(text.replace("两", "二")))


def quantity_key(number: float, unit: str) -> str:
    """The key a quantity compares on: 5|工作日."""
    return f"{number:g}|{UNITS[unit]}"


def quantities(text: str, ends: bool = False) -> list[tuple[int, int, str, str]]:
    """(start, end, unit spelling, key) of every quantity in a text (dates and ranges left out; with `ends`, the
    ends of ranges and numbers after 至 kept)."""
    found = []
    for match in (_QUANTITY_OR_END if ends else _QUANTITY).finditer(text):
        number, unit = match["number"], match["unit"]
        after = text[match.end() : match.end() + 1]
        if unit == "日" and text[max(0, match.start() - 1)] == "月":
            continue  # a date (1月15日), not a number of days
        if unit == "年" and re.fullmatch(r"\d{4}", number):
            continue  # a year
        if after and after in "至～~-" and not ends:
            continue  # the first end of a range (3至5人)
        if unit == "年" and after == "度":
            continue  # 上一年度 is a year, not a length of one
        try:
            value = number_of(number)
        except ValueError:
            continue
        if value <= 0:
            continue
        found.append((match.start(), match.end(), unit, quantity_key(value, unit)))
    return found


def frequencies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of every frequency (每月, 每季度 …) in a text."""
    return [(m.start(), m.end(), m.group(0)) for m in _FREQUENCY.finditer(text)]


def _paired_period(text: str, start: int, end: int) -> bool:
    """Whether the value at start:end is listed (、) next to an item naming a period (see `_PERIOD_NAMES`)."""
    after = re.match(r"、([^、，；。]*)", text[end:])
    before = re.search(r"([^、，；。]*)、$", text[:start])
    return any(item is not None and any(name in item[1] for name in _PERIOD_NAMES) for item in (after, before))


def _share_of_whole(text: str, at: int, key: str) -> bool:
    """Whether a percentage is one of the shares a statement (up to ；or 。) lists that make 100 % (理论30%、实操70%;
    群众投票占40%，评审委员会评议占40%，…占20%): the others tell a blank, and a changed share no longer adds up
    (理论30%、实操75%), whatever the learner knows (blind rounds 17 and 18)."""
    if not key.endswith("|%"):
        return False
    statement = _clause_of(text, at, "；。")
    shares = [float(k.split("|")[0]) for *_, k in quantities(statement, ends=True) if k.endswith("|%")]
    return len(shares) > 1 and sum(shares) == 100


def _clause_of(text: str, at: int, marks: str = "，；。") -> str:
    """The clause (between ，；。, or the given marks) of a text that holds the character at `at`."""
    left = max(text.rfind(mark, 0, at) for mark in marks) + 1
    rights = [r for r in (text.find(mark, at) for mark in marks) if r >= 0]
    return text[left : min(rights, default=len(text))]


def agents(text: str, actors: Actors) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of the actors a sentence names as who acts."""
    return [(s, e, actor) for s, e, actor in actors.find(text) if agent_at(text, s, e)]


def agent_at(text: str, start: int, end: int) -> bool:
    """Whether the name at start:end is who acts: it opens a clause or follows 由, and a verb follows."""
    before = text[start - 1] if start else "，"
    if re.match(r"代表[、和及与，；。]", text[end:]):
        return False  # one kind of representative in a list (党员代表、班组长代表和职工代表), not who acts
    return (before in _CLAUSE_START or before == "由") and text[end:].startswith(_ACTS)


def slots(passage: Passage, actors: Actors) -> list[Slot]:
    """The blankable facts of a sentence."""
    text = passage.text
    # 每月工资 is a monthly wage, not how often something is done.
    found = [Slot(passage, s, e, "频次", value) for s, e, value in frequencies(text) if not text[e:].startswith(_OWNED)]
    # 每半年 is a frequency, not the quantity 半年 after 每; the one day of 每月相对固定1天 is how often,
    # said again; and 全年12个月 says what a year is: only one value fits, whatever the learner knows.
    found += [
        Slot(passage, s, e, f"数量:{UNITS[u]}", key)
        for s, e, u, key in quantities(text)
        if not any(f.start <= s < f.end for f in found)
        and not (key.startswith("1|") and frequencies(_clause_of(text, s)))
        and not any(text[:s].endswith(word) and key == same for word, same in _TAUTOLOGIES)
        and not text[:s].endswith("最后")  # 季度最后一个月 is which month, not how long
        and text[max(0, s - 1) : s + 1] not in _FIXED_WORDS
        and not (key == "24|小时" and text[e:].startswith(_ROUND_THE_CLOCK))
        and key not in (ONE_PERSON, WHOLE)  # 推选一人担任, 参训率达到100%: the guess everyone makes
        and not _paired_period(text, s, e)
        and not _enumerated(text, s, key)
        and not _share_of_whole(text, s, key)
        and not _named_by(text, e)
    ]
    named = actors.find(text)
    # Who acts is asked only when the sentence names no one of its family (矿党委 beside 党委会 would
    # make either answer right), and is one who answers for the deed, not everyone taking part (参训
    # 职工签到 by the 职工群众 is plain from the deed itself).
    found += [
        Slot(passage, s, e, actors.kind(actor), actor)
        for s, e, actor in named
        if agent_at(text, s, e)
        and not actors.by_id[actor].everyone
        and not any(other in actors.by_id[actor].family for *_, other in named)
        and not _DEFINES.match(text, e)
    ]
    # A value in a document's title (《第五个五年规划》) is part of a name, not a fact of the rule.
    return sorted((slot for slot in found if not _titled(text, slot.start)), key=lambda slot: slot.start)


# What follows a post or body a sentence defines, not one doing something (矿领导班子由矿党委委员、矿长……组成; 党支部是
# 党的基础组织): the rest fits that one alone, so it is no fact of who acts, and another name put in its place is false
# on its face (职工代表大会由矿党委委员、矿长……组成).
_DEFINES = re.compile(r"(?:是|即|系|指|包括|包含|由[^，；。]{1,60}?(?:组成|构成|组建|产生))")


# What a number names rather than measures when it stands in the name before it (光荣在党50年纪念章; “五四”奖章): an
# honour, an award or a title, which common knowledge completes.
_HONOURS = ("纪念章", "奖章", "勋章", "称号", "荣誉", "奖状", "奖杯", "奖")
_CONFERS = ("授予", "颁发", "评为", "命名为", "荣获", "获得")


def _named_by(text: str, end: int) -> bool:
    """Whether the quantity ending at `end` is part of the name of an honour, award or title (颁发“光荣在党50年”纪念章;
    授予“十佳党员”称号): the name before 纪念章, 奖, 称号 …, or a quoted name after 授予, 颁发 …, holds it."""
    rest = re.match(r"[^，；。、：（）]{0,8}?”?(?=" + "|".join(_HONOURS) + ")", text[end:])
    if rest and "“" not in rest.group(0):
        return True
    opening = text.rfind("“", 0, end)
    closing = text.find("”", end)
    if opening < 0 or closing < 0 or text.rfind("”", 0, end) > opening:
        return False
    return text[:opening].endswith(_CONFERS) or text[closing + 1 :].startswith(_HONOURS)


def _enumerated(text: str, start: int, key: str) -> bool:
    """Whether a count is told by the members the same sentence goes on to enumerate (副书记2名，其中1名由矿长担任，
    1名为专职副书记): two or more counts of its unit after it add up to it, so it is no fact to ask."""
    number, _, unit = key.partition("|")
    if not unit or "&" in key:
        return False
    after = [float(k.split("|")[0]) for s, _, _, k in quantities(text) if s > start and k.endswith(f"|{unit}")]
    return any(
        len(after[i:j]) >= 2 and abs(sum(after[i:j]) - float(number)) < 1e-9
        for i in range(len(after))
        for j in range(i + 2, len(after) + 1)
    )


def _titled(text: str, at: int) -> bool:
    """Whether the character at `at` stands inside a document's title (between 《 and 》)."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


def quantity_spellings(value: str) -> list[str]:
    """Every way to write a quantity in a blank: digits and Chinese, each spelling of its unit, the sentence's first."""
    _, _, unit, key = quantities(value)[0]
    amount = float(key.split("|")[0])
    units = next((group for group in UNIT_SPELLINGS if unit in group), (unit,))
    found = [value]
    for spelling in (unit, *(u for u in units if u != unit)):
        found += [spell(amount, "1", spelling), spell(amount, "一", spelling)]
    if key in SAME_LENGTH:
        number, other = SAME_LENGTH[key]
        found += [spell(number, "1", other), spell(number, "一", other)]
    return [text for text in dict.fromkeys(found) if text == value or "." not in text]  # 半年, never 0.5年


def spell(number: float, like: str, unit: str) -> str:
    """A number with a unit, written as `like` writes its number (digits or Chinese; digits for what Chinese
    numerals here cannot write: fractions but 半, and a thousand or more)."""
    fraction = number != int(number) and (number != 0.5 or unit == "%")
    if like.isdigit() or re.fullmatch(r"\d+\.\d+", like) or number >= 1000 or fraction:
        return f"{number:g}{unit}"
    if unit == "%":
        return f"百分之{chinese(int(number))}"
    if number == 0.5:
        return f"半{unit}"
    if number == 2:
        return f"两{unit}"
    return f"{chinese(int(number))}{unit}"


def quantity_options(slot: Slot, course_values: list[float]) -> list[tuple[str, str, float]]:
    """Wrong quantities of a slot's scale (see `SCALE`, `LADDERS`), nearest first: (text, key, closeness 0–1), the
    course's own values first."""
    match = _QUANTITY.fullmatch(slot.value)
    assert match is not None  # a slot of a quantity is one
    unit = match["unit"]
    value = number_of(match["number"])
    ladder = LADDERS.get(UNITS[unit], ())
    if not ladder or not min(ladder) / REACH <= value <= max(ladder) * REACH:
        ladder = ()  # a value the ladder does not reach measures something else (see LADDERS)
    pool = dict.fromkeys([*course_values, *ladder])
    found = []
    for number in pool:
        if number == value or number <= 0 or (number != int(number) and (number != 0.5 or match["number"].isdigit())):
            continue  # 半 is written in words only: 0.5天 is no option
        distance = abs(math.log(number / value)) / math.log(SCALE)
        if distance > 1:
            continue  # of another scale, so of another purpose (see SCALE)
        if UNITS[unit] == "%" and ((number >= 50) != (value >= 50) or abs(number - value) > PERCENT_BAND):
            continue  # a rate far from the true one is wrong on its face (see PERCENT_BAND)
        # The course's own values come first where they are near (within twice or half); farther, they measure
        # something else (工作年限 8年、10年 against a 聘期 of 三年, round 21) and are wrong at sight: only the
        # usual values of the unit are offered there.
        own = number in course_values and distance <= OWN_REACH
        if not own and number not in ladder:
            continue
        text = spell(number, match["number"], unit)
        found.append((not own, distance, text, quantity_key(number, unit), 1 - distance))
    found.sort()
    return [(text, key, closeness) for _, _, text, key, closeness in found]


def frequency_options(slot: Slot) -> list[tuple[str, str, float]]:
    """Wrong frequencies for a slot, nearest first: (text, key, closeness 0–1)."""
    here = FREQUENCIES.index(slot.value)
    others = sorted((abs(i - here), f) for i, f in enumerate(FREQUENCIES) if i != here)
    return [(f, f, 1 - (distance - 1) / 3) for distance, f in others]
