"""Courses: sessions add up to the course's hours; what it covers is whole documents, named once."""

from __future__ import annotations

from collections.abc import Iterator

from handbook.core.located import Loc
from handbook.core.problems import Problem
from handbook.core.refs import Ref
from handbook.kinds.course.schema import Course
from handbook.kinds.selection import selection_problems
from handbook.model.handbook import Handbook
from handbook.spec.doc import Doc
from handbook.spec.kind import FieldRef


def _covered(doc: Doc[Course]) -> Iterator[tuple[Loc, str]]:
    """Every reference of a course, with its key path: the course's own, then each session's."""
    yield from ((("covers", i), text) for i, text in enumerate(doc.meta.covers))
    for s, session in enumerate(doc.meta.sessions):
        yield from ((("sessions", s, "covers", i), text) for i, text in enumerate(session.covers))


def course_references(doc: Doc[Course]) -> Iterator[FieldRef]:
    """What a course covers (unknown documents are reported as unresolved references)."""
    me = Ref("course", doc.meta.id)
    return (FieldRef(me, text, loc) for loc, text in _covered(doc))


def check_courses(model: Handbook) -> list[Problem]:
    """Hours add up; the course's and each session's covers are whole documents named once."""
    problems = []
    for doc in model.registry("course").values():
        course = doc.meta
        total = sum(session.hours for session in course.sessions)
        if abs(total - course.hours) > 1e-9:
            message = f"the sessions add up to {total:g} 学时, the course has {course.hours:g}"
            problems.append(doc.source.problem(("hours",), message))
        own = [(("covers", i), text) for i, text in enumerate(course.covers)]
        problems += selection_problems(model, doc, "course", own)
        for s, session in enumerate(course.sessions):
            items = [(("sessions", s, "covers", i), text) for i, text in enumerate(session.covers)]
            problems += selection_problems(model, doc, "course session", items)
    return problems
