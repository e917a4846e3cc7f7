"""The swimlane diagrams meet their readability goals, measured from the SVG (handbook/verify/diagrams.py).

Golden flows cover a long flow drawn in parts, loop-backs, nested decisions and a sub-flow; the
whole sample is measured too. The same numbers, with the comparison to Mermaid's own layout, are
in docs/guide/benchmarks.md (scripts/bench_diagrams.py).
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, make_case

from handbook.core.project import Project
from handbook.kinds.flow.swimlane import diagram_parts, layout, swimlane_parts
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model
from handbook.verify.diagrams import Metrics, measure

GOLDEN = Path(__file__).resolve().parent / "golden" / "flows"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


def diagrams(model: Handbook, flow_id: str) -> list[Metrics]:
    """The metrics of each part of a flow's diagram."""
    return [measure(svg) for _, svg in swimlane_parts(model.flows[flow_id].meta, model)]


@pytest.fixture(scope="module")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Handbook:
    """The base case with every golden flow added."""
    project = make_case(tmp_path_factory.mktemp("diagrams"))
    for case in CASES:
        shutil.copy(case / "flow.yaml", project / "flows" / f"{case.name}.yaml")
    return load_model(Project(project, TODAY))


@pytest.mark.parametrize("case", [p.name for p in CASES])
def test_golden_flow_diagrams_meet_the_goals(golden: Handbook, case: str) -> None:
    """Forward arrows never point up, steps stay in order, no arrow crosses a step, few crossings, text ≥ 12 px."""
    for part in diagrams(golden, case):
        assert (part.upward, part.out_of_order, part.through_steps) == (0, 0, 0)
        assert part.crossings <= 3
        assert part.smallest_text >= 12
        assert statistics.median(part.bends) <= 2
        assert part.steps > 0


def test_loops_and_parts_are_drawn_as_such(golden: Handbook) -> None:
    """The loop-backs are loops; a long flow is drawn in parts that name the steps they lead to."""
    assert diagrams(golden, "loop")[0].loops == 2
    parts = swimlane_parts(golden.flows["long"].meta, golden)
    assert len(parts) == 2 and parts[0][0] == "第1–25步"
    assert "转第26步" in parts[0][1]


def test_lanes_keep_the_declared_order_when_nothing_crosses(golden: Handbook) -> None:
    """Lanes are reordered only to save crossings: a diagram without any keeps the order of `roles`."""
    for case in CASES:
        flow = golden.flows[case.name].meta
        declared = [golden.actor_title(role) for role in flow.roles if any(s.role == role for s in flow.steps)]
        assert all(part.crossings == 0 for part in diagrams(golden, case.name))
        assert all(layout(flow, golden, steps).lanes == declared for _, steps in diagram_parts(flow))


def test_every_sample_diagram_reads_top_to_bottom() -> None:
    """All of the sample's diagrams: no upward forward arrow, no step out of order or crossed, few crossings."""
    model = load_model(Project(ROOT, TODAY))
    measured = [m for flow_id, doc in model.flows.items() if doc.meta.steps for m in diagrams(model, flow_id)]
    assert sum(m.upward + m.out_of_order + m.through_steps for m in measured) == 0
    assert statistics.median(m.crossings for m in measured) == 0
    assert max(m.crossings for m in measured) <= 3
    assert statistics.median(b for m in measured for b in m.bends) <= 2
    assert min(m.smallest_text for m in measured) >= 12


def test_drawings_are_reused_until_what_they_show_changes(tmp_path: Path) -> None:
    """A second build takes each drawing from the cache; renaming a lane's role draws it again."""
    project = make_case(tmp_path)
    first = swimlane_parts(
        load_model(Project(project, TODAY)).flows["simple"].meta, load_model(Project(project, TODAY))
    )
    cached = sorted((project / ".cache" / "handbook" / "outputs").rglob("*"))
    assert [p for p in cached if p.is_file()]
    model = load_model(Project(project, TODAY))
    assert swimlane_parts(model.flows["simple"].meta, model) == first
    roles = project / "organisation" / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("title: 党员", "title: 全体党员"), encoding="utf-8")
    model = load_model(Project(project, TODAY))
    again = swimlane_parts(model.flows["simple"].meta, model)
    assert "全体党员" in again[0][1] and "全体党员" not in first[0][1]
