"""Debian's Chromium driven by Playwright (Playwright's own browser download is not used), offline."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from handbook.core.atomic import write_atomic
from handbook.core.problems import ProjectError

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


def html_to_pdf(html_text: str, output: Path, browser: Browser | None = None) -> None:
    """Lay out one self-contained HTML page (its own @page rules) and write it as a PDF; in `browser` if one is open."""
    with ExitStack() as stack:
        page = (browser or stack.enter_context(chromium())).new_page()
        try:
            page.set_content(html_text, wait_until="load")
            write_atomic(output, page.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            page.close()
