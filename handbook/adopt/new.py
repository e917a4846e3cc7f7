"""A new, empty handbook project: the book's six parts, empty source folders, two commands and a CI file.

Nothing of the sample handbook is in it: the book's structure (parts, chapters, sections) is the
method's, the rest is written here for any organisation. It holds only content and settings; the
engine is installed from requirements.txt, which pins its version (the Makefile builds it from
the folder it came from, or takes it from a package index). Every file is made from the templates
in template/ beside this module, with the organisation's name filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from importlib.metadata import PackageNotFoundError, distribution
from urllib.parse import unquote, urlparse

from handbook.adopt.convert import escape

ENGINE = "party-handbook"
# Template file → where it goes in the project (names starting with a dot are not package data).
TEMPLATES = {
    "book.yaml": "book.yaml",
    "mkdocs.yml": "mkdocs.yml",
    "Makefile": "Makefile",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "ci-run": ".ci/run",
    "gitignore": ".gitignore",
    "docs/index.md": "docs/index.md",
    "docs/intro.md": "docs/intro.md",
    "package.json": "package.json",  # the browser assets the engine serves (mermaid, the offline shim), pinned
    "package-lock.json": "package-lock.json",
}
# Source folders the project starts without sources in; git keeps an empty folder only with a file in it.
EMPTY_FOLDERS = ["regulations", "flows", "activities", "binders", "courses"]
EXECUTABLE = {".ci/run"}
MAX_NAME = 60


def organisation_name(name: str) -> str:
    """The party organisation of a unit: 东湖医院 → 中共东湖医院委员会; a name already so is kept."""
    name = name.strip()
    return name if name.startswith("中共") or name.endswith(("委员会", "党委")) else f"中共{name}委员会"


def name_problem(name: str) -> str | None:
    """Why a unit's name cannot be used (None if it can): one line of plain text, not too long."""
    if not name.strip():
        return "give the unit's name, e.g. --name 东湖医院"
    if len(name) > MAX_NAME or any(not ch.isprintable() for ch in name):
        return f"--name: a unit's name of at most {MAX_NAME} printable characters"
    return None


def engine_version() -> str:
    """The version of the engine running this command (what the new project pins)."""
    try:
        return distribution(ENGINE).version
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0.0.0"


def engine_source() -> str:
    """The folder the running engine was installed from (PEP 610's direct_url.json), '' if from an index."""
    try:
        recorded = distribution(ENGINE).read_text("direct_url.json")
    except PackageNotFoundError:
        return ""
    if not recorded:
        return ""
    url = str(json.loads(recorded).get("url", ""))
    return unquote(urlparse(url).path) if url.startswith("file://") else ""


def _filled(template: str, target: str, values: dict[str, str]) -> str:
    """A template with its @@NAME@@ placeholders filled, each value written as the file's kind needs it."""
    for key, value in values.items():
        if target.endswith((".yml", ".yaml")):
            shown = json.dumps(value, ensure_ascii=False)  # a double-quoted YAML scalar: no injection
        elif target.endswith(".md"):
            shown = escape(value, start=False)
        else:
            shown = value
        template = template.replace(f"@@{key}@@", shown)
    return template


def _units(organisation: str) -> str:
    """organisation/units/dangwei.yaml: the party committee itself, the unit every document is owned by at first."""
    title = json.dumps(organisation, ensure_ascii=False)
    return (
        "# 党委本身。其他单位（党群部门、会议等）每个一个文件，文件名与 id 相同；\n"
        "# 党总支、党支部可以用 handbook import roster 从名册导入。\n"
        f"id: dangwei\ntitle: {title}\naliases: [党委]\nkind: 党委\nstatus: 施行\n"
    )


ROLES = """\
# 岗位和角色。流程的泳道写这里的 id（或单位的 id）。
roles:
  - id: dangwei-shuji
    title: 党委书记
    unit: dangwei
  - id: dangwei-fushuji
    title: 党委副书记
    unit: dangwei
"""

GLOSSARY = """\
# 术语表：正文中出现的术语和别名会显示释义提示，搜索时也不会被拆开。格式见《维护指南》。
terms: []
"""


def project_files(name: str, today: dt.date, version: str, source: str) -> dict[str, bytes]:
    """Every file of a new project for the unit `name`, by its path in the project."""
    organisation = organisation_name(name)
    values = {
        "ORGANISATION": organisation,
        "DESCRIPTION": f"{organisation}党建工作精细化管理手册",
        "EDITION": f"{today.year}年版",
        "ENGINE_VERSION": version,
        "ENGINE_SOURCE": source,
    }
    folder = resources.files("handbook.adopt") / "template"
    files: dict[str, bytes] = {}
    for template, target in TEMPLATES.items():
        text = (folder / template).read_text(encoding="utf-8")
        files[target] = _filled(text, target, values).encode("utf-8")
    files["organisation/units/dangwei.yaml"] = _units(organisation).encode("utf-8")
    files["organisation/roles.yaml"] = ROLES.encode("utf-8")
    files["glossary.yaml"] = GLOSSARY.encode("utf-8")
    for empty in EMPTY_FOLDERS:
        files[f"{empty}/.gitkeep"] = b""
    return files
