"""The search box: answers text however it arrives (typed, pasted, spoken), shows kinds and matches, filters by kind."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

FIRST_TITLE = ".md-search-result__item:first-child .md-search-result__article h1"


def answered(page: Page, before: int) -> None:
    """Wait until the box has answered once more than `before` times."""
    page.wait_for_function(f"window.__hbSearch.answered.length > {before}", timeout=10_000)


def pasted(page: Page, query: str) -> str:
    """Put `query` into the box as a paste or a voice input does (an input event, no key), and read the top hit."""
    before = page.evaluate("window.__hbSearch.answered.length")
    page.locator("input.md-search__input").fill(query)  # sets the value and fires `input` only: no key events
    answered(page, before)
    return page.locator(FIRST_TITLE).inner_text()


def open_box(browser: Browser, site: str, viewport: dict[str, int]) -> Page:
    """A page of the site with the search box open (on a phone it opens from the header)."""
    page = browser.new_context(viewport=viewport).new_page()  # type: ignore[arg-type]
    page.goto(site)
    opener = page.locator("label.md-header__button[for='__search']")
    (opener if opener.is_visible() else page.locator("input.md-search__input")).click()
    return page


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}])
def test_a_pasted_or_typed_query_is_answered_and_only_the_latest_is_shown(
    browser: Browser, served_site: str, viewport: dict[str, int]
) -> None:
    """Desktop and phone: text without key events gets results, typed text too; the last text wins."""
    page = open_box(browser, served_site, viewport)
    assert "发展党员" in pasted(page, "发展党员")
    assert "党费" in pasted(page, "党费")
    box = page.locator("input.md-search__input")
    box.fill("")
    before = page.evaluate("window.__hbSearch.answered.length")
    box.press_sequentially("换届", delay=30)  # key events and input events, as a keyboard types
    box.press_sequentially("选举", delay=0)  # faster than the debounce: only the final text is answered
    answered(page, before)
    page.wait_for_function("window.__hbSearch.answered.at(-1) === '换届选举'")
    assert "换届" in page.locator(FIRST_TITLE).inner_text()
    page.context.close()


def test_a_mended_typo_is_said_above_the_results(browser: Browser, served_site: str) -> None:
    """三会一科 (a homophone picked by mistake) finds the 三会一课 flow, and the box says what it looked up."""
    page = open_box(browser, served_site, {"width": 390, "height": 844})
    assert "三会一课" in pasted(page, "三会一科怎么开")
    assert page.locator(".md-search-result__meta").inner_text().endswith("（按“三会一课怎么开”查找）")
    pasted(page, "三会一课")
    assert "按“" not in page.locator(".md-search-result__meta").inner_text()
    page.context.close()


def test_results_show_kind_match_and_marks_and_filter_by_kind(browser: Browser, served_site: str) -> None:
    """Each result names its kind and matched step; query words are marked; a kind button filters the list."""
    page = open_box(browser, served_site, {"width": 1280, "height": 900})
    pasted(page, "党费")
    items = page.locator(".md-search-result__item")
    assert items.count() > 5
    assert page.locator(".md-search-result__item mark").first.inner_text() == "党费"
    assert page.locator(".hb-search-kind-label").first.inner_text() in {"术语", "流程", "制度", "环节"}
    before = page.evaluate("window.__hbSearch.answered.length")
    page.locator(".hb-search-kind[data-kind='step']").click()
    answered(page, before)
    kinds = page.locator(".md-search-result__article").evaluate_all("all => all.map(a => a.dataset.hbType)")
    assert kinds and set(kinds) == {"step"}
    assert page.locator(".hb-search-match").count() == len(kinds)  # each names its step
    href = page.locator(".md-search-result__item a").first.get_attribute("href") or ""
    page.goto(href)
    page.locator("article.md-content__inner mark").first.wait_for()  # the opened page marks the query's words
    page.context.close()


def test_keys_open_the_box_move_through_the_results_and_open_the_chosen_one(browser: Browser, served_site: str) -> None:
    """`/` and `s` open the box (typed in a text field they are letters); ↑/↓ choose a result; Enter opens it."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(served_site)
    box = page.locator("input.md-search__input")
    page.keyboard.press("/")
    assert box.evaluate("el => el === document.activeElement") and box.input_value() == ""  # opened, nothing typed
    pasted(page, "党费")
    links = page.locator(".md-search-result__item a")
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "ArrowUp"):
        page.keyboard.press(key)
    chosen = page.locator("a.hb-search-active")
    assert chosen.count() == 1 and chosen.get_attribute("href") == links.nth(1).get_attribute("href")
    assert page.locator(".md-search-result__item[aria-selected='true']").count() == 1
    target = chosen.get_attribute("href") or ""
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.keyboard.press("s")
    assert box.evaluate("el => el === document.activeElement") and box.input_value() == ""
    page.keyboard.press("s")  # in the box now: a letter
    assert box.input_value() == "s"
    page.context.close()


def test_on_a_phone_the_kinds_fit_one_line(browser: Browser, served_site: str) -> None:
    """At 390 px the filter by kind is one row (it scrolls sideways), so the results start right below it."""
    page = open_box(browser, served_site, {"width": 390, "height": 844})
    pasted(page, "党员")
    buttons = page.locator(".hb-search-kind")
    assert buttons.count() > 4
    tops = {
        round(rect["y"]) for rect in buttons.evaluate_all("all => all.map(b => b.getBoundingClientRect().toJSON())")
    }
    bar = page.locator(".hb-search-kinds").bounding_box()
    assert (
        len(tops) == 1
        and bar is not None
        and bar["height"] < 2 * (buttons.first.bounding_box() or {"height": 0})["height"]
    )
    page.context.close()


def test_an_index_file_cut_short_is_fetched_again_and_a_failure_is_not_kept(browser: Browser, served_site: str) -> None:
    """A file of the index that comes back cut short (read while `handbook serve` replaced it) is fetched again
    after a pause and the query is answered; one that keeps failing is reported, and the next query asks again."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    torn = {"words.json": 1, "terms": 2}  # how many more times each is to fail

    def cut_short(route: Route) -> None:
        """The vocabulary's first half, once, with 200 OK: as a reader racing a rebuild may get it."""
        if torn["words.json"]:
            torn["words.json"] -= 1
            body = route.fetch().body()
            route.fulfill(status=200, body=body[: len(body) // 2], content_type="application/json")
        else:
            route.continue_()

    def missing(route: Route) -> None:
        """Every shard of the terms not found, twice: more than one retry covers."""
        if torn["terms"]:
            torn["terms"] -= 1
            route.fulfill(status=404, body="")
        else:
            route.continue_()

    page.route("**/search/words.json", cut_short)
    page.route("**/search/terms/*.json", missing)
    page.goto(served_site)
    page.locator("input.md-search__input").click()
    before = page.evaluate("window.__hbSearch.answered.length")
    page.locator("input.md-search__input").fill("党费")
    answered(page, before)
    assert page.locator(".md-search-result__meta").inner_text().startswith("搜索索引无法加载")
    assert torn == {"words.json": 0, "terms": 0}  # the vocabulary fetched again and read whole
    assert "党费" in pasted(page, "党费怎么交")  # the failed shard asked for again
    page.context.close()
