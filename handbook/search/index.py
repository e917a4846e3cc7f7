"""The Whoosh index of the handbook: the only module that imports Whoosh, so it can be swapped.

Documents and queries are cut by the same `Segmenter`, carrying the handbook's own words; without
them a query such as 内网 or 三会一课 is cut into single characters and misses. The segmenter
travels inside the index's schema (Whoosh pickles its analyzer), as its word list only.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import analysis, fields, highlight, index, qparser, scoring, sorting
from whoosh.query import Term
from whoosh.searching import Hit as Result

from handbook.core.problems import ProjectError
from handbook.core.refs import parse_ref
from handbook.core.segment import Segmenter
from handbook.kinds.common import Status
from handbook.search.documents import SearchDoc

_STAMP = "handbook-index.json"
# Part of every index's fingerprint: bump it when the schema or the analyzer changes, so that
# indexes cached by an older version are rebuilt.
FORMAT = 4
# Titles and aliases decide most queries; the body only breaks ties and catches questions.
BOOSTS = {"title": 6.0, "aliases": 5.0, "tags": 2.0, "roles": 1.5, "body": 1.0}
# The fields a query searches unless it names one (`roles:组织委员`).
QUERY_FIELDS = ["title", "aliases", "body", "tags"]
# jieba's stop words (jieba.analyse.analyzer.STOP_WORDS), copied: importing that module loads
# jieba's part-of-speech tables and IDF dictionary, about 130 MiB in every process that loads
# the model (printing, checking), for a list of 37 words.
STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in", "is", "it", "may"}
    | {"not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we", "when", "will", "with", "yet"}
    | {"you", "your", "的", "了", "和"}
)
# Question words carry no topic: 党小组会多久开一次 asks about 党小组会, not about 多久.
QUESTION_WORDS = frozenset(
    {"怎么", "怎样", "如何", "什么", "为什么", "干什么", "做什么", "哪些", "哪个", "多久", "多少", "啥"}
    | {"谁", "吗", "呢", "吧", "是", "要", "给", "有"}
)
# Highlighting re-segments the text it reads, so it reads only a window around the first match.
SNIPPET_WINDOW = 240
# A page shows in the results once, by its best document: a flow or one of its steps.
GROUP_LIMIT = 1


@dataclass(frozen=True)
class Hit:
    """One search result."""

    key: str
    type: str
    title: str
    url: str
    score: float
    snippet: str
    repealed: bool = False  # found only when repealed documents are asked for


_HAN = re.compile(r"[\u4E00-\u9FD5]+")


class JiebaTokenizer(analysis.Tokenizer):  # type: ignore[misc]
    """Whoosh tokens from a handbook's private segmenter (jieba's ChineseTokenizer uses the global one)."""

    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def __call__(self, text: str, **kwargs: Any) -> Iterator[analysis.Token]:
        """Every word and, for long words, their sub-words (jieba's search mode), as Whoosh tokens."""
        token = analysis.Token(**kwargs)
        for word, start, end in self.segmenter.tokenize(text, mode="search"):
            if len(word) <= 1 and not _HAN.match(word):
                continue  # lone Latin letters and punctuation, as jieba's own analyzer drops them
            token.original = token.text = word
            token.pos, token.startchar, token.endchar = start, start, end
            yield token


def _analyzer(segmenter: Segmenter) -> analysis.Analyzer:
    """jieba's ChineseAnalyzer with the handbook's words, minus its English stemmer (only cost time on Chinese)."""
    return (
        JiebaTokenizer(segmenter)
        | analysis.LowercaseFilter()
        | analysis.StopFilter(STOP_WORDS | QUESTION_WORDS, minsize=1)
    )


def words_of(segmenter: Segmenter) -> Callable[[str], Iterator[str]]:
    """The indexed words of a text, exactly as the index cuts it (for similar pages)."""
    analyzer = _analyzer(segmenter)

    def words(text: str) -> Iterator[str]:
        """The words of one text."""
        return (token.text for token in analyzer(text))

    return words


def _schema(segmenter: Segmenter) -> fields.Schema:
    """Fields of a search document; the analyzer segments Chinese with the handbook's words."""
    analyzer = _analyzer(segmenter)
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        group=fields.ID(sortable=True),  # the page-level reference: a step belongs to its flow
        type=fields.ID(stored=True),
        url=fields.STORED,
        title=fields.TEXT(stored=True, analyzer=analyzer, field_boost=BOOSTS["title"]),
        aliases=fields.TEXT(stored=True, analyzer=analyzer, field_boost=BOOSTS["aliases"]),
        body=fields.TEXT(stored=True, analyzer=analyzer, field_boost=BOOSTS["body"], vector=True),
        roles=fields.TEXT(analyzer=analyzer, field_boost=BOOSTS["roles"]),
        part=fields.ID(stored=True),
        current=fields.ID(stored=True),  # "no" for a repealed (废止) document: left out unless asked for
        tags=fields.TEXT(analyzer=analyzer, field_boost=BOOSTS["tags"]),
    )


def digest(docs: list[SearchDoc], segmenter: Segmenter) -> str:
    """A fingerprint of what an index holds: rebuild only when it changes."""
    payload = [FORMAT, [d.__dict__ for d in docs], list(segmenter.words)]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def ensure_index(folder: Path, docs: list[SearchDoc], segmenter: Segmenter) -> bool:
    """Build the index in `folder` unless it already holds exactly these documents; True if built."""
    stamp = folder / _STAMP
    fingerprint = digest(docs, segmenter)
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")).get("digest") == fingerprint:
        return False
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    writer = index.create_in(str(staging), _schema(segmenter)).writer()
    for doc in docs:
        writer.add_document(
            key=doc.key,
            group=str(parse_ref(doc.key).target),
            type=doc.type,
            url=doc.url,
            title=doc.title,
            aliases=" ".join(doc.aliases),
            body=doc.body,
            roles=" ".join(doc.roles),
            part=doc.part,
            current="no" if doc.status == Status.REPEALED else "yes",
            tags=" ".join(doc.tags),
        )
    writer.commit()
    (staging / _STAMP).write_text(json.dumps({"digest": fingerprint}, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)  # readers never see a half-written index
    return True


class _Marks(highlight.Formatter):  # type: ignore[misc]
    """Highlights matched words as 【词】, readable in a terminal and in JSON."""

    between = "…"

    def format_token(self, text: str, token: highlight.Token, replace: bool = False) -> str:
        """Wrap one matched token."""
        return f"【{highlight.get_text(text, token, replace)}】"


class Searcher:
    """Queries one built index."""

    def __init__(self, folder: Path) -> None:
        if not (folder / _STAMP).is_file() or not index.exists_in(str(folder)):
            raise ProjectError(f"{folder}: not a handbook search index (build the site first)")
        stamp = json.loads((folder / _STAMP).read_text(encoding="utf-8"))
        self.digest: str = stamp["digest"]  # identifies the indexed content, for caches built on it
        self.index = index.open_dir(str(folder))
        self.searcher = self.index.searcher(weighting=scoring.BM25F())
        # Repealed documents are dropped after the search, which asks for as many more results:
        # a filter or mask on them made Whoosh's collapsing by page list a page twice.
        self.repealed: int = self.searcher.doc_frequency("current", "no")
        # A plain OR: OrGroup.factory's bonus for matching more words re-counts the matched words
        # of every candidate and doubled p95 at 10,000 documents, for no gain in the gold recall.
        # `roles` is left to explicit `roles:` queries: a post's name is already its page's title,
        # and searching it by default only slowed common words down.
        self.parser = qparser.MultifieldParser(QUERY_FIELDS, self.index.schema, group=qparser.OrGroup)

    def search(self, text: str, limit: int = 10, kind: str | None = None, repealed: bool = False) -> list[Hit]:
        """The best `limit` hits for a query, optionally of one type; repealed documents only if asked for."""
        query = self.parser.parse(text)
        analyzer = self.index.schema["body"].analyzer
        # The query's own words mark the snippets; asking Whoosh for each hit's matched terms
        # (terms=True) would record them for every matching document and triple the latency.
        words = {token.text for token in analyzer(text)}
        results = self.searcher.search(
            query,
            limit=limit + (0 if repealed else self.repealed),
            filter=index_filter(kind),
            collapse=sorting.FieldFacet("group"),
            collapse_limit=GROUP_LIMIT,
        )
        kept = [r for r in results if repealed or r["current"] == "yes"][:limit]
        return [
            Hit(r["key"], r["type"], r["title"], r["url"], r.score, self._snippet(r, words), r["current"] == "no")
            for r in kept
        ]

    def _snippet(self, result: Result, words: set[str]) -> str:
        """The query's words in a hit's body, in context and marked 【】 (or the body's start)."""
        body: str = result["body"]
        starts = [at for word in words if (at := body.find(word)) >= 0]
        if not starts:
            return body[:60]
        start = max(0, min(starts) - SNIPPET_WINDOW // 4)
        window = body[start : start + SNIPPET_WINDOW]
        fragmenter = highlight.ContextFragmenter(maxchars=80, surround=20)
        analyzer = self.index.schema["body"].analyzer
        return highlight.highlight(window, words, analyzer, fragmenter, _Marks(), top=2) or window[:60]

    def close(self) -> None:
        """Release the index files."""
        self.searcher.close()


def index_filter(kind: str | None) -> Term | None:
    """A Whoosh filter restricting results to one document type."""
    if kind is None:
        return None
    return Term("type", kind)
