"""Page numbers known before printing: the body's runs, and the layouts kept of them (no browser here)."""

from __future__ import annotations

from pathlib import Path

from handbook.core.cache import OutputCache
from handbook.export.print.assemble import Block, Entry, PrintBook, assemble
from handbook.export.print.pagination import Laid, PageStore, runs


def test_parts_chapters_and_documents_open_pages_as_the_print_lays_them_out(tmp_path: Path) -> None:
    """A part's title page, a chapter's heading with its first document, then a page per document."""
    entries = [
        Entry("第一篇", 1, "h1", "第一篇"),
        Entry("第一章", 2, "h2", "第一篇"),
        Entry("甲", 3, "d1", "第一篇", html="<p>甲</p>"),
        Entry("乙", 3, "d2", "第一篇", html="<p>乙</p>"),
        Entry("第二章", 2, "h3", "第一篇"),
        Entry("丙", 3, "d3", "第一篇", html="<p>丙</p>"),
    ]
    blocks = assemble(PrintBook("手册", entries), tmp_path).blocks
    assert [(block.anchor, block.opens_page) for block in blocks] == [
        ("h1", True),
        ("h2", True),
        ("d1", False),
        ("d2", True),
        ("h3", True),
        ("d3", False),
    ]
    assert all(("hb-page-start" in block.html) == block.opens_page for block in blocks)


def blocks(*pieces: tuple[str, bool]) -> list[Block]:
    """Blocks with the given anchors, each opening a page or not."""
    return [Block(anchor, f"<section id='{anchor}'>{anchor}</section>", opens) for anchor, opens in pieces]


def test_a_run_is_a_page_opening_block_with_those_flowing_on_after_it() -> None:
    """Runs split where a block opens a page; a run's key follows the style and its own markup only."""
    body = blocks(("a", True), ("b", False), ("c", True))
    layout = runs("style", "front", body)
    assert [run.anchors for run in layout.body] == [("a", "b"), ("c",)]
    assert layout.anchors == ["a", "b", "c"]
    edited = runs("style", "front", [*body[:2], Block("c", "<section id='c'>changed</section>", True)])
    assert edited.body[0].key == layout.body[0].key and edited.body[1].key != layout.body[1].key
    assert runs("other style", "front", body).body[0].key != layout.body[0].key
    assert edited.front == layout.front != runs("style", "other front", body).front


def test_kept_layouts_predict_every_start_page_only_when_all_are_known(tmp_path: Path) -> None:
    """A full print keeps each run's pages; the next print predicts the same pages before printing."""
    layout = runs("style", "front", blocks(("a", True), ("b", False), ("c", True), ("d", True)))
    store = PageStore(OutputCache(tmp_path))
    assert store.predict(layout) is None and store.unknown(layout) == list(layout.body)
    printed = {"a": 3, "b": 4, "c": 6, "d": 7}  # a cover and a page of contents; d runs to the end
    store.keep(layout, layout.body, printed, 9)
    assert store.laid(layout.front, 0) == Laid(2, ())
    assert store.laid(layout.body[0].key, 2) == Laid(3, (0, 1))
    assert store.laid(layout.body[2].key, 1) == Laid(3, (0,))
    assert store.predict(layout) == printed and store.unknown(layout) == []


def test_a_measuring_pass_keeps_the_runs_it_showed_and_not_the_hidden_ones(tmp_path: Path) -> None:
    """With the known runs hidden, the shown ones follow the front matter one after another."""
    store = PageStore(OutputCache(tmp_path))
    old = runs("style", "front", blocks(("a", True), ("b", True)))
    store.keep(old, old.body, {"a": 2, "b": 4}, 5)
    new = runs("style", "front", [*blocks(("a", True)), Block("b", "<section id='b'>longer</section>", True)])
    assert store.unknown(new) == [new.body[1]]
    store.keep(new, store.unknown(new), {"b": 2}, 4)  # only b shown: pages 2 to 4
    assert store.predict(new) == {"a": 2, "b": 4}
    assert store.laid(new.body[1].key, 1) == Laid(3, (0,))


def test_a_pass_showing_only_new_front_matter_keeps_it(tmp_path: Path) -> None:
    """Every run kept but the front matter new (another cover): the measuring pass hides all runs and prints the
    front alone; its pages are kept. This crashed a second `handbook course` before."""
    store = PageStore(OutputCache(tmp_path))
    old = runs("style", "front", blocks(("a", True), ("b", True)))
    store.keep(old, old.body, {"a": 2, "b": 4}, 5)
    new = runs("style", "another front", blocks(("a", True), ("b", True)))
    assert store.unknown(new) == [] and store.laid(new.front, 0) is None
    store.keep(new, [], {}, 3)  # the cover and two pages of contents
    assert store.predict(new) == {"a": 4, "b": 6}


def test_a_run_whose_entries_were_not_found_is_not_kept(tmp_path: Path) -> None:
    """Nothing is guessed from a print that lacks an entry's page."""
    layout = runs("style", "front", blocks(("a", True), ("b", False), ("c", True)))
    store = PageStore(OutputCache(tmp_path))
    store.keep(layout, layout.body, {"a": 2, "c": 5}, 6)
    assert store.laid(layout.body[0].key, 2) is None and store.laid(layout.body[1].key, 1) == Laid(2, (0,))
    assert store.predict(layout) is None


def test_a_damaged_entry_is_a_layout_not_known(tmp_path: Path) -> None:
    """Whatever sits in the cache under a run's key, a print never fails on it."""
    layout = runs("style", "front", blocks(("a", True)))
    cache = OutputCache(tmp_path)
    store = PageStore(cache)
    store.keep(layout, layout.body, {"a": 2}, 2)
    damaged = [b"", b"{", b"[]", b"\xff", b"[" * 100_000 + b"]" * 100_000]
    damaged += [b'{"pages": "x", "offsets": [0]}', b'{"pages": 1e999, "offsets": [0]}', b'{"pages": 1, "offsets": 3}']
    damaged += [b'{"pages": 0, "offsets": [0]}', b'{"pages": 2, "offsets": [2]}', b'{"pages": 2, "offsets": [0, 1]}']
    for data in damaged:
        cache.put(layout.body[0].key, data)
        assert store.laid(layout.body[0].key, 1) is None and store.predict(layout) is None, data
        assert store.unknown(layout) == list(layout.body)
