"""Measure the authoring loop: `handbook serve` start-up, and edit → the served page shows it.

Usage: .venv/bin/python scripts/bench_serve.py [--scale 10] [--repeat 5]

The project is a fresh clone of this repository (so pages carry their revision records as usual),
or a synthetic corpus N times the sample (scripts/synth_corpus.py). The script starts
`handbook serve`, waits for the first page, then for each kind of edit writes a new marker into a
source file and waits as an open browser tab does: on the live-reload request the page carries,
which the server answers when a rebuild is done; then it loads the page again, until the page
shows the marker. The time from the write to that page is what a maintainer waits for. The
median of `--repeat` edits per kind is reported, with each rebuild's own log line (pages
converted and written).
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synth_corpus import write_corpus  # noqa: E402  # a sibling script, not a package


@dataclass(frozen=True)
class Edit:
    """One kind of edit: which file, the text replaced by text with a marker, the page that shows it."""

    name: str
    path: str
    old: str  # replaced by `new` with {marker} filled in
    new: str
    page: str


EDITS = [
    Edit(
        "regulation: an article's text",
        "regulations/dangfei-guiding.md",
        "**第二条** 按期交纳党费",
        "**第二条** {marker}按期交纳党费",
        "regulations/dangfei-guiding/",
    ),
    Edit(
        "flow: the summary",
        "flows/sanhui-yike.yaml",
        "summary: 党支部按年度计划",
        "summary: {marker}党支部按年度计划",
        "flows/sanhui-yike/",
    ),
    Edit(
        "unit: a duty",
        "organisation/units/zuzhibu.yaml",
        "  - 负责党费收缴",
        "  - {marker}负责党费收缴",
        "organisation/zuzhibu/",
    ),
    Edit(
        "glossary term: the definition",
        "glossary.yaml",
        "党支部定期召开支部党员大会",
        "{marker}党支部定期召开支部党员大会",
        "glossary/",
    ),
]


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    """The page's text, or "" while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # a live-reload request waits up to a minute
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 600.0) -> float:
    """Poll until the page contains `text`; the seconds it took."""
    start = time.perf_counter()
    while text not in fetch(url):
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"{url} did not show {text!r} within {limit} s")
        time.sleep(0.02)
    return time.perf_counter() - start


def reload_until(base: str, page: str, text: str, html: str, limit: float = 600.0) -> None:
    """Wait as the page's open tab (`html`) does, on its live-reload request, reloading after each rebuild.

    Returns once the page shows `text`.
    """
    start = time.perf_counter()
    while text not in html:
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"{page} did not show {text!r}")
        found = re.search(r"livereload\((\d+), (\d+)\)", html)
        if found is not None:  # answered when a rebuild is done (or after a minute)
            fetch(f"{base}livereload/{found[1]}/{found[2]}")
        html = fetch(base + page)


def project(scale: int, work: Path) -> Path:
    """A fresh project to serve: a clone of this repository, or a synthetic corpus."""
    shutil.rmtree(work, ignore_errors=True)
    if scale == 1:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(work)], check=True)
        # The site settings and MkDocs hooks of the working tree, as its engine (installed from it) expects.
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        shutil.rmtree(work / "hooks", ignore_errors=True)
        shutil.copytree(ROOT / "hooks", work / "hooks")
        (work / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    else:
        write_corpus(work, scale)
    return work


def idle(log: Path) -> None:
    """Wait until the server has finished every build it started, search index included.

    Each build logs `pages built in`, then `search index written in`; timing an edit while the
    last one's rebuild (or the restore of the original file) still runs would count that too.
    """
    while True:
        text = log.read_text(encoding="utf-8")
        if text.count("pages built in") <= text.count("search index written in") + text.count("ERROR"):
            time.sleep(0.3)  # the notifications of the last write have arrived
            return
        time.sleep(0.1)


def restore(path: Path, original: str, log: Path, limit: float = 600.0) -> None:
    """Write the file's original text back and wait until the server has rebuilt for it.

    A fixed pause was not enough: at 10× the restore's rebuild sometimes began after it, and the
    next edit's time then held two rebuilds.
    """
    builds = log.read_text(encoding="utf-8").count("pages built in")
    path.write_text(original, encoding="utf-8")
    start = time.perf_counter()
    while log.read_text(encoding="utf-8").count("pages built in") == builds:
        if time.perf_counter() - start > limit:
            raise TimeoutError(f"no rebuild after restoring {path}")
        time.sleep(0.1)
    idle(log)


def main() -> None:
    """Serve, edit, time; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/hb-serve"))
    args = parser.parse_args()

    root = project(args.scale, args.work)
    port = free_port()
    log_path = args.work.parent / f"{args.work.name}.log"
    log = log_path.open("w")
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/handbook"), "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        first = wait_for(base, "</html>")
        total = time.perf_counter() - started
        print(f"scale {args.scale}: first page served {first:.1f} s after start (script: {total:.1f} s)")
        print("\n| edit | median | all |\n| --- | --- | --- |")
        for edit in EDITS:
            path = root / edit.path
            original = path.read_text(encoding="utf-8")
            times = []
            for run in range(args.repeat):
                marker = f"改{run}测{time.time_ns() % 100000}"
                assert edit.old in original, f"{edit.path} no longer contains {edit.old!r}"
                idle(log_path)
                html = fetch(base + edit.page)  # the tab, open before the edit
                start = time.perf_counter()
                path.write_text(original.replace(edit.old, edit.new.format(marker=marker), 1), encoding="utf-8")
                reload_until(base, edit.page, marker, html)
                times.append(time.perf_counter() - start)
            idle(log_path)
            restore(path, original, log_path)
            print(f"| {edit.name} | {statistics.median(times):.2f} s | {', '.join(f'{t:.2f}' for t in times)} |")
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: the server removes its temporary site
        server.wait()
        log.close()
    builds = re.findall(r"built in .*", log_path.read_text(encoding="utf-8"))
    print("\nbuild log (first build, then each rebuild):\n" + "\n".join(f"    {line}" for line in builds))


if __name__ == "__main__":
    main()
