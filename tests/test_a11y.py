"""Every reader, in real Chromium: axe-core's WCAG 2.2 A and AA rules on every page, the keyboard, 大字模式.

axe-core is pinned in package.json (a development dependency) and injected into each page before the
page's own scripts run. `make test` audits a sample that holds every page of a folder of up to six
pages and two of each larger folder, evenly spread (so every template, pages generated alike);
HANDBOOK_A11Y=all audits every page: `make a11y`, which CI runs after `make test`. The pages are split
into shards so that both cores share the work.
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SHARDS = 4
# A folder of this many pages or fewer is audited whole; a larger one SPREAD times, evenly spread.
WHOLE = 6
SPREAD = 2
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
}"""
PHONE = {"width": 390, "height": 844}


def pages_of(site: Path) -> list[str]:
    """Every page of the built site, as a path under it ('' for the home page)."""
    found = (page.relative_to(site).parent.as_posix() for page in site.rglob("index.html"))
    return sorted("" if path == "." else f"{path}/" for path in found)


def audited(pages: list[str]) -> list[str]:
    """The pages an audit visits: all of them under HANDBOOK_A11Y=all, else every page of a small folder and
    every n-th of a larger one, so that each larger folder is seen SPREAD times whatever its size."""
    if os.environ.get("HANDBOOK_A11Y") == "all":
        return pages
    folders: dict[str, list[str]] = defaultdict(list)
    for path in pages:
        folders[path.rstrip("/").rpartition("/")[0]].append(path)
    step = {folder: 1 if len(found) <= WHOLE else math.ceil(len(found) / SPREAD) for folder, found in folders.items()}
    return [path for folder, found in folders.items() for path in found[:: step[folder]]]


@pytest.fixture(scope="module")
def axe_context(browser: Browser) -> Iterator[BrowserContext]:
    """A desktop browser context with axe-core in every page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    yield context
    context.close()


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_page_violates_wcag_22_aa(
    shard: int, built_site: Path, served_site: str, axe_context: BrowserContext
) -> None:
    """axe-core finds nothing on any page: contrast, names, targets, structure, scrolling regions."""
    pages = pages_of(built_site)
    assert len(pages) > 400
    page = axe_context.new_page()
    found = {}
    for path in audited(pages)[shard::SHARDS]:
        page.goto(served_site + path)
        violations = page.evaluate(RUN, WCAG)
        if violations:
            found[path] = violations
    page.close()
    assert found == {}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def focused(page: Page) -> str:
    """What has the keyboard focus: its tag, class and text (or label)."""
    return str(
        page.evaluate(
            """() => { const e = document.activeElement, name = e.getAttribute("aria-label") || e.textContent;
            return `${e.tagName} ${e.getAttribute("class") || ""} ${name}`; }"""
        )
    )


def test_keyboard_alone_searches_opens_a_step_and_ticks_a_checklist(page: Page, served_site: str) -> None:
    """Search, open the first result, move to a diagram step, follow it, tick the step's checklist item."""
    page.goto(served_site)
    page.keyboard.press("/")  # opens the search box
    page.keyboard.type("三会一课")
    # The list of the whole query, not of a prefix typed before it (on a loaded machine the two can differ).
    page.wait_for_function("window.__hbSearch.answered.includes('三会一课')", timeout=10_000)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/flows/sanhui-yike/**", timeout=10_000)
    for _ in range(200):  # Tab through the page until a step of the diagram has the focus
        page.keyboard.press("Tab")
        if "hb-node" in focused(page):
            break
    step = focused(page)
    assert "hb-node" in step and "第1步" in step and "下一步" in step  # announced with its lane and what follows
    outline = page.evaluate("getComputedStyle(document.activeElement.querySelector('rect, polygon')).strokeWidth")
    assert outline == "4px"  # a visible focus
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#step-"), timeout=10_000)  # following the link moves to the step, not at once
    for _ in range(400):
        page.keyboard.press("Tab")
        if focused(page).startswith("INPUT hb-check"):
            break
    assert focused(page).startswith("INPUT hb-check")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def test_every_diagram_names_itself_and_its_steps(built_site: Path) -> None:
    """Each swimlane has a title and a description; each step link says its number, lane and next step."""
    html = (built_site / "flows" / "fazhan-dangyuan" / "index.html").read_text(encoding="utf-8")
    drawing = html.split('<svg class="hb-swimlane"', 1)[1].split("</svg>", 1)[0]
    assert 'role="group"' in drawing.split(">", 1)[0]
    assert "<title>发展党员工作流程流程图</title><desc>共20个环节" in drawing
    assert 'aria-label="第1步，入党申请人：' in drawing and "下一步：第2步" in drawing


@pytest.mark.parametrize("width", [390, 640])  # a phone; 1280 px at 200 % zoom
def test_large_text_stays_on_and_nothing_runs_off_the_screen(browser: Browser, served_site: str, width: int) -> None:
    """大字模式 is one button; it stays on from page to page; at 390 px and at 200 % zoom no text leaves the screen."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(served_site)
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator("button.hb-large-toggle").click()
    assert page.locator("button.hb-large-toggle").get_attribute("aria-pressed") == "true"
    wider = []
    for path in ["", "regulations/dangfei-guiding/", "flows/fazhan-dangyuan/", "glossary/", "assessment/2026-10/"]:
        page.goto(served_site + path)
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > base * 1.2
        # The page itself never scrolls sideways; wide tables and diagrams scroll in their own boxes.
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wider.append(path)
    assert wider == []
    context.close()
