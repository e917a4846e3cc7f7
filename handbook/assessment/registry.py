"""The assessment system's source kinds, registered in the handbook's registry (handbook/kinds/registry.py)."""

from __future__ import annotations

from handbook.assessment.branch.check import check_branches
from handbook.assessment.branch.page import branch_page, roster_page
from handbook.assessment.branch.schema import Branch, BranchList
from handbook.assessment.branch.search import branch_documents
from handbook.assessment.correction.check import check_corrections
from handbook.assessment.correction.schema import Correction
from handbook.assessment.line.check import check_lines
from handbook.assessment.line.schema import Line, LineList
from handbook.assessment.ranking.check import check_rankings
from handbook.assessment.ranking.schema import LineRanking
from handbook.assessment.render import INDEX, ROSTER
from handbook.assessment.rules.check import check_rules, rules_references
from handbook.assessment.rules.page import EMBEDS as RULE_EMBEDS
from handbook.assessment.rules.schema import Rules
from handbook.assessment.scores.check import check_scores
from handbook.assessment.scores.page import results_assets, results_pages
from handbook.assessment.scores.schema import Scores
from handbook.assessment.seal.check import check_seals
from handbook.assessment.seal.schema import Ledger, Seal
from handbook.assessment.staff.check import check_staff
from handbook.assessment.staff.schema import StaffEvaluations
from handbook.spec.kind import KindSpec, Source, no_documents

# The assessment system (考核评价): its rules, the roster it assesses, and the results departments,
# line leaders and staff representatives record, locked period by period in the ledger.
RULES = KindSpec(
    prefix="rules",
    name="rules",
    title="考核规则",
    source=Source("assessment/rules*.yaml"),  # rules.yaml, and revisions rules-2027.yaml … (`effective`)
    schema=Rules,
    page=INDEX,
    object_anchor="rules",
    check=check_rules,
    references=rules_references,
    index_pages=results_pages,
    listed=(INDEX,),
    nav_group="考核结果",
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
    listed=(ROSTER,),
    nav_group="考核结果",
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
    committed="once",
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
    committed="once",
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
    committed="once",
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
    committed="once",
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
    committed="append",
    search=no_documents,
)

ASSESSMENT_KINDS = [RULES, LINE, BRANCH, SCORES, RANKING, STAFF, CORRECTION, SEAL]
