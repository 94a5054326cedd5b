"""Reading check-ins (they are not in the Snapshot): a key result's history, newest first, and
the newest check-in of every key result."""

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


# The newest check-in of each key result: SQLite takes the other columns of a group from the
# row with its max() (on equal times, from one of them); the index on key_result_id serves it.
_NEWEST_SQL = ("SELECT key_result_id, max(at), value, confidence, note FROM check_ins "
               "GROUP BY key_result_id")
_NEWEST_TIMES_SQL = "SELECT key_result_id, max(at) FROM check_ins GROUP BY key_result_id"
_NEWEST_TIME_OF_SQL = "SELECT max(at) FROM check_ins WHERE key_result_id = ?"


def last_check_ins(plan: Plan) -> dict[str, CheckInEntry]:
    """The newest check-in of each key result that has one, by key result id (one query,
    through sqlite3 alone, so the app can ask while SQLAlchemy is not loaded yet)."""
    with plan.reading() as connection:
        return {kr_id: CheckInEntry(at, value, confidence, note)
                for kr_id, at, value, confidence, note in connection.execute(_NEWEST_SQL)}


def last_check_in_times(plan: Plan) -> dict[str, str]:
    """When each key result with a check-in last had one (what the rhythm rules read)."""
    with plan.reading() as connection:
        return dict(connection.execute(_NEWEST_TIMES_SQL).fetchall())


def last_check_in_time(plan: Plan, kr_id: str) -> str | None:
    """When the key result last had a check-in; None without one."""
    with plan.reading() as connection:
        found: str | None = connection.execute(_NEWEST_TIME_OF_SQL, (kr_id,)).fetchone()[0]
    return found
