"""Golden tests: every page generated from a small but complete project, compared with its expected Markdown.

The project is tests/golden/pages/project/ (the base case extended with what each page shows: a
regulation with facts, articles and references, units with visions and goals, posts with duties,
terms with aliases and see-also, an activity past its review date, sub-flows, flow cadences (the
calendar pages), entries still to write, a repealed one replaced by another and one amended, and
a small assessment whose numbers tests/test_assessment.py checks by hand). Each page's
expected file is tests/golden/pages/<src_uri with / replaced by __>.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, assert_golden

from handbook.core.project import Project
from handbook.pipeline import generate
from handbook.render.site import Page

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages"
PROJECT = GOLDEN / "project"


def expected_file(src_uri: str) -> Path:
    """The golden file of a generated page: organisation/visions.md → organisation__visions.md."""
    return GOLDEN / src_uri.replace("/", "__")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    """Every generated page of a copy of the project (nothing is written into the tests' folder), by src_uri."""
    project = tmp_path_factory.mktemp("pages") / "project"
    shutil.copytree(PROJECT, project)
    _, rendered = generate(Project(project, TODAY))
    return {page.src_uri: page for page in rendered}


# The pages the project must generate: one of each kind of page, so that none goes unchecked.
EXPECTED_PAGES = [
    "regulations/index.md",
    "flows/index.md",
    "organisation/index.md",
    "organisation/visions.md",
    "glossary.md",
    "binders/index.md",
    "courses/index.md",
    "coverage.md",
    "review.md",
    "calendar/index.md",
    "calendar/zhibu-shuji.md",
    "calendar/dang-zhibu.md",
    "book/p1/index.md",
    "book/p1.c1/index.md",
    "book/p1.c1.s1/index.md",
    "book/p1.c1.s2/index.md",
    "book/p2/index.md",
    "book/p3/index.md",
    "book/p3.c1/index.md",
    "book/p5/index.md",
    "regulations/rule.md",
    "regulations/dangfei.md",
    "regulations/old.md",
    "regulations/amend.md",
    "flows/simple.md",
    "flows/notify.md",
    "flows/pending.md",
    "activities/study.md",
    "organisation/dang-wei.md",
    "organisation/dang-zhibu.md",
    "organisation/zuzhi-bu.md",
    "roles/zhibu-shuji.md",
    "roles/dangyuan.md",
    "roles/zuzhi-weiyuan.md",
    # the assessment: results overview, roster, submission status, months (closed with a correction;
    # open with a veto and a bonus), the year, each department, each branch and general branch
    "assessment/index.md",
    "assessment/roster.md",
    "assessment/status.md",
    "assessment/2026-01.md",
    "assessment/2026-02.md",
    "assessment/2026.md",
    "assessment/departments/zuzhi-bu.md",
    "assessment/departments/dang-wei.md",
    "assessment/branches/g1.md",
    "assessment/branches/g2.md",
    "assessment/branches/a.md",
    "assessment/branches/b.md",
    "assessment/branches/c.md",
    "assessment/branches/d.md",
]


@pytest.mark.parametrize("src_uri", EXPECTED_PAGES)
def test_page_rendering(src_uri: str, pages: dict[str, Page], update_golden: bool) -> None:
    """The page's Markdown is exactly its golden file."""
    assert src_uri in pages, f"{src_uri} is not generated"
    assert_golden(pages[src_uri].markdown, expected_file(src_uri), update_golden)


def test_every_page_has_a_golden_file(pages: dict[str, Page]) -> None:
    """The project generates exactly the listed pages, and every golden file belongs to one of them.

    Defined after the page tests, so that `--update-golden` has written the files it checks.
    """
    assert sorted(pages) == sorted(EXPECTED_PAGES)
    golden = {path.name for path in GOLDEN.glob("*.md")}
    made = {expected_file(uri).name for uri in pages}
    assert golden - made == set(), "golden files of pages no longer generated: remove them"
    assert made - golden == set(), "pages without a golden file: run pytest --update-golden and review them"
