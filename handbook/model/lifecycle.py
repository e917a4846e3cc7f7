"""A document's life: when its owner reviews it next, what is due by a date, what replaced it."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.spec.common import Placed, Status

# Documents nobody reviews: repealed ones, and entries still to be written.
NOT_REVIEWED = (Status.REPEALED, Status.TO_WRITE)


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb)."""
    year, month = divmod(date.month - 1 + months, 12)
    year += date.year
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(date.day, last))


def review_due(meta: Placed) -> dt.date | None:
    """The date by which a document is reviewed: its review_by, or its interval after the last review."""
    if meta.review_by is not None:
        return meta.review_by
    start = meta.reviewed or meta.effective
    if meta.review_every is None or start is None:
        return None
    return add_months(start, meta.review_every.months)


def overdue(meta: Placed, today: dt.date) -> dt.date | None:
    """The review date a document has passed, or None (not due yet, or not reviewed at all)."""
    due = review_due(meta)
    return due if due is not None and due < today and meta.status not in NOT_REVIEWED else None


@dataclass(frozen=True)
class ReviewItem:
    """A document whose review is due within the window asked for, or overdue."""

    ref: Ref
    kind: str  # the kind's Chinese title: 制度, 流程, 特色工作
    title: str
    owner: str  # the owning unit's id
    due: dt.date
    days: int  # days left until the review date; negative: days overdue

    @property
    def overdue(self) -> bool:
        """Whether the review date has passed."""
        return self.days < 0


def review_items(model: Handbook, within: int) -> list[ReviewItem]:
    """Every document due for review within `within` days of the model's date, or overdue; by owner, then date."""
    items = []
    for spec in model.kinds:
        if not spec.placed:
            continue
        for doc in model.registry(spec.prefix).values():
            meta: Placed = doc.meta
            due = review_due(meta)
            if due is None or meta.status in NOT_REVIEWED:
                continue
            days = (due - model.today).days
            if days <= within:
                items.append(ReviewItem(Ref(spec.prefix, meta.id), spec.title, meta.title, meta.owner, due, days))
    return sorted(items, key=lambda i: (i.owner, i.due, str(i.ref)))


def by_owner(items: list[ReviewItem]) -> dict[str, list[ReviewItem]]:
    """Review items grouped by owning unit, in the items' order."""
    groups: dict[str, list[ReviewItem]] = {}
    for item in items:
        groups.setdefault(item.owner, []).append(item)
    return groups


def amended_by(model: Handbook, ref: Ref) -> list[Ref]:
    """The documents of the same kind that amend this one."""
    docs: dict[str, Any] = model.registry(ref.kind)
    return [Ref(ref.kind, i) for i, doc in docs.items() if ref.id in doc.meta.amends]
