"""The registry: every source kind of the handbook, one entry each, in the order they are listed.

Adding a kind means adding its folder under kinds/ and one `KindSpec` here; load, validate,
render, search, the site check, the JSON Schemas, the editor settings and `handbook serve`'s
watched folders all read this list (see docs/guide/maintaining.md, 新增一种源文件).
"""

from __future__ import annotations

from functools import partial

from handbook.kinds.activity.page import activity_page
from handbook.kinds.activity.schema import ActivityMeta
from handbook.kinds.activity.search import activity_documents
from handbook.kinds.binder.check import binder_references, check_binders
from handbook.kinds.binder.page import binder_index, binder_page
from handbook.kinds.binder.schema import Binder
from handbook.kinds.binder.search import binder_documents
from handbook.kinds.branch.check import check_branches
from handbook.kinds.branch.page import branch_page, roster_page
from handbook.kinds.branch.schema import Branch, BranchList
from handbook.kinds.branch.search import branch_documents
from handbook.kinds.correction.check import check_corrections
from handbook.kinds.correction.schema import Correction
from handbook.kinds.course.check import check_courses, course_references
from handbook.kinds.course.page import course_index, course_page
from handbook.kinds.course.schema import Course
from handbook.kinds.course.search import course_documents
from handbook.kinds.flow.check import check_flows, flow_references, step_anchors
from handbook.kinds.flow.mermaid import mermaid_sources
from handbook.kinds.flow.page import flow_index_pages, flow_page
from handbook.kinds.flow.schema import Flow
from handbook.kinds.flow.search import flow_documents
from handbook.kinds.line.check import check_lines
from handbook.kinds.line.schema import Line, LineList
from handbook.kinds.placed import document_references
from handbook.kinds.ranking.check import check_rankings
from handbook.kinds.ranking.schema import LineRanking
from handbook.kinds.regulation.check import article_anchors, make_regulation
from handbook.kinds.regulation.page import regulation_index_pages, regulation_page
from handbook.kinds.regulation.schema import RegulationMeta
from handbook.kinds.regulation.search import regulation_documents
from handbook.kinds.role.check import check_roles
from handbook.kinds.role.page import role_page
from handbook.kinds.role.schema import Role, RoleList
from handbook.kinds.role.search import role_documents
from handbook.kinds.rules.check import check_rules, rules_references
from handbook.kinds.rules.page import EMBEDS as RULE_EMBEDS
from handbook.kinds.rules.schema import Rules
from handbook.kinds.scores.check import check_scores
from handbook.kinds.scores.page import results_assets, results_pages
from handbook.kinds.scores.schema import Scores
from handbook.kinds.seal.check import check_seals
from handbook.kinds.seal.schema import Ledger, Seal
from handbook.kinds.spec import KindSpec, Registry, Source, no_documents
from handbook.kinds.staff.check import check_staff
from handbook.kinds.staff.schema import StaffEvaluations
from handbook.kinds.term.check import check_terms, term_references
from handbook.kinds.term.page import glossary_pages
from handbook.kinds.term.schema import Glossary, Term
from handbook.kinds.term.search import term_documents
from handbook.kinds.unit.check import check_units
from handbook.kinds.unit.page import unit_index_pages, unit_page
from handbook.kinds.unit.schema import Unit
from handbook.kinds.unit.search import unit_documents
from handbook.render.assessment import INDEX, ROSTER

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
    search=term_documents,
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
    search=course_documents,
)

# The assessment system (考核评价): its rules, the roster it assesses, and the results departments,
# line leaders and staff representatives record, locked period by period in the ledger.
RULES = KindSpec(
    prefix="rules",
    name="rules",
    title="考核规则",
    source=Source("assessment/rules.yaml"),
    schema=Rules,
    page=INDEX,
    object_anchor="rules",
    check=check_rules,
    references=rules_references,
    index_pages=results_pages,
    assets=results_assets,
    embeds=RULE_EMBEDS,
    search=no_documents,
)
LINE = KindSpec(
    prefix="line",
    name="line",
    title="战线",
    source=Source("assessment/lines.yaml", container=LineList),
    schema=Line,
    page=ROSTER,
    object_anchor="line-{id}",
    check=check_lines,
    search=no_documents,
)
BRANCH = KindSpec(
    prefix="branch",
    name="branch",
    title="党组织",
    source=Source("assessment/branches.yaml", container=BranchList),
    schema=Branch,
    page="assessment/branches/{id}.md",
    check=check_branches,
    render=branch_page,
    index_pages=roster_page,
    search=branch_documents,
)
SCORES = KindSpec(
    prefix="scores",
    name="scores",
    title="部门评分",
    source=Source("assessment/scores/*.yaml"),
    schema=Scores,
    page=INDEX,
    check=check_scores,
    record=True,
    search=no_documents,
)
RANKING = KindSpec(
    prefix="ranking",
    name="ranking",
    title="战线排序",
    source=Source("assessment/rankings/*.yaml"),
    schema=LineRanking,
    page=INDEX,
    check=check_rankings,
    record=True,
    search=no_documents,
)
STAFF = KindSpec(
    prefix="staff",
    name="staff",
    title="职工群众评价",
    source=Source("assessment/staff/*.yaml"),
    schema=StaffEvaluations,
    page=INDEX,
    check=check_staff,
    record=True,
    search=no_documents,
)
CORRECTION = KindSpec(
    prefix="correction",
    name="correction",
    title="更正分录",
    source=Source("assessment/corrections/*.yaml"),
    schema=Correction,
    page=INDEX,
    check=check_corrections,
    record=True,
    search=no_documents,
)
SEAL = KindSpec(
    prefix="seal",
    name="seal",
    title="锁定台账",
    source=Source("assessment/ledger.yaml", container=Ledger),
    schema=Seal,
    page=INDEX,
    check=check_seals,
    record=True,
    search=no_documents,
)

KINDS = Registry(
    [
        *(REGULATION, FLOW, ACTIVITY, UNIT, ROLE, TERM, BINDER, COURSE),
        *(RULES, LINE, BRANCH, SCORES, RANKING, STAFF, CORRECTION, SEAL),
    ]
)
