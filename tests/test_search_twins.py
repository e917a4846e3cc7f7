"""The twins agree: docs/assets/search.js, run under Node, returns what the Python `Ranker` returns, query by query.

The JavaScript file is loaded as the browser loads it, with a page of nothing: a `document` with
the theme's configuration and no header, a `location`, and a `fetch` that reads the index's files
from a folder. Random queries (whole words, parts of words, question words, single characters,
Latin letters and numbers, pasted repetitions past the length bound, with and without a kind)
are answered by both; every hit must be the same: key, type, titles, match, URL, score, snippet.
"""

from __future__ import annotations

import html
import json
import random
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TODAY

from handbook.core.project import Project
from handbook.pipeline import load_model, search_files
from handbook.search.ranking import FOLDER, QUESTION_WORDS, Ranker, vocabulary

SHIM = """
const fs = require("fs");
const path = require("path");
const [script, folder, asked] = process.argv.slice(2);
globalThis.window = globalThis;
globalThis.location = { href: "http://handbook.test/", protocol: "http:" };
globalThis.document = {
  getElementById: () => ({ textContent: JSON.stringify({ base: "." }) }),
  querySelector: () => null,
};
globalThis.fetch = (url) => {
  const file = path.join(folder, new URL(url).pathname.replace(/^\\/search\\//, ""));
  const ok = fs.existsSync(file);
  return Promise.resolve({ ok, status: ok ? 200 : 404, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) });
};
require(script);
(async () => {
  const out = [];
  for (const [text, kind] of JSON.parse(fs.readFileSync(asked, "utf8"))) {
    const result = await window.__hbSearch.search(text, { limit: 10, kind });
    out.push([result.mended, result.hits.map((h) => [h.key, h.type, h.title, h.match, h.url, h.score, h.snippet])]);
  }
  process.stdout.write(JSON.stringify(out));
})();
"""
KINDS = [None, None, None, "flow", "step", "regulation", "term", "unit"]
EXTRAS = ["U盘", "2019年", "ABC", "第五条", "？", "  ", "、", "党费怎么交 ", "𠮷三会一科", "入了党𠮷"]


def random_queries(words: list[str], count: int, seed: int) -> list[tuple[str, str | None]]:
    """Queries made of vocabulary words and pieces of them, question words, stray characters, with a kind or none."""
    rng = random.Random(seed)
    questions = sorted(QUESTION_WORDS)
    queries = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 4)):
            word, roll = rng.choice(words), rng.random()
            if roll < 0.5:
                parts.append(word)
            elif roll < 0.65:
                parts.append(word[: rng.randint(1, len(word))])  # being typed
            elif roll < 0.75:
                parts.append(rng.choice(questions))
            elif roll < 0.85:
                parts.append(chr(rng.randint(0x4E00, 0x9FA5)))
            elif roll < 0.92:
                parts.append(rng.choice(EXTRAS))
            else:
                parts.append(word * rng.randint(5, 40))  # pasted: past the length bound
        queries.append(("".join(parts) if rng.random() < 0.7 else " ".join(parts), rng.choice(KINDS)))
    return queries


def typed_queries(words: list[str], sounds: list[str], count: int, seed: int) -> list[tuple[str, str | None]]:
    """Words typed with one character swapped for one that sounds alike, or split by a particle (入了党), in
    random company."""
    rng = random.Random(seed)
    alike = {character: group for group in sounds for character in group}
    long = [word for word in words if 3 <= len(word) <= 8 and any(character in alike for character in word)]
    pairs = [word for word in words if len(word) == 2]
    queries = []
    for _ in range(count):
        word = rng.choice(long)
        at = rng.choice([place for place, character in enumerate(word) if character in alike])
        typo = word[:at] + rng.choice(alike[word[at]]) + word[at + 1 :]
        pair = rng.choice(pairs)
        parts = [typo, pair[0] + rng.choice("了过") + pair[1], rng.choice(words)]
        rng.shuffle(parts)
        queries.append(("".join(parts[: rng.randint(1, 3)]), rng.choice(KINDS)))
    return queries


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's search index, written as a site holds it."""
    project = Project(ROOT, TODAY)
    folder = tmp_path_factory.mktemp("twins") / FOLDER
    for path, content in search_files(project, load_model(project)).items():
        target = folder / Path(path).relative_to(FOLDER)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder


def javascript(index: Path, queries: list[tuple[str, str | None]]) -> list[tuple[str, list[list[object]]]]:
    """What docs/assets/search.js answers each query, run under Node: the text looked up if mended (else ""), and
    the hits, snippets marked as Python marks them."""
    (index.parent / "shim.js").write_text(SHIM, encoding="utf-8")
    (index.parent / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    script = str(ROOT / "docs" / "assets" / "search.js")
    command = ["node", str(index.parent / "shim.js"), script, str(index), str(index.parent / "queries.json")]
    answers = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout)
    return [(mended, [[*hit[:6], plain(str(hit[6]))] for hit in hits]) for mended, hits in answers]


def plain(snippet: str) -> str:
    """A snippet of the box (HTML, words in <mark>) as the CLI writes it (text, words in 【】)."""
    return html.unescape(snippet.replace("<mark>", "【").replace("</mark>", "】"))


def python(index: Path, queries: list[tuple[str, str | None]]) -> list[list[list[object]]]:
    """The hits the CLI's ranking returns for each query, scores in hundredths as the index keeps them."""
    ranker = Ranker.from_folder(index)
    return [
        [[h.key, h.type, h.title, h.match, h.url, round(h.score * 100), h.snippet] for h in ranker.search(q, 10, kind)]
        for q, kind in queries
    ]


def test_javascript_and_python_rank_random_queries_alike(index: Path) -> None:
    """600 random queries: the same ten hits, in the same order, with the same matches, scores and snippets."""
    words, _ = vocabulary(json.loads((index / "words.json").read_text(encoding="utf-8")))
    queries = random_queries(words, 600, seed=30)
    found = [hits for _, hits in javascript(index, queries)]
    expected = python(index, queries)
    differ = [
        f"{q!r} ({kind}):\n  JS {js}\n  Py {py}"
        for (q, kind), js, py in zip(queries, found, expected, strict=True)
        if js != py
    ]
    assert not differ, f"{len(differ)} of {len(queries)} differ:\n" + "\n".join(differ[:5])
    assert sum(bool(hits) for hits in expected) > len(queries) // 2  # the queries find things: a real comparison


def test_javascript_and_python_mend_typed_queries_alike(index: Path) -> None:
    """300 queries with homophone typos and split words: the same text looked up and the same hits; many are
    mended, so the steps are exercised."""
    words, _ = vocabulary(json.loads((index / "words.json").read_text(encoding="utf-8")))
    sounds = json.loads((index / "sounds.json").read_text(encoding="utf-8"))
    queries = typed_queries(words, sounds, 300, seed=31)
    ranker = Ranker.from_folder(index)
    expected = [(ranker.mended(text), hits) for (text, _), hits in zip(queries, python(index, queries), strict=True)]
    assert javascript(index, queries) == expected
    assert sum(bool(mended) for mended, _ in expected) > 100
