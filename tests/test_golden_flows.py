"""Golden tests: the swimlane SVG, the Mermaid source and the step table/checklist generated from a flow."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, assert_golden, make_case

from handbook.core.project import Project
from handbook.kinds.flow.mermaid import flowchart_parts
from handbook.kinds.flow.page import checklist, step_table
from handbook.kinds.flow.swimlane import swimlane_parts
from handbook.pipeline import load_model
from handbook.render.links import Linker

GOLDEN = Path(__file__).resolve().parent / "golden" / "flows"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_flow_rendering(case: Path, tmp_path: Path, update_golden: bool) -> None:
    """flow.yaml renders to expected.svg (drawn), expected.mmd (Mermaid) and expected.md (steps, checklist)."""
    project = make_case(tmp_path)
    shutil.copy(case / "flow.yaml", project / "flows" / f"{case.name}.yaml")  # the flow's id is the folder name
    model = load_model(Project(project, TODAY))
    flow = model.flows[case.name].meta
    diagrams = "".join(f"%% {caption or 'whole flow'}\n{source}" for caption, source in flowchart_parts(flow, model))
    assert_golden(diagrams, case / "expected.mmd", update_golden)
    drawings = "".join(f"<!-- {caption or 'whole flow'} -->\n{svg}\n" for caption, svg in swimlane_parts(flow, model))
    assert_golden(drawings, case / "expected.svg", update_golden)
    linker = Linker(model, f"flows/{case.name}.md")
    assert_golden(step_table(flow, model, linker) + "\n" + checklist(flow, model), case / "expected.md", update_golden)
