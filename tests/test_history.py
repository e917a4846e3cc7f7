"""Versions from git, on a small repository made in the test: 修订记录, diff, as-of builds, refill packets."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, make_case
from playwright.sync_api import Browser
from pypdf import PdfReader

from handbook.cli import main
from handbook.core.project import Project
from handbook.export.print.pdf import Cover, print_book
from handbook.export.refill import changed_since, refill_book
from handbook.pipeline import generate, load_model


def commit(project: Path, message: str, when: str) -> None:
    """Commit everything in the project as of a date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{when}T10:00:00", "GIT_COMMITTER_DATE": f"{when}T10:00:00"}
    identity = ["-c", "user.name=考核办公室", "-c", "user.email=office@example.invalid"]
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(project), *identity, "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The base case committed on 2026-01-10, then revised on 2026-03-01 (an article and a step changed)."""
    root = make_case(tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # the handbook's own site settings and hooks
    shutil.copytree(ROOT / "hooks", root / "hooks")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / ".gitignore").write_text("node_modules\n.cache/\n", encoding="utf-8")
    # An old engine committed with the sources (as this repository holds one): an as-of build must not import it.
    (root / "handbook").mkdir()
    (root / "handbook" / "__init__.py").write_text('raise ImportError("the old engine was imported")\n', "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    commit(root, "初版", "2026-01-10")
    rule = root / "regulations" / "rule.md"
    text = rule.read_text(encoding="utf-8").replace("第二条内容", "第二条修订后的内容")
    note = 'version: "2.0"\nrevisions:\n  - {date: 2026-02-26, change: 第二条：内容修订, approved: 党委会第3次会议}'
    rule.write_text(text.replace("status: 施行", f"status: 施行\n{note}", 1), encoding="utf-8")
    flow = root / "flows" / "simple.yaml"
    flow.write_text(
        flow.read_text(encoding="utf-8").replace("label: 召开会议", "label: 召开支部大会"), encoding="utf-8"
    )
    commit(root, "修订第二条和会议环节", "2026-03-01")
    return root


def test_pages_show_their_revisions(project: Path) -> None:
    """A page's 修订记录 is its revision notes, never the commit messages; git gives the article comparison."""
    model, pages = generate(Project(project, TODAY))
    assert [r.summary for r in model.history["regulations/rule.md"]] == ["修订第二条和会议环节", "初版"]
    page = next(p.markdown for p in pages if p.src_uri == "regulations/rule.md")
    records = page.split("## 修订记录", 1)[1]
    assert "| 2026-02-26 | 第二条：内容修订 | 党委会第3次会议 |" in records
    assert "修订第二条和会议环节" not in page and "初版" not in page
    assert "[最近一次修订逐条对比](../changes/reg-rule.md)" in records
    compared = next(p.markdown for p in pages if p.src_uri == "changes/reg-rule.md")
    assert "在 2026-03-01 修订（第二条：内容修订）" in compared
    assert "与修订前（2026-01-10 版）相比，有 1 处变化" in compared and "## 修改 第二条" in compared
    assert "- **第二条** 第二条内容" in compared and "+ **第二条** 第二条修订后的内容" in compared
    steps = next(p.markdown for p in pages if p.src_uri == "changes/flow-simple.md")
    assert "## 修改 第2步「召开支部大会」" in steps and "- label：召开会议" in steps
    flow = next(p.markdown for p in pages if p.src_uri == "flows/simple.md")
    assert "## 修订记录" not in flow  # revised, but nobody wrote what changed: no record made up from git


def test_a_revision_without_a_note_is_a_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The flow's steps changed and no revision note was added: check says where to add one; the rule is fine."""
    assert main(["--root", str(project), "check"]) == 0
    err = capsys.readouterr().out
    assert "flows/simple.yaml:1 (revisions): warning: revised on 2026-03-01 (第2步「召开支部大会」)" in err
    assert "regulations/rule.md" not in err


def test_diff_compares_articles_and_steps(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Changed articles as articles, changed steps as steps with their fields; a missing version is refused."""
    assert main(["--root", str(project), "diff", "reg:rule", "--from", "2026-01-31"]) == 0
    out = capsys.readouterr().out
    assert "1 处变化" in out and "修改 第二条" in out
    assert "  - **第二条** 第二条内容，见 [[flow:simple#meet]]。" in out
    assert "  + **第二条** 第二条修订后的内容，见 [[flow:simple#meet]]。" in out
    assert main(["--root", str(project), "diff", "simple", "--from", "2026-01-10", "--to", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "修改 第2步「召开支部大会」" in out and "- label：召开会议" in out and "+ label：召开支部大会" in out
    assert main(["--root", str(project), "diff", "reg:rule", "--from", "HEAD~1", "--to", "2.0"]) == 0
    assert "修改 第二条" in capsys.readouterr().out
    assert main(["--root", str(project), "diff", "reg:rule", "--from", "2025-12-31"]) == 1
    assert "no version '2025-12-31'" in capsys.readouterr().err


def test_build_as_of_a_date_shows_the_older_text(project: Path) -> None:
    """`handbook build --as-of` builds the sources of that day, whatever the working tree holds now."""
    assert main(["--root", str(project), "build", "--as-of", "2026-02-01", "--site-dir", "then"]) == 0
    then = (project / "then" / "regulations" / "rule" / "index.html").read_text(encoding="utf-8")
    assert "第二条内容" in then and "修订后" not in then
    assert main(["--root", str(project), "build", "--as-of", "2025-01-01", "--site-dir", "never"]) == 1


def test_refill_packet_holds_exactly_the_changed_documents(
    project: Path, browser: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    """Since January: the revised regulation and flow, and the page showing the renamed step; a letter first."""
    model = load_model(Project(project, TODAY))
    assert main(["--root", str(project), "build", "--site-dir", "site"]) == 0
    assert main(["--root", str(project), "build", "--as-of", "2026-01-31", "--site-dir", "then"]) == 0
    changed = changed_since(model, date(2026, 1, 31), project / "then", project / "site")
    # the member's page lists the renamed step among its steps: it prints differently too
    assert [str(c.ref) for c in changed] == ["reg:rule", "flow:simple", "role:dangyuan"]
    assert changed_since(model, date(2026, 1, 31), project / "site", project / "site") == []
    book = refill_book(model, "测试手册", date(2026, 1, 31), date(2026, 3, 2), changed)
    output = project / "refill.pdf"
    cover = Cover("测试手册", "换页包", "测试党委", "", date(2026, 3, 2))
    print_book(book, project / "site", cover, output, browser=browser)
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in PdfReader(output).pages))
    flat = re.sub(r"\s", "", text)
    assert "换页说明" in text and "2026-02-26:第二条:内容修订(党委会第3次会议)" in flat, flat[:600]
    assert "2026-03-01修订(未写修订说明)" in flat and "修订第二条和会议环节" not in text
    assert "本文件未修订;页面上引用的其他文件,或同页印刷的术语有修订" in flat
    assert "第二条修订后的内容" in text and "召开支部大会" in text
    assert text.replace(" ", "").count("2026-03-02印制") == len(PdfReader(output).pages) - 1  # all but the cover
    assert main(["--root", str(project), "refill", "--since", "2026-03-01"]) == 0
    assert "no packet needed" in capsys.readouterr().err
    # A search alias added later changes no printed page: still no packet.
    flow = project / "flows" / "simple.yaml"
    flow.write_text(flow.read_text(encoding="utf-8").replace("title:", "aliases: [简单流程]\ntitle:", 1), "utf-8")
    commit(project, "搜索别名", "2026-03-05")
    assert main(["--root", str(project), "refill", "--since", "2026-03-01"]) == 0
    assert "no packet needed" in capsys.readouterr().err
