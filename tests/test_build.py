"""End to end: the real sample handbook builds, with every kind of generated page, and no side effects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, make_site_case, related_section, sources_digest
from openpyxl import load_workbook

from handbook.search.ranking import Ranker

pytestmark = pytest.mark.build


def test_generated_pages_exist(built_site: Path) -> None:
    """Index pages, a page per object of each kind, landing pages and the local mermaid."""
    expected = [
        "index.html",
        "intro/index.html",
        "regulations/index.html",
        "regulations/fazhan-dangyuan-guize/index.html",
        "flows/index.html",
        "flows/sanhui-yike/index.html",
        "activities/dangyuan-anquangang/index.html",
        "organisation/index.html",
        "organisation/dangwei/index.html",
        "organisation/visions/index.html",
        "roles/zhibu-shuji/index.html",
        "glossary/index.html",
        "coverage/index.html",
        "book/p3/index.html",
        "binders/index.html",
        "binders/zhibu-shuji/index.html",
        "courses/index.html",
        "courses/fazhan-duixiang-peixun/index.html",
        "book/p6.c1.s1/index.html",
        "assessment/index.html",
        "assessment/roster/index.html",
        "assessment/2026-10/index.html",
        "assessment/2026-10.xlsx",
        "assessment/2026-10-1.csv",
        "assessment/2026/index.html",
        "assessment/departments/zuzhibu/index.html",
        "assessment/branches/zongcai-yidui/index.html",
        "assessment/branches/zongcai-zongzhi/index.html",
        "assets/vendor/mermaid.min.js",
        "search/manifest.json",
        "search/terms/0.json",
        "search/docs/0.0.json",
        "search/words.json",
    ]
    missing = [page for page in expected if not (built_site / page).is_file()]
    assert missing == []


def test_published_results_carry_their_charts_and_downloads(built_site: Path) -> None:
    """A branch's page has its chart as inline SVG; a month's downloads hold the ranking as published."""
    branch = (built_site / "assessment" / "branches" / "zongcai-yidui" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="hb-chart"' in branch and "<script" not in branch.split('<svg class="hb-chart"', 1)[1][:2000]
    month = (built_site / "assessment" / "2026-10" / "index.html").read_text(encoding="utf-8")
    assert "已锁定" in month and "更正分录" in month and "一票否决第5项" in month
    ranking = (built_site / "assessment" / "2026-10-1.csv").read_text(encoding="utf-8-sig").splitlines()
    assert ranking[0] == "名次,党支部,党总支,职能部门考核,战线排序,职工群众评价,月度综合得分"
    assert len(ranking) == 81
    sheets = load_workbook(built_site / "assessment" / "2026-10.xlsx", read_only=True).sheetnames
    assert sheets == ["全矿排名", "党总支平均", "扣分明细", "更正分录"]


def test_flow_page_has_diagram_table_and_checklist(built_site: Path) -> None:
    """A flow page carries its diagram as SVG, step anchors, checklist, and Mermaid beside it."""
    html = (built_site / "flows/sanhui-yike/index.html").read_text(encoding="utf-8")
    assert '<div class="hb-swimlane-box"><svg class="hb-swimlane"' in html
    assert "mermaid.min.js" not in html  # no diagram library on a page whose diagram is drawn already
    assert (built_site / "flows/sanhui-yike.mmd").read_text(encoding="utf-8").startswith("flowchart TD")
    assert 'id="step-' in html
    assert 'class="hb-checklist"' in html


def test_object_pages_end_with_related_content(built_site: Path) -> None:
    """相关内容 closes an object's page, is listed in its table of contents, and is not searchable text."""
    html = (built_site / "flows/sanhui-yike/index.html").read_text(encoding="utf-8")
    section = related_section(html)
    assert section.startswith("相关内容")
    assert section.count("<li><a href=") >= 3
    assert 'href="#related" class="md-nav__link"' in html


def test_the_site_search_index_is_sharded_and_never_holds_diagram_source(built_site: Path) -> None:
    """search/ holds a manifest, the vocabulary, term shards and body pieces, none large; no Mermaid source."""
    folder = built_site / "search"
    ranker = Ranker.from_folder(folder)
    assert {"三会一课", "支部", "换届"} <= set(ranker.words)
    assert len(list((folder / "terms").iterdir())) == len(set(ranker.shard_of.values()))
    assert max(path.stat().st_size for path in (folder / "terms").iterdir()) < 100_000
    assert not (folder / "search_index.json").exists() and not (folder / "index.js").exists()
    text = "".join(path.read_text(encoding="utf-8") for path in (folder / "docs").iterdir())
    assert "flowchart TD" not in text and "subgraph" not in text
    assert 'src="../../assets/search.js"' in (built_site / "flows/sanhui-yike/index.html").read_text(encoding="utf-8")


def test_nothing_generated_into_sources(built_site: Path, digest_before_build: str) -> None:
    """The build writes no file into docs/ or any source folder."""
    assert sources_digest() == digest_before_build


def test_site_check_passes_on_the_sample(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every internal link and anchor of the built sample resolves."""
    from handbook.cli import main

    assert main(["--root", str(ROOT), "check", "--site", str(built_site)]) == 0, capsys.readouterr().out


def test_site_check_names_page_line_and_source(
    built_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a missing page and one to a missing anchor are reported with file, line and source."""
    from handbook.cli import main

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "flows/sanhui-yike/index.html"
    html = page.read_text(encoding="utf-8")
    broken = '<a href="../gone/">x</a><a href="../fazhan-dangyuan/#step-nowhere">y</a>'
    html = html.replace("<article", broken + "<article", 1)
    page.write_text(html, encoding="utf-8")
    line = next(i for i, text in enumerate(html.splitlines(), start=1) if "../gone/" in text)
    assert main(["--root", str(ROOT), "check", "--site", str(site)]) == 1
    out = capsys.readouterr().out
    assert f"site/flows/sanhui-yike/index.html:{line}: broken link '../gone/': no file flows/gone/index.html" in out
    assert "no anchor 'step-nowhere' in flows/fazhan-dangyuan/index.html (page made from flows/sanhui-yike.yaml)" in out
    assert "2 problems found" in out


def test_strict_build_fails_on_a_broken_link_or_a_page_left_out_of_the_nav(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """`handbook build --strict` passes a clean project and fails on each of MkDocs' warnings, keeping the old site."""
    from handbook.cli import main

    project = make_site_case(tmp_path)
    assert main(["--root", str(project), "build", "--strict"]) == 0
    index = project / "docs" / "index.md"
    clean = index.read_text(encoding="utf-8")

    index.write_text(clean + "\n另见[不存在的页面](missing.md)。\n", encoding="utf-8")
    assert main(["--root", str(project), "build", "--strict"]) == 1
    err = capfd.readouterr().err
    assert "contains a link 'missing.md', but the target is not found" in err and "previous site is untouched" in err
    assert main(["--root", str(project), "build"]) == 0  # without --strict a warning does not stop the build

    index.write_text(clean, encoding="utf-8")
    (project / "docs" / "extra.md").write_text("# 附页\n", encoding="utf-8")  # neither in nav nor in not_in_nav
    assert main(["--root", str(project), "build", "--strict"]) == 1
    assert 'are not included in the "nav" configuration:\n  - extra.md' in capfd.readouterr().err
    assert (project / "site" / "index.html").is_file()


def test_the_assessment_settings_say_where_they_come_from(built_site: Path) -> None:
    """The sample's own weights, scales and grade bands are marked as its choice wherever they are shown."""
    for page in ("regulations/kaohe-banfa/index.html", "regulations/kaohe-xize/index.html", "assessment/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "考核设定的来源" in html and "本示例手册的设定" in html, page
    assert "考核设定的来源" not in (built_site / "regulations/dangfei-guiding/index.html").read_text(encoding="utf-8")
