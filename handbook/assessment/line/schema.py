"""A line of units (assessment/lines.yaml) and the post that leads and ranks it."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, Strict, Text


class Line(Strict):
    """A line (战线): the units one senior manager is responsible for and ranks each month."""

    id: Id
    title: Text
    leader: Text = Field(description="the leading post, e.g. 生产副矿长")
    role: Id = Field(description="id of the role the leader holds, e.g. fenguan-lingdao")


class LineList(Strict):
    """The file assessment/lines.yaml."""

    lines: list[Line]
