"""A document's life, checked: review dates, and supersessions and amendments that agree both ways.

A revision that changes articles or steps adds a revision note (a warning until it does).
A supersedes B ⇔ B superseded_by A (and B is then repealed); A amends B ⇔ B is 已修改; no document
replaces or amends, through others, itself; a review date is never before the effective date.
An overdue review is a warning: the sources are valid, their owner has work to do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handbook.core.graph import cycle_through
from handbook.core.problems import Problem, choices
from handbook.model.changes import earlier_revision_notes
from handbook.model.handbook import Handbook
from handbook.model.lifecycle import NOT_REVIEWED, overdue, review_due
from handbook.spec.common import Placed, Status
from handbook.spec.doc import Doc
from handbook.spec.kind import KindSpec


def lifecycle_problems(model: Handbook, spec: KindSpec[Any], broken: set[tuple[str, str]]) -> list[Problem]:
    """Review dates and lifecycle links of every document of a placed kind."""
    docs: dict[str, Doc[Any]] = model.registry(spec.prefix)
    problems = []
    for doc in docs.values():
        problems += _review_problems(model, doc)
        problems += _revision_note_problems(model, spec, doc)
        problems += _link_problems(spec, docs, doc, broken)
    return problems + _cycles(docs)


def _review_problems(model: Handbook, doc: Doc[Any]) -> list[Problem]:
    """Exactly one way of saying when it is reviewed, from a date it can count from, not before it takes effect."""
    meta: Placed = doc.meta
    at = doc.source.problem
    if meta.review_by is not None and meta.review_every is not None:
        return [at((*doc.loc, "review_every"), "give review_by or review_every, not both")]
    if meta.review_every is not None and meta.reviewed is None and meta.effective is None:
        message = "review_every counts from 'reviewed' (the last review) or 'effective': add reviewed: YYYY-MM-DD"
        return [at((*doc.loc, "review_every"), message)]
    due = review_due(meta)
    key = (*doc.loc, "review_by" if meta.review_by is not None else "review_every")
    if due is None:
        if meta.status in NOT_REVIEWED:
            return []
        message = "no review date: add review_by: YYYY-MM-DD or review_every: {months: 12}"
        return [replace(at(doc.loc, message), key="review_by", warning=True)]
    if meta.effective is not None and due < meta.effective:
        return [at(key, f"the review date {due} is before the effective date {meta.effective}")]
    passed = overdue(meta, model.today)
    if passed is not None:
        owner = model.units[meta.owner].meta.title if meta.owner in model.units else meta.owner
        message = f"review overdue since {passed} ({owner}): review it, then set a new review_by or reviewed"
        return [replace(at(key, message), warning=True)]
    return []


def _revision_note_problems(model: Handbook, spec: KindSpec[Any], doc: Doc[Any]) -> list[Problem]:
    """A revision that changed articles or steps says so in the organisation's words (a warning until it does)."""
    changes = model.last_changes(spec.prefix, doc)
    if not changes:
        return []
    if len(doc.meta.revisions) > earlier_revision_notes(model.previous[doc.path]):
        return []  # the revision added a note
    when = model.history[doc.path][0].date
    what = "、".join(change.label for change in changes[:3]) + ("等" if len(changes) > 3 else "")
    message = (
        f"revised on {when} ({what}) without a revision note: add to revisions "
        "{date: YYYY-MM-DD, change: 修订内容, approved: 审议会议} (printed as 修订记录)"
    )
    return [replace(doc.source.problem((*doc.loc, "revisions"), message), warning=True)]


def _link_problems(
    spec: KindSpec[Any], docs: dict[str, Doc[Any]], doc: Doc[Any], broken: set[tuple[str, str]]
) -> list[Problem]:
    """Every supersedes, superseded_by and amends names a document of the same kind that says the same."""
    meta: Placed = doc.meta
    at = doc.source.problem
    problems = []
    links: list[tuple[str, int | None, str]] = [("supersedes", i, target) for i, target in enumerate(meta.supersedes)]
    links += [("amends", i, target) for i, target in enumerate(meta.amends)]
    if meta.superseded_by is not None:
        links.append(("superseded_by", None, meta.superseded_by))
    for key, index, target in links:
        loc = (*doc.loc, key) if index is None else (*doc.loc, key, index)
        if target not in docs:
            if (spec.prefix, target) not in broken:  # the target's own schema problem is reported
                problems.append(at(loc, f"unknown {spec.name} '{target}'; {key} names one of: {choices(docs)}"))
            continue
        other: Placed = docs[target].meta
        if key == "supersedes" and other.superseded_by != meta.id:
            message = f"'{target}' does not say superseded_by: {meta.id}; add it to {docs[target].path}"
            problems.append(at(loc, message))
        elif key == "superseded_by" and meta.id not in other.supersedes:
            message = f"'{target}' does not list '{meta.id}' in supersedes; add it to {docs[target].path}"
            problems.append(at(loc, message))
        elif key == "amends" and other.status not in (Status.AMENDED, Status.REPEALED):
            message = f"'{target}' is amended here, so its status is 已修改 (it is {other.status.value})"
            problems.append(at(loc, message))
    if meta.superseded_by is not None and meta.status != Status.REPEALED:
        message = f"superseded by '{meta.superseded_by}', so its status is 废止 (it is {meta.status.value})"
        problems.append(at((*doc.loc, "status"), message))
    if meta.status == Status.AMENDED and not any(meta.id in d.meta.amends for d in docs.values()):
        message = f"status 已修改 needs the {spec.name} that amends it: add amends: [{meta.id}] to it"
        problems.append(at((*doc.loc, "status"), message))
    return problems


def _cycles(docs: dict[str, Doc[Any]]) -> list[Problem]:
    """Documents that replace or amend, through others, themselves; each cycle once, from its smallest id."""
    later = {i: [t for t in (*d.meta.supersedes, *d.meta.amends) if t in docs] for i, d in docs.items()}
    problems = []
    for start in sorted(later):
        path = cycle_through(later, start)
        if path and start == min(path):
            doc = docs[start]
            key = "supersedes" if path[1] in doc.meta.supersedes else "amends"
            message = f"supersessions and amendments run in a cycle: {' → '.join(path)}"
            problems.append(doc.source.problem((*doc.loc, key), message))
    return problems
