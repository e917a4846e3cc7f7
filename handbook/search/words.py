"""The vocabulary of Material's search index, for the browser's query segmenter.

Material's plugin segments the page text with jieba when it writes `search/search_index.json`;
docs/assets/handbook.js segments a typed query against exactly those words, which it reads from
`search/words.js` (a script rather than JSON, so that it loads from `file://` too).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
WORDS = Path("search") / "words.js"
# Words of two or more Chinese characters; a single character needs no segmenting.
HAN_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
FIELDS = ("title", "text", "tags")


def vocabulary(index: dict[str, Any]) -> list[str]:
    """Every Chinese word of two or more characters in the titles, texts and tags, sorted.

    jieba's words are separated by zero-width spaces and punctuation, never by Chinese characters,
    so a maximal run of Chinese characters is one word.
    """
    words: set[str] = set()
    for doc in index["docs"]:
        for field in FIELDS:
            value = doc.get(field) or ""
            for text in value if isinstance(value, list) else [value]:
                words.update(HAN_WORD.findall(text))
    return sorted(words)


def write_words(site: Path) -> None:
    """Write search/words.js beside the search index of a built site (nothing if it has none)."""
    index = site / INDEX
    if not index.is_file():
        return
    words = vocabulary(json.loads(index.read_text(encoding="utf-8")))
    script = f"window.__handbookSearchWords = {json.dumps(' '.join(words), ensure_ascii=False)};\n"
    (site / WORDS).write_text(script, encoding="utf-8")
