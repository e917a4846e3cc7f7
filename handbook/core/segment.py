"""Chinese word segmentation with one handbook's own words, private to that handbook.

jieba keeps one dictionary per process: words added for one project would change how the next
project in the same process (a test run, a long `handbook serve`) is cut. A `Segmenter` owns a
`jieba.Tokenizer` of its own, so segmenting depends only on the words it was given.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

# Frequency that keeps a handbook word whole against jieba's general dictionary.
WORD_FREQUENCY = 100000


class Segmenter:
    """jieba's segmenter with a fixed list of extra words; built on first use."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words)))
        self._tokenizer: jieba.Tokenizer | None = None

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """The private jieba tokenizer, loaded with the general dictionary and our words."""
        if self._tokenizer is None:
            self._tokenizer = _tokenizer(self.words)
        return self._tokenizer

    def tokenize(self, text: str, mode: str = "default") -> Iterator[tuple[str, int, int]]:
        """(word, start, end) for every word of `text`; `search` mode adds the sub-words of long words."""
        return self.tokenizer.tokenize(text, mode=mode)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Segmenter) and other.words == self.words

    def __hash__(self) -> int:
        return hash(self.words)


@functools.lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    """A jieba tokenizer knowing exactly `words` besides its general dictionary.

    Loading jieba's dictionary takes about a second, and a process may make several segmenters
    with the same words; they share one tokenizer per word list. Shared, but never changed after
    it is built: what it does depends on `words` alone.
    """
    # Imported on demand: jieba takes about a tenth of a second to import (before any dictionary),
    # which the many runs that never segment (`handbook check`, most commands) do not need.
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its start-up chatter would drown our own output
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    total = tokenizer.total
    for word in words:
        tokenizer.add_word(word, freq=WORD_FREQUENCY)
    # jieba adds each word's frequency to the total that every word's probability is divided by,
    # so one new word could change how a text without it is cut. With the total kept, a text is
    # cut by the words that occur in it alone, and cached cuts of other texts stay valid.
    tokenizer.total = total
    return tokenizer
