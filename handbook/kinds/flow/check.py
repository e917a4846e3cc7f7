"""Checks of flows: structure (ids, lanes, links, start, reachability, decisions, sub-flows) and references."""

from __future__ import annotations

from collections.abc import Iterator

from handbook.core.graph import cycle_through
from handbook.core.problems import Problem, choices
from handbook.core.refs import Ref
from handbook.kinds.flow.schema import Cadence, Every, Flow, StepKind
from handbook.model.handbook import Handbook
from handbook.spec.common import Status
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def reachable(flow: Flow, start: str) -> set[str]:
    """The ids of the steps reachable from `start` (including it)."""
    steps = {s.id: s for s in flow.steps}
    seen, todo = {start}, [start]
    while todo:
        for nxt in steps[todo.pop()].successors():
            if nxt in steps and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def can_finish(flow: Flow) -> set[str]:
    """The ids of the steps from which some end step can be reached."""
    predecessors: dict[str, list[str]] = {s.id: [] for s in flow.steps}
    for step in flow.steps:
        for nxt in step.successors():
            if nxt in predecessors:
                predecessors[nxt].append(step.id)
    done = {s.id for s in flow.steps if s.kind == StepKind.END}
    todo = list(done)
    while todo:
        for before in predecessors[todo.pop()]:
            if before not in done:
                done.add(before)
                todo.append(before)
    return done


def check_flow(doc: Doc[Flow], model: Handbook) -> list[Problem]:
    """Every structural problem of one flow, each at its line."""
    flow, src = doc.meta, doc.source
    problems: list[Problem] = []
    actors = set(model.roles) | set(model.units)
    for i, role in enumerate(flow.roles):
        if role not in actors:
            problems.append(src.problem(("roles", i), f"unknown role '{role}'; known: {choices(actors)}"))

    if flow.status == Status.TO_WRITE and not flow.steps:
        return problems
    if not flow.steps:
        return [*problems, src.problem(("steps",), "a flow needs steps (or status 待补充)")]

    ids: dict[str, int] = {}
    for index, step in enumerate(flow.steps):
        at = ("steps", index)
        if step.id in ids:
            problems.append(src.problem((*at, "id"), f"duplicate step id '{step.id}' (first is steps[{ids[step.id]}])"))
        ids.setdefault(step.id, index)
        if step.role is None and step.kind not in (StepKind.START, StepKind.END):
            problems.append(src.problem(at, f"step '{step.id}' has no role; declared roles: {choices(flow.roles)}"))
        elif step.role is not None and step.role not in flow.roles:
            problems.append(
                src.problem((*at, "role"), f"undeclared role '{step.role}'; declared in roles: {choices(flow.roles)}")
            )
        problems += _check_exits(doc, index, model)

    for index, step in enumerate(flow.steps):
        targets: list[tuple[tuple[str | int, ...], str]] = []
        if isinstance(step.next, str):
            targets.append((("steps", index, "next"), step.next))
        elif isinstance(step.next, list):
            targets += [(("steps", index, "next", j), n) for j, n in enumerate(step.next)]
        targets += [(("steps", index, "branches", j, "next"), b.next) for j, b in enumerate(step.branches)]
        for loc, target in targets:
            if target not in ids:
                problems.append(src.problem(loc, f"'next' names unknown step '{target}'; steps: {choices(set(ids))}"))

    starts = [i for i, s in enumerate(flow.steps) if s.kind == StepKind.START]
    if not starts:
        problems.append(src.problem(("steps",), "no start step (kind: start)"))
    elif len(starts) > 1:
        for i in starts[1:]:
            problems.append(src.problem(("steps", i, "kind"), f"several start steps; the first is steps[{starts[0]}]"))
    if not any(s.kind == StepKind.END for s in flow.steps):
        problems.append(src.problem(("steps",), "no end step (kind: end)"))
    if problems:
        return problems  # reachability is meaningless on a broken graph

    seen = reachable(flow, flow.steps[starts[0]].id)
    finishing = can_finish(flow)
    for index, step in enumerate(flow.steps):
        if step.id not in seen:
            problems.append(src.problem(("steps", index), f"step '{step.id}' cannot be reached from the start"))
        elif step.id not in finishing:
            problems.append(src.problem(("steps", index), f"no end can be reached from step '{step.id}'"))
    return problems


def _check_exits(doc: Doc[Flow], index: int, model: Handbook) -> list[Problem]:
    """A step's exits match its kind: decisions branch, ends stop, others go on."""
    step, src = doc.meta.steps[index], doc.source
    at = ("steps", index)
    problems = []
    if step.kind == StepKind.DECISION:
        if step.next is not None:
            problems.append(src.problem((*at, "next"), "a decision leads on through labelled 'branches', not 'next'"))
        if len(step.branches) < 2:
            problems.append(src.problem(at, f"decision '{step.id}' needs at least two labelled branches"))
    elif step.branches:
        problems.append(
            src.problem((*at, "branches"), f"only a decision has branches; '{step.id}' is a {step.kind.value}")
        )
    if step.kind == StepKind.END and step.next is not None:
        problems.append(src.problem((*at, "next"), "an end step has no 'next'"))
    if step.kind not in (StepKind.END, StepKind.DECISION) and not step.next:
        problems.append(src.problem(at, f"step '{step.id}' has no 'next' (only an end step stops)"))
    if step.kind == StepKind.SUBFLOW:
        if step.flow is None:
            problems.append(src.problem(at, f"sub-flow step '{step.id}' must name the flow it runs ('flow')"))
        elif step.flow not in model.flows:
            problems.append(
                src.problem((*at, "flow"), f"unknown flow '{step.flow}'; known: {choices(set(model.flows))}")
            )
        elif step.flow == doc.meta.id:
            problems.append(src.problem((*at, "flow"), "a flow cannot run itself as a sub-flow"))
    elif step.flow is not None:
        problems.append(src.problem((*at, "flow"), "only a step of kind 'subflow' names a flow to run"))
    return problems


def check_flows(model: Handbook) -> list[Problem]:
    """The structural problems of every flow, its cadences, and sub-flows that run each other in a cycle."""
    problems = [problem for doc in model.flows.values() for problem in check_flow(doc, model)]
    problems += [problem for doc in model.flows.values() for problem in cadence_problems(doc, model)]
    return problems + subflow_cycles(model)


# The days of each month in a leap year: a yearly date must come at least every fourth year.
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_UNREADABLE = "cadence cannot be read: "


def _cadence_problem(cadence: Cadence) -> tuple[str, str] | None:
    """(key, reason) why a cadence names no date, or None: day and month must fit how often it recurs."""
    every, month, day = cadence.every, cadence.month, cadence.day
    if every in (Every.WEEK, Every.MONTH) and month is not None:
        return "month", f"a {every.value}ly cadence has no month; give only day"
    if every == Every.WEEK and day is not None and not 1 <= day <= 7:
        return "day", f"day {day} of a week; give 1 (Monday) to 7 (Sunday)"
    if every == Every.QUARTER and month is not None and not 1 <= month <= 3:
        return "month", f"month {month} of a quarter; give 1, 2 or 3"
    if every == Every.YEAR and month is not None and not 1 <= month <= 12:
        return "month", f"month {month} of a year; give 1 to 12"
    if every == Every.YEAR and month is None and day is not None:
        return "day", "a yearly day needs its month (1-12)"
    if every != Every.WEEK and day is not None:
        most = _MONTH_DAYS[month - 1] if every == Every.YEAR and month else 31
        if not 1 <= day <= most:
            return "day", f"day {day} of a month; give 1 to {most}"
    return None


def cadence_problems(doc: Doc[Flow], model: Handbook) -> list[Problem]:
    """Every cadence of a flow names a date the calendar can compute, and an existing role or unit."""
    problems = []
    actors = set(model.roles) | set(model.units)
    for index, cadence in enumerate(doc.meta.cadence):
        found = _cadence_problem(cadence)
        if found:
            key, reason = found
            problems.append(doc.source.problem(("cadence", index, key), _UNREADABLE + reason))
        if cadence.role is not None and cadence.role not in actors:
            message = f"unknown role '{cadence.role}'; known: {choices(actors)}"
            problems.append(doc.source.problem(("cadence", index, "role"), message))
    return problems


def subflow_cycles(model: Handbook) -> list[Problem]:
    """A flow that runs, through its sub-flows, itself again (a flow running itself directly is check_flow's)."""
    calls = {
        flow_id: [
            (s, step.flow)
            for s, step in enumerate(doc.meta.steps)
            if step.flow and step.flow in model.flows and step.flow != flow_id  # running itself: check_flow's
        ]
        for flow_id, doc in model.flows.items()
    }
    problems = []
    targets = {flow: [target for _, target in called] for flow, called in calls.items()}
    for start in sorted(calls):
        path = cycle_through(targets, start)
        if path and len(path) > 2 and start == min(path):  # report each cycle once, from its smallest id
            doc = model.flows[start]
            step = next(s for s, target in calls[start] if target == path[1])
            message = f"sub-flows run in a cycle: {' → '.join(path)}"
            problems.append(doc.source.problem(("steps", step, "flow"), message))
    return problems


def flow_references(doc: Doc[Flow]) -> Iterator[FieldRef]:
    """The references a flow's fields make: its basis, each step's basis and the sub-flows it runs."""
    me = Ref("flow", doc.meta.id)
    for i, text in enumerate(doc.meta.basis):
        yield FieldRef(me, text, ("basis", i))
    for s, step in enumerate(doc.meta.steps):
        for i, text in enumerate(step.basis):
            yield FieldRef(Ref("flow", doc.meta.id, step.id), text, ("steps", s, "basis", i))
        if step.flow is not None:  # an unknown sub-flow is reported by check_flow
            yield FieldRef(me, f"flow:{step.flow}", ("steps", s, "flow"), report=False)


def step_anchors(doc: Doc[Flow]) -> dict[str, str]:
    """The steps a reference may point at, by id, with their labels."""
    return {step.id: step.label for step in doc.meta.steps}
