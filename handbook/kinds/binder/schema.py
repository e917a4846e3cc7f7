"""A binder (binders/<id>.yaml): its cover title, who it is for, and the documents of each section."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, RefText, Strict, Text


class BinderSection(Strict):
    """A section of a binder (a divider in the ring binder)."""

    title: Text
    include: list[RefText] = Field(description="whole documents, in order: reg:, flow:, act:, unit:, role: or term:")


class Binder(Strict):
    """A printed selection of the handbook, refilled when its documents change."""

    id: Id
    title: Text = Field(description="the binder's title on its cover, e.g. 支部书记工作手册")
    audience: Text | None = Field(default=None, description="who keeps it, e.g. 各党支部书记")
    summary: Text | None = None
    sections: list[BinderSection] = Field(min_length=1)
