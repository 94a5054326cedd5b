"""When a check-in may be dated: never after today, back-dated no earlier than its cycle."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from okrdesk.clock import utc_now
from okrdesk.errors import OperationRefused
from okrdesk.ops.checks import field, quoted

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

# A check-in dated by its day alone is stored at noon UTC: its ISO text then starts with the
# day that was given, which is what the history and the staleness rules read.
_NOON_UTC = "T12:00:00.000000+00:00"


def check_in_time(at: str | None, today: date) -> tuple[str, date]:
    """The time to store for a check-in given as `at` (None: now), and the day it falls on.
    Refuses a time that is not ISO 8601 or falls after `today`."""
    if at is None:
        return _time_on(today), today
    when: str = field("check_ins", "at", at, "check-in time")
    when = when.strip()
    day = _day_alone(when)
    if day is None:
        day = datetime.fromisoformat(when).date()  # the day as written, in its own offset
    else:
        when = _time_on(day)
    if day > today:
        raise OperationRefused(
            f"A check-in cannot be dated in the future: {day.isoformat()} is after today "
            f"({today.isoformat()}).")
    return when, day


def refuse_before_cycle(tx: Transaction, kr: dict[str, Any], day: date, today: date) -> None:
    """Refuse a back-dated check-in from before its key result's cycle began (a cycle without
    dates, the backlog, takes any past day; today is always a day to check in)."""
    if day >= today:
        return
    objective = tx.get("objectives", kr["objective_id"])
    cycle = tx.get("cycles", objective["cycle_id"]) if objective is not None else None
    first_day = cycle["starts_on"] if cycle is not None else None
    if first_day and day.isoformat() < first_day:
        raise OperationRefused(
            f"A check-in on {quoted(kr['title'])} cannot be dated {day.isoformat()}: it may be "
            f"back-dated within its cycle {cycle['name'] if cycle else ''}, which starts on "
            f"{first_day}.")


def confidence_text(confidence: float | None) -> str:
    """A stored confidence (0..1) as people read it: 7/10."""
    return "" if confidence is None else f"{round(confidence * 10):g}/10"


def _time_on(day: date) -> str:
    """Now, when it is that day in UTC too; else noon UTC of that day (a back-dated check-in,
    or the hours around midnight where UTC has another date than the planner's clock)."""
    now = utc_now()
    return now if now.startswith(day.isoformat()) else day.isoformat() + _NOON_UTC


def _day_alone(text: str) -> date | None:
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
