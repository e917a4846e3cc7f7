"""The browser's vocabulary drawn from Material's search index."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.search.words import vocabulary, write_words

INDEX = {
    "docs": [
        {"title": "支部\u200b换届\u200b选举", "text": "<p>三会一课\u200b，党\u200b和 mine 2010</p>"},
        {"title": "Checklist", "text": "", "tags": ["群监员", "安全"]},
    ],
}


def test_vocabulary_holds_every_chinese_word_of_two_or_more_characters() -> None:
    """Titles, texts and tags give their jieba words; single characters, Latin and digits do not."""
    assert vocabulary(INDEX) == sorted(["三会一课", "支部", "换届", "选举", "群监员", "安全"])


def test_words_are_written_beside_the_index_as_a_script(tmp_path: Path) -> None:
    """search/words.js sets the global the query segmenter reads; a site without an index gets none."""
    (tmp_path / "search").mkdir()
    write_words(tmp_path)
    assert not (tmp_path / "search/words.js").exists()
    (tmp_path / "search/search_index.json").write_text(json.dumps(INDEX), encoding="utf-8")
    write_words(tmp_path)
    script = (tmp_path / "search/words.js").read_text(encoding="utf-8")
    assert script.startswith("window.__handbookSearchWords = ")
    assert json.loads(script.split("= ", 1)[1].rstrip(";\n")).split(" ")[0] == "三会一课"
