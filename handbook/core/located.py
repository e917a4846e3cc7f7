"""Safe YAML loading that remembers the line of every key, and front-matter splitting."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from handbook.core.problems import Problem

Loc = tuple[str | int, ...]
_PLAIN_COLLECTIONS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# libyaml's parser when PyYAML was built with it (ten times faster on large corpora); both are safe.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PARSER = _BaseLoader.__name__  # which of the two reads the sources (their messages differ)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML in which dates stay text: the schema parses them and reports an impossible one at its key."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


class _AliasUsed(Exception):
    """A YAML alias repeats a value: refused, since expanding aliases can grow without limit."""


@dataclass
class Located:
    """Parsed data plus the 1-based line of every location (key path) inside it."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Return the line of the longest known prefix of `loc` (line 1 if none)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1

    def problem(self, loc: Loc, message: str) -> Problem:
        """Build a problem located at `loc`."""
        return Problem(self.path, self.line_of(loc), message, format_loc(loc))


def format_loc(loc: Loc) -> str:
    """Render a key path as `steps[3].role`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Builder:
    """Turns a composed YAML node tree into Python data, recording lines."""

    def __init__(self, loader: yaml.SafeLoader, located: Located, line_offset: int) -> None:
        self.loader = loader
        self.located = located
        self.offset = line_offset
        self.problems: list[Problem] = []
        self.seen: set[int] = set()  # the nodes built so far: an alias is a node met twice

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        """Convert `node` found at `loc`."""
        if id(node) in self.seen:
            raise _AliasUsed(loc)
        self.seen.add(id(node))
        self.located.lines.setdefault(loc, node.start_mark.line + 1 + self.offset)
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_COLLECTIONS:
            # Scalars with unknown tags are refused by SafeLoader; collections we build ourselves.
            raise yaml.constructor.ConstructorError(None, None, f"unsupported tag {node.tag}", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # e.g. an explicitly tagged !!timestamp 2025-13-40
            self.problems.append(self.located.problem(loc, f"invalid value '{node.value}': {exc}"))
            return node.value

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        """Convert a mapping, reporting duplicate keys that PyYAML would silently drop."""
        self.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                key = str(key)
            line = key_node.start_mark.line + 1 + self.offset
            if key in result:
                self.problems.append(
                    Problem(self.located.path, line, f"duplicate key '{key}'", format_loc((*loc, key)))
                )
                continue
            self.located.lines[(*loc, key)] = line
            result[key] = self.build(value_node, (*loc, key))
        return result


def plain_yaml(text: str) -> Any:
    """YAML text as data without locations, read exactly as sources are (libyaml, dates as text).

    Raises yaml.YAMLError on invalid YAML.
    """
    return yaml.load(text, Loader=_Loader)  # _Loader is a safe loader


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Located, list[Problem]]:
    """Parse YAML text safely; return the located data and any problems."""
    located = Located(path, None)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            builder = _Builder(loader, located, line_offset)
            located.data = builder.build(node, ())
            return located, builder.problems
        return located, []
    except _AliasUsed as exc:
        (loc,) = exc.args
        message = "YAML aliases (*name) are not supported: write the value out where it is needed"
        return located, [located.problem(loc, message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = exc.problem or exc.context or "invalid YAML"
        return located, [Problem(path, line, f"invalid YAML: {reason}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, found before parsing
        # libyaml gives the position in the text's UTF-8 bytes, not in its characters.
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1 + line_offset
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return located, [Problem(path, line, f"invalid YAML: character #x{code:04x}: {exc.reason}")]
    except yaml.YAMLError as exc:
        return located, [Problem(path, 1 + line_offset, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()


@dataclass
class SourceFile:
    """One parsed source file: its YAML (the front matter of a Markdown file) and its Markdown body."""

    meta: Located
    body: str = ""
    body_line: int = 1  # 1-based line of the body's first line in the file

    @property
    def path(self) -> str:
        """The file, relative to the project root."""
        return self.meta.path


def parse_markdown(text: str, path: str) -> tuple[SourceFile, list[Problem]]:
    """Split `---` front matter from a Markdown text and parse it."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        empty = Located(path, None)
        return SourceFile(empty, text, 1), [Problem(path, 1, "missing front matter (a first line '---')")]
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta, problems = parse_yaml("".join(lines[1:end]), path, line_offset=1)
            return SourceFile(meta, "".join(lines[end + 1 :]), end + 2), problems
    empty = Located(path, None)
    return SourceFile(empty, text, 1), [Problem(path, 1, "front matter is not closed by '---'")]


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a byte-order mark is allowed), turning decoding errors into a problem at their line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(display, line, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")]
