"""Reporters: problems as `path:line (key): message` lines, or as stable JSON."""

from __future__ import annotations

import json
from typing import TextIO

from handbook.core.problems import Problem


def report_text(problems: list[Problem], out: TextIO) -> None:
    """Write one line per problem and a closing count."""
    for problem in problems:
        print(problem, file=out)
    noun = "problem" if len(problems) == 1 else "problems"
    print(f"{len(problems)} {noun} found" if problems else "ok", file=out)


def report_json(problems: list[Problem], out: TextIO) -> None:
    """Write `{"ok": bool, "problems": [...]}` for scripts and editors."""
    payload = {"ok": not problems, "problems": [p.as_dict() for p in problems]}
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
