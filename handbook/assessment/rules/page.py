"""The rules written out where the regulations cite them: item tables and formulas, `{{rules:…}}` embeds.

考核细则 and 考核办法 embed these, so what the text says and what the computation does come from
the same numbers in assessment/rules.yaml.
"""

from __future__ import annotations

from decimal import Decimal

from handbook.assessment.rules.schema import Layer, Rules
from handbook.core.numerals import chinese
from handbook.model.handbook import Handbook
from handbook.render.markdown import plain, table
from handbook.spec.kind import Embed

LAYER_NAMES = {Layer.DEPARTMENT: "职能部门考核得分", Layer.RANKING: "战线排序得分", Layer.STAFF: "职工群众评价得分"}


def _rules(model: Handbook) -> Rules:
    """The rules (an embed is validated to name them before anything is rendered)."""
    rules = model.assessment.rules  # the rules in force at the build date
    assert rules is not None  # an embed of the rules is refused by the check where there are none
    return rules


def points(value: Decimal) -> str:
    """A number of points without trailing zeros: 6, 0.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _departments(model: Handbook, arg: str | None) -> str:
    """The table of departments, their points and what they score."""
    rules = _rules(model)
    rows = [[plain(d.title), points(d.max), plain(d.focus)] for d in rules.departments]
    rows.append(["合计", points(sum((d.max for d in rules.departments), Decimal(0))), ""])
    return "\n" + table(["考核部门", "分值", "重点内容"], rows) + "\n"


def _department_ids(model: Handbook) -> list[str]:
    """The departments an embed may name."""
    return [d.id for doc in model.registry("rules").values() for d in doc.meta.departments]


def _items(model: Handbook, arg: str | None) -> str:
    """One department's items: criterion, how points are taken off, points, method, frequency, evidence."""
    department = _rules(model).department(arg or "")
    assert department is not None  # validated
    rows = [
        [
            str(item.number),
            plain(item.title),
            plain(item.criterion),
            plain("；".join(item.deductions)),
            points(item.max),
            plain(item.method + (f"（数据：{item.data_from}）" if item.data_from else "")),
            plain(item.frequency),
            plain(item.evidence),
        ]
        for item in department.items
    ]
    headers = ["序号", "考核项目", "考核标准", "扣分办法", "分值", "考核方法", "频次", "佐证材料"]
    return "\n" + table(headers, rows) + "\n"


def _max(model: Handbook, arg: str | None) -> str:
    """A department's points."""
    department = _rules(model).department(arg or "")
    assert department is not None  # validated
    return points(department.max)


def _ranking_formula(model: Handbook, arg: str | None) -> str:
    """How a place in a line's order becomes points."""
    ranking = _rules(model).ranking
    spread = points(ranking.first - ranking.last)
    return (
        f"排序得分 = {points(ranking.first)} − (名次 − 1) × {spread} ÷ (战线内单位数 − 1)，结果保留两位小数。"
        f"即每条战线第一名得{points(ranking.first)}分，最后一名得{points(ranking.last)}分，中间名次等差折算；"
        f"战线内只有一个考核单位的，排序得分按{points(ranking.single)}分计"
    )


def _composite_formula(model: Handbook, arg: str | None) -> str:
    """The weights of the three layers."""
    weights = _rules(model).weights
    return (
        f"月度综合得分 = 职能部门考核得分 × {weights.department}% + 战线排序得分 × {weights.ranking}% "
        f"+ 职工群众评价得分 × {weights.staff}%，结果保留两位小数"
    )


def _tie_break(model: Handbook, arg: str | None) -> str:
    """How equal composites are ordered."""
    layers = "；仍相同的，".join(f"{LAYER_NAMES[layer]}高者在前" for layer in _rules(model).tie_break)
    return f"月度综合得分相同的，{layers}；以上各项均相同的，名次并列"


def _grades(model: Handbook, arg: str | None) -> str:
    """The grade bands."""
    grades = _rules(model).grades
    parts = []
    for index, grade in enumerate(grades):
        if index + 1 == len(grades):
            parts.append(f"不足{points(grades[index - 1].min)}分的为“{plain(grade.title)}”")
            continue
        band = f"{points(grade.min)}分以上（含）"
        if index:
            band += f"不足{points(grades[index - 1].min)}分"
        text = f"年度综合得分{band}的为“{plain(grade.title)}”" if not index else f"{band}的为“{plain(grade.title)}”"
        if grade.max_share:
            text += (
                f"，“{plain(grade.title)}”等次不超过党支部总数的{_percent(grade.max_share)}，"
                "超出的按得分高低确定，其余评为下一等次"
            )
        parts.append(text)
    return "；".join(parts)


def _percent(share: str) -> str:
    """A share as a percentage: 3/10 → 30%."""
    numerator, denominator = (int(n) for n in share.split("/"))
    return f"{points(Decimal(numerator * 100) / denominator)}%"


def _staff_aspects(model: Handbook, arg: str | None) -> str:
    """The aspects of the staff evaluation sheet."""
    aspects = _rules(model).staff.aspects
    rows = [[str(i), plain(a.title), plain(a.note)] for i, a in enumerate(aspects, 1)]
    return "\n" + table(["序号", "测评内容", "说明"], rows) + "\n"


def _staff_formula(model: Handbook, arg: str | None) -> str:
    """How the sheets become a score."""
    staff = _rules(model).staff
    return (
        f"每项得分 =（满意票数 × {points(staff.satisfied)} + 基本满意票数 × {points(staff.fairly)}）÷ 有效票数，"
        f"职工群众评价得分为{chinese(len(staff.aspects))}项得分的平均值，保留两位小数"
    )


def _staff_counts(model: Handbook, arg: str | None) -> str:
    """The counts a valid evaluation needs."""
    staff = _rules(model).staff
    return (
        f"参评人数不少于{staff.min_participants}人，其中党员不超过{_fraction(staff.max_member_share)}；"
        f"有效测评表不足参评人数{_fraction(staff.min_valid_share)}的，评价无效"
    )


def _fraction(share: str) -> str:
    """A share in words: 1/3 → 三分之一."""
    numerator, denominator = (int(n) for n in share.split("/"))
    return f"{chinese(denominator)}分之{chinese(numerator)}"


def _interview_below(model: Handbook, arg: str | None) -> str:
    """The staff score below which the secretary is called to a talk."""
    return points(_rules(model).staff.interview_below)


def _bonuses(model: Handbook, arg: str | None) -> str:
    """The bonus items."""
    rules = _rules(model)
    titles = {d.id: d.short for d in rules.departments}
    rows = [
        [str(b.number), plain(b.title), plain(b.standard), plain(titles.get(b.department, b.department))]
        for b in rules.bonuses
    ]
    return "\n" + table(["序号", "加分项目", "加分标准", "认定部门"], rows) + "\n"


def _bonus_cap(model: Handbook, arg: str | None) -> str:
    """The most bonus points a year."""
    return points(_rules(model).bonus_cap)


def _vetoes(model: Handbook, arg: str | None) -> str:
    """The veto cases, as a numbered list."""
    return "\n" + "".join(f"{v.number}. {plain(v.text)}\n" for v in _rules(model).vetoes) + "\n"


EMBEDS = {
    "departments": Embed(_departments),
    "items": Embed(_items, _department_ids),
    "max": Embed(_max, _department_ids),
    "ranking-formula": Embed(_ranking_formula),
    "composite-formula": Embed(_composite_formula),
    "tie-break": Embed(_tie_break),
    "grades": Embed(_grades),
    "staff-aspects": Embed(_staff_aspects),
    "staff-formula": Embed(_staff_formula),
    "staff-counts": Embed(_staff_counts),
    "interview-below": Embed(_interview_below),
    "bonuses": Embed(_bonuses),
    "bonus-cap": Embed(_bonus_cap),
    "vetoes": Embed(_vetoes),
}
