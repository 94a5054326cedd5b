"""The rhythm of a cycle: the check-in cadence, stale key results, low confidence, and the
status a key result or objective is expected to have from the share of its cycle gone.

- Cadence: the plan setting `check_in_cadence`, weekly (7 days, the default), fortnightly (14)
  or monthly (30).
- A key result is stale when its cycle is under way (today within the cycle's dates) and open
  (not closed), and its newest check-in (with none: the cycle's first day or the key result's
  creation, whichever is later) is older than the cadence. Key results that stand for an
  objective are never stale: their value comes from below.
- Low confidence is 3/10 or less (stored as a fraction, 0.3).
- Expected status: elapsed share e of the cycle (0 on its first day, 1 on its last) against
  progress p: on track when p >= e - 0.1, at risk when p >= e - 0.3, else off track.

Check-in times are ISO 8601 text; their first ten characters are the (UTC) day they fall on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from okrdesk.model import KrKind, Status

if TYPE_CHECKING:
    from okrdesk.snapshot import CycleRow, Snapshot

CADENCE_SETTING = "check_in_cadence"
CADENCES: dict[str, int] = {"weekly": 7, "fortnightly": 14, "monthly": 30}
DEFAULT_CADENCE = "weekly"
LOW_CONFIDENCE = 0.3
ON_TRACK_SLACK = 0.1
AT_RISK_SLACK = 0.3
_EPSILON = 1e-9  # 0.3 typed as 3/10 must count as low despite floating point


def cadence_problem(value: object) -> str:
    """'' if `value` names a cadence, else the problem (for the settings' checks)."""
    if isinstance(value, str) and value.strip() in CADENCES:
        return ""
    return f"must be one of {', '.join(CADENCES)}, not {value!r}"


def cadence_of(snapshot: Snapshot) -> str:
    """The plan's check-in cadence; the default when unset or not a known one."""
    value = snapshot.setting(CADENCE_SETTING, DEFAULT_CADENCE).strip()
    return value if value in CADENCES else DEFAULT_CADENCE


def cadence_days(snapshot: Snapshot) -> int:
    return CADENCES[cadence_of(snapshot)]


def is_low_confidence(confidence: float | None) -> bool:
    return confidence is not None and confidence <= LOW_CONFIDENCE + _EPSILON


def cycle_dates(cycle: CycleRow) -> tuple[date, date] | None:
    """The cycle's first and last day, or None when it has no dates (the backlog)."""
    if not cycle.starts_on or not cycle.ends_on:
        return None
    try:
        first, last = date.fromisoformat(cycle.starts_on), date.fromisoformat(cycle.ends_on)
    except ValueError:
        return None  # a hand-edited file; the quality checks name it
    return (first, last) if first <= last else None


def is_open(cycle: CycleRow) -> bool:
    """Whether the cycle has not been closed."""
    return cycle.closed_at is None


def is_under_way(cycle: CycleRow, today: date) -> bool:
    """Whether today falls within the cycle's dates (never for a cycle without dates)."""
    dates = cycle_dates(cycle)
    return dates is not None and dates[0] <= today <= dates[1]


def elapsed_share(cycle: CycleRow, today: date) -> float | None:
    """How much of the cycle has gone: 0 on its first day (and before), 1 on its last day
    (and after); None for a cycle without dates."""
    dates = cycle_dates(cycle)
    if dates is None:
        return None
    first, last = dates
    if today <= first:
        return 0.0
    if today >= last:
        return 1.0
    return (today - first).days / (last - first).days


def status_for(progress: float, elapsed: float) -> Status:
    """The status progress earns when `elapsed` of its cycle has gone."""
    if progress >= elapsed - ON_TRACK_SLACK - _EPSILON:
        return Status.ON_TRACK
    if progress >= elapsed - AT_RISK_SLACK - _EPSILON:
        return Status.AT_RISK
    return Status.OFF_TRACK


def expected_status(progress: float, cycle: CycleRow, today: date) -> Status | None:
    """The status expected of `progress` (0..1) on `today`; None when the cycle has no dates."""
    elapsed = elapsed_share(cycle, today)
    return None if elapsed is None else status_for(progress, elapsed)


def last_touched(created_at: str, cycle_first_day: date, last_check_in: str | None) -> str:
    """The day (ISO text) a key result last had news: its newest check-in, or with none the
    later of the cycle's first day and the key result's creation."""
    if last_check_in:
        return last_check_in[:10]
    return max(cycle_first_day.isoformat(), created_at[:10])


def days_without_check_in(snapshot: Snapshot, kr_id: str, last_check_in: str | None,
                          today: date) -> int | None:
    """Days since the key result last had news (see `last_touched`); None when its cycle has
    no dates or it is unknown."""
    kr = snapshot.key_results.get(kr_id)
    objective = snapshot.objectives.get(kr.objective_id) if kr is not None else None
    cycle = snapshot.cycles.get(objective.cycle_id) if objective is not None else None
    dates = cycle_dates(cycle) if cycle is not None else None
    if kr is None or dates is None:
        return None
    touched = last_touched(kr.created_at, dates[0], last_check_in)
    try:
        return (today - date.fromisoformat(touched)).days
    except ValueError:
        return None


def stale_key_results(snapshot: Snapshot, last_check_ins: Mapping[str, str],
                      today: date) -> set[str]:
    """Ids of the key results without news within the cadence (see the module's rules).
    `last_check_ins` maps a key result id to the time of its newest check-in."""
    return set(stale_among(snapshot, snapshot.krs_of.items(), last_check_ins, today))


def stale_among(snapshot: Snapshot, krs_by_objective: Iterable[tuple[str, Iterable[str]]],
                last_check_ins: Mapping[str, str], today: date) -> dict[str, int]:
    """The stale ones of some key results (given by objective id), each with its days
    without news (as `days_without_check_in` counts them)."""
    cutoff = (today - timedelta(days=cadence_days(snapshot))).isoformat()
    first_days = {cycle.id: dates[0].isoformat() for cycle in snapshot.cycles.values()
                  if is_open(cycle) and is_under_way(cycle, today)
                  and (dates := cycle_dates(cycle)) is not None}
    stale: dict[str, str] = {}
    if not first_days:
        return {}
    objectives, key_results = snapshot.objectives, snapshot.key_results
    for objective_id, kr_ids in krs_by_objective:
        objective = objectives.get(objective_id)
        first_day = first_days.get(objective.cycle_id) if objective is not None else None
        if first_day is None:
            continue
        for kr_id in kr_ids:
            kr = key_results.get(kr_id)
            if kr is None or kr.kind == KrKind.OBJECTIVE:
                continue
            last = last_check_ins.get(kr_id)
            touched = last[:10] if last else max(first_day, kr.created_at[:10])
            if touched < cutoff:
                stale[kr_id] = touched
    return {kr_id: _days_since(touched, today) for kr_id, touched in stale.items()}


def _days_since(day: str, today: date) -> int:
    try:
        return (today - date.fromisoformat(day)).days
    except ValueError:
        return 0  # a hand-edited time that is not ISO: stale, for an unknown while
