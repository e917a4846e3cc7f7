"""Pages of similar text: each page's most telling words, looked up in every document's body.

This is what Whoosh's more-like-this does (its five best words by tf-idf, then a BM25 search for
them), done over word counts kept per body text. Whoosh needs its whole index rebuilt after every
edit before it can answer; here an edit costs segmenting the edited text only, so `handbook serve`
can recompute every page's similar pages after each change, as a full build would.

The words of a text depend on the text and on the handbook words that occur in it (see
`handbook.core.segment`), so cached counts stay valid when the word list changes, except for the
texts that contain an added or removed word.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from handbook.search.documents import SearchDoc

# BM25's usual constants, as Whoosh's BM25F uses them.
K1, B = 1.2, 0.75
# How many of a page's words are looked up (Whoosh's default for more-like-this).
KEY_TERMS = 5
_FORMAT = 1

Analyze = Callable[[str], Iterable[str]]


def _digest(text: str) -> str:
    """The cache key of a text."""
    return hashlib.sha1(text.encode()).hexdigest()


def body_terms(docs: list[SearchDoc], words: tuple[str, ...], analyze: Analyze, cache: Path) -> dict[str, Counter[str]]:
    """The word counts of every document's body; texts already counted are taken from `cache`."""
    stored: dict[str, dict[str, int]] = {}
    if cache.is_file():
        content = json.loads(cache.read_text(encoding="utf-8"))
        if content.get("format") == _FORMAT:
            changed = set(content["words"]).symmetric_difference(words)
            # A text is cut differently only where an added or removed word occurs in it.
            stored = {
                key: counts
                for key, (text, counts) in content["texts"].items()
                if not any(word in text for word in changed)
            }
    texts: dict[str, tuple[str, dict[str, int]]] = {}
    result: dict[str, Counter[str]] = {}
    for doc in docs:
        key = _digest(doc.body)
        counts = stored.get(key)
        if counts is None:
            counts = dict(Counter(analyze(doc.body)))
        texts[key] = (doc.body, counts)
        result[doc.key] = Counter(counts)
    if texts.keys() != stored.keys():
        cache.parent.mkdir(parents=True, exist_ok=True)
        staging = cache.with_suffix(".tmp")
        payload = {"format": _FORMAT, "words": list(words), "texts": texts}
        staging.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        staging.replace(cache)
    return result


class Similarity:
    """BM25 over the bodies of all documents, for more-like-this queries."""

    def __init__(self, terms: dict[str, Counter[str]]) -> None:
        self.terms = terms
        self.lengths = {key: sum(counts.values()) for key, counts in terms.items()}
        self.average = sum(self.lengths.values()) / max(len(terms), 1)
        self.postings: dict[str, list[tuple[str, int]]] = {}
        for key, counts in terms.items():
            for word, count in counts.items():
                self.postings.setdefault(word, []).append((key, count))

    def idf(self, word: str) -> float:
        """Whoosh's BM25 idf: rarer words weigh more."""
        return math.log(len(self.terms) / (len(self.postings.get(word, ())) + 1)) + 1

    def key_terms(self, key: str) -> list[tuple[str, float]]:
        """The document's most telling words by tf-idf, with weights normalised to the best one."""
        counts = self.terms.get(key, Counter())
        ranked = sorted(((count * self.idf(word), word) for word, count in counts.items()), key=lambda p: (-p[0], p[1]))
        best = ranked[:KEY_TERMS]
        top = best[0][0] if best else 1.0
        return [(word, weight / top) for weight, word in best]

    def more_like(self, key: str, limit: int) -> list[str]:
        """Keys of the documents most like the one with `key`, best first (ties by key)."""
        scores: dict[str, float] = {}
        for word, boost in self.key_terms(key):
            idf = self.idf(word)
            for other, count in self.postings[word]:
                if other != key:
                    norm = K1 * ((1 - B) + B * self.lengths[other] / self.average)
                    scores[other] = scores.get(other, 0.0) + boost * idf * count * (K1 + 1) / (count + norm)
        return [other for other, _ in sorted(scores.items(), key=lambda p: (-p[1], p[0]))[:limit]]
