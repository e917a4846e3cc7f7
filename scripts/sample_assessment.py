"""Write the sample assessment results: three months and one quarter for every branch, labelled as sample.

Usage: .venv/bin/python scripts/sample_assessment.py [--root .] [--seed 2026]

Writes assessment/scores, rankings, staff and corrections for 2026-09 … 2026-11 and 2026-q3 from a
fixed seed, then closes 2026-q3, 2026-09 and 2026-10 with the same code as `handbook assess close`
(November stays open). October carries one veto and one appeal whose correction is sealed after
the month was closed. Every file says `sample: true`, and every assessment page shows a notice.
Existing results and the ledger are replaced; the rules and the roster are left alone.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from handbook.assessment.close import append_seal, close_period
from handbook.core.clock import run_date
from handbook.core.periods import Month, Quarter
from handbook.core.project import Project
from handbook.model.handbook import Handbook
from handbook.pipeline import load_model

MONTHS = [Month(2026, 9), Month(2026, 10), Month(2026, 11)]
QUARTER = Quarter(2026, 3)
CLOSINGS = [(str(QUARTER), date(2026, 10, 8)), ("2026-09", date(2026, 10, 8)), ("2026-10", date(2026, 11, 8))]
APPEAL = ("2026-10", date(2026, 11, 18))  # the correction is sealed once recorded
RESULTS = ("scores", "rankings", "staff", "corrections")
CLERKS = ["王建国", "李红梅", "张志强", "刘永生", "陈晓燕", "杨军", "赵海涛", "孙丽华", "周明", "吴桂芝"]
PLACES = ["井下工作面", "区队会议室", "平台资料", "班前会现场", "台账室", "井下巷道"]
SHIFTS = ["早班", "中班", "夜班"]


class Writer:
    """Writes the sample files of one project from one random generator."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root / "assessment"
        self.rng = random.Random(seed)

    def dump(self, folder: str, name: str, data: dict[str, Any], note: str) -> None:
        """Write one YAML source, with a comment saying it is sample data."""
        path = self.root / folder / f"{name}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(f"# 示例数据（scripts/sample_assessment.py 生成）：{note}\n{text}", encoding="utf-8")

    def scores(self, model: Handbook, month: Month, quality: dict[str, float]) -> None:
        """Every department's month: a deduction now and then, more often for weaker branches."""
        rules = model.assessment.rules
        assert rules is not None
        for number, department in enumerate(rules.departments):
            scores = []
            for branch in model.assessment.branches.values():
                deductions = []
                for item in department.items:
                    if self.rng.random() < 0.03 + 0.3 * (1 - quality[branch.id]) * float(item.max) / 8:
                        fact, points = _fact(self.rng.choice(item.deductions))
                        where = self.rng.choice(PLACES)
                        reason = f"{month.month}月{self.rng.randint(3, 27)}日在{where}检查发现：{fact}（{branch.team}）"
                        deduction = {"item": item.number, "points": float(min(points, item.max)), "reason": reason}
                        deductions.append(deduction)
                scores.append({"branch": branch.id, **({"deductions": deductions} if deductions else {})})
            data: dict[str, Any] = {
                "period": str(month),
                "department": department.id,
                "sample": True,
                "entered_by": CLERKS[number],
                "reviewed_by": CLERKS[(number + 3) % len(CLERKS)],
                "submitted": month.next().first_day().replace(day=self.rng.randint(2, 5)).isoformat(),
                "scores": scores,
            }
            if department.id == "zuzhibu" and month == Month(2026, 10):
                data["vetoes"] = [VETO]
            if department.id == "gonghui" and month == Month(2026, 11):
                data["bonuses"] = [BONUS]
            self.dump("scores", f"{month}-{department.id}", data, f"{month.label}{department.title}评分")

    def rankings(self, model: Handbook, month: Month, quality: dict[str, float]) -> None:
        """Every line leader's order: by the branch's standing, with some noise."""
        assessment = model.assessment
        for line in assessment.lines.values():
            members = assessment.line_branches(line.id)
            order = sorted(members, key=lambda b: -(quality[b] + self.rng.gauss(0, 0.15)))
            first, last = (assessment.branches[b] for b in (order[0], order[-1]))
            data = {
                "period": str(month),
                "line": line.id,
                "sample": True,
                "entered_by": line.leader,
                "submitted": month.next().first_day().replace(day=self.rng.randint(3, 5)).isoformat(),
                "order": order,
                "reasons": {
                    "first": f"{first.title}本月安全生产平稳，工程质量和成本控制指标全面完成，党员安全岗覆盖到位，"
                    "支部班子带头跟班下井，职工队伍稳定，各项党建工作按时落实。",
                    "last": f"{last.title}本月现场管理存在薄弱环节，隐患整改不够及时，材料消耗超出计划，"
                    "支部组织生活记录不够完整，需要班子认真分析原因、制定整改措施。",
                },
            }
            self.dump("rankings", f"{month}-{line.id}", data, f"{month.label}{line.title}排序")

    def staff(self, model: Handbook, quality: dict[str, float], quarter: Quarter) -> None:
        """The quarter's evaluations, each department evaluating its share of the branches."""
        rules = model.assessment.rules
        assert rules is not None
        departments = rules.departments
        shares: dict[str, list[dict[str, Any]]] = {d.id: [] for d in departments}
        for index, branch in enumerate(model.assessment.branches.values()):
            participants = self.rng.randint(15, 22)
            valid = participants - self.rng.randint(0, 2)
            votes = []
            for _ in rules.staff.aspects:
                satisfied = min(valid, round(valid * (0.45 + 0.5 * quality[branch.id]) + self.rng.randint(-2, 2)))
                fairly = min(valid - satisfied, round((valid - satisfied) * 0.8))
                votes.append({"satisfied": satisfied, "fairly": fairly, "unsatisfied": valid - satisfied - fairly})
            shares[departments[index % len(departments)].id].append(
                {
                    "branch": branch.id,
                    "held": quarter.last_month.first_day().replace(day=self.rng.randint(15, 25)).isoformat(),
                    "shift": self.rng.choice(SHIFTS),
                    "participants": participants,
                    "members": self.rng.randint(2, participants // 3),
                    "valid": valid,
                    "votes": votes,
                }
            )
        for department in departments:
            data = {
                "period": str(quarter),
                "department": department.id,
                "sample": True,
                "entered_by": CLERKS[departments.index(department)],
                "submitted": quarter.last_month.first_day().replace(day=28).isoformat(),
                "evaluations": shares[department.id],
            }
            note = f"{quarter.label}职工群众评价（{department.short}组织）"
            self.dump("staff", f"{quarter}-{department.id}", data, note)

    def correction(self, model: Handbook) -> None:
        """One appeal upheld: the first of 组织部's October deductions on item 1 is corrected to half a point."""
        scores = model.registry("scores")["2026-10-zuzhibu"].meta
        branch = next(s.branch for s in scores.scores if any(d.item == 1 for d in s.deductions))
        data = {
            "id": "2026-10-zuzhibu-1",
            "date": "2026-11-16",
            "sample": True,
            "scores": "2026-10-zuzhibu",
            "branch": branch,
            "item": 1,
            "points": 0.5,
            "decision": "一矿考核裁〔2026〕3号",
            "reason": "支部补交了当月第二次支委会的原始记录和签到表，会议按时召开，"
            "只是记录未按期上传平台，按记录不全扣0.5分。",
            "entered_by": "王建国",
        }
        self.dump("corrections", "2026-10-zuzhibu-1", data, "申诉成立后的更正分录")


VETO = {
    "branch": "yunshu-erdui",
    "veto": 5,
    "decision": "一矿考核认〔2026〕2号",
    "reason": "10月抽查发现党小组会记录为事后补写，签到与当班考勤不符，经考核领导小组认定为考核材料弄虚作假。",
}
BONUS = {"branch": "jixiu-chang", "bonus": 2, "points": 1.0, "reason": "“刮板机链轮修复”获集团公司职工创新成果奖。"}


def _fact(rule: str) -> tuple[str, Decimal]:
    """What a deduction rule describes, and the points it takes: 未设岗每处扣2分 → (未设岗, 2)."""
    match = re.search(r"扣(\d+(?:\.\d+)?)分", rule)
    points = Decimal(match[1]) if match else Decimal(1)
    fact = re.sub(r"(每人次|每次|每处|每起|每份|每项|每班|每人|每篇|各)?另?扣\d+(\.\d+)?分$", "", rule)
    return fact, points


def close(project: Project, period: str, closed: date) -> None:
    """Close a period exactly as `handbook assess close` does."""
    append_seal(
        project.root / "assessment" / "ledger.yaml", close_period(load_model(project), period, closed, "考核办公室")
    )


def main() -> None:
    """Replace the sample results and close the sample's past periods."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    options.add_argument("--seed", type=int, default=2026)
    args = options.parse_args()
    project = Project(args.root.resolve(), run_date())
    for folder in RESULTS:
        shutil.rmtree(project.root / "assessment" / folder, ignore_errors=True)
    (project.root / "assessment" / "ledger.yaml").unlink(missing_ok=True)
    writer = Writer(project.root, args.seed)
    model = load_model(project)
    quality = {b: writer.rng.random() for b in model.assessment.branches}
    for month in MONTHS:
        writer.scores(model, month, quality)
        writer.rankings(model, month, quality)
    writer.staff(model, quality, QUARTER)
    for period, closed in CLOSINGS:
        close(project, period, closed)
    writer.correction(load_model(project))
    close(project, *APPEAL)
    closed = ", ".join(period for period, _ in CLOSINGS)
    print(f"wrote the sample results under {project.relative(project.root / 'assessment')}/ and closed {closed}")


if __name__ == "__main__":
    main()
