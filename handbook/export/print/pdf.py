"""Lay the print document out in Chromium, number the contents from the PDF itself, write the file.

Chromium has no target-counter(), so the contents' page numbers come from a printed PDF: print,
read the page on which each heading landed from the PDF's named destinations, write the numbers
into the contents, print again, and check that they did not move. The pages of each run of the
body are kept between prints (pagination.py), so a print whose runs are all known numbers its
contents first and prints once; new runs are measured on their own first.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page
from pypdf import PdfReader

from handbook.core.atomic import write_atomic
from handbook.core.cache import OutputCache, digest, user_cache
from handbook.core.html import css_string, escape
from handbook.core.problems import ProjectError
from handbook.export.print.assemble import Assembled, PrintBook, assemble, binder_entries
from handbook.export.print.chromium import chromium, serve
from handbook.export.print.diagrams import LANDSCAPE_MARGIN
from handbook.export.print.fonts import FAMILY, cache_folder, font_faces, identity, require_fonts
from handbook.export.print.pagination import PageStore, Runs, runs
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook

STYLE = Path(__file__).with_name("print.css")
FONTS_SLOT = "/* the fonts: made for the document's characters (fonts.py) */"
MAX_PASSES = 6  # contents numbers settle in two or three; right-hand starts may take one or two more
# The documents wait in a template until the fonts are declared; the diagrams are the site's own
# SVG, drawn when the site was built, so nothing is drawn here.
READY = """
(async () => {
  try {
    const documents = document.getElementById("hb-documents").content;
    window.__hbDiagrams = documents.querySelectorAll("svg.hb-swimlane").length;
    document.querySelector(".md-typeset").appendChild(documents);
  } catch (error) {
    window.__hbPrintError = String(error);
  }
  await document.fonts.ready;
  window.__hbPrintReady = true;
})();
"""
# A4 in inches, as Page.printToPDF takes it; @page (prefer CSS page size) sets it as well.
A4 = {"paperWidth": 8.27, "paperHeight": 11.7}
CHUNK = 1 << 20  # bytes of PDF per IO.read
# A measuring pass shows only the runs whose pages are not known yet (pagination.py).
HIDE = """(state) => {
  for (const id of state.ids) document.getElementById(id).style.display = state.hidden ? "none" : "";
}"""
NUMBER = """(numbers) => {
  for (const span of document.querySelectorAll(".toc-page")) span.textContent = numbers[span.dataset.target] ?? "";
}"""
# A refillable print's pass: the blank pages that put each document on a right-hand page, and each
# document's footer with its number of pages.
REFILL = """(state) => {
  for (const blank of document.querySelectorAll(".hb-blank")) {
    blank.classList.toggle("hb-shown", state.blanks.includes(blank.dataset.for));
  }
  for (const span of document.querySelectorAll(".doc-count")) {
    span.textContent = state.counts[span.dataset.target] ?? "";
  }
  document.getElementById("hb-document-pages").textContent = state.css;
}"""
FOOTER = f"font-size: 8.5pt; color: #444; font-family: {FAMILY};"


@dataclass(frozen=True)
class Cover:
    """What the cover says."""

    title: str
    subtitle: str  # e.g. 支部书记工作手册, or empty for the whole handbook
    organisation: str
    edition: str
    date: dt.date
    notes: tuple[str, ...] = ()  # more lines: a binder's audience and summary


@dataclass(frozen=True)
class Printed:
    """A written PDF: where, how many pages, and the page each entry starts on."""

    path: Path
    pages: int
    starts: dict[str, int]


def _stamp(cover: Cover) -> str:
    """The edition stamp printed on every page: edition and printing date."""
    return "　".join(part for part in (cover.edition, f"{cover.date.isoformat()} 印制") if part)


def _page_rules(pages: dict[str, str]) -> str:
    """The @page rules of each part: its running header, on portrait and (for wide diagrams) landscape pages."""
    header = f"font-size: 8.5pt; color: #666; font-family: {FAMILY};"
    return "".join(
        f'@page {name} {{ @top-right {{ content: "{css_string(part)}"; {header} }} }}\n.{name} {{ page: {name}; }}\n'
        # the same part's pages turned for a wide diagram (export/print/diagrams.py)
        f"@page {name}-landscape {{ size: A4 landscape; margin: {LANDSCAPE_MARGIN}; "
        f'@top-right {{ content: "{css_string(part)}"; {header} }} }}\n'
        f".{name}-landscape {{ page: {name}-landscape; }}\n"
        for name, part in pages.items()
    )


def _runs(assembled: Assembled, cover: Cover, style: str, browser: str) -> Runs:
    """The print's runs, keyed by everything their layout depends on: the print's `style` sheets (CSS and
    links), the fonts and the `browser`'s version (not the cover's date)."""
    key = digest(style, identity(), browser)
    front = "\n".join([cover.title, cover.subtitle, cover.organisation, cover.edition, *cover.notes])
    return runs(key, front + assembled.contents, assembled.blocks)


def _html(book: PrintBook, assembled: Assembled, cover: Cover, style: str) -> str:
    """The print document, with `style` in its head (the stylesheets' links, then print.css and page rules)."""
    subtitle = f"<p>{escape(cover.subtitle)}</p>" if cover.subtitle else ""
    notes = "".join(f'<p class="hb-cover-line">{escape(line)}</p>' for line in cover.notes)
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(cover.subtitle or cover.title)}</title>
<style>
{FONTS_SLOT}
:root {{ --hb-title: "{css_string(cover.title)}"; --hb-stamp: "{css_string(_stamp(cover))}"; }}
</style>
{style}<style id="hb-document-pages"></style>
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="red"><div class="md-typeset">
<section class="hb-cover"><h1>{escape(cover.title)}</h1>{subtitle}
<p>{escape(cover.organisation)}</p><p>{escape(cover.edition)}</p>
<p>{cover.date.year}年{cover.date.month}月{cover.date.day}日</p>{notes}
<p class="hb-cover-note">根据源文件生成，与内网手册同一版本</p></section>
<section class="hb-contents"><h1>目录</h1>{assembled.contents}</section>
</div>
<template id="hb-documents">{assembled.body}</template><script>{READY}</script></body></html>
"""


def _document_pages(book: PrintBook, starts: dict[str, int], pages: int, blanks: set[str]) -> dict[str, int]:
    """How many pages each unit of a refillable print has: up to whatever comes next (a section's heading,
    or the next unit, less the blank page before it)."""
    units = book.units()
    # every entry that starts something new: all but the glossary terms running on after the first
    boundaries = [entry for entry in book.entries if units.get(entry.anchor, entry) is entry]
    counts = {}
    for entry, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        if entry.anchor in units:
            end = starts[following.anchor] - (following.anchor in blanks) if following else pages + 1
            counts[entry.anchor] = end - starts[entry.anchor]
    return counts


def _right_hand(book: PrintBook, starts: dict[str, int], blanks: set[str]) -> set[str]:
    """The blank pages that put every unit on an odd (right-hand) page, given where they landed this pass."""
    wanted, shift = set(blanks), 0
    for head in dict.fromkeys(unit.anchor for unit in book.units().values()):
        if (starts[head] + shift) % 2 == 0:  # on a left-hand page: a blank before it, or one fewer
            shift += -1 if head in wanted else 1
            wanted ^= {head}
    return wanted


def _document_css(book: PrintBook, counts: dict[str, int]) -> str:
    """Each unit's footer: its code and revision date, and 第 N 页 共 M 页 of its own pages."""
    rules = []
    for head, count in counts.items():
        unit = next(entry for entry in book.documents if entry.anchor == head)
        code = book.code_of(head)
        label = "　".join(part for part in (code, f"{unit.revised} 修订" if unit.revised else "") if part)
        boxes = (
            f'@bottom-left {{ content: "{css_string(label)}"; {FOOTER} }} '
            f'@bottom-center {{ content: "第 " counter(c-{head}) " 页 共 {count} 页"; {FOOTER} }}'
        )
        for name in (f"doc-{head}", f"doc-{head}-landscape"):
            rules.append(f"@page {name} {{ counter-increment: c-{head}; {boxes} }}")
    return "\n".join(rules)


def _style(site: Path, pages: dict[str, str]) -> str:
    """The print's style sheets: Material's of the built site (the typeset look), print.css, each part's pages."""
    links = sorted(f"site/{p.relative_to(site).as_posix()}" for p in site.glob("assets/stylesheets/main.*.css"))
    sheets = "".join(f'<link rel="stylesheet" href="{href}">' for href in links)
    return f"{sheets}<style>\n{STYLE.read_text(encoding='utf-8')}\n{_page_rules(pages)}</style>"


def start_pages(reader: PdfReader, anchors: list[str]) -> dict[str, int]:
    """The 1-based page on which each anchor lands, from the PDF's named destinations."""
    found = {}
    for name, destination in reader.named_destinations.items():
        anchor = str(name).lstrip("/")
        number = reader.get_destination_page_number(destination)
        if anchor in anchors and number is not None:
            found[anchor] = number + 1
    return found


def _print_to(session: CDPSession, path: Path, final: bool) -> None:
    """Print the page to `path`, read from Chromium in chunks; bookmarks and tags only if `final`.

    Playwright's page.pdf() gathers the whole PDF in its driver and hands it over base64-encoded;
    this way neither the driver nor this process ever holds the whole file.
    """
    options = {"printBackground": True, "preferCSSPageSize": True, "marginTop": 0, "marginBottom": 0}
    options |= {"marginLeft": 0, "marginRight": 0, "generateDocumentOutline": final, "generateTaggedPDF": final}
    stream = session.send("Page.printToPDF", {**A4, **options, "transferMode": "ReturnAsStream"})["stream"]
    with path.open("wb") as file:
        while True:
            chunk = session.send("IO.read", {"handle": stream, "size": CHUNK})
            data = chunk["data"]
            file.write(base64.b64decode(data) if chunk.get("base64Encoded") else data.encode("latin-1"))
            if chunk.get("eof"):
                break
    session.send("IO.close", {"handle": stream})


def _printed(session: CDPSession, staging: Path, anchors: list[str], final: bool) -> tuple[dict[str, int], int]:
    """One pass: print to `staging`; the page each of `anchors` starts on, and the number of pages."""
    # Drawing the page, and the pass before, leave garbage the renderer has not yet collected;
    # collected before printing, the whole handbook peaks about 350 MiB lower.
    session.send("HeapProfiler.collectGarbage")
    _print_to(session, staging, final)
    reader = PdfReader(staging)
    return start_pages(reader, anchors), len(reader.pages)


def _measure(
    page: Page, session: CDPSession, staging: Path, store: PageStore, layout: Runs, progress: Callable[[str], None]
) -> None:
    """Lay out, in one pass, the runs whose pages are not kept, with the kept ones hidden; keep them."""
    unknown = store.unknown(layout)
    if not unknown and store.laid(layout.front, 0) is not None:
        progress(f"the pages of all {len(layout.body)} runs are kept from an earlier print")
        return
    known = [anchor for run in layout.body if run not in unknown for anchor in run.anchors]
    page.evaluate(HIDE, {"ids": known, "hidden": True})
    starts, pages = _printed(session, staging, layout.anchors, final=False)
    page.evaluate(HIDE, {"ids": known, "hidden": False})
    store.keep(layout, unknown, starts, pages)
    progress(f"measured the {len(unknown)} of {len(layout.body)} runs not kept from an earlier print: {pages} pages")


def print_book(
    book: PrintBook,
    site: Path,
    cover: Cover,
    output: Path,
    outside: dict[str, str] | None = None,
    progress: Callable[[str], None] = lambda message: print(message, file=sys.stderr),
    browser: Browser | None = None,
    kept: PageStore | None = None,
) -> Printed:
    """Write `book` as one PDF at `output` (written whole, or not at all); in `browser` if one is open.

    A refillable print takes a pass more for the blank pages that put its documents on right-hand
    pages; other prints use the pages of runs `kept` from earlier prints (pagination.py; by default
    in the user's cache).
    """
    require_fonts()
    assembled = assemble(book, site, outside)
    style = _style(site, assembled.pages)
    document = _html(book, assembled, cover, style)
    # a refillable print's runs move with its blank pages: its passes find them
    store = None if book.refillable else (kept or PageStore(OutputCache(user_cache("pages"))))
    progress(f"{len(book.documents)} documents assembled")
    anchors = [entry.anchor for entry in book.entries]
    with tempfile.TemporaryDirectory(prefix="handbook-print-") as scratch:
        work = Path(scratch)
        (work / "site").symlink_to(site.resolve(), target_is_directory=True)
        faces = font_faces(work, document, cache_folder())
        (work / "print.html").write_text(document.replace(FONTS_SLOT, faces, 1), encoding="utf-8")
        del document  # the browser reads it from the file; a 600-page document is worth freeing
        output.parent.mkdir(parents=True, exist_ok=True)
        staging = output.with_name(output.name + ".tmp")
        with ExitStack() as stack:
            stack.callback(staging.unlink, missing_ok=True)  # after a failure; a success has renamed it
            url = stack.enter_context(serve(work))
            opened = browser or stack.enter_context(chromium())
            page = opened.new_page()
            stack.callback(page.close)
            # Printing on a session of our own (page.pdf() cannot stream to a file) needs print media
            # emulated on that same session: set by page.emulate_media() on Playwright's session, it
            # did not spare the print a layout of its own (a pass took twice as long, 0.5 GiB more).
            session = page.context.new_cdp_session(page)
            session.send("Emulation.setEmulatedMedia", {"media": "print"})  # laid out once, as it prints
            page.goto(url + "print.html")
            page.wait_for_function("window.__hbPrintReady === true", timeout=300_000)
            progress(f"laid out, with {page.evaluate('window.__hbDiagrams')} diagrams drawn")
            error = page.evaluate("window.__hbPrintError || ''")
            if error:
                raise ProjectError(f"a diagram could not be drawn for print: {error}")
            shown: dict[str, int] = {}
            blanks: set[str] = set()  # the documents a blank page precedes (refillable prints)
            layout = None if store is None else _runs(assembled, cover, style, opened.version)
            if store is not None and layout is not None:
                _measure(page, session, staging, store, layout, progress)
                shown = store.predict(layout) or {}
                page.evaluate(NUMBER, {anchor: str(number) for anchor, number in shown.items()})
            for attempt in range(1, MAX_PASSES + 1):
                # A pass whose numbers are guessed only finds the pages: without bookmarks and tags it
                # costs less memory.
                starts, pages = _printed(session, staging, anchors, final=attempt > 1 or bool(shown))
                progress(f"pass {attempt}: {pages} pages laid out")
                if book.refillable:
                    counts = _document_pages(book, starts, pages, blanks)
                    wanted = _right_hand(book, starts, blanks)
                    settled = wanted == blanks and starts == shown
                    blanks = wanted
                    state = {"blanks": sorted(blanks), "css": _document_css(book, counts), "counts": counts}
                    page.evaluate(REFILL, state)
                    if settled:
                        break
                elif starts == shown:
                    break
                shown = starts
                page.evaluate(NUMBER, {anchor: str(number) for anchor, number in starts.items()})
            else:
                raise ProjectError(f"the contents' page numbers did not settle after {MAX_PASSES} passes")
            missing = sorted(set(anchors) - set(starts))
            if missing:
                raise ProjectError(f"no page found for {len(missing)} entries of the contents, e.g. {missing[0]}")
            if store is not None and layout is not None:
                store.keep(layout, layout.body, starts, pages)
            staging.replace(output)
    progress(f"wrote {output} ({pages} pages)")
    return Printed(output, pages, starts)


def full_handbook_pages(book: PrintBook, site: Path, cover: Cover, output: Path) -> dict[str, int]:
    """Page URL → the page where it starts in the full handbook, printing the handbook if it is not current.

    A binder names the full handbook's page for every document it leaves out. The numbers are kept
    beside the full PDF (`handbook.pages.json`) for as long as the printed content is the same.
    """
    stored = output.with_suffix(".pages.json")
    if stored.is_file() and output.is_file():
        cached = json.loads(stored.read_text(encoding="utf-8"))
        if cached.get("digest") == _digest(book, site):
            return {url: int(page) for url, page in cached["pages"].items()}
    return print_full_handbook(book, site, cover, output)


def print_full_handbook(book: PrintBook, site: Path, cover: Cover, output: Path) -> dict[str, int]:
    """Print the full handbook and keep, beside it, the page where each document starts (for binders)."""
    printed = print_book(book, site, cover, output)
    pages = {url: printed.starts[anchor] for url, anchor in book.anchor_of_url().items()}
    record = {"digest": _digest(book, site), "pages": pages}
    write_atomic(output.with_suffix(".pages.json"), json.dumps(record, ensure_ascii=False, indent=1))
    return pages


def binder_print(model: Handbook, binder: Binder, date: dt.date) -> tuple[PrintBook, Cover]:
    """A binder as it is printed: refillable (each document on its own right-hand pages), with its own cover."""
    book = PrintBook(binder.title, binder_entries(model, binder), refillable=True)
    lines = (("适用对象", binder.audience), ("内容", binder.summary))
    notes = tuple(f"{label}：{text}" for label, text in lines if text)
    info = model.book
    return book, Cover(binder.title, info.title, info.organisation or "", info.edition or "", date, notes)


def _digest(book: PrintBook, site: Path) -> str:
    """A fingerprint of what the full handbook prints: its page numbers hold while it is the same."""
    assembled = assemble(book, site)
    return hashlib.sha256((assembled.contents + assembled.body).encode()).hexdigest()
