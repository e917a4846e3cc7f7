"""The generator's own checks, run on every question before it is kept (and by the tests on every test).

- **stem leaks**: the keyed answer, or a distinctive part of it (a character pair no wrong option
  has), appears in the stem; or the options give it away (the answer alone shares words with the
  stem, or is far longer than every other option);
- **ambiguity**: a wrong option (or a false statement) is also true by some sentence of the whole
  handbook: a sentence that states that value and shares most of the question's telling words;
- **evidence**: the keyed answer is found in the text the question cites;
- **same kind**: every option of a choice is the same kind of value (a number of working days
  among numbers of working days, a post among posts, a term among terms); no option is a question;
- **duplicates**: two questions ask one fact (the same sentence, or the same value with most of
  the same words).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handbook.export.selftest.slots import CUES, FREQUENCIES, quantities
from handbook.export.selftest.sources import Actors, Passage
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
# Numbers, counts and frequencies are the values asked, never the words around them.
_NUMERAL = re.compile(r"^(?:每|[\d.%一二两三四五六七八九十百千半]+[个次名人年月日天周期届]*|每(?:周|月|季度|半年|年))$")
# The share of a question's telling words (weighted by rarity) a sentence must state, with the wrong
# value, to make that value true as well. Set low on purpose: a rejected good option costs nothing.
SUPPORT = 0.4
QUESTION_MARKS = ("？", "?")
# A character pair found in more than this share of all sentences is no cue to anything.
COMMON = 0.05
# A word found in at most this share of all sentences tells what a sentence is about.
RARE = 0.02


@dataclass(frozen=True)
class Claim:
    """What a wrong option (or a false statement) asserts: a sentence, and the value that makes it wrong."""

    text: str
    value: str  # as written in the text
    key: str  # the value's key (5|工作日, 每月, an actor id, term:<id>)


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
        self._cut: dict[str, frozenset[str]] = {}  # memos: the same texts are looked at again and again
        self._stated: dict[str, frozenset[str]] = {}
        self._words = [self.words(p.text) for p in self.passages]
        counts = Counter(word for words in self._words for word in words)
        total = len(self.passages)
        self._idf = {word: math.log((total + 1) / (count + 0.5)) for word, count in counts.items()}
        self._default_idf = math.log(total + 1)
        self._rare = math.log((total + 1) / (RARE * total + 0.5))
        terms = model.terms.values()
        self.term_names = {t.meta.id: (t.meta.title, *(a.strip("“”") for a in t.meta.aliases)) for t in terms}
        self._stating: dict[str, list[int]] = {}  # value key → the sentences stating it
        for index, passage in enumerate(self.passages):
            for key in self.keys(passage.text):
                self._stating.setdefault(key, []).append(index)
        pairs = Counter(pair for p in self.passages for pair in bigrams(p.text))
        self._common = {pair for pair, count in pairs.items() if count > COMMON * total}

    def words(self, text: str) -> frozenset[str]:
        """The telling words of a text: two characters or more, no numbers, no filler."""
        if text not in self._cut:
            tokens = (word for word, _, _ in self.model.segmenter.tokenize(text))
            self._cut[text] = frozenset(
                w for w in tokens if len(w) >= 2 and w not in _STOPWORDS and not _NUMERAL.match(w)
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

    def telling(self, text: str) -> frozenset[str]:
        """The rare words of a text (in at most one sentence in fifty): what the text is about."""
        return frozenset(w for w in self.words(text) if self._idf.get(w, self._default_idf) >= self._rare)

    def rare(self, pair: str) -> bool:
        """Whether a character pair is telling: it occurs in few sentences (党员 and 支部 are everywhere)."""
        return pair not in self._common

    def weight(self, words: Iterable[str]) -> float:
        """The summed rarity of words."""
        return sum(self._idf.get(word, self._default_idf) for word in words)

    def support(self, claim: Claim) -> Passage | None:
        """A sentence of the handbook stating the claim's value with most of its telling words, if any."""
        context = self.words(claim.text.replace(claim.value, " ")) - self.words(claim.value)
        if claim.key.startswith("term:"):
            context -= {w for name in self.term_names[claim.key[5:]] for w in self.words(name)}
        total = self.weight(context)
        if total == 0:
            return None
        for index in self._stating.get(claim.key, ()):
            passage, words = self.passages[index], self._words[index]
            shared = context & words
            if len(shared) >= 2 and self.weight(shared) / total >= SUPPORT:
                return passage
        return None

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


def stem_leaks(shown: str, lead: str, value: str, key: str, wrong: Sequence[str], corpus: Corpus) -> list[str]:
    """Why a text a learner reads (with `value` blanked) gives `value` away; empty if it does not.

    `lead` is the stem's opening naming the document (根据《发展党员工作规则》，): it may name the
    answer outright, but its words are no cue. `wrong` are the other options of a single choice.
    """
    found = []
    if value in shown or key in corpus.keys(shown):
        return [f"the stem states the answer “{value}”"]
    if value in FREQUENCIES:
        cues = [cue for cue in CUES[value] if cue in shown]
        return [f"the stem tells the frequency “{value}” by “{cues[0]}”"] if cues else []
    if quantities(value):
        return []  # a number's pairs (个工, 作日) are its unit's, shared by every option: no cue
    others = set().union(*(bigrams(w) for w in wrong)) if wrong else set()
    body = shown.removeprefix(lead)
    telling = sorted(pair for pair in bigrams(value) - others if pair in body and corpus.rare(pair))
    if telling:
        found.append(f"the stem holds “{telling[0]}” of the answer “{value}” and of no other option")
    if wrong:
        share = {option: len(bigrams(option) & bigrams(body)) for option in [value, *wrong]}
        if share[value] >= 2 and all(share[value] > share[w] for w in wrong):
            found.append(f"only the answer “{value}” shares words with the stem")
        if len(value) >= 1.6 * max(map(len, wrong)) and len(value) - max(map(len, wrong)) >= 5:
            found.append(f"the answer “{value}” is far longer than every other option")
    return found


def questions_in(texts: Iterable[str]) -> list[str]:
    """The texts that are questions or quote a yes/no decision."""
    return [text for text in texts if any(mark in text for mark in QUESTION_MARKS) or "是否" in text]
