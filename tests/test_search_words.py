"""Words as data: a source's everyday names and questions are searched, checked for collisions, shown only in search."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, make_case

from handbook.cli import main
from handbook.core.project import Project
from handbook.pipeline import generate, load_model, search_files
from handbook.search.ranking import Ranker, Sayings, TermCache, cut, field_texts, site_files
from handbook.spec.search import SearchDoc

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


def test_what_people_say_finds_every_page_writing_it_and_shows_nowhere(project: Path) -> None:
    """A saying's said word finds the pages whose text holds one of its written forms, and no other; no
    generated page shows it."""
    sayings = "sayings:\n  - {id: neirong, written: [条内容, 不用的写法], said: [规矩]}\n"
    (project / "everyday.yaml").write_text(sayings, encoding="utf-8")
    model, pages = generate(Project(project, TODAY))
    ranker = Ranker.from_files(search_files(Project(project, TODAY), model))
    assert [hit.key for hit in ranker.search("规矩")] == ["reg:rule"]
    assert ranker.query_terms("讲规矩") == ["规矩"]  # one word in a query too, though no page's text holds it
    assert [page.src_uri for page in pages if "规矩" in page.markdown] == []


def test_a_said_word_adds_itself_and_its_parts_the_page_does_not_hold(project: Path) -> None:
    """手机交党费 said for a page writing 交纳党费: the page gains 手机交党费 and the parts jieba cuts from it but
    党费, which counts no more than the page's own text gives; a page not writing it gains nothing."""
    sayings = "sayings:\n  - {id: dangfei, written: [交纳党费], said: [手机交党费]}\n"
    (project / "everyday.yaml").write_text(sayings, encoding="utf-8")
    model = load_model(Project(project, TODAY))
    paying = SearchDoc("reg:x", "regulation", "党费", "regulations/x/", "按月交纳党费。")
    other = SearchDoc("reg:y", "regulation", "党费", "regulations/y/", "党费的使用。")
    said = {}
    for doc in (paying, other):
        terms = {name: cut(model.segmenter, text) for name, text in field_texts(doc).items()}
        said[doc.key] = [term for term, _ in Sayings(model).terms(Sayings(model).said(doc), terms)]
    parts = [term for term, _ in cut(model.segmenter, "手机交党费") if term not in ("手机交党费", "党费")]
    assert parts and said == {"reg:x": ["手机交党费", *parts], "reg:y": []}


def test_said_words_are_kept_with_the_terms_and_found_again_when_the_sayings_change(project: Path) -> None:
    """A second build reuses the said words kept in the cache file; an edit of everyday.yaml finds them again."""
    sayings = project / "everyday.yaml"
    sayings.write_text("sayings:\n  - {id: neirong, written: [条内容], said: [规矩]}\n", encoding="utf-8")
    path = project / ".cache" / "terms.json"

    def build(cache: TermCache) -> Ranker:
        """The index of the project as it is now, through `cache`."""
        model = load_model(Project(project, TODAY))
        return Ranker.from_files(site_files(model, cache))

    first = TermCache(path)
    assert [hit.key for hit in build(first).search("规矩")] == ["reg:rule"]
    first.save()
    again = TermCache(path)
    assert [hit.key for hit in build(again).search("规矩")] == ["reg:rule"] and not again.said_found
    sayings.write_text("sayings:\n  - {id: neirong, written: [条内容], said: [章法]}\n", encoding="utf-8")
    ranker = build(again)
    assert (ranker.search("规矩"), [hit.key for hit in ranker.search("章法")]) == ([], ["reg:rule"])
