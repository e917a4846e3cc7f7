"""Pages of similar text: each page's most telling words, looked up in every document's body.

This is what Whoosh's more-like-this did (its five best words by tf-idf, then a BM25 search for
them), over the body terms the search index cuts anyway (`ranking.TermCache`). Whoosh needed its
whole index rebuilt after every edit before it could answer; here an edit costs cutting the edited
document only, so `handbook serve` recomputes every page's similar pages after each change, as a
full build does.

The work grows with pages × documents (a common key word is in most bodies), so the postings are
NumPy arrays and each query adds up whole rows. Every weight is computed with the same floating-
point operations, in the same order, as the plain-Python formulas in the comments, so the ranking
(ties included) is the one those formulas give.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from handbook.search.ranking import K1, B, inverse_frequency

# How many of a page's words are looked up (Whoosh's default for more-like-this).
KEY_TERMS = 5

Floats = npt.NDArray[np.float64]
Numbers = npt.NDArray[np.intp]


class Similarity:
    """BM25 over the bodies of all documents, for more-like-this queries."""

    def __init__(self, terms: dict[str, dict[str, int]]) -> None:
        self.keys = sorted(terms)  # documents by number: ordering numbers orders the keys
        self.number = {key: n for n, key in enumerate(self.keys)}
        words: list[str] = []
        counts: list[int] = []
        starts = [0]  # document n's postings are [starts[n], starts[n + 1])
        for key in self.keys:
            words += terms[key]
            counts += terms[key].values()
            starts.append(len(counts))
        self.words = list(dict.fromkeys(words))  # by number
        vocabulary = {word: n for n, word in enumerate(self.words)}
        self.starts = starts
        self.word_of: Numbers = np.array(list(map(vocabulary.__getitem__, words)), dtype=np.intp)
        self.count: Floats = np.array(counts, dtype=np.float64)
        doc_of = np.repeat(np.arange(len(self.keys), dtype=np.intp), [len(terms[key]) for key in self.keys])

        # idf: inverse_frequency(documents, documents containing the word), Python's own log.
        containing = np.bincount(self.word_of, minlength=len(self.words)).tolist()
        self.idf: Floats = np.array([inverse_frequency(len(self.keys), n) for n in containing], dtype=np.float64)
        # norm: K1 * ((1 - B) + B * length / average)
        lengths = np.bincount(doc_of, weights=self.count, minlength=len(self.keys))
        average = sum(counts) / max(len(self.keys), 1)
        norm = K1 * ((1 - B) + B * lengths / average)
        # BM25 weight of each posting: idf * count * (K1 + 1) / (count + norm), then grouped by word.
        weight = self.idf[self.word_of] * self.count * (K1 + 1) / (self.count + norm[doc_of])
        by_word = np.argsort(self.word_of, kind="stable")
        self.word_docs: Numbers = doc_of[by_word]
        self.word_weights: Floats = weight[by_word]
        self.word_starts: list[int] = np.concatenate(([0], np.cumsum(containing))).tolist()

    def key_terms(self, number: int) -> list[tuple[int, float]]:
        """A document's most telling words by tf-idf (ties by the word), weights normalised to the best one."""
        start, end = self.starts[number], self.starts[number + 1]
        words = self.word_of[start:end]
        tfidf = self.count[start:end] * self.idf[words]  # count * idf
        chosen = np.arange(end - start)
        if len(chosen) > KEY_TERMS:  # only the words at least as heavy as the fifth heaviest can be chosen
            chosen = np.flatnonzero(tfidf >= np.partition(tfidf, -KEY_TERMS)[-KEY_TERMS])
        ranked = sorted(((float(tfidf[i]), int(words[i])) for i in chosen), key=lambda p: (-p[0], self.words[p[1]]))[
            :KEY_TERMS
        ]
        top = ranked[0][0] if ranked else 1.0
        return [(word, weight / top) for weight, word in ranked]

    def more_like(self, key: str, limit: int) -> list[str]:
        """Keys of the documents most like the one with `key`, best first (ties by key)."""
        number = self.number.get(key)
        if number is None:
            return []
        scores = np.zeros(len(self.keys))
        found = np.zeros(len(self.keys), dtype=bool)
        for word, boost in self.key_terms(number):
            start, end = self.word_starts[word], self.word_starts[word + 1]
            docs = self.word_docs[start:end]
            scores[docs] += boost * self.word_weights[start:end]  # each document once per word
            found[docs] = True
        found[number] = False
        candidates = np.flatnonzero(found)
        if len(candidates) > limit:  # only the documents scoring at least the limit-th best can be shown
            candidates = candidates[scores[candidates] >= np.partition(scores[candidates], -limit)[-limit]]
        score = dict(zip(candidates.tolist(), scores[candidates].tolist(), strict=True))
        return [self.keys[n] for n in sorted(score, key=lambda n: (-score[n], n))[:limit]]
