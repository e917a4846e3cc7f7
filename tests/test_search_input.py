"""The search box answers text that arrives without a key event: pasted, spoken or handwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# Counts the result lists Material renders (shared with the recall test and the search benchmark).
PROBE = Path(__file__).parent / "data" / "search_probe.js"
FIRST_RESULT = ".md-search-result__item:first-child .md-search-result__article h1"


def results_of(page: Page, query: str) -> str:
    """Put `query` into the box as a paste or a voice input does (an input event, no key), and read the top hit."""
    before = page.evaluate("window.__hbSearch.rendered.length")
    page.locator("input.md-search__input").fill(query)  # sets the value and fires `input` only: no key events
    page.wait_for_function(f"window.__hbSearch.rendered.length > {before}", timeout=10_000)
    return page.locator(FIRST_RESULT).inner_text(timeout=10_000).replace("\u200b", "")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_pasted_query_is_searched_and_a_replaced_one_shows_its_own_results(
    browser: Browser, served_site: str, viewport: dict[str, int]
) -> None:
    """Desktop and phone: a query without key events gets results; replacing it shows the new query's results."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.add_init_script(path=PROBE)
    page.goto(served_site)
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # on a phone the box opens from the header; on a desktop it is always there
        opener.click()
    assert "发展党员" in results_of(page, "发展党员")
    assert "党费" in results_of(page, "党费")
    context.close()
