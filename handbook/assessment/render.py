"""What the assessment pages share: where they live, numbers as the rules print them, the sample notice."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from handbook.core.periods import Month
from handbook.core.refs import Ref
from handbook.model.handbook import Handbook
from handbook.render.links import Linker
from handbook.render.markdown import plain
from handbook.render.tables import Linked

if TYPE_CHECKING:
    from handbook.assessment.model import Assessment

INDEX = "assessment/index.md"
ROSTER = "assessment/roster.md"
STATUS = "assessment/status.md"
SAMPLE_NOTICE = (
    '!!! warning "示例数据"\n'
    "    本部分的考核结果由脚本按固定种子生成（`scripts/sample_assessment.py`），用来演示考核的录入、计算、"
    "锁定和公示，不是任何单位的真实成绩。\n\n"
)


def provenance(model: Handbook) -> str:
    """Where the assessment settings come from, as a notice beside them (empty if the rules do not say)."""
    rules = model.assessment.rules
    if rules is None or not rules.provenance:
        return ""
    return f'!!! info "考核设定的来源"\n    {plain(rules.provenance)}\n\n'


def month_page(month: Month) -> str:
    """The src_uri of a month's published results."""
    return f"assessment/{month}.md"


def year_page(year: int) -> str:
    """The src_uri of a year's scores and grades."""
    return f"assessment/{year}.md"


def department_page(department_id: str) -> str:
    """The src_uri of what a department scored."""
    return f"assessment/departments/{department_id}.md"


def score(value: Decimal) -> str:
    """A score with two decimals, as published."""
    return f"{value:.2f}"


def is_sample(model: Handbook) -> bool:
    """Whether any recorded result is sample data (then every assessment page says so)."""
    return any(doc.meta.sample for kind in ("scores", "ranking", "staff") for doc in model.registry(kind).values())


def notice(model: Handbook) -> str:
    """The sample-data notice, where it applies."""
    return SAMPLE_NOTICE if is_sample(model) else ""


def appeal_window(assessment: Assessment, period: str) -> str:
    """Until when the branches may appeal a closed month, as a sentence ('' while it is open, or without a window)."""
    seal, rules = assessment.seal_of(period), assessment.rules_for(period)
    if seal is None or rules is None or not rules.appeal_days or "q" in period:
        return ""
    end = seal.closed + timedelta(days=rules.appeal_days)
    return f"申诉期：{seal.closed} 至 {end}，对结果有异议的党支部在此期间向考核办公室提出。"


def regulation_links(model: Handbook, linker: Linker) -> str:
    """Links to the regulations that set out the rules."""
    rules = model.assessment.rules
    assert rules is not None
    return "和".join(linker.link_ref(text) for text in rules.regulations)


def branch_cell(model: Handbook, linker: Linker, branch_id: str) -> Linked:
    """A branch's name linking to its page, for a table."""
    return Linked(model.registry("branch")[branch_id].meta.title, linker.url(Ref("branch", branch_id)))
