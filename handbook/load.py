"""Read every source file of a project into located data, collecting problems as values."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.errors import Problem
from handbook.project import Project
from handbook.yamlsrc import Located, MarkdownSource, parse_markdown, parse_yaml, read_text


@dataclass
class RawSources:
    """Every source file, parsed but not yet validated."""

    book: Located | None = None
    regulations: list[MarkdownSource] = field(default_factory=list)
    activities: list[MarkdownSource] = field(default_factory=list)
    flows: list[Located] = field(default_factory=list)
    units: list[Located] = field(default_factory=list)
    roles: Located | None = None
    glossary: Located | None = None
    pages: list[tuple[str, str]] = field(default_factory=list)  # hand-written docs: (path, text)
    docs_dir: Path | None = None
    problems: list[Problem] = field(default_factory=list)


def _yaml_file(project: Project, path: Path, raw: RawSources) -> Located | None:
    """Parse one YAML file, recording its problems."""
    display = project.relative(path)
    text, problems = read_text(path, display)
    raw.problems += problems
    if text is None:
        return None
    located, problems = parse_yaml(text, display)
    raw.problems += problems
    return None if problems and located.data is None else located


def _markdown_file(project: Project, path: Path, raw: RawSources) -> MarkdownSource | None:
    """Parse one Markdown file with front matter, recording its problems."""
    display = project.relative(path)
    text, problems = read_text(path, display)
    raw.problems += problems
    if text is None:
        return None
    source, problems = parse_markdown(text, display)
    raw.problems += problems
    return None if source.meta.data is None else source


def _files(folder: Path, pattern: str) -> list[Path]:
    """The files of a folder matching `pattern`, in a stable order."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def load_sources(project: Project) -> RawSources:
    """Read all sources of `project`; unreadable files become problems, never exceptions."""
    raw = RawSources(docs_dir=project.docs)
    if project.book.is_file():
        raw.book = _yaml_file(project, project.book, raw)
    else:
        raw.problems.append(Problem(project.relative(project.book), 1, "the book structure file is missing"))
    raw.regulations = [s for p in _files(project.regulations, "*.md") if (s := _markdown_file(project, p, raw))]
    raw.activities = [s for p in _files(project.activities, "*.md") if (s := _markdown_file(project, p, raw))]
    raw.flows = [s for p in _files(project.flows, "*.yaml") if (s := _yaml_file(project, p, raw))]
    raw.units = [s for p in _files(project.units, "*.yaml") if (s := _yaml_file(project, p, raw))]
    if project.roles.is_file():
        raw.roles = _yaml_file(project, project.roles, raw)
    if project.glossary.is_file():
        raw.glossary = _yaml_file(project, project.glossary, raw)
    for path in _files(project.docs, "**/*.md"):
        text, problems = read_text(path, project.relative(path))
        raw.problems += problems
        if text is not None:
            raw.pages.append((project.relative(path), text))
    return raw
