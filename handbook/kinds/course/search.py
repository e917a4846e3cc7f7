"""The search document of a course: audience, objectives and session titles."""

from __future__ import annotations

from handbook.core.refs import Ref
from handbook.kinds.course.schema import Course
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.search import SearchDoc


def course_documents(model: Handbook, doc: Doc[Course]) -> list[SearchDoc]:
    """One document per course."""
    course, ref = doc.meta, Ref("course", doc.meta.id)
    body = " ".join([course.audience, *course.objectives, *(s.title for s in course.sessions)])
    return [SearchDoc(str(ref), "course", course.title, model.kinds.url_of(ref), body)]
