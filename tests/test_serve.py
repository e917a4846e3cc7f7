"""`handbook serve`'s incremental builds: after any edit, the site equals a full build of the same sources."""

from __future__ import annotations

import difflib
import gc
import gzip
import json
import logging
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SOURCES, TODAY, make_case
from mkdocs.exceptions import PluginError

from handbook.cli import main
from handbook.core.project import Project
from handbook.integrations.mkdocs import internals
from handbook.integrations.mkdocs.collector import CollectorPause
from handbook.integrations.mkdocs.engine import engine
from handbook.integrations.mkdocs.incremental import FullBuilder, IncrementalBuilder
from handbook.integrations.mkdocs.serve import builder_for, rebuild
from handbook.integrations.mkdocs.worker import RelatedWorker
from handbook.pipeline import load_model
from handbook.search.ranking import Ranker, TermCache


def _copy_sample(target: Path) -> Path:
    """The sample's sources and configuration in a folder of their own (outside git: no revision records)."""
    target.mkdir()
    for source in [*SOURCES, ROOT / "mkdocs.yml", ROOT / "hooks"]:
        copy = target / source.relative_to(ROOT)
        if source.is_dir():
            shutil.copytree(source, copy)
        else:
            shutil.copy(source, copy)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


def _small_project(tmp_path: Path) -> Path:
    """The base case (18 pages) with the sample's mkdocs.yml and hooks: a project built in a second or two."""
    project = make_case(tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", project / "hooks")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return project


# A theme override (mkdocs.yml's `custom_dir`): Material's main template with a line of its own in the footer.
OVERRIDE = '{% extends "base.html" %}\n{% block footer %}<p class="hb-override">页脚一</p>{{ super() }}{% endblock %}\n'


def _override_theme(project: Path) -> Path:
    """Give the project a theme override folder; its main template."""
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(OVERRIDE, encoding="utf-8")
    _edit(project / "mkdocs.yml", "theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    return project / "overrides" / "main.html"


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, the sitemap's archive unpacked (it records when it was made)."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file():
            data = path.read_bytes()
            files[name] = gzip.decompress(data) if name.endswith(".gz") else data
    return files


def _lines(name: str, data: bytes) -> list[str]:
    """A file's lines for a diff; JSON (the search index is one line) one value per line."""
    text = data.decode(errors="replace")
    if name.endswith(".json"):
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    return text.splitlines()


def _assert_same_site(served: Path, full: Path) -> None:
    """The served site has exactly the full build's files, byte for byte; a diff of the first difference."""
    served_files, full_files = _files(served), _files(full)
    assert sorted(served_files) == sorted(full_files)
    for name, data in full_files.items():
        if served_files[name] != data:
            diff = difflib.unified_diff(
                _lines(name, data),
                _lines(name, served_files[name]),
                f"full/{name}",
                f"served/{name}",
                lineterm="",
                n=1,
            )
            pytest.fail("\n".join(list(diff)[:40]))


def _full_build(project: Path, site: Path) -> Path:
    """The site as `handbook build` makes it from the project's sources now."""
    assert main(["--root", str(project), "build", "--site-dir", str(site)]) == 0
    return site


def _edit(path: Path, old: str, new: str) -> None:
    """Replace text that must be in the file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_TERM = """  - id: lianxidian
    title: 党建联系点
    definition: 矿领导班子成员在基层党支部中各自确定的联系单位，定期到点调研、指导组织生活。
"""


def _rename_regulation(project: Path) -> None:
    """A title changes: the nav and every page showing the title change with it."""
    _edit(
        project / "regulations/dangfei-guiding.md", "title: 党费收缴和管理工作规定", "title: 党费收缴使用和管理工作规定"
    )


def _add_reference(project: Path) -> None:
    """A flow cites one more regulation: the flow's page and the regulation's backlinks change."""
    basis = "basis:\n  - reg:dangzhibu-gongzuo-guiding#a13\n"
    _edit(project / "flows/sanhui-yike.yaml", basis, basis.replace("basis:\n", "basis:\n  - reg:dangfei-guiding\n"))


def _add_term(project: Path) -> None:
    """A new glossary term: the glossary and every page where the term occurs (tooltips) change."""
    _edit(project / "glossary.yaml", "terms:\n", "terms:\n" + NEW_TERM)


def _redefine_term(project: Path) -> None:
    """A definition changes: every page showing the term's tooltip changes, without converting it again."""
    _edit(project / "glossary.yaml", "党支部定期召开支部党员大会、", "党支部定期（按计划）召开支部党员大会、")


def _remove_step(project: Path) -> None:
    """A step leaves a flow: the flow's diagram, table and checklist change."""
    flow = project / "flows/sanhui-yike.yaml"
    _edit(flow, "    next: buxue\n", "    next: report\n")
    step = "  - id: buxue\n    label: 缺席党员1个月内补学会议内容\n    role: dangyuan\n    time: 1个月内\n"
    _edit(
        flow,
        step + "    records: [党员补学记录]\n    basis: [reg:dangzhibu-gongzuo-guiding#a17]\n    next: report\n",
        "",
    )


EDITS = [_rename_regulation, _add_reference, _add_term, _redefine_term, _remove_step]


def test_the_served_site_equals_a_full_build_after_edits_and_deletions(tmp_path: Path) -> None:
    """One edit of each kind, each rebuilt incrementally, equals a full build; all undone, the first build.

    Then deletions (one server, one first build for both): a regulation deleted with what named it
    leaves the site; a cited one is an error naming the citations, and the last good site stays.
    """
    project = _copy_sample(tmp_path / "project")
    originals = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    served = tmp_path / "served"
    with IncrementalBuilder(project / "mkdocs.yml", served, TermCache(None), lambda: TODAY) as builder:
        first = builder.build()
        assert first.rendered == first.written == first.pages
        shutil.copytree(served, tmp_path / "first")

        for edit in EDITS:
            edit(project)
            report = builder.build()
            assert 0 < report.rendered < report.pages, edit.__name__  # only the pages the edit affects are converted
            if edit is _redefine_term:  # the glossary page converted; the pages showing the tooltip framed anew
                assert report.rendered == 1 and report.written > 20 and report.framed == report.written
        _assert_same_site(served, _full_build(project, tmp_path / "edited"))
        assert builder.worker.used == 1 + len(EDITS)  # each build's related content came from the second process

        for path, data in originals.items():
            path.write_bytes(data)
        builder.build()
        _assert_same_site(served, tmp_path / "first")

        page = served / "regulations" / "dangfei-buchong-tongzhi" / "index.html"
        assert page.is_file()
        (project / "regulations/dangfei-buchong-tongzhi.md").unlink()  # with what it amended no longer 已修改
        _edit(project / "regulations/dangfei-guiding.md", "status: 已修改", "status: 施行")
        report = builder.build()
        assert not page.exists() and "regulations/dangfei-buchong-tongzhi/index.html" in report.removed

        (project / "regulations/dangfei-guiding.md").unlink()
        with pytest.raises(PluginError, match=r"flows/dangfei-shoujiao\.yaml:\d+ \(.*\): .*reg:dangfei-guiding"):
            builder.build()
        assert gc.isenabled()  # a failed build lets the collector run again
        assert (served / "regulations" / "dangfei-guiding" / "index.html").is_file()


def test_the_second_process_answers_only_for_the_sources_of_the_build(tmp_path: Path) -> None:
    """Related content from the second process is taken only if it read the same sources as the build."""
    project = Project(_copy_sample(tmp_path / "project"), TODAY)
    worker = RelatedWorker(project.root, None)
    try:
        worker.ask(TODAY)  # a build that failed before it took the answer
        before = load_model(project)
        _add_reference(project.root)
        worker.ask(TODAY)  # reads the edited sources
        assert worker.answer(before) is None  # saved between the two reads: the build computes its own
        after = load_model(project)
        worker.ask(TODAY)
        assert worker.answer(after) is not None and worker.used == 1
    finally:
        worker.close()
    assert not worker.process.is_alive()


def test_the_collector_is_paused_only_while_a_build_runs() -> None:
    """A build holds off the cycle collector and `resume` restores it; one disabled before stays disabled."""
    pause = CollectorPause()
    assert gc.isenabled()
    pause.pause()
    assert not gc.isenabled()
    pause.resume()
    assert gc.isenabled()
    gc.disable()
    try:
        pause.pause()
        pause.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_theme_override_is_an_input_of_every_page(tmp_path: Path) -> None:
    """A template in the theme's overrides (`custom_dir`) changes every page: all are written again, as a full build."""
    project = _small_project(tmp_path)
    template = _override_theme(project)
    served = tmp_path / "served"
    with IncrementalBuilder(project / "mkdocs.yml", served, TermCache(None), lambda: TODAY) as builder:
        builder.build()
        assert builder.theme_dirs == [project / "overrides"]  # what `handbook serve` watches besides the sources
        _edit(template, "页脚一", "页脚二")
        report = builder.build()
        assert report.rendered == 0 and report.written == report.pages and report.framed == 0
        assert "页脚二" in (served / "index.html").read_text(encoding="utf-8")
        _assert_same_site(served, _full_build(project, tmp_path / "full"))


def test_an_engine_not_verified_gets_whole_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Another MkDocs version, or one without a name the steps use: serve says why once, then builds whole sites."""
    monkeypatch.setattr(internals, "PRIVATE", [*internals.PRIVATE, ("mkdocs.commands.build", "_build_nothing")])
    assert internals.unsupported() == f"{engine().name} {engine().version} lacks mkdocs.commands.build._build_nothing"
    monkeypatch.setitem(internals.VERIFIED, engine().name, "0.9")
    reason = internals.unsupported()
    assert reason is not None and reason.startswith(f"{engine().name} {engine().version} is not a version")

    project = _small_project(tmp_path)
    served = tmp_path / "served"
    served.mkdir()  # as `handbook serve` makes it
    with caplog.at_level(logging.INFO, logger="mkdocs.handbook"):
        builder = builder_for(project / "mkdocs.yml", served, TermCache(None), lambda: TODAY)
        assert isinstance(builder, FullBuilder)
        assert rebuild(builder)
        _edit(project / "glossary.yaml", "terms:\n", "terms:\n" + NEW_TERM)
        assert rebuild(builder)
        _assert_same_site(served, _full_build(project, tmp_path / "full"))
        (project / "regulations" / "rule.md").unlink()  # still cited: the build fails, the last good site stays
        assert not rebuild(builder)
        _assert_same_site(served, tmp_path / "full")
    said = [r.message for r in caplog.records if r.name == "mkdocs.handbook"]
    assert [m for m in said if "incremental rebuilds are off" in m] == [
        f"incremental rebuilds are off: {reason}; each change rebuilds the whole site"
    ]
    assert len([m for m in said if m.startswith("site built whole in")]) == 2


def _default_sigint() -> None:
    """In the child before it starts: SIGINT handled as usual, so that Python turns it into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# The `handbook` command of each engine's environment: MkDocs (this one) and ProperDocs (`make test` makes it).
COMMANDS = {
    "mkdocs": Path(sys.executable).parent / "handbook",
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "handbook",
}


@pytest.mark.parametrize("engine_name", sorted(COMMANDS))
def test_handbook_serve_shows_an_edit_after_live_reload(tmp_path: Path, engine_name: str) -> None:
    """The real command on each engine: a saved change reaches the page on its live-reload request, the index follows.

    Then a theme override's template: watched too, and every page drawn again with it. On the small project: the
    sample's own incremental builds are compared with full ones above, and serving it took a minute of `make test`.
    """
    handbook = COMMANDS[engine_name]  # the installed command, as `make serve` runs it
    if not handbook.is_file():
        pytest.fail(f"{handbook}: missing; `make test` makes the ProperDocs environment (.venv-properdocs)")
    project = _small_project(tmp_path)
    template = _override_theme(project)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(handbook), "--root", str(project), "serve", "--addr", f"127.0.0.1:{port}"]
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    # Ctrl-C must reach it even when the test run was started in the background (`make test &`),
    # where the shell makes every command ignore SIGINT and Python keeps it ignored.
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_default_sigint)
    page = f"http://127.0.0.1:{port}/flows/simple/"
    try:
        html = _wait_for_page(page)
        _edit(project / "flows/simple.yaml", "label: 召开会议", "label: 改过的会议zqxw")
        html = _after_reload(port, html, page)
        assert "改过的会议" in html
        # The search index is written after the reload (no page shows it), and soon.
        deadline = time.monotonic() + 30
        index = f"http://127.0.0.1:{port}/search/"
        while not _index_knows(index, "zqxw"):
            assert time.monotonic() < deadline, "the search index did not follow the edit"
            time.sleep(0.2)
        # Reading the sources is no change: the edit made one build, not one more after it.
        time.sleep(3)
        text = log_path.read_text(encoding="utf-8")
        assert len(re.findall("pages built in", text)) == 2
        assert "incremental rebuilds are off" not in text  # the engine's version is one the steps were verified with

        _edit(template, "页脚一", "页脚二")  # the theme's overrides are watched
        assert "页脚二" in _after_reload(port, html, page)
        pages = re.findall(r"of (\d+) converted", text)[0]
        assert re.findall(r"(\d+) written", log_path.read_text(encoding="utf-8"))[-1] == pages  # all drawn again
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C, as a maintainer stops it
        assert server.wait(timeout=30) == 0
        log.close()


def _index_knows(index: str, word: str) -> bool:
    """Whether the served search index has `word`; not yet if a file came back torn (cut inside a character) while
    the rebuilt index replaced the old one: seen once on the 18-page project, whose rebuilds are quick (MkDocs'
    server opens a file, then reads the size of whatever is at its path). A reader's box fetches it again."""
    try:
        return Ranker(lambda path: json.loads(_wait_for_page(index + path))).known(word)
    except ValueError:  # UnicodeDecodeError, json.JSONDecodeError
        return False


def _after_reload(port: int, html: str, page: str) -> str:
    """The page again once its live-reload request (as its script makes it) says a rebuild is done."""
    epoch, request = re.search(r"livereload\((\d+), (\d+)\)", html).groups()  # type: ignore[union-attr]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/livereload/{epoch}/{request}", timeout=120) as reply:
        assert int(reply.read()) > int(epoch)  # answered when the rebuild is done
    return _wait_for_page(page)


def _wait_for_page(url: str) -> str:
    """The page once the server answers (its first build takes a while)."""
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(url, timeout=120) as reply:
                return str(reply.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
