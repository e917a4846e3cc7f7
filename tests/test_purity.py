"""Rendering is pure: one project rendered after another in the same process gives what a fresh process gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, TODAY, make_case

from handbook.core.project import Project
from handbook.pipeline import generate
from handbook.search.documents import documents

# Words that, in jieba's process-wide dictionary, changed the tags of five sample pages.
LEAKY_TERMS = """terms:
  - id: sanhui-yike
    title: 三会一课
    definition: 支部党员大会、支部委员会、党小组会和党课。
  - id: dangfei-shou
    title: 党费收
    definition: 测试用词。
  - id: bu-shuji
    title: 部书记
    definition: 测试用词。
"""
RENDER = """
import datetime, json, sys
from pathlib import Path
from handbook.core.project import Project
from handbook.pipeline import generate
from handbook.search.documents import documents
model, pages = generate(Project(Path(sys.argv[1]), datetime.date.fromisoformat(sys.argv[2])))
json.dump({"pages": {p.src_uri: p.markdown for p in pages}, "docs": [d.__dict__ for d in documents(model)]}, sys.stdout)
"""


def _output(root: Path) -> dict[str, object]:
    """The pages and search documents of a project, rendered in this process."""
    model, pages = generate(Project(root, TODAY))
    lists = ("aliases", "questions", "roles", "tags")  # tuples in the documents, lists in JSON
    docs = [dict(d.__dict__, **{name: list(getattr(d, name)) for name in lists}) for d in documents(model)]
    return {"pages": {p.src_uri: p.markdown for p in pages}, "docs": docs}


def test_a_second_project_renders_as_in_a_fresh_process(tmp_path: Path) -> None:
    """Words of a first project never reach the second one's tags, pages or search documents."""
    first = make_case(tmp_path)
    (first / "glossary.yaml").write_text(LEAKY_TERMS, encoding="utf-8")
    generate(Project(first, TODAY))
    after_first = _output(ROOT)
    fresh = subprocess.run(
        [sys.executable, "-c", RENDER, str(ROOT), TODAY.isoformat()], capture_output=True, check=True, text=True
    )
    assert after_first == json.loads(fresh.stdout)
