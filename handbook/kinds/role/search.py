"""The search document of a post: its summary, duties and the steps it owns in every flow."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.role.schema import Role
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def role_documents(model: Handbook, doc: Doc[Role]) -> list[SearchDoc]:
    """One document per post, found by its aliases, its questions and the steps it does."""
    role, ref = doc.meta, Ref("role", doc.meta.id)
    owned = [step.label for _, _, step in model.steps_by_actor.get(role.id, [])]
    body = " ".join([role.summary or "", *role.duties, *owned])
    url = model.kinds.url_of(ref)
    aliases, questions = tuple(role.aliases), tuple(role.questions)
    return [
        SearchDoc(str(ref), "role", role.title, url, body, aliases=aliases, questions=questions, roles=(role.title,))
    ]
