"""The registry: every source kind of the handbook, one entry each, in the order they are listed.

Adding a kind means adding its folder under kinds/ and one `KindSpec` here; load, validate,
render, search, the site check, the JSON Schemas, the editor settings and `handbook serve`'s
watched folders all read this list (see docs/guide/maintaining.md, 新增一种源文件).
"""

from __future__ import annotations

from functools import partial

from handbook.assessment.registry import ASSESSMENT_KINDS
from handbook.kinds.activity.page import activity_page
from handbook.kinds.activity.schema import ActivityMeta
from handbook.kinds.activity.search import activity_documents
from handbook.kinds.binder.check import binder_references, check_binders
from handbook.kinds.binder.page import binder_index, binder_page
from handbook.kinds.binder.schema import Binder
from handbook.kinds.binder.search import binder_documents
from handbook.kinds.course.check import check_courses, course_references
from handbook.kinds.course.page import course_index, course_page
from handbook.kinds.course.schema import Course
from handbook.kinds.course.search import course_documents
from handbook.kinds.flow.check import check_flows, flow_references, step_anchors
from handbook.kinds.flow.mermaid import mermaid_sources
from handbook.kinds.flow.page import flow_index_pages, flow_page
from handbook.kinds.flow.schema import Flow
from handbook.kinds.flow.search import flow_documents
from handbook.kinds.placed import document_references
from handbook.kinds.regulation.check import article_anchors, make_regulation
from handbook.kinds.regulation.page import regulation_index_pages, regulation_page
from handbook.kinds.regulation.schema import RegulationMeta
from handbook.kinds.regulation.search import regulation_documents
from handbook.kinds.role.check import check_roles
from handbook.kinds.role.page import role_page
from handbook.kinds.role.schema import Role, RoleList
from handbook.kinds.role.search import role_documents
from handbook.kinds.saying.check import check_sayings
from handbook.kinds.saying.schema import Saying, SayingList
from handbook.kinds.term.check import check_terms, term_references
from handbook.kinds.term.page import glossary_pages
from handbook.kinds.term.schema import Glossary, Term
from handbook.kinds.term.search import term_documents
from handbook.kinds.unit.check import check_units
from handbook.kinds.unit.page import unit_index_pages, unit_page
from handbook.kinds.unit.schema import Unit
from handbook.kinds.unit.search import unit_documents
from handbook.spec.kind import KindSpec, Registry, Source, no_documents

REGULATION = KindSpec(
    prefix="reg",
    name="regulation",
    title="制度",
    source=Source("regulations/*.md"),
    schema=RegulationMeta,
    page="regulations/{id}.md",
    anchors=article_anchors,
    anchor_name="article",
    cite="《{title}》",
    cite_anchor="《{title}》{label}",
    make=make_regulation,
    references=partial(document_references, "reg"),
    render=regulation_page,
    index_pages=regulation_index_pages,
    listed=("regulations/index.md",),
    search=regulation_documents,
)
ACTIVITY = KindSpec(
    prefix="act",
    name="activity",
    title="特色工作",
    source=Source("activities/*.md"),
    schema=ActivityMeta,
    page="activities/{id}.md",
    references=partial(document_references, "act"),
    render=activity_page,
    search=activity_documents,
)
FLOW = KindSpec(
    prefix="flow",
    name="flow",
    title="流程",
    source=Source("flows/*.yaml"),
    schema=Flow,
    page="flows/{id}.md",
    anchors=step_anchors,
    anchor_name="step",
    anchor_prefix="step-",
    references=flow_references,
    check=check_flows,
    render=flow_page,
    index_pages=flow_index_pages,
    listed=("flows/index.md",),
    assets=mermaid_sources,
    search=flow_documents,
)
UNIT = KindSpec(
    prefix="unit",
    name="unit",
    title="组织单位",
    source=Source("organisation/units/*.yaml"),
    schema=Unit,
    page="organisation/{id}.md",
    check=check_units,
    render=unit_page,
    index_pages=unit_index_pages,
    search=unit_documents,
)
ROLE = KindSpec(
    prefix="role",
    name="role",
    title="岗位",
    source=Source("organisation/roles.yaml", container=RoleList),
    schema=Role,
    page="roles/{id}.md",
    check=check_roles,
    render=role_page,
    search=role_documents,
)
TERM = KindSpec(
    prefix="term",
    name="term",
    title="术语",
    source=Source("glossary.yaml", container=Glossary),
    schema=Term,
    page="glossary.md",
    object_anchor="term-{id}",
    references=term_references,
    check=check_terms,
    index_pages=glossary_pages,
    listed=("glossary.md",),
    search=term_documents,
)
# Shown on no page: a saying only lets search find, by what people say, every page using a written form.
SAYING = KindSpec(
    prefix="saying",
    name="saying",
    title="日常说法",
    source=Source("everyday.yaml", container=SayingList),
    schema=Saying,
    page="",
    check=check_sayings,
    record=True,  # never linked, and no revision record of its own
    search=no_documents,
)

BINDER = KindSpec(
    prefix="binder",
    name="binder",
    title="装订册",
    source=Source("binders/*.yaml"),
    schema=Binder,
    page="binders/{id}.md",
    references=binder_references,
    check=check_binders,
    render=binder_page,
    index_pages=binder_index,
    listed=("binders/index.md",),
    search=binder_documents,
)

COURSE = KindSpec(
    prefix="course",
    name="course",
    title="党校课程",
    source=Source("courses/*.yaml"),
    schema=Course,
    page="courses/{id}.md",
    references=course_references,
    check=check_courses,
    render=course_page,
    index_pages=course_index,
    listed=("courses/index.md",),
    search=course_documents,
)

KINDS = Registry([REGULATION, FLOW, ACTIVITY, UNIT, ROLE, TERM, SAYING, BINDER, COURSE, *ASSESSMENT_KINDS])
