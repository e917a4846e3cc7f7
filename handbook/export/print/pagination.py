"""Page numbers known before printing: the pages of each run of the body, kept between prints.

Chromium has no target-counter(): the page on which each entry of the contents starts is known only
from a printed PDF. But a print document falls into runs that lay out alike wherever they stand:
the front matter (cover and contents), then each block that opens a page with the blocks that flow
on after it (assemble.Block). A run's page count, and the page within it where each of its entries
starts, are kept in the user's cache under a digest of its markup and of the print's style. When
every run is known, the contents are numbered before the first pass, and that pass is the last;
runs not yet known are measured first, in one pass with the known ones hidden. What is kept is only
a guess: the printed PDF is always checked, and a wrong number costs another pass, never a wrong page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from handbook.core.cache import OutputCache, digest
from handbook.export.print.assemble import Block


@dataclass(frozen=True)
class Run:
    """Blocks that start on a new page and end where the next run starts."""

    key: str  # digest of the print's style and the run's markup
    anchors: tuple[str, ...]  # its entries, in order (the first starts the run)


@dataclass(frozen=True)
class Laid:
    """How a run lays out: its pages, and the page within it (from 0) where each of its entries starts."""

    pages: int
    offsets: tuple[int, ...]


@dataclass(frozen=True)
class Runs:
    """A print document as runs: the front matter's key, and the body's runs in order."""

    front: str
    body: tuple[Run, ...]

    @property
    def anchors(self) -> list[str]:
        """Every entry the body's runs start, in order."""
        return [anchor for run in self.body for anchor in run.anchors]


def runs(style: str, front: str, blocks: Sequence[Block]) -> Runs:
    """The runs of a print whose layout depends on `style`, with front matter `front` and body `blocks`."""
    grouped: list[list[Block]] = []
    for block in blocks:
        if block.opens_page or not grouped:
            grouped.append([])
        grouped[-1].append(block)
    body = tuple(
        Run(digest(style, *(block.html for block in group)), tuple(block.anchor for block in group if block.anchor))
        for group in grouped
    )
    return Runs(digest(style, front), body)


class PageStore:
    """Laid-out runs (and front matters' page counts) kept in a content-addressed cache."""

    def __init__(self, cache: OutputCache) -> None:
        self.cache = cache

    def laid(self, key: str, entries: int) -> Laid | None:
        """The layout kept under `key` of a run of `entries` entries (0: the front matter), or None."""
        stored = self.cache.stored(key)
        if stored is None:
            return None
        try:
            record = json.loads(stored)
            laid = Laid(int(record["pages"]), tuple(int(offset) for offset in record["offsets"]))
        except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
            return None  # a damaged entry is only a guess lost
        fits = laid.pages >= 1 and len(laid.offsets) == entries and all(0 <= o < laid.pages for o in laid.offsets)
        return laid if fits else None

    def unknown(self, runs: Runs) -> list[Run]:
        """The body's runs whose layout is not kept."""
        return [run for run in runs.body if self.laid(run.key, len(run.anchors)) is None]

    def predict(self, runs: Runs) -> dict[str, int] | None:
        """The page each entry will start on, if the front matter and every run are known; else None."""
        front = self.laid(runs.front, 0)
        if front is None:
            return None
        starts: dict[str, int] = {}
        page = front.pages + 1
        for run in runs.body:
            laid = self.laid(run.key, len(run.anchors))
            if laid is None:
                return None
            starts |= {anchor: page + offset for anchor, offset in zip(run.anchors, laid.offsets, strict=True)}
            page += laid.pages
        return starts

    def keep(self, runs: Runs, shown: Sequence[Run], starts: dict[str, int], pages: int) -> None:
        """Keep the layout of the runs `shown` in a print of `pages` pages whose entries start at `starts`.

        The shown runs follow the front matter one after another; runs hidden in a measuring pass
        take no pages. A run without entries, or an entry not found, leaves nothing kept.
        """
        firsts = [starts.get(run.anchors[0]) if run.anchors else None for run in shown]
        ends = [*firsts[1:], pages + 1] if firsts else []  # no run shown: the pass printed the front matter alone
        if firsts and firsts[0] is not None:
            self._put(runs.front, Laid(firsts[0] - 1, ()))
        elif not shown:
            self._put(runs.front, Laid(pages, ()))
        for run, first, end in zip(shown, firsts, ends, strict=True):
            found = [starts.get(anchor) for anchor in run.anchors]
            if first is None or end is None or None in found:
                continue
            self._put(run.key, Laid(end - first, tuple(page - first for page in found if page is not None)))

    def _put(self, key: str, laid: Laid) -> None:
        """Keep one layout."""
        self.cache.put(key, json.dumps({"pages": laid.pages, "offsets": list(laid.offsets)}).encode())
