"""`handbook new`: an empty handbook of a unit's own, that passes check and build at once, with nothing of the sample.

Also the engine as a package: a wheel holds every file the engine reads at run time, and a project
made by `handbook new`, given three Word regulations and a roster, checks and builds (`build` mark).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from data import word_fixtures
from test_import_roster import ROWS, roster

from handbook.cli.main import main
from handbook.core.problems import Problem, SourceProblems


def _sample_words() -> list[str]:
    """What only the sample has: its organisation, its regulations' and flows' ids and titles, the mine."""
    book = yaml.safe_load((ROOT / "book.yaml").read_text(encoding="utf-8"))
    words = [book["organisation"], "平煤", "一矿", "煤矿", "矿井", "井下"]
    for folder, pattern in (("regulations", "*.md"), ("flows", "*.yaml")):
        for path in (ROOT / folder).glob(pattern):
            words.append(path.stem)
            title = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
            words.append(title.removeprefix("title:").strip())
    return words


def test_a_new_project_passes_check_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The project checks `ok`: no problem, no warning; its parts are the book's; nothing of the sample is in it."""
    assert main(["new", str(tmp_path / "p"), "--name", "东湖医院"]) == 0
    project = tmp_path / "p"
    sample_words = _sample_words()
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found = [word for word in sample_words if word in text]
            assert found == [], f"{path.relative_to(project)} holds the sample's {found}"
    capsys.readouterr()
    assert main(["--root", str(project), "check"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    for folder in ("regulations", "flows", "activities", "organisation/units"):
        assert (project / folder).is_dir()
    assert (project / ".ci" / "run").stat().st_mode & 0o111
    assert "party-handbook==" in (project / "requirements.txt").read_text(encoding="utf-8")
    book = yaml.safe_load((project / "book.yaml").read_text(encoding="utf-8"))
    sample = yaml.safe_load((ROOT / "book.yaml").read_text(encoding="utf-8"))
    assert book["parts"] == sample["parts"]  # the method's six parts, chapters and sections
    assert book["organisation"] == "中共东湖医院委员会"


def test_new_refuses_a_folder_with_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that holds anything is left alone; an empty one is used."""
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path / "full"), "--name", "东湖医院"]) == 1
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty"), "--name", "东湖医院"]) == 0
    assert (tmp_path / "empty" / "mkdocs.yml").is_file()
    assert main(["new", str(tmp_path / "x"), "--name", " "]) == 1


def test_a_failed_new_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project that would not pass its check is never made: no folder, no half-written staging folder."""

    def failing(project: object) -> None:
        """The check fails."""
        raise SourceProblems([Problem("book.yaml", 1, "broken")])

    monkeypatch.setattr("handbook.cli.adopt.generate", failing)
    assert main(["new", str(tmp_path / "p"), "--name", "东湖医院"]) == 1
    assert list(tmp_path.iterdir()) == []


def _engine_files() -> set[str]:
    """Every file of the package that is not Python: what the engine reads at run time (templates, assets, CSS)."""
    package = ROOT / "handbook"
    return {
        path.relative_to(ROOT).as_posix()
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    } | {
        # rglob does not descend into a linked folder: the plugin's assets are the sample's docs/assets
        f"handbook/integrations/mkdocs/assets/{path.name}"
        for path in (ROOT / "docs" / "assets").iterdir()
        if path.is_file()
    }


def test_the_wheel_holds_every_file_the_engine_reads(tmp_path: Path) -> None:
    """`pip wheel` of the engine (from a copy of what it is built from) holds every non-Python file of the package."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copytree(ROOT / "handbook", source / "handbook", symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "assets", source / "docs" / "assets")
    for name in ("pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*command, str(source), "-w", str(tmp_path / "wheels")], check=True, capture_output=True)
    (wheel,) = (tmp_path / "wheels").glob("party_handbook-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    wanted = _engine_files()
    assert {"handbook/adopt/template/mkdocs.yml", "handbook/integrations/mkdocs/assets/search.js"} <= wanted
    assert wanted - names == set()
    assert "handbook = handbook.integrations.mkdocs.plugin:HandbookPlugin" in entry_points
    assert "handbook = handbook.cli:main" in entry_points


@pytest.mark.build
def test_a_second_committee_adopts_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """New project, three Word regulations and a roster imported: check, strict build and site check pass."""
    started = time.monotonic()
    project = tmp_path / "donghu"
    assert main(["new", str(project), "--name", "东湖医院"]) == 0
    documents = [str(path) for path in word_fixtures.save_all(tmp_path / "word", "manual")]
    assert main(["--root", str(project), "import", "word", *documents]) == 0
    assert main(["--root", str(project), "import", "roster", str(roster(tmp_path / "名册.xlsx", ROWS))]) == 0
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # what `npm ci` of the project's Makefile installs
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "build", "--strict"]) == 0
    assert main(["--root", str(project), "check", "--site", "site"]) == 0
    site = project / "site"
    page = (site / "regulations" / "dangfei-guanli-guiding" / "index.html").read_text(encoding="utf-8")
    assert 'id="a10"' in page and "党费收缴登记表" in page and "<table>" in page
    assert (site / "assets" / "search.js").read_bytes() == (ROOT / "docs" / "assets" / "search.js").read_bytes()
    assert (site / "assessment" / "branches" / "zhibu-1" / "index.html").is_file()
    assert time.monotonic() - started < 60
