"""A post or role (organisation/roles.yaml) with its duties."""

from __future__ import annotations

from pydantic import Field

from handbook.kinds.common import Id, Status, Strict, Text


class Role(Strict):
    """A post or a person's role, with its duties."""

    id: Id
    title: Text
    aliases: list[Text] = Field(default=[], description="other names people use for it (found by search)")
    unit: Id | None = Field(default=None, description="the unit the post belongs to")
    status: Status = Status.IN_FORCE
    summary: Text | None = None
    duties: list[Text] = []


class RoleList(Strict):
    """The file organisation/roles.yaml."""

    roles: list[Role]
