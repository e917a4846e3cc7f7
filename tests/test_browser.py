"""The built handbook in real Chromium, served under a sub-path: diagrams, search, no outside requests."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from conftest import ROOT, TODAY
from playwright.sync_api import Browser, Page

from handbook.core.project import Project
from handbook.kinds.flow.mermaid import flowchart_parts
from handbook.pipeline import load_model

pytestmark = pytest.mark.browser

# Material renders diagrams into a *closed* shadow root; opening it lets the test look inside.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


@pytest.fixture
def requested() -> list[str]:
    """Every URL the test's page requested."""
    return []


def left_the_site(urls: list[str]) -> list[str]:
    """The requested URLs that are not on 127.0.0.1 under the site's sub-path /handbook/."""
    return sorted(
        {
            url
            for url in urls
            if urlparse(url).hostname != "127.0.0.1" or not urlparse(url).path.startswith("/handbook/")
        }
    )


@pytest.fixture
def page(browser: Browser, requested: list[str]) -> Iterator[Page]:
    """A fresh page that records its requests and fails on script errors or a request leaving the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(OPEN_SHADOW_ROOTS)
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []
    assert left_the_site(requested) == []


def test_flow_diagram_is_there_without_script(browser: Browser, served_site: str) -> None:
    """The flowchart is SVG in the page itself: with script switched off it shows every step, labels as text."""
    model = load_model(Project(ROOT, TODAY))
    flow = model.flows["fazhan-dangyuan"].meta
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "flows/fazhan-dangyuan/")
    svg = page.locator(".hb-swimlane-box:not(.hb-print-variant) svg.hb-swimlane")  # the print variant is hidden
    assert svg.locator("a.hb-node").count() == len(flow.steps)
    assert flow.steps[1].label[:6] in (svg.text_content() or "")
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('svg.hb-swimlane text')).fontSize)")
    width = page.evaluate("document.querySelector('svg.hb-swimlane').getBoundingClientRect().width")
    assert font >= 12 and width == svg.evaluate("s => s.viewBox.baseVal.width")  # natural size: scrolls, not shrunk
    context.close()


def test_clicking_a_step_in_the_diagram_jumps_to_its_row(page: Page, served_site: str) -> None:
    """Each node links to the step's row in the step table."""
    page.goto(served_site + "flows/fazhan-dangyuan/")
    node = page.locator("svg.hb-swimlane a.hb-node").nth(3)
    href = node.get_attribute("href") or node.get_attribute("xlink:href")
    assert href and href.startswith("#step-")
    assert page.locator(f"[id='{href[1:]}']").count() == 1
    node.click()
    # The row scrolls to the top of the window (Material's navigation.tracking then puts the
    # section's anchor in the address bar, so the hash itself is no proof).
    page.wait_for_function(
        f"(() => {{ const top = document.getElementById({href[1:]!r}).getBoundingClientRect().top;"
        " return top >= 0 && top < 200; })()"
    )


def test_every_generated_diagram_passes_mermaid_parse(page: Page, served_site: str) -> None:
    """mermaid.parse of the pinned mermaid.js accepts every diagram of the sample."""
    model = load_model(Project(ROOT, TODAY))
    sources = {
        f"{flow_id} {caption}": source
        for flow_id, doc in model.flows.items()
        for caption, source in flowchart_parts(doc.meta, model)
        if doc.meta.steps
    }
    page.goto(served_site)
    page.add_script_tag(url=served_site + "assets/vendor/mermaid.min.js")  # the site's own copy
    failures = page.evaluate(
        """async (sources) => {
            const failures = {};
            for (const [id, text] of Object.entries(sources)) {
                try { await mermaid.parse(text); } catch (error) { failures[id] = String(error).slice(0, 300); }
            }
            return failures;
        }""",
        sources,
    )
    assert failures == {}
    assert len(sources) >= 5


@pytest.mark.parametrize(("query", "expected"), [("三会一课", "flows/sanhui-yike/"), ("党费", "dangfei")])
def test_chinese_search_finds_the_page(page: Page, served_site: str, query: str, expected: str) -> None:
    """Typing a Chinese term into the search box lists the right page."""
    page.goto(served_site)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # an IME ends with a key event; Material searches on keyup
    page.wait_for_function("query => window.__hbSearch.answered.includes(query)", arg=query, timeout=10_000)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 10))]
    assert any(expected in href for href in hrefs), hrefs


def test_checklist_ticks_survive_a_reload(page: Page, served_site: str) -> None:
    """A ticked checklist item is kept in this browser and restored on the next visit."""
    page.goto(served_site + "flows/sanhui-yike/")
    box = page.locator("input.hb-check").first
    box.check()
    page.reload()
    assert page.locator("input.hb-check").first.is_checked()


def test_printed_checklist_has_date_and_signature_columns(page: Page, served_site: str) -> None:
    """On screen the date and signature columns are hidden; in print they appear."""
    page.goto(served_site + "flows/sanhui-yike/")
    column = page.locator(".hb-checklist th.hb-print-only").first
    assert not column.is_visible()
    page.emulate_media(media="print")
    assert column.is_visible()


def test_on_a_phone_the_steps_read_as_one_column(browser: Browser, served_site: str) -> None:
    """At 390 px the step table is a column of cards, each field named: nothing to scroll sideways for."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(served_site + "flows/fazhan-dangyuan/")
        table = page.locator("table:has(.hb-step)").first
        rows = table.locator("tbody tr")
        assert rows.count() > 10
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1 && t.getBoundingClientRect().right <= 390")
        card = rows.nth(1).bounding_box()
        assert card is not None and card["width"] <= 390
        owner = rows.nth(1).locator("td").nth(2)
        assert owner.evaluate("td => getComputedStyle(td, '::before').content") == '"责任人："'
        assert not table.locator("thead").is_visible()
    finally:
        context.close()


def test_no_request_left_the_host(page: Page, requested: list[str], served_site: str) -> None:
    """A visit loading every kind of asset (diagrams, search, glossary, charts) requests nothing outside 127.0.0.1."""
    page.goto(served_site)
    page.locator("input.md-search__input").click()
    page.keyboard.type("党费")
    page.keyboard.press("End")
    page.locator(".md-search-result__item a").first.wait_for(timeout=10_000)
    page.goto(served_site + "flows/sanhui-yike/")
    page.locator("svg.hb-swimlane").first.wait_for(timeout=5_000)
    page.goto(served_site + "glossary/")
    page.goto(served_site + "regulations/dangfei-guiding/")
    page.goto(served_site + "assessment/branches/zongcai-yidui/")
    page.locator("svg.hb-chart").wait_for(timeout=5_000)
    page.goto(served_site + "assessment/2026-10/")
    page.wait_for_load_state("networkidle")
    assert len(requested) > 4, requested
    assert left_the_site(requested) == []
