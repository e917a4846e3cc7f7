"""What is due when: `handbook review` (documents due for review, by owner) and `handbook calendar` (the
year's dated events of the flows, as an iCalendar file and a printed year planner)."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import sys

from handbook.core.atomic import write_atomic
from handbook.core.problems import ProjectError, choices
from handbook.core.project import Project
from handbook.core.sheets import csv_field
from handbook.export.calendar import ical, planner_html, print_planner
from handbook.model.calendar import ALL, Scope, branch_actors, year_events
from handbook.model.lifecycle import by_owner, review_items
from handbook.pipeline import load_model


def _dated(project: Project, args: argparse.Namespace) -> Project:
    """The project as of `--today`, if given."""
    return dataclasses.replace(project, today=args.today) if args.today else project


REVIEW_FIELDS = ["owner", "owner_title", "kind", "ref", "title", "review_by", "days", "overdue"]


def cmd_review(project: Project, args: argparse.Namespace) -> int:
    """List the documents due for review within `--within` days, or overdue, grouped by owner."""
    model = load_model(_dated(project, args))
    items = review_items(model, args.within)
    rows = [
        {
            "owner": item.owner,
            "owner_title": model.units[item.owner].meta.title,
            "kind": item.kind,
            "ref": str(item.ref),
            "title": item.title,
            "review_by": item.due.isoformat(),
            "days": item.days,
            "overdue": item.overdue,
        }
        for item in items
    ]
    if args.format == "json":
        payload = {"today": model.today.isoformat(), "within": args.within, "items": rows}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=REVIEW_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{key: csv_field(value) for key, value in r.items()} for r in rows])
        sys.stdout.write(out.getvalue())
    else:
        print(f"复审计划：按 {model.today} 计，{args.within} 天内到期或已逾期 {len(items)} 项")
        for owner, group in by_owner(items).items():
            print(f"\n{model.units[owner].meta.title}（{owner}）")
            for item in group:
                when = f"逾期 {-item.days} 天" if item.overdue else f"{item.days} 天后到期"
                print(f"  {item.due}  {when:<10} [{item.kind}] {item.title}  {item.ref}")
    return 0


def cmd_calendar(project: Project, args: argparse.Namespace) -> int:
    """Write the year's events of the flows' cadences (of a role, a unit or a branch) as an iCalendar file."""
    model = load_model(project)
    year = args.year if args.year is not None else project.today.year
    actors: str | set[str] | None = None
    scope = ALL
    if args.unit is not None:  # a branch of the roster: what its secretary, committee, groups and members do
        roster = model.registry("branch")
        branch = next((b for b, doc in roster.items() if args.unit in (b, doc.meta.title)), None)
        if branch is None:
            raise ProjectError(f"unknown branch '{args.unit}'; known: {choices(roster)} (id or title)")
        kind = roster[branch].meta.kind.value
        unit = model.unit_of_kind(kind)
        if unit is None:
            raise ProjectError(f"no unit of kind {kind} in organisation/units: its duties are what a {kind} does")
        actors = branch_actors(model, unit)
        scope = Scope(branch, roster[branch].meta.title, branch=True)
    elif args.role is not None:
        actor = next((a for a in (*model.roles, *model.units) if args.role in (a, model.actor_title(a))), None)
        if actor is None:
            known = choices([*model.roles, *model.units])
            raise ProjectError(f"unknown role or unit '{args.role}'; known: {known} (id or title)")
        actors, scope = actor, Scope(actor, model.actor_title(actor))
    events = year_events(model, year, actors)
    suffix = "" if scope == ALL else f"-{scope.key}"
    output = (project.root / (args.output or f"build/calendar-{year}{suffix}.ics")).resolve()
    write_atomic(output, ical(model, events, year, scope))
    print(f"wrote {project.relative(output)}: {len(events)} events", file=sys.stderr)
    if args.pdf is not None:
        planner = (project.root / args.pdf).resolve()
        pages = print_planner(planner_html(model, events, year, scope), planner)
        print(f"wrote {project.relative(planner)}: the year planner, A4 landscape, {pages} pages", file=sys.stderr)
    return 0
