"""The `handbook` command loads the engine on demand: its parser and `--help` import none of it, and every
command names a function its group's module has."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from importlib import import_module

from conftest import ROOT

from handbook.cli.main import parser

# What a command may need and `handbook --help` must not load: the site engine and its watcher, the
# segmenter, the Excel, Word, PDF and calendar libraries, the browser, pydantic, numpy, YAML, and the
# engine's own registry and pipeline (which import most of these).
HEAVY = [
    "mkdocs",
    "markdown",
    "watchdog",
    "jieba",
    "openpyxl",
    "docx",
    "pypdf",
    "icalendar",
    "playwright",
    "pydantic",
    "numpy",
    "yaml",
    "handbook.kinds.registry",
    "handbook.pipeline",
]
# Builds the parser, prints the help (argparse exits), then lists which of HEAVY were imported.
HELP_THEN_MODULES = f"""
import contextlib, io, json, sys
from handbook.cli.main import main, parser
parser()
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))
"""


def test_help_imports_no_engine() -> None:
    """In a fresh process, building the parser and printing `--help` import none of the heavy modules."""
    done = subprocess.run(
        [sys.executable, "-c", HELP_THEN_MODULES], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def _commands(command: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every (sub)command parser below `command` that runs something, nested groups (`assess`, `import`) included."""
    found = [command] if command.get_default("run") else []
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += _commands(sub)
    return found


def test_every_command_names_a_function_of_its_group() -> None:
    """Each command's (group, function) resolves: handbook/cli/GROUP.py has the function the dispatch calls."""
    commands = _commands(parser())
    assert len(commands) == 20  # 13 commands, 5 assessment steps, 2 imports
    for command in commands:
        group, name = command.get_default("run")
        assert callable(getattr(import_module(f"handbook.cli.{group}"), name)), command.prog
