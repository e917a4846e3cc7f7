"""What the documents placed in the book (regulations, activities) share beyond their schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from handbook.core.refs import Ref
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def document_references(prefix: str, doc: Doc[Any]) -> Iterator[FieldRef]:
    """The references of a document's fields: related documents and the flows carrying it out."""
    me = Ref(prefix, doc.meta.id)
    for i, text in enumerate(doc.meta.related):
        yield FieldRef(me, text, ("related", i))
    for i, flow_id in enumerate(doc.meta.flows):
        yield FieldRef(me, f"flow:{flow_id}", ("flows", i))
