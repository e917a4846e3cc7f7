"""The search document of a roster entry: found by its name, its team and its line."""

from __future__ import annotations

from handbook.assessment.branch.schema import Branch
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def branch_documents(model: Handbook, doc: Doc[Branch]) -> list[SearchDoc]:
    """One document per branch or general branch."""
    branch, ref = doc.meta, Ref("branch", doc.meta.id)
    line = model.registry("line").get(branch.line or "")
    body = " ".join([branch.kind.value, branch.team or "", line.meta.title if line else "", "考核结果 得分 名次"])
    return [SearchDoc(str(ref), "branch", branch.title, model.kinds.url_of(ref), body)]
