"""Shared fixtures: case projects, the golden-file switch, the built sample site and Chromium."""

from __future__ import annotations

import datetime as dt
import difflib
import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from playwright.sync_api import Browser

from handbook.core.clock import TODAY_VARIABLE
from handbook.export.print.chromium import chromium, serve

# Property tests draw the same examples on every run, so `make test` and CI pass or fail on the code alone;
# `HYPOTHESIS_PROFILE=explore` draws new ones on every run, to look for cases the fixed draw misses.
settings.register_profile("fixed", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


# The date every test runs as of: reviews and calendars do not change with the day the tests run.
TODAY = dt.date(2026, 11, 30)


def pytest_configure(config: pytest.Config) -> None:
    """Every command and build a test starts, in this process or another, runs as of TODAY.

    Set when the session starts, before any fixture of any scope and before test modules are
    imported; the tests' own projects are given TODAY explicitly (`Project(root, TODAY)`).
    """
    os.environ[TODAY_VARIABLE] = TODAY.isoformat()


# The tests that take longest (docs/guide/benchmarks.md has their times), run first in this order: pytest-xdist hands
# each worker a contiguous share of the list and the other steals from its end, so a long test left to the end
# would run alone while the other core idles.
LONGEST_FIRST = (
    "tests/test_serve.py::test_the_served_site_equals_a_full_build",
    "tests/test_print.py",
    "tests/test_payloads.py",
    "tests/test_offline.py",
    "tests/test_history.py",
    "tests/test_a11y.py",
    "tests/test_selftest.py",
    "tests/test_engines.py",
    "tests/test_clock.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first, in the order of LONGEST_FIRST; the others in their order."""

    def rank(item: pytest.Item) -> int:
        """The place of the item's entry in LONGEST_FIRST, or after all of them."""
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites expected files after a deliberate change."""
    parser.addoption("--update-golden", action="store_true", help="rewrite golden expected files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether expected files are to be rewritten instead of compared."""
    return bool(request.config.getoption("--update-golden"))


def assert_golden(actual: str, expected_file: Path, update: bool) -> None:
    """Compare text with a golden file, showing a diff; rewrite it when asked."""
    if update or not expected_file.exists():
        expected_file.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{expected_file} did not exist; written, review it")
        return
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), str(expected_file), "actual"
            )
        )
        pytest.fail(
            f"output differs from {expected_file.name} (run pytest --update-golden after a deliberate change):\n{diff}"
        )


def make_case(tmp_path: Path, overlay: Path | None = None) -> Path:
    """A project made of the base case with the files of `overlay` laid over it."""
    project = tmp_path / "project"
    shutil.copytree(CASES / "base", project)
    if overlay is not None:
        for path in overlay.rglob("*"):
            if path.is_file() and path.name != "expected.txt":
                target = project / path.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
    return project


def related_section(html: str) -> str:
    """The 相关内容 section of a built page, from its heading's text to the end of its list."""
    return html.split('<h2 id="related">', 1)[1].split("</ul>", 1)[0]


SOURCES = [
    ROOT / name
    for name in (
        *("book.yaml", "glossary.yaml", "everyday.yaml", "docs", "regulations", "flows", "activities", "organisation"),
        *("binders", "courses", "assessment"),
    )
]


def sources_digest() -> str:
    """A digest of every source file, to prove that a build writes nothing there."""
    digest = hashlib.sha256()
    for source in SOURCES:
        for path in sorted(p for p in [source, *source.rglob("*")] if p.is_file()):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def digest_before_build() -> str:
    """The sources' digest taken before the session's build."""
    return sources_digest()


@contextmanager
def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A folder made once per test run and shared by pytest-xdist's workers, held under a lock while in use: the
    first worker to get the lock fills it; the others wait, then only read it."""
    shared = tmp_path_factory.getbasetemp().parent if os.environ.get("PYTEST_XDIST_WORKER") else None
    parent = shared if shared is not None else tmp_path_factory.getbasetemp()
    with open(parent / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        folder = parent / f"shared-{name}"
        folder.mkdir(exist_ok=True)
        yield folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, digest_before_build: str) -> Path:
    """The sample handbook built once per test run by the real `handbook build`, shared by the workers."""
    from handbook.cli import main

    with shared_folder(tmp_path_factory, "site") as site:
        if not (site / "index.html").is_file():
            assert main(["--root", str(ROOT), "build", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="session")
def served_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site served on 127.0.0.1 under the sub-path /handbook/, as behind nginx."""
    root = tmp_path_factory.mktemp("www")
    (root / "handbook").symlink_to(built_site, target_is_directory=True)
    with serve(root) as url:
        yield url + "handbook/"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, launched as `handbook pdf` launches it."""
    with chromium() as browser:
        yield browser


def make_site_case(tmp_path: Path) -> Path:
    """The base case with the sample's site settings and plugin: a small project MkDocs builds strictly."""
    project = make_case(tmp_path, CASES / "site")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # the pinned browser assets
    return project
