"""One object against its pydantic schema: every error as a located problem in a maintainer's words."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from handbook.core.located import Loc, Located
from handbook.core.problems import Problem, choices

M = TypeVar("M", bound=BaseModel)
# Keys whose values are ids: a pattern mismatch there gets the id rule spelled out.
_ID_KEYS = ("id", "owner", "role", "parent", "unit", "next", "flow")


def _message(error: dict[str, Any], loc: Loc) -> str:
    """Turn one pydantic error into a maintainer's sentence."""
    kind = error["type"]
    key = loc[-1] if loc else ""
    if kind == "missing":
        return f"missing required key '{key}'"
    if kind == "extra_forbidden":
        return f"unknown key '{key}'"
    if kind == "string_pattern_mismatch" and str(key) in _ID_KEYS:
        return f"'{error['input']}' is not a valid id: use lower-case ASCII letters, digits and '-'"
    return f"{error['msg']} (got {error['input']!r})" if not isinstance(error["input"], dict) else str(error["msg"])


def _located_loc(data: object, error_loc: tuple[Any, ...], missing: bool) -> Loc:
    """Keep the parts of a pydantic location that index into the data (drop union type tags)."""
    kept: list[str | int] = []
    current = data
    for position, part in enumerate(error_loc):
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_list or (isinstance(current, dict) and part in current):
            current = current[part]  # type: ignore[index]
        elif missing and position == len(error_loc) - 1:
            pass  # the missing key itself: not in the data, but what the message is about
        else:
            continue  # a tag such as 'str' or 'list[constrained-str]' naming a union member
        kept.append(part)
    return tuple(kept)


def _owner_model(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The nested model class that owns the last key of `loc` (for listing known keys)."""
    current = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            break
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
    return current


def data_at(located: Located, loc: Loc) -> Any:
    """The parsed value at a key path of a located file."""
    data = located.data
    for part in loc:
        data = data[part]
    return data


def validate_object(model: type[M], located: Located, loc: Loc = ()) -> tuple[M | None, list[Problem]]:
    """Validate the data at `loc` of a located file against `model`; the object or its problems."""
    data = data_at(located, loc)
    if not isinstance(data, dict):
        got = "nothing (it is empty)" if data is None else type(data).__name__
        return None, [located.problem(loc, f"expected a mapping of keys, got {got}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = (*loc, *_located_loc(data, error["loc"], error["type"] == "missing"))
            message = _message(dict(error), where)
            if error["type"] == "extra_forbidden":
                owner = _owner_model(model, where[len(loc) :])
                message += f"; known: {choices(owner.model_fields, limit=40)}"
            problems.append(located.problem(where, message))
        return None, problems
