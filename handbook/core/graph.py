"""Small graph helpers shared by the checks: a cycle through a given node."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def cycle_through(edges: Mapping[str, Iterable[str]], start: str) -> list[str] | None:
    """A path along `edges` from `start` back to it, if there is one (depth first)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        for target in edges.get(current, ()):
            if target == start:
                return [*path, start]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None
