"""Pages of similar text: each page's most telling words, looked up in every document's body.

This is what Whoosh's more-like-this did (its five best words by tf-idf, then a BM25 search for
them), over the body terms the search index cuts anyway (`ranking.TermCache`). Whoosh needed its
whole index rebuilt after every edit before it could answer; here an edit costs cutting the edited
document only, so `handbook serve` recomputes every page's similar pages after each change, as a
full build does.
"""

from __future__ import annotations

import heapq

from handbook.search.ranking import K1, B, inverse_frequency

# How many of a page's words are looked up (Whoosh's default for more-like-this).
KEY_TERMS = 5


class Similarity:
    """BM25 over the bodies of all documents, for more-like-this queries."""

    def __init__(self, terms: dict[str, dict[str, int]]) -> None:
        self.terms = terms
        lengths = {key: sum(counts.values()) for key, counts in terms.items()}
        average = sum(lengths.values()) / max(len(terms), 1)
        self.norms = {key: K1 * ((1 - B) + B * length / average) for key, length in lengths.items()}
        self.postings: dict[str, list[tuple[str, int]]] = {}
        for key, counts in terms.items():
            for word, count in counts.items():
                self.postings.setdefault(word, []).append((key, count))
        self.weights: dict[str, list[tuple[str, float]]] = {}  # by word, once: pages share key terms

    def idf(self, word: str) -> float:
        """BM25's idf of a word among the bodies."""
        return inverse_frequency(len(self.terms), len(self.postings.get(word, ())))

    def key_terms(self, key: str) -> list[tuple[str, float]]:
        """The document's most telling words by tf-idf, with weights normalised to the best one."""
        counts = self.terms.get(key, {})
        ranked = sorted(((count * self.idf(word), word) for word, count in counts.items()), key=lambda p: (-p[0], p[1]))
        best = ranked[:KEY_TERMS]
        top = best[0][0] if best else 1.0
        return [(word, weight / top) for weight, word in best]

    def weighted(self, word: str) -> list[tuple[str, float]]:
        """Every document containing the word, with the word's BM25 weight in it."""
        if word not in self.weights:
            idf = self.idf(word)
            self.weights[word] = [
                (key, idf * count * (K1 + 1) / (count + self.norms[key])) for key, count in self.postings[word]
            ]
        return self.weights[word]

    def more_like(self, key: str, limit: int) -> list[str]:
        """Keys of the documents most like the one with `key`, best first (ties by key)."""
        scores: dict[str, float] = {}
        for word, boost in self.key_terms(key):
            for other, weight in self.weighted(word):
                scores[other] = scores.get(other, 0.0) + boost * weight
        scores.pop(key, None)
        return [other for other, _ in heapq.nsmallest(limit, scores.items(), key=lambda p: (-p[1], p[0]))]
