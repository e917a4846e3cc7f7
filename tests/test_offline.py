"""The offline copy (make site-offline) opened from file://: navigation, diagrams and search work."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, related_section
from playwright.sync_api import Browser, Page

from handbook.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook built as `make site-offline` builds it."""
    site = tmp_path_factory.mktemp("offline") / "site"
    os.environ["HANDBOOK_OFFLINE"] = "true"
    try:
        assert main(["--root", str(ROOT), "build", "--strict", "--site-dir", str(site)]) == 0
    finally:
        del os.environ["HANDBOOK_OFFLINE"]
    return site


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page with Material's closed shadow roots opened, for looking at diagrams."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "const attach = Element.prototype.attachShadow;"
        "Element.prototype.attachShadow = function (i) { return attach.call(this, { ...i, mode: 'open' }); };"
    )
    yield page
    context.close()


def test_offline_copy_works_from_the_file_system(offline_site: Path, page: Page) -> None:
    """From file://: a flow page draws its diagram, search finds 党费, nothing is fetched from a host."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto((offline_site / "flows" / "sanhui-yike.html").as_uri())
    page.locator("svg.hb-swimlane").wait_for(timeout=15_000)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("党费")  # the index is read from search/index.js: file:// blocks fetch
    # The answer to the whole text, not to a first character an earlier keystroke left shown.
    page.wait_for_function("window.__hbSearch.answered.includes('党费')", timeout=10_000)
    results = page.locator(".md-search-result__item a")
    assert "dangfei" in (results.first.get_attribute("href") or "")
    assert ".html" in (results.first.get_attribute("href") or "")
    assert [url for url in requested if not url.startswith("file://")] == []
    assert "unpkg" not in (offline_site / "index.html").read_text(encoding="utf-8")


def test_related_content_links_files_in_the_offline_copy(offline_site: Path) -> None:
    """Without directory URLs, 相关内容 links name .html files that exist beside the page."""
    page = offline_site / "flows" / "sanhui-yike.html"
    section = related_section(page.read_text(encoding="utf-8"))
    hrefs = re.findall(r'<a href="([^"#]+)">', section)
    assert hrefs
    assert all(href.endswith(".html") and (page.parent / href).resolve().is_file() for href in hrefs), hrefs
