"""Two versions of a regulation or a flow compared as readers see them: articles, or steps, not lines.

An article is matched by its number and a step by its id; each is reported as added, removed or
changed, a changed article with the lines that differ and a changed step with the fields that did.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from handbook.core.located import SourceFile, parse_markdown, plain_yaml
from handbook.kinds.regulation.articles import find_articles
from handbook.spec.doc import Doc


@dataclass(frozen=True)
class Change:
    """One article or step that differs between two versions."""

    what: str  # 新增, 删除, 修改
    label: str  # 第五条, 第3步「召开会议」
    lines: list[str]  # what differs: `- old`, `+ new`


def _body(text: str) -> str:
    """The Markdown body of a whole regulation file."""
    return parse_markdown(text, "")[0].body


def _articles(body: str) -> dict[str, str]:
    """A regulation's articles by label, each with its text (headings between articles left out)."""
    found = find_articles(body, 1)
    ends = [article.offset for article in found[1:]] + [len(body)]
    return {
        article.label: "\n".join(
            line for line in body[article.offset : end].strip().splitlines() if not line.startswith("#")
        ).strip()
        for article, end in zip(found, ends, strict=True)
    }


def regulation_changes(old: str, new: str) -> list[Change]:
    """The articles added, removed or changed from `old` to `new` (both whole files), in order."""
    return article_changes(_body(old), _body(new))


def article_changes(old: str, new: str) -> list[Change]:
    """The articles added, removed or changed from one body of articles to another, in order."""
    before, after = _articles(old), _articles(new)
    changes = []
    for label in list(after) + [label for label in before if label not in after]:
        if label not in before:
            changes.append(Change("新增", label, [f"+ {line}" for line in after[label].splitlines()]))
        elif label not in after:
            changes.append(Change("删除", label, [f"- {line}" for line in before[label].splitlines()]))
        elif before[label] != after[label]:
            diff = difflib.ndiff(before[label].splitlines(), after[label].splitlines())
            changes.append(Change("修改", label, [line for line in diff if line[:1] in "+-"]))
    return changes


def _steps(data: object) -> dict[str, tuple[int, dict[str, Any]]]:
    """A flow's steps by id, with their numbers, from the file's data."""
    steps = data.get("steps", []) if isinstance(data, dict) else []
    return {
        step["id"]: (number, step) for number, step in enumerate(steps, 1) if isinstance(step, dict) and "id" in step
    }


def _value(value: object) -> str:
    """A field's value as a reader would write it."""
    if isinstance(value, list):
        return "、".join(_value(item) for item in value)
    if isinstance(value, dict):
        return "，".join(f"{key}：{_value(item)}" for key, item in value.items())
    return str(value)


def flow_changes(old: str, new: str) -> list[Change]:
    """The steps added, removed or changed from `old` to `new` (both whole files), in the new order."""
    return step_changes(plain_yaml(old), plain_yaml(new))


def step_changes(old: object, new: object) -> list[Change]:
    """The steps added, removed or changed from one flow's data to another's, in the new order."""
    before, after = _steps(old), _steps(new)
    changes = []
    for step_id in list(after) + [step_id for step_id in before if step_id not in after]:
        number, step = after.get(step_id) or before[step_id]
        label = f"第{number}步「{step.get('label', step_id)}」"
        if step_id not in before:
            changes.append(Change("新增", label, [f"+ {key}：{_value(v)}" for key, v in step.items() if key != "id"]))
        elif step_id not in after:
            changes.append(Change("删除", label, [f"- {key}：{_value(v)}" for key, v in step.items() if key != "id"]))
        else:
            old_step = before[step_id][1]
            lines = []
            for key in list(old_step) + [key for key in step if key not in old_step]:
                if old_step.get(key) != step.get(key):
                    lines += [f"- {key}：{_value(old_step[key])}"] if key in old_step else []
                    lines += [f"+ {key}：{_value(step[key])}"] if key in step else []
            if lines:
                changes.append(Change("修改", label, lines))
    return changes


def report(title: str, versions: tuple[str, str], changes: list[Change]) -> str:
    """The comparison as text: a heading, then each change with its lines."""
    out = [f"{title}：{versions[0]} → {versions[1]}，{len(changes)} 处变化" if changes else f"{title}：两版相同"]
    for change in changes:
        out.append(f"\n{change.what} {change.label}")
        out += [f"  {line}" for line in change.lines]
    return "\n".join(out) + "\n"


def last_revision(before: SourceFile | None, kind: str, doc: Doc[Any]) -> list[Change] | None:
    """What the last revision of a regulation or flow changed, from the source as it stood `before` that revision;
    None without one. `Handbook.last_changes` keeps the answer for the model's documents."""
    if before is None or kind not in ("reg", "flow"):
        return None
    if kind == "reg":
        return article_changes(before.body, doc.body)
    return step_changes(before.meta.data, doc.source.data)


def earlier_revision_notes(before: SourceFile) -> int:
    """How many revision notes (`revisions`) a regulation or flow carried before its last revision."""
    data = before.meta.data
    earlier = data.get("revisions") if isinstance(data, dict) else None
    return len(earlier) if isinstance(earlier, list) else 0
