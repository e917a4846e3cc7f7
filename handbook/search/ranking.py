"""One ranking, two front ends: the static index that the site's search box and `handbook search` both read.

Building (`site_files`): every search document is cut by the handbook's `Segmenter` (jieba's search
mode with the handbook's words) into terms per field, and every (term, document) pair gets one
integer score: BM25F over the fields, weighted by BOOSTS, computed here once. The index is static
files under `search/`, laid out so that a query fetches little more than what it shows:

- `manifest.json`: the words a query drops, the kinds, how the documents make up pages (`layout`),
  the repealed documents and the constants of the query steps;
- `words.json`: the vocabulary (sorted), front-coded, as one string per term shard (`front_coded`);
  the box fetches it with the manifest when it opens, so a query waits for its shards only;
- `sounds.json`: the characters of each toneless reading (sounds.py), fetched with them, for `mend`;
- `terms/<k>.json`: the postings of the words of shard k, `[doc - previous doc, score, piece, …]`
  per word, where piece is 1 + the number of the body piece holding the word's first occurrence
  (0: not in the body);
- `docs/<n>.<p>.json`: document n's titles, URL, everyday names and the text of its body piece p
  (PIECE characters, with the snippet's margins): a result fetches the one piece its snippet is in.

Querying (`Ranker` here, `docs/assets/search.js` in the browser; the two are line-by-line twins): a word
split by a particle is joined (`join`: 入了党), a homophone typo mended (`mend`: 三会一科, with `sounds.json`,
the characters of each reading), the query is cut against the vocabulary (`segment`), question words
dropped, sub-words of long words added, a partly typed last word completed (`query`); the scores of its
terms are summed per document and scaled by the square of the share of the query's terms it holds, a
word held whole counting as all its terms (integers, so both languages compute exactly the same);
documents are ordered by score, then by number; a page is listed once, by its best document. Both front
ends fetch only the shards of the query's terms and the body pieces of the hits shown, which keeps the
first query small at 100× the sample.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handbook.core.atomic import write_atomic
from handbook.core.cache import digest
from handbook.core.problems import ProjectError
from handbook.core.refs import parse_ref
from handbook.core.segment import Segmenter
from handbook.model.handbook import Handbook
from handbook.search.documents import documents, types
from handbook.search.sounds import sounds_table
from handbook.spec.common import Status
from handbook.spec.search import SearchDoc

FOLDER = "search"  # in the site
# Part of every cache key and of the manifest: bump it when terms or scores are computed differently.
FORMAT = 7
# Titles and everyday names decide most queries; common questions come next; the body only
# breaks ties and catches what nobody wrote down as a name or question. What people say for the
# words of the text (everyday.yaml) counts as the text does: it is the text, in other words.
BOOSTS = {"title": 6.0, "aliases": 5.0, "questions": 3.0, "tags": 2.0, "body": 1.0, "said": 1.0}
K1, B = 1.2, 0.75  # BM25's usual constants, as Whoosh's BM25F has them
SCALE = 100  # scores are stored as integers: hundredths
# A term keeps its best MAX_POSTINGS documents: at 100× the sample, 党员 would otherwise fill a
# shard of its own with postings that never reach the top of a list.
MAX_POSTINGS = 2000
# A term shard holds about this much; a query fetches one per term, so small shards waste little.
SHARD_BYTES = 4_000
# A body is fetched in pieces of this many characters (a result fetches the piece of its snippet),
# each with the snippet's margins around it, so a snippet never needs a second piece.
PIECE = 300
BEACON = "beacon.txt"  # the empty file the search box requests to log a query, when the site asks for it
COMPLETIONS = 5  # a partly typed last word adds at most this many of the shortest words it begins
# 入了党, 喝过酒: a particle inside a word of two characters is dropped (`Ranker.join`).
PARTICLES = "了过"
# A homophone typo is mended in words of MEND_SHORTEST to MEND_LONGEST characters, at most MENDS times
# a run (`Ranker.mend`); two-character words are left alone: 还能 would become 不能, 工领 工龄.
MEND_SHORTEST, MEND_LONGEST, MENDS = 3, 8, 3
SOUNDS = "sounds.json"  # the characters of each reading (sounds.py), for mending typos
# A query is read up to this many characters and looks up at most this many terms: any text pasted
# into the box answers as fast as a question does (a question of a party worker is 5–30 characters).
QUERY_CHARS = 100
QUERY_TERMS = 32
SNIPPET, LEAD = 90, 20  # characters of a snippet, and of them before the first query word
# jieba's stop words (jieba.analyse.analyzer.STOP_WORDS), copied: importing that module loads
# jieba's part-of-speech tables and IDF dictionary, about 130 MiB in every process that loads
# the model (printing, checking), for a list of 37 words.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is", "it", "may"}
    | {"not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when", "will", "with", "yet"}
    | {"you", "your", "的", "了", "和"}
)
# Question words carry no topic: 党小组会多久开一次 asks about 党小组会, not about 多久. Nor do the
# pronouns and fillers of spoken questions (俺, 咋弄, 能不能); a document holding one would count it
# as a term of the question it holds (see `Ranker.totals`).
QUESTION_WORDS = frozenset(
    {"怎么", "怎样", "如何", "什么", "为什么", "干什么", "做什么", "哪些", "哪个", "多久", "多少", "啥"}
    | {"谁", "吗", "呢", "吧", "是", "要", "给", "有"}
    | {"咋", "咋办", "咋弄", "咋整", "咋样", "怎么办", "怎么样", "啥样", "多长时间", "多长", "几次", "几个"}
    | {"哪里", "哪儿", "在哪", "在哪儿", "去哪", "找谁", "能不能", "可不可以", "行不行", "是不是", "有没有"}
    | {"要不要", "会不会", "算不算", "我", "我们", "俺", "咱", "咱们", "你", "你们", "自己", "一下", "啊", "呀"}
    | {"嘛", "么", "还", "就", "都", "也", "又", "得", "该", "能", "可以", "需要", "应该", "这个", "那个"}
    | {"到底", "具体", "一般"}
)
DROPPED = STOP_WORDS | QUESTION_WORDS
# What a query is cut into: runs of Chinese characters, Latin letters and digits (lower case).
RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # a Chinese character
UNIT = re.compile(r"[a-z0-9]+|.")  # a run's smallest pieces: a Latin word or number, or one character
WORD = re.compile(r"\w")  # a document's token is a term if it has a letter, digit or character in it
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇]+条")

Terms = dict[str, list[tuple[str, int]]]  # per field, each term with its frequency, in order of first use
Load = Callable[[str], Any]  # a file of the index (path under search/) as parsed JSON


def order(word: str) -> bytes:
    """The sort key of a word: UTF-16 code units, the order JavaScript compares strings in."""
    return word.encode("utf-16-be")


def field_texts(doc: SearchDoc) -> dict[str, str]:
    """The text of each field of a document that is cut into words."""
    names = {"aliases": " ".join(doc.aliases), "questions": " ".join(doc.questions)}
    return {"title": doc.title, **names, "tags": " ".join(doc.tags), "body": doc.body}


def cut(segmenter: Segmenter, text: str) -> list[tuple[str, int]]:
    """A field's terms with their frequencies: jieba's search mode, lower case, without dropped words."""
    words = Counter(
        word
        for token, _, _ in segmenter.tokenize(text, mode="search")
        if WORD.search(word := token.lower()) and (len(word) > 1 or RUN.fullmatch(word)) and word not in DROPPED
    )
    return list(words.items())


class Sayings:
    """What people say for what the handbook writes (everyday.yaml), as terms of the documents writing it.

    A document whose text holds a saying's written form (礼品) gains its said words (送东西, 收礼) in a
    field of their own: each said word whole, and the parts jieba cuts from it (苗子 of 干部苗子) but
    those the document holds itself (干部): counted again, a common word would weigh more on every
    page of a saying than the page's own text says.
    """

    def __init__(self, model: Handbook) -> None:
        self.sayings = [
            (tuple(word.casefold() for word in doc.meta.written), tuple(word.lower() for word in doc.meta.said))
            for doc in model.sayings.values()
        ]
        self.forms = sorted({form for written, _ in self.sayings for form in written})
        self.segmenter = model.segmenter
        self.key = digest(json.dumps(self.sayings, ensure_ascii=False))  # a document's said words depend on these
        self.parts: dict[str, list[str]] = {}

    def said(self, doc: SearchDoc) -> list[str]:
        """The said words of every saying whose written form the document's text holds, in the sayings' order."""
        text = " ".join(field_texts(doc).values()).casefold()  # all it is searched by
        held = {form for form in self.forms if form in text}
        found = (word for written, said in self.sayings if held.intersection(written) for word in said)
        return list(dict.fromkeys(found))

    def terms(self, said: list[str], text_terms: Terms) -> list[tuple[str, int]]:
        """A document's said terms, from its said words: each whole and its parts, but the terms its fields hold."""
        held = {term for terms in text_terms.values() for term, _ in terms}
        words = []
        for word in said:
            if word not in self.parts:
                self.parts[word] = [word, *(part for part, _ in cut(self.segmenter, word))]
            words += self.parts[word]
        return [(word, 1) for word in dict.fromkeys(words) if word not in held]


class TermCache:
    """The terms of each document, by a digest of the document, kept in one JSON file with the words they were cut with.

    Cutting every document with jieba takes about 2 s on the sample; a build after one edit cuts
    only the documents that changed. A document's terms depend on its text and on the handbook
    words that occur in it (`Segmenter` keeps jieba's total fixed), so when the word list changes,
    only the documents containing an added or removed word are cut again.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Terms] = {}
        self.words: tuple[str, ...] = ()  # the words the entries were cut with
        # Each document's said words (Sayings.said), with the digest of the sayings they were found with:
        # matching every document against every written form takes a tenth of a second.
        self.said_words: dict[str, list[str]] = {}
        self.sayings_key = ""
        if path is not None and path.is_file():
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT:
                self.entries, self.words = stored["documents"], tuple(stored["words"])
                self.said_words, self.sayings_key = stored["said"], stored["sayings"]
        self.said_found = False  # said words found by this cache, to be saved
        # The words added or removed at each change of the word list since the entries were read, and the
        # entries cut by this cache with how many such changes there had been: a document is cut again when
        # it holds a word changed since it was cut (or, read from the file, since the file was written).
        self.changes: list[frozenset[str]] = []
        self.cut: dict[str, int] = {}
        self.used: set[str] = set()
        # The digest of each document met: a build asks twice, a server at every rebuild. Like the
        # entries, it keeps the versions of edited documents until the process ends.
        self.digests: dict[SearchDoc, str] = {}

    def digest(self, doc: SearchDoc) -> str:
        """The digest a document's terms are kept under."""
        if doc not in self.digests:
            text = json.dumps([FORMAT, doc.__dict__], ensure_ascii=False)
            self.digests[doc] = hashlib.sha256(text.encode()).hexdigest()
        return self.digests[doc]

    def complete(self, model: Handbook) -> bool:
        """Whether the terms of every search document are here, cut with the model's words: nothing to cut."""
        if model.segmenter.words != self.words:
            return False
        return all(self.digest(doc) in self.entries for doc in documents(model))

    def terms(self, doc: SearchDoc, segmenter: Segmenter) -> Terms:
        """The terms of a document, cut now only if no earlier build cut it the same way."""
        if segmenter.words != self.words:
            self.changes.append(frozenset(set(segmenter.words).symmetric_difference(self.words)))
            self.words = segmenter.words
        key = self.digest(doc)
        self.used.add(key)
        texts = field_texts(doc)
        changed = frozenset().union(*self.changes[self.cut.get(key, 0) :])
        stale = any(word in text for text in texts.values() for word in changed)
        if key not in self.entries or stale:
            self.entries[key] = {name: cut(segmenter, text) for name, text in texts.items()}
            self.cut[key] = len(self.changes)
        return self.entries[key]

    def said(self, doc: SearchDoc, sayings: Sayings, text_terms: Terms) -> list[tuple[str, int]]:
        """A document's said terms (see Sayings), given its `text_terms` (`terms`); its said words are found again
        only if it or the sayings changed."""
        if sayings.key != self.sayings_key:
            self.said_words, self.sayings_key = {}, sayings.key
        key = self.digest(doc)
        if key not in self.said_words:
            self.said_words[key] = sayings.said(doc)
            self.said_found = True
        return sayings.terms(self.said_words[key], text_terms)

    def bodies(self, model: Handbook) -> dict[str, dict[str, int]]:
        """The body terms of every search document of the model, by document key (cut where not cached)."""
        return {doc.key: dict(self.terms(doc, model.segmenter)["body"]) for doc in documents(model)}

    def save(self) -> None:
        """Write the entries used (the others are of documents that no longer exist), if any was cut or matched."""
        if self.path is None or (not self.cut and not self.said_found and self.used == set(self.entries)):
            return
        kept = {key: self.entries[key] for key in sorted(self.used)}
        said = {key: self.said_words[key] for key in sorted(self.used) if key in self.said_words}
        payload = {"format": FORMAT, "words": list(self.words), "documents": kept}
        payload |= {"sayings": self.sayings_key, "said": said}
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))


def inverse_frequency(documents: int, containing: int) -> float:
    """BM25's idf as Whoosh computes it: a word in fewer of the documents weighs more."""
    return math.log(documents / (containing + 1)) + 1


def scores(fields: list[Terms]) -> dict[str, dict[int, int]]:
    """BM25F: per term, each document's score in hundredths, its best MAX_POSTINGS documents only."""
    count = len(fields)
    lengths = {name: [sum(tf for _, tf in doc.get(name, [])) for doc in fields] for name in BOOSTS}
    average = {name: max(sum(values) / max(count, 1), 1.0) for name, values in lengths.items()}
    frequency = {name: Counter(term for doc in fields for term, _ in doc.get(name, [])) for name in BOOSTS}
    raw: dict[str, dict[int, float]] = {}
    for number, doc in enumerate(fields):
        for name, boost in BOOSTS.items():
            norm = K1 * (1 - B + B * lengths[name][number] / average[name])
            for term, tf in doc.get(name, []):
                idf = inverse_frequency(count, frequency[name][term])
                per_doc = raw.setdefault(term, {})
                weight = boost * tf  # Whoosh's field boost: a heavier term frequency, saturated like any
                per_doc[number] = per_doc.get(number, 0.0) + idf * weight * (K1 + 1) / (weight + norm)
    result: dict[str, dict[int, int]] = {}
    for term, per_doc in raw.items():
        best = sorted(per_doc.items(), key=lambda item: (-item[1], item[0]))[:MAX_POSTINGS]
        result[term] = {number: max(1, round(score * SCALE)) for number, score in sorted(best)}
    return result


def postings(per_doc: dict[int, int], pieces: Callable[[int], int]) -> list[int]:
    """A term's postings as `[doc, score, piece, doc - previous doc, score, piece, …]`."""
    flat, previous = [], 0
    for number, score in per_doc.items():
        flat += [number - previous, score, pieces(number)]
        previous = number
    return flat


def dump(value: Any) -> bytes:
    """Compact JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def front_coded(shards: list[list[str]]) -> list[str]:
    """The words of each shard as one string: each word as how many characters (0–9) it shares with the
    word before it in the shard, then the rest of it; the words separated by spaces (no word holds one).

    Sorted words share their beginnings (党员, 党员大会, 党委 …): this halves the vocabulary's bytes.
    """
    coded = []
    for words in shards:
        entries, previous = [], ""
        for word in words:
            shared = 0
            while shared < min(9, len(previous), len(word) - 1) and word[shared] == previous[shared]:
                shared += 1
            entries.append(f"{shared}{word[shared:]}")
            previous = word
        coded.append(" ".join(entries))
    return coded


def vocabulary(coded: list[str]) -> tuple[list[str], dict[str, int]]:
    """The words of the front-coded shards in order, and the shard of each."""
    words: list[str] = []
    shard: dict[str, int] = {}
    for number, text in enumerate(coded):
        previous = ""
        for entry in text.split(" ") if text else []:
            word = previous[: int(entry[0])] + entry[1:]
            words.append(word)
            shard[word] = number
            previous = word
    return words, shard


def piece_span(number: int, length: int) -> tuple[int, int]:
    """Where body piece `number` starts and ends, with margins: a snippet's lead before it, its length after."""
    return max(0, number * PIECE - LEAD), min(length, (number + 1) * PIECE + SNIPPET)


def site_files(
    model: Handbook, cache: TermCache | None = None, directory_urls: bool = True, beacon: bool = False
) -> dict[str, bytes]:
    """The search index of a handbook as site files, `{path in the site: content}`; a pure function of the model.

    `cache` only saves cutting documents again; `directory_urls=False` links `page.html` as the
    offline copy needs; `beacon` adds the file the search box requests to log queries (off by default).
    """
    found = documents(model)
    docs = sorted(found, key=_page_order(found))
    cache = cache or TermCache(None)
    sayings = Sayings(model)
    fields = []
    for doc in docs:
        terms = cache.terms(doc, model.segmenter)
        fields.append(terms | {"said": cache.said(doc, sayings, terms)})
    per_term = scores(fields)
    bodies = [" ".join(doc.body.split()) for doc in docs]
    lowered = [body.lower() for body in bodies]
    files: dict[str, bytes] = {}
    shards: list[list[str]] = [[]]
    size = 0
    for term in sorted(per_term, key=order):
        if size > SHARD_BYTES:
            shards.append([])
            size = 0
        shards[-1].append(term)
        size += len(dump(per_term[term])) + len(dump(term))
    for number, words in enumerate(shards):
        content = {term: postings(per_term[term], _first_piece(term, lowered)) for term in words}
        files[f"{FOLDER}/terms/{number}.json"] = dump(content)
    files[f"{FOLDER}/words.json"] = dump(front_coded(shards))
    files[f"{FOLDER}/{SOUNDS}"] = dump(sounds_table("".join(sorted(set(HAN.findall("".join(per_term)))))))
    titles = {doc.key: doc.title for doc in docs}
    for number, (doc, body) in enumerate(zip(docs, bodies, strict=True)):
        articles = list(ARTICLE.finditer(body))
        head = [doc.key, titles.get(_page(doc), doc.title), doc.title, _url(doc.url, directory_urls)]
        for piece in range(max(1, -(-len(body) // PIECE))):
            start, end = piece_span(piece, len(body))
            # The article in force where the piece starts: a snippet before the piece's first 第…条 is in it.
            carry = [found.group() for found in articles if found.start() < start]
            row = [*head, carry[-1] if carry else "", body[start:end], list(doc.questions), list(doc.aliases)]
            files[f"{FOLDER}/docs/{number}.{piece}.json"] = dump([row])
    if beacon:
        files[f"{FOLDER}/{BEACON}"] = b""
    kinds = list(types(model.kinds).items())
    code = {name: chr(ord("A") + number) for number, (name, _) in enumerate(kinds)}
    manifest = {
        "format": FORMAT,
        "dropped": sorted(DROPPED, key=order),
        "kinds": kinds,
        "layout": layout([code[doc.type] for doc in docs], [_page(doc) for doc in docs]),
        "repealed": [number for number, doc in enumerate(docs) if doc.status == Status.REPEALED],
        "completions": COMPLETIONS,
        "query_chars": QUERY_CHARS,
        "query_terms": QUERY_TERMS,
        "particles": PARTICLES,
        "mend": [MEND_SHORTEST, MEND_LONGEST, MENDS],
        "snippet": [SNIPPET, LEAD],
        "piece": PIECE,
        "beacon": BEACON if beacon else None,
    }
    files[f"{FOLDER}/manifest.json"] = dump(manifest)
    return files


def _first_piece(term: str, lowered: list[str]) -> Callable[[int], int]:
    """For a term, 1 + the body piece of a document holding its first occurrence (0: not in the body)."""

    def piece(number: int) -> int:
        at = lowered[number].find(term)
        return at // PIECE + 1 if at >= 0 else 0

    return piece


def layout(codes: list[str], pages: list[str]) -> list[list[Any]]:
    """How the documents (in page order) make up pages, as runs of pages alike.

    Each run is `[first, rest, [size, count, size, count, …]]`: pages whose first document is of
    type `first` and whose other documents (a flow's steps) of type `rest`, `count` pages of `size`
    documents after another. At 100× the sample this is some ten KB where a type and a page per
    document were 230 KB.
    """
    runs: list[list[Any]] = []
    at = 0
    while at < len(codes):
        end = at + 1
        while end < len(codes) and pages[end] == pages[at]:
            end += 1
        rest = set(codes[at + 1 : end])
        if len(rest) > 1:
            raise ValueError(f"page {pages[at]}: the documents after its first are of several types")
        last = runs[-1] if runs else None
        if last is None or last[0] != codes[at] or (rest and last[1] != codes[at + 1]):
            last = [codes[at], codes[at + 1] if rest else codes[at], []]
            runs.append(last)
        sizes = last[2]
        if sizes and sizes[-2] == end - at:
            sizes[-1] += 1
        else:
            sizes += [end - at, 1]
        at = end
    return runs


def pages_of(runs: list[list[Any]]) -> tuple[list[str], list[int]]:
    """The type of every document and the first document of every page, from the manifest's layout."""
    codes: list[str] = []
    starts: list[int] = []
    for first, rest, sizes in runs:
        for at in range(0, len(sizes), 2):
            for _ in range(sizes[at + 1]):
                starts.append(len(codes))
                codes += [first] + [rest] * (sizes[at] - 1)
    return codes, starts


def inline_script(files: dict[str, bytes]) -> bytes:
    """All the index's files in one script, `window.__hbSearchFiles = {path under search/: content}`."""
    prefix = f"{FOLDER}/"
    parts = [json.dumps(path.removeprefix(prefix)).encode() + b":" + content for path, content in sorted(files.items())]
    return b"window.__hbSearchFiles={" + b",".join(parts) + b"};\n"


def _page(doc: SearchDoc) -> str:
    """The page a document is shown on: a step belongs to its flow."""
    return str(parse_ref(doc.key).target)


def _page_order(docs: list[SearchDoc]) -> Callable[[SearchDoc], int]:
    """Sort key keeping the documents of a page together, pages in the order they first appear."""
    first: dict[str, int] = {}
    for doc in docs:
        first.setdefault(_page(doc), len(first))
    return lambda doc: first[_page(doc)]


def _url(url: str, directory_urls: bool) -> str:
    """A page URL as the site writes it: `a/b/#x`, or `a/b.html#x` without directory URLs."""
    if directory_urls:
        return url
    path, hash_, anchor = url.partition("#")
    path = path[:-1] + ".html" if path.endswith("/") else path or "index.html"
    return path + hash_ + anchor


def segment(run: str, known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The words of a run as (start, end): fewest unknown pieces first, then fewest words; on a tie the longer
    words first (团支部 委员, not 团 支部委员), as forward maximum matching cuts."""
    cuts = [0] + [match.end() for match in UNIT.finditer(run)]
    best: list[tuple[int, int, list[tuple[int, int]]]] = [(0, 0, [])]
    for j in range(1, len(cuts)):
        choice: tuple[int, int, list[tuple[int, int]]] | None = None
        for i in range(j):
            word = run[cuts[i] : cuts[j]]
            whole = known(word)
            if not whole and i != j - 1:
                continue
            unknown, count, spans = best[i]
            candidate = (unknown + (0 if whole else 1), count + 1)
            if choice is None or candidate <= (choice[0], choice[1]):  # a later split: a longer word before
                choice = (*candidate, [*spans, (cuts[i], cuts[j])])
        assert choice is not None  # a single piece is always a candidate
        best.append(choice)
    return best[-1][2]


@dataclass(frozen=True)
class Hit:
    """One search result: the best document of a page."""

    key: str
    type: str
    title: str  # of the page
    match: str  # what matched on it: a step's title, a regulation's article, a common question or everyday name
    url: str
    score: float
    snippet: str  # matched words marked 【】
    repealed: bool = False


class Ranker:
    """Queries the static index through `load` (a site's folder, or the files just built)."""

    def __init__(self, load: Load) -> None:
        self.load = load
        self.manifest: dict[str, Any] = load("manifest.json")
        self.dropped = set(self.manifest["dropped"])
        self.repealed = set(self.manifest["repealed"])
        self.codes = {name: chr(ord("A") + number) for number, (name, _) in enumerate(self.manifest["kinds"])}
        self.names = {code: name for name, code in self.codes.items()}
        self.types, self.pages = pages_of(self.manifest["layout"])
        self.words, self.shard_of = vocabulary(load("words.json"))
        self.keys = [order(word) for word in self.words]
        self.shards: dict[int, dict[str, list[int]]] = {}
        self.sounds: dict[str, set[int]] = {}  # each character's readings, as numbers of sound groups
        for number, group in enumerate(load(SOUNDS)):
            for character in group:
                self.sounds.setdefault(character, set()).add(number)
        self.patterns: dict[str, list[str]] | None = None  # see `neighbours`
        self.last_read = ("", "")  # the last query and how it was read: a search and its note read it once

    @classmethod
    def from_folder(cls, folder: Path) -> Ranker:
        """A ranker over the `search/` folder of a built site."""
        if not (folder / "manifest.json").is_file():
            raise ProjectError(f"{folder}: not a handbook search index (build the site first)")
        built = json.loads((folder / "manifest.json").read_bytes()).get("format")
        if built != FORMAT:  # an older index lacks files or steps this ranking reads (sounds.json since 7)
            raise ProjectError(f"{folder}: a search index of format {built}, this handbook reads {FORMAT}: build again")
        return cls(lambda path: json.loads((folder / path).read_bytes()))

    @classmethod
    def from_files(cls, files: dict[str, bytes]) -> Ranker:
        """A ranker over the files `site_files` returned."""
        return cls(lambda path: json.loads(files[f"{FOLDER}/{path}"]))

    def known(self, word: str) -> bool:
        """Whether a word is in the vocabulary or is one a query drops."""
        return word in self.shard_of or word in self.dropped

    def completions(self, stem: str) -> list[str]:
        """The COMPLETIONS shortest words that begin with `stem` and go on beyond it."""
        found = []
        for at in range(bisect.bisect_left(self.keys, order(stem)), len(self.words)):
            if not self.words[at].startswith(stem):
                break
            if len(self.words[at]) > len(stem):
                found.append(self.words[at])
        return sorted(found, key=len)[: self.manifest["completions"]]

    def join(self, run: str) -> str:
        """The run without each particle (PARTICLES) that splits a two-character word of the vocabulary, when
        neither half makes a word with it: 入了党 and 喝了酒 look up 入党 and 喝酒, 了解 stays."""
        kept = []
        for at, character in enumerate(run):
            if character in self.manifest["particles"] and 0 < at < len(run) - 1:
                before, after = run[at - 1], run[at + 1]
                halves = {before + character, character + after}
                if before + after in self.shard_of and not halves & self.shard_of.keys():
                    continue
            kept.append(character)
        return "".join(kept)

    def neighbours(self, typed: str, at: int) -> list[str]:
        """The vocabulary's words that are `typed` but for the character at `at` (built at the first call)."""
        if self.patterns is None:
            shortest, longest, _ = self.manifest["mend"]
            self.patterns = {}
            for word in self.words:
                if shortest <= len(word) <= longest:
                    for place in range(len(word)):
                        self.patterns.setdefault(word[:place] + "?" + word[place + 1 :], []).append(word)
        return self.patterns.get(typed[:at] + "?" + typed[at + 1 :], [])

    def mend(self, run: str) -> str:
        """The run with its longest (then first) homophone typo mended: a stretch that is no word of the vocabulary
        but for one character, sounding alike (sounds.py), is exactly one word (三会一科: 三会一课). The
        character must be a piece of one character when the run is cut (`segment`): 安监员 keeps 监 of 安监."""
        shortest, longest, _ = self.manifest["mend"]
        single = {start for start, end in segment(run, self.known) if end - start == 1}
        for size in range(min(longest, len(run)), shortest - 1, -1):
            for start in range(len(run) - size + 1):
                typed = run[start : start + size]
                if self.known(typed):
                    continue
                found = {
                    word
                    for at in range(size)
                    if start + at in single
                    for word in self.neighbours(typed, at)
                    if self.sounds.get(word[at], set()) & self.sounds.get(typed[at], set())
                }
                if len(found) == 1:
                    return run[:start] + found.pop() + run[start + size :]
        return run

    def read(self, text: str) -> str:
        """The query as it is looked up: in lower case, its first `query_chars` characters, and in each run words
        split by a particle joined (`join`) and homophone typos mended (`mend`, up to MENDS times)."""

        def fixed(match: re.Match[str]) -> str:
            """One run, joined and mended."""
            run = self.join(match.group())
            for _ in range(self.manifest["mend"][2]):
                if (mended := self.mend(run)) == run:
                    break
                run = mended
            return run

        if self.last_read[0] != text:
            self.last_read = (text, RUN.sub(fixed, self.clipped(text)))
        return self.last_read[1]

    def clipped(self, text: str) -> str:
        """The query in lower case, as much of it as is read (its first `query_chars` characters)."""
        return text.lower()[: self.manifest["query_chars"]]

    def mended(self, text: str) -> str:
        """What the query is looked up as, when a word was joined or a typo mended (shown to the reader); else ""."""
        read = self.read(text)
        return read if read != self.clipped(text) else ""

    def query_terms(self, text: str) -> list[str]:
        """The terms a query looks up, in order (see `query`)."""
        return [term for term, _, _ in self.query(text)]

    def query(self, text: str) -> list[tuple[str, int, bool]]:
        """The terms a query looks up, in order, each with the number of the query word it stands for and
        whether it is that word whole: its words (with split words joined and homophone typos mended)
        and their sub-words (the word's number), a partly typed last word's completions (each whole, all
        sharing one number of their own).

        Only the query's first `query_chars` characters are read, and its first `query_terms` terms looked up.
        """
        text = self.read(text)
        terms: list[tuple[str, int, bool]] = []
        words = 0
        runs = list(RUN.finditer(text))
        for match in runs:
            run = match.group()
            spans = segment(run, self.known)
            for start, end in spans:
                word = run[start:end]
                if word in self.dropped:
                    continue
                terms.append((word, words, True))
                for size in (2, 3):  # as jieba's search mode cuts the documents
                    parts = [word[i : i + size] for i in range(len(word) - size + 1) if size < len(word)]
                    terms += [(part, words, False) for part in parts]
                words += 1
            if match is runs[-1] and match.end() == len(text):  # the last word may be still being typed
                for start, _ in spans:  # the longest unknown stem that begins some words
                    stem = run[start:]
                    if self.known(stem):
                        break  # a word already (交 in 党费怎么交), or one a query drops (吗 in 能补交吗)
                    if found := self.completions(stem):
                        terms += [(completion, words, True) for completion in found]
                        break
        first: dict[str, tuple[int, bool]] = {}  # each term once, as the first word it stands for
        for term, stands_for, whole in terms:
            if term in self.shard_of:
                first.setdefault(term, (stands_for, whole))
        return [(term, *found) for term, found in first.items()][: self.manifest["query_terms"]]

    def shard(self, term: str) -> dict[str, list[int]]:
        """The term shard holding a term (fetched once)."""
        number = self.shard_of[term]
        if number not in self.shards:
            self.shards[number] = self.load(f"terms/{number}.json")
        return self.shards[number]

    def totals(self, query: list[tuple[str, int, bool]]) -> tuple[list[tuple[int, int]], dict[int, int]]:
        """Every matching document as (document, score), best first (the lower number first on a tie), and
        per document 1 + the body piece of the first occurrence of a term (none: no term is in its body).

        `query` is the query's terms with the words they stand for (see `query`). The summed score of a
        document is scaled by the square of the share of the query's terms it holds, a word held whole
        counting as all of its terms: a common word in a title (支部书记) does not outrank the page holding
        the rest of the question (学时), and a page holding 三会一课 holds all that 三会 and 一课 stand for.
        """
        total: dict[int, int] = {}
        held: dict[int, Counter[int]] = {}  # per document, how many terms of each query word it holds
        whole: dict[int, set[int]] = {}  # per document, the query words it holds whole
        pieces: dict[int, int] = {}
        for term, word, is_whole in query:
            flat, number = self.shard(term)[term], 0
            for at in range(0, len(flat), 3):
                number += flat[at]
                total[number] = total.get(number, 0) + flat[at + 1]
                held.setdefault(number, Counter())[word] += 1
                if is_whole:
                    whole.setdefault(number, set()).add(word)
                if flat[at + 2] and flat[at + 2] < pieces.get(number, flat[at + 2] + 1):
                    pieces[number] = flat[at + 2]
        size = Counter(word for _, word, _ in query)  # the terms of each word
        square = len(query) ** 2
        coordinated = {}
        for number, score in total.items():
            holds = whole.get(number, set())
            share = sum(size[word] if word in holds else count for word, count in held[number].items())
            coordinated[number] = score * share**2 // square
        return sorted(coordinated.items(), key=lambda item: (-item[1], item[0])), pieces

    def ranked(self, ordered: list[tuple[int, int]], kind: str | None, repealed: bool) -> list[tuple[int, int]]:
        """The best document of every page, best first, optionally of one kind, repealed ones only if asked for."""
        code = self.codes.get(kind or "")
        seen: set[int] = set()
        result = []
        for number, score in ordered:
            if (kind and self.types[number] != code) or (not repealed and number in self.repealed):
                continue
            page = bisect.bisect_right(self.pages, number)
            if page not in seen:
                seen.add(page)
                result.append((number, score))
        return result

    def search(self, text: str, limit: int = 10, kind: str | None = None, repealed: bool = False) -> list[Hit]:
        """The best `limit` pages for a query, optionally of one kind; repealed documents only if asked for."""
        query = self.query(text)
        terms = [term for term, _, _ in query]
        ordered, pieces = self.totals(query)
        lead = self.manifest["snippet"][1]
        hits = []
        for number, score in self.ranked(ordered, kind, repealed)[:limit]:
            piece = max(pieces.get(number, 0) - 1, 0)
            row = self.load(f"docs/{number}.{piece}.json")[0]
            key, page_title, title, url, carry, body, questions, aliases = row
            snippet, at = self.snippet(body, terms, min(piece * self.manifest["piece"], lead))
            match = (
                title
                if title != page_title
                else article(body, at, carry) or named(page_title, questions, aliases, terms)
            )
            doc_type = self.names[self.types[number]]
            hits.append(Hit(key, doc_type, page_title, match, url, score / SCALE, snippet, number in self.repealed))
        return hits

    def snippet(self, body: str, terms: list[str], start: int) -> tuple[str, int]:
        """The text around the first query word from `start` on, query words marked 【】, and where that word is."""
        size, lead = self.manifest["snippet"]
        lower = body.lower()
        found = [at for term in terms if (at := lower.find(term, start)) >= 0]
        if not found:
            return body[start : start + size], -1
        first = min(found)
        begin = max(0, first - lead)
        window, words = body[begin : begin + size], sorted(terms, key=len, reverse=True)
        out, at = [], 0
        while at < len(window):
            word = next((w for w in words if window.lower().startswith(w, at)), None)
            out.append(f"【{window[at : at + len(word)]}】" if word else window[at])
            at += len(word) if word else 1
        return "".join(out), first


def article(body: str, at: int, carry: str) -> str:
    """The article a snippet's first query word is in: the last 第…条 before it in the piece, else the piece's carry."""
    if at < 0:
        return ""
    found = [match.group() for match in ARTICLE.finditer(body[:at])]
    return found[-1] if found else carry


def named(title: str, questions: list[str], aliases: list[str], terms: list[str]) -> str:
    """What a hit whose title holds no query word shows as matched: its first common question holding one, else
    its first everyday name holding one."""
    if any(term in title.lower() for term in terms):
        return ""
    for prefix, texts in (("", questions), ("又称：", aliases)):
        for text in texts:
            if any(term in text.lower() for term in terms):
                return prefix + text
    return ""
