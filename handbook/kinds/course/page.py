"""The page of a course on the site: audience, hours, objectives, sessions and what it covers."""

from __future__ import annotations

from handbook.core.refs import Ref, parse_ref
from handbook.kinds.course.schema import Course
from handbook.model.handbook import Handbook
from handbook.render.common import facts
from handbook.render.links import Linker
from handbook.render.markdown import front_matter, plain, table
from handbook.spec.doc import Doc, RefUse

INDEX = "courses/index.md"


def course_page(model: Handbook, doc: Doc[Course], uses: list[RefUse]) -> str:
    """One course: the facts, objectives, the session plan and the handbook pages it teaches."""
    course = doc.meta
    linker = Linker(model, model.page_of(Ref("course", course.id)))
    out = [front_matter({"title": course.title}), f"# {plain(course.title)}\n\n"]
    out.append(
        facts(
            [
                ("培训对象", plain(course.audience)),
                ("学时", f"{course.hours:g}"),
                ("依据", "；".join(plain(b) for b in course.basis)),
                ("讲义与自测题", f"`handbook course {course.id}`"),
            ]
        )
    )
    out.append("\n## 培训目标\n\n" + "".join(f"{i}. {plain(o)}\n" for i, o in enumerate(course.objectives, start=1)))
    rows = [
        [str(i), plain(s.title), s.kind.value, f"{s.hours:g}", "、".join(linker.link_ref(c) for c in s.covers) or "—"]
        for i, s in enumerate(course.sessions, start=1)
    ]
    out.append("\n## 课程安排\n\n" + table(["序号", "课程", "方式", "学时", "手册内容"], rows))
    if course.covers:
        out.append("\n## 涉及的手册内容\n\n" + "".join(f"- {linker.link(parse_ref(c))}\n" for c in course.covers))
    if course.notes:
        out.append(f"\n{plain(course.notes)}\n")
    return "".join(out)


def course_index(model: Handbook) -> list[tuple[str, str]]:
    """The list of courses."""
    linker = Linker(model, INDEX)
    rows = [
        [linker.link(Ref("course", doc.meta.id)), plain(doc.meta.audience), f"{doc.meta.hours:g}"]
        for doc in model.registry("course").values()
    ]
    intro = "矿党校的培训课程。每门课程可生成讲义（PDF）和自测题（可导入考试平台）。\n\n"
    page = front_matter({"title": "党校课程"}) + "# 党校课程\n\n" + intro + table(["课程", "培训对象", "学时"], rows)
    return [(INDEX, page)]
