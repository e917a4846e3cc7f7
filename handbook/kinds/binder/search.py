"""The search document of a binder: its title, audience, summary and section titles."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.binder.schema import Binder
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def binder_documents(model: Handbook, doc: Doc[Binder]) -> list[SearchDoc]:
    """One document per binder."""
    binder, ref = doc.meta, Ref("binder", doc.meta.id)
    body = " ".join([binder.audience or "", binder.summary or "", *(s.title for s in binder.sections)])
    return [SearchDoc(str(ref), "binder", binder.title, model.kinds.url_of(ref), body)]
