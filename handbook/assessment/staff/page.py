"""The staff evaluations on the published pages: after each quarter, the branches below the 谈话 line."""

from __future__ import annotations

from handbook.assessment.render import regulation_links, score, year_page
from handbook.assessment.rules.page import points
from handbook.core.html import escape
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import html_block, html_link, html_table


def interviews(model: Handbook, year: int) -> str:
    """For each quarter of the year evaluated, the branches whose staff score (as published) is below the rules' line.

    The rules' `staff.interview_below`: the branch's secretary is called to a talk (谈话). Empty
    when no quarter of the year was evaluated.
    """
    assessment = model.assessment
    linker = Linker(model, year_page(year))
    parts = []
    for quarter in (q for q in assessment.quarters if q.year == year):
        rules = assessment.rules_for(str(quarter))
        assert rules is not None  # recorded evaluations are checked to have rules
        line = rules.staff.interview_below
        below = sorted((value, branch) for branch, value in assessment.quarter(quarter).items() if value < line)
        open_note = "" if assessment.seal_of(str(quarter)) else "本季度评价尚未锁定，名单暂定。"
        parts.append(f"### {quarter.label}\n\n")
        if not below:
            parts.append(f"没有职工群众评价得分低于{points(line)}分的党支部。{open_note}\n\n")
            continue
        rows = []
        for value, branch_id in below:
            branch = assessment.branches[branch_id]
            general = assessment.generals[branch.general or ""].title
            file = model.registry("staff")[assessment.evaluated_in[(quarter, branch_id)]].meta
            department = rules.department(file.department)
            rows.append(
                [
                    html_link(branch.title, linker.url(Ref("branch", branch_id))),
                    escape(general),
                    score(value),
                    escape(department.short if department else file.department),
                ]
            )
        parts.append(
            f"职工群众评价得分低于{points(line)}分的党支部 {len(below)} 个。{open_note}\n\n"
            + html_block(html_table(["党支部", "党总支", "职工群众评价得分", "组织评价的部门"], rows))
            + "\n"
        )
    if not parts:
        return ""
    return (
        "## 职工群众评价谈话名单\n\n"
        f"按{regulation_links(model, linker)}，季度职工群众评价得分低于谈话线的党支部，约谈支部书记，"
        "支部限期报送整改措施。得分是公示的得分（已封存的更正计入）。\n\n" + "".join(parts)
    )
