"""Debian's Chromium driven by Playwright (Playwright's own browser download is not used), offline."""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from handbook.core.atomic import write_atomic
from handbook.core.problems import ProjectError
from handbook.export.print.fonts import cache_folder, font_faces, require_fonts

CHROMIUM = Path("/usr/bin/chromium")
# Without these Chromium tries to reach Google's hosts at start-up; the intranet has none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, or a ProjectError naming the package to install."""
    if not CHROMIUM.exists():
        raise ProjectError(f"{CHROMIUM} is missing: install Debian's chromium (sudo apt-get install -y chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) for as long as the block runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def print_view(html_text: str, browser: Browser | None = None) -> Iterator[Page]:
    """One self-contained HTML page (its own <style> and @page rules) open in Chromium as it prints, in the
    print engine's TrueType fonts (added to its first <style>); in `browser` if one is open."""
    require_fonts()
    with tempfile.TemporaryDirectory(prefix="handbook-print-") as scratch, ExitStack() as stack:
        work = Path(scratch)
        faces = font_faces(work, html_text, cache_folder())
        (work / "page.html").write_text(html_text.replace("<style>", f"<style>{faces}", 1), encoding="utf-8")
        url = stack.enter_context(serve(work))
        page = (browser or stack.enter_context(chromium())).new_page()
        stack.callback(page.close)
        page.emulate_media(media="print")  # laid out, and measured by a page's script, as it prints
        page.goto(url + "page.html")
        yield page


def page_pdf(page: Page) -> bytes:
    """The page printed, at the size its @page rules give."""
    return page.pdf(prefer_css_page_size=True, print_background=True)


def html_to_pdf(html_text: str, output: Path, browser: Browser | None = None) -> None:
    """Lay out one self-contained HTML page and write it as a PDF (whole, or not at all)."""
    with print_view(html_text, browser) as page:
        write_atomic(output, page_pdf(page))
