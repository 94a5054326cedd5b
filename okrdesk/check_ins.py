"""Reading a key result's check-ins: its history, newest first (they are not in the Snapshot)."""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.storage import Plan


@dataclass(frozen=True, slots=True)
class CheckInEntry:
    at: str  # ISO 8601, UTC
    value: float | None
    confidence: float | None  # 0..1
    note: str


def check_in_history(plan: Plan, kr_id: str) -> list[CheckInEntry]:
    """The check-ins of key result `kr_id`, newest first; none for an unknown key result."""
    from sqlalchemy import select  # loaded when first asked for, not with the window

    from okrdesk.model import CheckIn

    query = (select(CheckIn.at, CheckIn.value, CheckIn.confidence, CheckIn.note)
             .where(CheckIn.key_result_id == kr_id)
             .order_by(CheckIn.at.desc(), CheckIn.created_at.desc()))
    with plan.read() as connection:
        return [CheckInEntry(at, value, confidence, note)
                for at, value, confidence, note in connection.execute(query)]
