"""Every term is a tooltip wherever it occurs: in the built HTML and, on hover, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from playwright.sync_api import Browser

from handbook.core.project import Project
from handbook.kinds.term.page import tooltips
from handbook.pipeline import load_model

ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<word>[^<]*)</abbr>')


@pytest.mark.build
def test_every_page_mentioning_a_term_has_its_tooltip(built_site: Path) -> None:
    """Each term or alias in a page's text is wrapped in <abbr> with its definition as the title."""
    glossary = tooltips(load_model(Project(ROOT, TODAY)))
    page = (built_site / "flows/sanhui-yike/index.html").read_text(encoding="utf-8")
    found = {m["word"].strip("“”"): m["title"] for m in ABBR.finditer(page)}
    assert found["三会一课"] == glossary["三会一课"]
    assert all(glossary[word] == title for word, title in found.items() if word in glossary)
    articles = {p: article(p.read_text(encoding="utf-8")) for p in built_site.rglob("*.html")}
    prose = {p: re.sub(r"<(pre|code)\b.*?</\1>", "", text, flags=re.S) for p, text in articles.items()}  # not code
    mentioning = [p for p, text in prose.items() if "三会一课" in re.sub(r"<[^>]+>", "", text)]
    assert len(mentioning) > 20
    assert [p for p in mentioning if 'title="' + glossary["三会一课"] not in articles[p]] == []


def article(html: str) -> str:
    """A page's own text: its article, without the related links added after Markdown."""
    if "<article" not in html:
        return ""
    return html.split("<article", 1)[1].split("</article>", 1)[0].split('<h2 id="related"', 1)[0]


@pytest.mark.browser
def test_hovering_a_term_shows_its_definition(browser: Browser, served_site: str) -> None:
    """Material turns the <abbr> title into a tooltip shown on hover."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + "flows/sanhui-yike/")
    term = page.locator("article abbr", has_text="三会一课").first
    term.scroll_into_view_if_needed()
    term.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="党小组会每月一次").first
    tooltip.wait_for(state="visible", timeout=5_000)
    context.close()
