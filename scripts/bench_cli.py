"""How long the `handbook` command takes to answer, each run in a fresh process (start-up included).

Usage: .venv/bin/python scripts/bench_cli.py [--root .] [--repeat 5] [COMMAND …]

Each COMMAND (a quoted argument list; default `--help` and `check`) is run --repeat times as
`.venv/bin/handbook COMMAND` in the project folder --root, one fresh process after another, its
output discarded; reported per command: the median and the minimum wall time, and the exit codes
seen. A first run, not counted, warms the disk cache and writes Python's bytecode caches (unless
PYTHONDONTWRITEBYTECODE is set: then every run compiles the engine's sources again).
"""

from __future__ import annotations

import argparse
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HANDBOOK = Path(sys.executable).parent / "handbook"  # the console script of this environment


def timed(command: list[str], root: Path) -> tuple[float, int]:
    """Seconds of wall time and the exit code of one run of `command` in a fresh process."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    """Time each command and print one line each: median, minimum, every run, exit codes."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commands", nargs="*", default=["--help", "check"], help="argument lists, each quoted")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (default 5)")
    args = parser.parse_args()
    for given in args.commands:
        command = [str(HANDBOOK), *shlex.split(given)]
        timed(command, args.root)  # not counted: disk cache, bytecode caches
        runs = [timed(command, args.root) for _ in range(args.repeat)]
        seconds = [s for s, _ in runs]
        codes = sorted({code for _, code in runs})
        every = ", ".join(f"{s:.2f}" for s in seconds)
        print(
            f"handbook {given:<12} median {statistics.median(seconds):.2f} s  min {min(seconds):.2f} s  "
            f"({every}; exit {codes})"
        )


if __name__ == "__main__":
    main()
