"""The site is the same on MkDocs and on ProperDocs, its maintained fork, and through either dispatcher of events."""

from __future__ import annotations

import gzip
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT, make_case

from handbook.cli import main
from handbook.integrations.mkdocs.engine import engine
from handbook.integrations.mkdocs.plugin import HandbookPlugin

PROPERDOCS = ROOT / ".venv-properdocs" / "bin"
# The one line an engine writes of itself: Material's generator tag names it and its version.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, the sitemap's archive unpacked, the generator tag blanked."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        data = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
        files[name] = GENERATOR.sub(b'<meta name="generator" content="">', data) if name.endswith(".html") else data
    return files


def _assert_same(site: Path, other: Path) -> None:
    """The two sites have the same files with the same bytes (the generator tag aside); the first difference shown."""
    ours, theirs = _files(site), _files(other)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, f"{len(different)} files differ, first {different[0]}"


@pytest.mark.build
def test_properdocs_builds_the_sample_as_mkdocs_does(built_site: Path, tmp_path: Path) -> None:
    """The sample built by the ProperDocs environment's `handbook build` equals the session's MkDocs build."""
    if not (PROPERDOCS / "handbook").is_file():
        pytest.fail(f"{PROPERDOCS}: missing; `make test` makes the ProperDocs environment (.venv-properdocs)")
    imports = "import importlib.util as u; print(u.find_spec('mkdocs') is None)"
    assert subprocess.run([PROPERDOCS / "python", "-c", imports], capture_output=True, text=True).stdout == "True\n"
    site = tmp_path / "site"
    command = [PROPERDOCS / "handbook", "--root", ROOT, "build", "--site-dir", site]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)  # runs as of TODAY (conftest)
    assert run.returncode == 0, run.stderr[-3000:]
    generator = GENERATOR.search((site / "index.html").read_bytes())
    assert generator is not None and b"ProperDocs 1.6.7" in generator[0]
    _assert_same(site, built_site)


def _hooks() -> ModuleType:
    """This repository's hooks file, loaded as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location("handbook_events", ROOT / "hooks" / "handbook_events.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_plugin_and_the_hooks_file_answer_the_same_events() -> None:
    """Two dispatchers of one engine: the plugin (projects of `handbook new`) and this repository's hooks file."""
    events = {name for name in dir(HandbookPlugin) if name.startswith("on_")}
    assert events == {name for name in dir(_hooks()) if name.startswith("on_")}
    assert engine().name == "mkdocs" and engine().version == "1.6.1"  # this environment's; ProperDocs' is the other


@pytest.mark.build
def test_the_plugin_and_the_hooks_file_build_the_same_site(tmp_path: Path) -> None:
    """A small project built through the hooks file (as this repository is) and through the plugin: the same site."""
    project = make_case(tmp_path)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    hooks = "hooks:\n  - hooks/handbook_events.py\n"
    assert hooks in config
    plugin = config.replace(hooks, "").replace("plugins:\n", "plugins:\n  - handbook\n")
    for name, text in [("hooks", config), ("plugin", plugin)]:
        (project / "mkdocs.yml").write_text(text, encoding="utf-8")
        assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / name)]) == 0
    assert (tmp_path / "plugin" / "regulations" / "rule" / "index.html").is_file()  # the engine ran
    _assert_same(tmp_path / "hooks", tmp_path / "plugin")
