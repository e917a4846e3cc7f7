"""The package shows the pipeline: no stage imports a stage above it (read from the imports themselves)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "handbook"
# What each stage may import, its own stage included. Type-only imports (under TYPE_CHECKING)
# name types in signatures and are not dependencies.
_LOW = {"core", "spec", "schema"}
ALLOWED = {
    "core": {"core"},
    "spec": {"core", "spec"},  # the kind machinery (handbook/spec/): KindSpec, Registry, Doc, SearchDoc
    "schema": _LOW,
    "load": _LOW | {"load"},
    "model": _LOW | {"model"},
    "validate": _LOW | {"load", "model", "validate"},
    "render": _LOW | {"model", "render"},
    "search": _LOW | {"model", "search"},
    "verify": _LOW | {"model", "verify"},
    "export": _LOW | {"model", "render", "search", "export"},
    "registry": _LOW | {"load", "model", "validate", "render", "search", "registry"},
    "pipeline": _LOW | {"load", "model", "validate", "render", "search", "registry", "pipeline"},
    "integrations": _LOW | {"model", "render", "search", "registry", "pipeline", "integrations"},
    "adopt": _LOW | {"load", "model", "validate", "adopt"},  # new projects and imports, beside export
    "cli": set(),  # the top: anything
}
# Inside a kind's folder, each module belongs to the stage its name says.
KIND_MODULES = {"schema": "schema", "articles": "schema", "check": "validate", "page": "render", "mermaid": "render"}
KIND_MODULES |= {"swimlane": "render", "swimlane_text": "render", "swimlane_layout": "render"}
KIND_MODULES |= {"swimlane_routes": "render", "swimlane_draw": "render"}
KIND_MODULES |= {"search": "search"}
# The assessment system is one package (a bounded context) whose modules keep the same stages:
# its kinds' folders as above, and these modules by name.
ASSESSMENT_TOP = {
    "results": "validate",
    "model": "model",
    "ledger": "model",
    "render": "render",
    "sheet": "export",
    "close": "export",
    "registry": "registry",
}
KINDS_TOP = {
    "placed": "validate",
    "selection": "validate",
    "results": "validate",
    "registry": "registry",
}


def stage(module: str) -> str:
    """The stage a module of the package belongs to."""
    parts = module.split(".")[1:]
    if parts[0] not in ("kinds", "assessment"):
        return parts[0]
    if len(parts) == 3:
        return KIND_MODULES[parts[2]]
    if len(parts) == 1 or (ROOT / "handbook" / parts[0] / parts[1]).is_dir():
        return "schema"  # a package's docstring
    return (KINDS_TOP if parts[0] == "kinds" else ASSESSMENT_TOP)[parts[1]]


def _module(path: Path) -> str:
    """The dotted name of a module file."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _all_imports(tree: ast.Module, type_only: bool = True) -> list[tuple[int, str]]:
    """(line, module) of every import of the package; without `type_only`, not those in `if TYPE_CHECKING:`."""
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if not type_only and isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        if node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("handbook."):
            found.append((node.lineno, node.module or ""))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("handbook.")]
    return sorted(found)


def _runtime_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of every import of the package that runs, skipping `if TYPE_CHECKING:` blocks."""
    return _all_imports(tree, type_only=False)


def test_every_module_belongs_to_a_stage() -> None:
    """A new module lands in a named stage (or the layering below cannot speak of it)."""
    modules = [_module(p) for p in PACKAGE.rglob("*.py") if _module(p) != "handbook"]
    unknown = []
    for module in modules:
        try:
            assert stage(module) in ALLOWED
        except (KeyError, AssertionError, IndexError):
            unknown.append(module)
    assert unknown == []


def test_no_stage_imports_a_higher_one() -> None:
    """load → validate → model → render / search / verify → registry → pipeline → integrations, cli."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        if module == "handbook":
            continue
        mine = stage(module)
        for line, imported in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            theirs = stage(imported)
            if ALLOWED[mine] and theirs not in ALLOWED[mine]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {mine} imports {imported} ({theirs})")
    assert wrong == []


def test_the_kind_machinery_imports_nothing_above_it_not_even_for_types() -> None:
    """handbook/spec/ is below the model: no import of a higher stage, not even under TYPE_CHECKING, so the
    graph has no circle through it (KindSpec names the model's type as a parameter instead)."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {imported}"
        for path in sorted((PACKAGE / "spec").rglob("*.py"))
        for line, imported in _all_imports(ast.parse(path.read_text(encoding="utf-8")))
        if stage(imported) not in ALLOWED["spec"]
    ]
    assert wrong == []


def test_the_layering_test_sees_a_violation(tmp_path: Path) -> None:
    """The check itself works: a render module importing validate is caught, a type-only import is not."""
    source = (
        "from typing import TYPE_CHECKING\n"
        "from handbook.validate.validator import build_model\n"
        "if TYPE_CHECKING:\n"
        "    from handbook.pipeline import generate\n"
    )
    imports = _runtime_imports(ast.parse(source))
    assert imports == [(2, "handbook.validate.validator")]
    assert stage(imports[0][1]) not in ALLOWED["render"]
