"""The Whoosh index of the handbook, for related pages (more-like-this): the only module that imports Whoosh.

Searching is done by handbook/search/ranking.py, the same ranking as the site's search box; Whoosh
only finds, for each page, the documents whose body text is most like its own. Documents are cut
by the same `Segmenter` as the search index. The segmenter travels inside the index's schema
(Whoosh pickles its analyzer), as its word list only.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import analysis, fields, index, scoring

from handbook.core.problems import ProjectError
from handbook.core.segment import Segmenter
from handbook.search.documents import SearchDoc
from handbook.search.ranking import DROPPED

_STAMP = "handbook-index.json"
# Part of every index's fingerprint: bump it when the schema or the analyzer changes, so that
# indexes cached by an older version are rebuilt.
FORMAT = 5
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


def _schema(segmenter: Segmenter) -> fields.Schema:
    """A document's key and body; the analyzer segments Chinese with the handbook's words."""
    # jieba's ChineseAnalyzer minus its English stemmer, which only cost time on Chinese text.
    analyzer = JiebaTokenizer(segmenter) | analysis.LowercaseFilter() | analysis.StopFilter(DROPPED, minsize=1)
    return fields.Schema(
        key=fields.ID(stored=True, unique=True),
        body=fields.TEXT(analyzer=analyzer, vector=True),
    )


def digest(docs: list[SearchDoc], segmenter: Segmenter) -> str:
    """A fingerprint of what an index holds: rebuild only when it changes."""
    payload = [FORMAT, [[d.key, d.body] for d in docs], list(segmenter.words)]
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
        writer.add_document(key=doc.key, body=doc.body)
    writer.commit()
    (staging / _STAMP).write_text(json.dumps({"digest": fingerprint}, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)  # readers never see a half-written index
    return True


class Searcher:
    """Finds similar documents in one built index."""

    def __init__(self, folder: Path) -> None:
        if not (folder / _STAMP).is_file() or not index.exists_in(str(folder)):
            raise ProjectError(f"{folder}: not a handbook similarity index")
        stamp = json.loads((folder / _STAMP).read_text(encoding="utf-8"))
        self.digest: str = stamp["digest"]  # identifies the indexed content, for caches built on it
        self.index = index.open_dir(str(folder))
        self.searcher = self.index.searcher(weighting=scoring.BM25F())

    def more_like(self, key: str, limit: int) -> list[str]:
        """Keys of the documents most like the one with `key` (by its body text)."""
        docnum = self.searcher.document_number(key=key)
        if docnum is None:
            return []
        return [hit["key"] for hit in self.searcher.more_like(docnum, "body", top=limit)]

    def close(self) -> None:
        """Release the index files."""
        self.searcher.close()
