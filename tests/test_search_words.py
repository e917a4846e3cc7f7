"""Words as data: a source's everyday names and questions are searched, checked for collisions, shown only in search."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, make_case

from handbook.cli import main
from handbook.core.project import Project
from handbook.pipeline import generate, search_files
from handbook.search.ranking import Ranker

NAMES = "aliases: [三会一课, 测试别名甲]\nquestions: [车费怎么报销]\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base case whose regulation has everyday names (one of them a glossary term's title) and a question."""
    root = make_case(tmp_path)
    rule = root / "regulations" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("title: 测试规定\n", "title: 测试规定\n" + NAMES))
    flow = root / "flows" / "simple.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace("title: 测试流程\n", "title: 测试流程\naliases: [测试规定]\n")
    )
    return root


def test_an_alias_naming_an_unrelated_page_is_reported_where_it_is_given(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """三会一课 names a term the regulation has no link to: a warning at the alias; the flow's alias is the title of
    the regulation resting on it, so no warning; the check still passes."""
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [
        "regulations/rule.md:4 (aliases[0]): warning: '三会一课' also names 三会一课 (term:sanhui-yike), which is "
        "unrelated: search lists both; keep it on one, or link the two (related, basis, see)"
    ]
    assert out[-1] == "ok (1 warning)"


def test_names_and_questions_find_their_page_and_show_only_in_its_search_result(project: Path) -> None:
    """A question finds the regulation and is shown as what matched; no generated page shows the words."""
    model, pages = generate(Project(project, TODAY))
    [hit] = Ranker.from_files(search_files(Project(project, TODAY), model)).search("报销车费", kind="regulation")
    assert (hit.key, hit.match) == ("reg:rule", "车费怎么报销")
    assert [page.src_uri for page in pages if "测试别名甲" in page.markdown or "车费" in page.markdown] == []
