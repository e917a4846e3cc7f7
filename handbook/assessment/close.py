"""Closing a period: seal what was recorded for it and append the seal to assessment/ledger.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from handbook.assessment.ledger import new_seal, seal_yaml
from handbook.assessment.seal.schema import LEDGER_FORMAT, Seal
from handbook.core.atomic import write_atomic
from handbook.core.periods import Month, parse_period
from handbook.core.problems import ProjectError
from handbook.model.handbook import Handbook

LEDGER_HEADER = (
    "# 锁定台账：每锁定一个月份（或季度）或其后录入的更正，`handbook assess close` 在末尾追加一条封存记录。\n"
    "# 每条记录含各文件及其每个条目的摘要、当期适用的考核规则和名册的摘要、公示的结果，并链接上一条的摘要。\n"
    "# 已提交的记录只能追加，不能修改或删除（`handbook check` 对照 git 历史核对）。\n"
    f"format: {LEDGER_FORMAT}\n"
    "seals:\n"
)


def close_period(model: Handbook, period: str, closed: date, by: str) -> Seal:
    """The seal that closes a complete period (or seals its new corrections); ProjectError if it cannot."""
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise ProjectError(str(exc)) from None
    assessment = model.assessment
    if isinstance(parsed, Month):
        missing = assessment.month(parsed).missing
        if missing:
            raise ProjectError(f"{period} cannot be closed, it still lacks: {'；'.join(missing)}")
        quarter = parsed.quarter
        if parsed == quarter.last_month and assessment.seal_of(str(quarter)) is None:
            raise ProjectError(f"close {quarter} first: the staff evaluation of {period} comes from it")
    else:
        evaluated = {branch for (quarter, branch) in assessment.evaluations if quarter == parsed}
        left = [b for b in assessment.active(parsed.last_month) if b not in evaluated]
        if left:
            raise ProjectError(f"{period} cannot be closed: {len(left)} branches not evaluated, e.g. {left[0]}")
    seal = new_seal(model, str(parsed), closed, by)
    if seal is None:
        raise ProjectError(f"{period}: nothing new to seal (it is closed and has no new corrections)")
    return seal


def append_seal(ledger: Path, seal: Seal) -> None:
    """Append the seal to the ledger, creating it with its header; earlier seals are never rewritten."""
    text = ledger.read_text(encoding="utf-8") if ledger.is_file() else LEDGER_HEADER
    if not text.endswith("\n"):
        text += "\n"
    if text.endswith("seals: []\n"):  # a ledger begun empty: its first seal opens the list
        text = text.removesuffix("[]\n") + "\n"
    ledger.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(ledger, text + seal_yaml(seal))
