"""Read every source file of a project into located data, collecting problems as values."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

import yaml

from handbook.core import located
from handbook.core import problems as problems_module
from handbook.core.cache import OutputCache, digest
from handbook.core.located import Located, SourceFile, parse_markdown, parse_yaml, read_text
from handbook.core.problems import Problem
from handbook.core.project import Project
from handbook.core.revisions import Revision
from handbook.load.history import Committed, GitRecords, git_records, head_commit
from handbook.spec.kind import Registry, Source

T = TypeVar("T")


@dataclass
class RawSources:
    """Every source file, parsed but not yet validated."""

    book: Located | None = None
    files: dict[str, list[SourceFile]] = field(default_factory=dict)  # by kind prefix
    unreadable: set[str] = field(default_factory=set)  # kinds with a file that could not be read (reported)
    pages: list[tuple[str, str]] = field(default_factory=list)  # hand-written docs: (path, text)
    docs_dir: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    history: dict[str, list[Revision]] = field(default_factory=dict)  # by source path: git's revisions
    previous: dict[str, SourceFile] = field(default_factory=dict)  # by source path: it before the last revision
    committed: dict[str, list[Committed]] = field(default_factory=dict)  # by path: git's versions of records
    reads: list[str] = field(default_factory=list)  # every path read, and the digest of its text
    text_keys: dict[str, str] = field(default_factory=dict)  # by path: the digest of its text as read

    def digest(self) -> str:
        """What the sources were when read: every text read and git's records of them."""
        return digest(*self.reads, repr((self.history, self.committed)))


# Part of every parsed file's cache key: the text of the parser and of the problems it returns,
# PyYAML's version and parser (libyaml or not: the messages differ), so a change to any of them
# parses everything afresh, and no one has to remember to bump a version.
PARSER_VERSION = digest(
    *(Path(module.__file__ or "").read_text(encoding="utf-8") for module in (located, problems_module)),
    yaml.__version__,
    located.PARSER,
)


def _parse(text: str, display: str, markdown: bool) -> tuple[SourceFile, list[Problem]]:
    """A file's text parsed with the line of every key: YAML, or Markdown with YAML front matter."""
    if markdown:
        return parse_markdown(text, display)
    meta, problems = parse_yaml(text, display)
    return SourceFile(meta), problems


def _pickled(cache: OutputCache, key: str, make: Callable[[], T]) -> T:
    """`make()`, or what it gave an earlier run under the same key (a damaged entry is made afresh).

    The pickles come from the project's own cache folder, written only here.
    """
    try:
        found: T = pickle.loads(cache.data(key, lambda: pickle.dumps(make(), pickle.HIGHEST_PROTOCOL)))
        return found
    except Exception:  # a damaged entry only costs making it again
        made = make()
        cache.put(key, pickle.dumps(made, pickle.HIGHEST_PROTOCOL))
        return made


def _parsed(
    text: str, text_key: str, display: str, markdown: bool, cache: OutputCache | None
) -> tuple[SourceFile, list[Problem]]:
    """`_parse`, taken from an earlier run when the file's text is the same.

    Parsing with locations walks every YAML node in Python; unpickling an earlier result is about
    eight times faster, which a year of assessment results and every rebuild of `handbook serve`
    feel.
    """
    if cache is None:
        return _parse(text, display, markdown)
    key = digest(PARSER_VERSION, display, str(markdown), text_key)
    return _pickled(cache, key, lambda: _parse(text, display, markdown))


def _git_records(project: Project, kinds: Registry, cache: OutputCache | None) -> GitRecords:
    """git's records of the sources: revisions and earlier texts of documents, every version of records.

    They change only with a commit, so they are taken from an earlier run at the same commit: three
    git processes a load (a twelfth of `handbook check`) become one.
    """
    documents = [spec.source.watched for spec in kinds if not spec.record]
    records = [spec.source.watched for spec in kinds if spec.committed]
    commit = head_commit(project.root) if cache is not None else None
    if cache is None or commit is None:
        return git_records(project.root, documents, records)
    key = digest("git records", str(project.root), commit, *documents, "", *records)
    return _pickled(cache, key, lambda: git_records(project.root, documents, records))


def _read(
    project: Project, path: Path, markdown: bool, raw: RawSources, cache: OutputCache | None, parse: bool = True
) -> SourceFile | None:
    """Parse one source file (or only read it), recording its problems; None if nothing usable was read."""
    display = project.relative(path)
    raw.reads.append(display)
    if not path.is_file():
        raw.problems.append(Problem(display, 1, "a folder where a source file is expected; rename or move it"))
        return None
    text, problems = read_text(path, display)
    raw.problems += problems
    if text is None:
        return None
    text_key = digest(text)  # the text's digest, once: the sources' digest and the parse's cache key
    raw.reads.append(text_key)
    raw.text_keys[display] = text_key
    if not parse:
        return SourceFile(Located(display, None), text)
    source, problems = _parsed(text, text_key, display, markdown, cache)
    raw.problems += problems
    return None if problems and source.meta.data is None else source


def _previous(
    texts: dict[str, str], raw: RawSources, kinds: Registry, cache: OutputCache | None
) -> dict[str, SourceFile]:
    """Each source as it stood before its last revision (`texts`), parsed like a source (and cached the same way);
    an earlier text that cannot be parsed is left out, its problems are not today's."""
    markdown = {file.path: spec.source.markdown for spec in kinds for file in raw.files.get(spec.prefix, [])}
    previous = {}
    for path, text in texts.items():
        if path not in markdown:
            continue  # no longer a source
        text_key = digest(text)
        raw.reads += [f"{path} (before its last revision)", text_key]
        source, problems = _parsed(text, text_key, path, markdown[path], cache)
        if source.meta.data is not None or not problems:
            previous[path] = source
    return previous


def _committed(
    records: dict[str, list[Committed]], kinds: Registry, cache: OutputCache | None
) -> dict[str, list[Committed]]:
    """Every committed version of each record with its data, parsed like a source (and cached the same way):
    a ledger's versions are its current text's beginnings, compared at every load."""
    markdown = {
        path: spec.source.markdown
        for spec in kinds
        if spec.committed
        for path in records
        if PurePosixPath(path).match(spec.source.pattern)
    }

    def data(text: str | None, path: str) -> Any:
        """The text's data; None for a deletion or a text that cannot be parsed."""
        if text is None:
            return None
        return _parsed(text, digest(text), path, markdown.get(path, False), cache)[0].meta.data

    return {path: [replace(v, data=data(v.text, path)) for v in versions] for path, versions in records.items()}


def source_paths(project: Project, source: Source) -> list[Path]:
    """The files (and stray folders) matching a kind's pattern, in a stable order."""
    return sorted(project.root.glob(source.pattern))


def load_sources(project: Project, kinds: Registry, cache: OutputCache | None = None) -> RawSources:
    """Read all sources of `project` (parses kept in `cache`); unreadable files become problems, never exceptions."""
    raw = RawSources(docs_dir=project.docs)
    if project.book.is_file():
        book = _read(project, project.book, False, raw, cache)
        raw.book = book.meta if book else None
    else:
        raw.problems.append(Problem(project.relative(project.book), 1, "the book structure file is missing"))
    for spec in kinds:
        files = (_read(project, path, spec.source.markdown, raw, cache) for path in source_paths(project, spec.source))
        raw.files[spec.prefix] = [file for file in files if file is not None]
        if len(raw.files[spec.prefix]) < len(source_paths(project, spec.source)):
            raw.unreadable.add(spec.prefix)
    # Every source but recorded results: documents, units and posts, the glossary, binders, courses.
    git = _git_records(project, kinds, cache)
    raw.history, raw.committed = git.history, _committed(git.committed, kinds, cache)
    raw.previous = _previous(git.previous, raw, kinds, cache)
    for path in sorted(project.docs.glob("**/*.md")) if project.docs.is_dir() else []:
        page = _read(project, path, False, raw, None, parse=False)
        if page is not None:
            raw.pages.append((page.path, page.body))
    return raw
