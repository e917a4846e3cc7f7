"""A post or role (organisation/roles.yaml) with its duties."""

from __future__ import annotations

from pydantic import Field

from handbook.spec.common import Id, RevisionNote, Status, Strict, Text


class Role(Strict):
    """A post or a person's role, with its duties."""

    id: Id
    title: Text
    aliases: list[Text] = Field(default_factory=list, description="other names people use for it (found by search)")
    questions: list[Text] = Field(
        default_factory=list, description="questions people ask that it answers (found by search only)"
    )
    unit: Id | None = Field(default=None, description="the unit the post belongs to")
    status: Status = Status.IN_FORCE
    summary: Text | None = None
    duties: list[Text] = Field(default_factory=list)
    revisions: list[RevisionNote] = Field(
        default_factory=list, description="its revision record, oldest first (修订记录)"
    )


class RoleList(Strict):
    """The file organisation/roles.yaml."""

    roles: list[Role]
