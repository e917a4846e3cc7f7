"""Learning from readers: the search box's beacon in a web server's real log, and `handbook search-report`.

A small project is built with `search_beacon: true` and served by a web server that writes each
request to an access log as the nginx format of docs/guide/deployment.md does (a time, the request
line, the status; no address). Readers in Chromium search, refine, open a result and give up; then
`handbook search-report` reads that log.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

import pytest
from conftest import ROOT, make_site_case
from playwright.sync_api import Browser, Page

from handbook.cli import main
from handbook.search.report import asked

pytestmark = pytest.mark.browser

STAMP = "2026-11-30T09:00:00+08:00"  # every line's time: what the report reads is the order of the lines


class LoggingHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server writing `$time_iso8601 "$request" $status` per request, as the nginx example does."""

    log_path: Path

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Append the request to the access log."""
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f'{STAMP} "{self.requestline}" {int(code)}\n')

    def log_message(self, format: str, *args: object) -> None:
        """Nothing on stderr."""


@contextmanager
def logged_server(folder: Path, log: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1, every request written to `log`; yields the site's URL."""
    handler = type("Handler", (LoggingHandler,), {"log_path": log})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/handbook/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def beacon_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project built with the beacon on; served under /handbook/ as behind nginx."""
    project = make_site_case(tmp_path_factory.mktemp("beacon"))
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")  # the search box
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - handbook\n", "  - handbook:\n      search_beacon: true\n")
    )
    www = project.parent / "www"
    assert main(["--root", str(project), "build", "--site-dir", str(www / "handbook")]) == 0
    return www


def beacons(log: Path) -> list[dict[str, str]]:
    """The beacon requests written to the log so far."""
    from handbook.search.report import beacon_requests

    return beacon_requests(log.read_text(encoding="utf-8").splitlines()) if log.exists() else []


def search(page: Page, log: Path, query: str) -> None:
    """Put a query into the box and wait until the server has logged it (its results stood still)."""
    before = len(beacons(log))
    page.locator("input.md-search__input").fill(query)
    page.wait_for_function("window.__hbSearch.answered.at(-1) !== undefined")
    for _ in range(50):
        if len(beacons(log)) > before:
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{query}: not logged")


def test_the_log_records_queries_and_results_opened_and_the_report_names_what_to_add(
    browser: Browser, beacon_site: Path, tmp_path: Path
) -> None:
    """No result, refined, opened after the refinement; searched and left: each where the report lists it."""
    log = tmp_path / "access.log"
    with logged_server(beacon_site, log) as site:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(site)
        page.locator("input.md-search__input").click()
        search(page, log, "qwxz")  # no such word
        search(page, log, "测试规定")  # refined
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url("**/regulations/rule/**")
        page.goto(site)
        page.locator("input.md-search__input").click()
        search(page, log, "三会一课")
        page.keyboard.press("Escape")  # read the list, opened nothing
        context.close()
        assert not [line for line in log.read_text(encoding="utf-8").splitlines() if "cookie" in line.lower()]
    logged = beacons(log)
    assert [{name: value for name, value in params.items() if name != "n"} for params in logged] == [
        {"q": "qwxz"},
        {"q": "测试规定", "p": "qwxz"},
        {"q": "测试规定", "p": "qwxz", "open": "regulations/rule/", "rank": "1"},
        {"q": "三会一课"},
    ]
    assert [params.get("n", "") != "0" for params in logged] == [False, True, True, True]  # pages found
    queries = asked(log.read_text(encoding="utf-8").splitlines())
    assert (queries["qwxz"].empty, queries["qwxz"].refined, queries["三会一课"].left) == (1, 1, 1)

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--root", str(beacon_site.parent / "project"), "search-report", str(log)]) == 0
    text = out.getvalue()
    empty, refined, left = text.split("\n\n")[1:]
    assert "qwxz　改查后最常打开：测试规定（/regulations/rule/，1 次）" in empty
    assert "qwxz" in refined and "三会一课" not in refined
    assert "三会一课" in left and "测试规定" not in left
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--root", str(beacon_site.parent / "project"), "search-report", str(log), "--json"]) == 0
    report = json.loads(out.getvalue())
    assert report["empty"][0]["opened_after_refining"] == [{"url": "regulations/rule/", "count": 1}]
