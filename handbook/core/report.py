"""Reporters: problems as `path:line (key): message` lines, or as stable JSON."""

from __future__ import annotations

import json
from typing import TextIO

from handbook.core.problems import Problem, errors


def _count(number: int, noun: str) -> str:
    """`1 problem`, `2 warnings`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def report_text(problems: list[Problem], out: TextIO) -> None:
    """Write one line per problem (errors first, then warnings) and a closing count."""
    failing = errors(problems)
    warnings = [p for p in problems if p.warning]
    for problem in failing + warnings:
        print(problem, file=out)
    noted = f" ({_count(len(warnings), 'warning')})" if warnings else ""
    print(f"{_count(len(failing), 'problem')} found{noted}" if failing else f"ok{noted}", file=out)


def report_json(problems: list[Problem], out: TextIO) -> None:
    """Write `{"ok": bool, "problems": [...], "warnings": [...]}` for scripts and editors."""
    payload = {
        "ok": not errors(problems),
        "problems": [p.as_dict() for p in errors(problems)],
        "warnings": [p.as_dict() for p in problems if p.warning],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
