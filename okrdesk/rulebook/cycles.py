"""Cycle questions: which objectives a view of a cycle holds, and which cycle a plan opens on.

A view of a cycle holds:
- a year: the year's objectives and those of its quarters (every cycle whose parent is the
  year);
- a quarter (a cycle within a year): its own objectives, plus the objectives of its year on
  their lines of sight, so the quarter's work is seen with the year objectives it serves;
- any other cycle: its own objectives;
- no cycle (None): every objective of the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from okrdesk import clock
from okrdesk.errors import NotFoundError
from okrdesk.model import CycleKind
from okrdesk.rulebook.alignment import parent_of

if TYPE_CHECKING:
    from okrdesk.snapshot import CycleRow, ObjectiveRow, Snapshot


def within_year(cycle: CycleRow, year: CycleRow) -> bool:
    """Whether `cycle` is one of the year's quarters."""
    return year.kind == CycleKind.YEAR and cycle.parent_id == year.id


@dataclass(frozen=True, slots=True)
class CycleView:
    """What one choice of cycle shows. `cycles`: objectives of these cycles belong (None: every
    cycle). `year_id`: for a quarter, its year, whose objectives belong when they lie on the line
    of sight of one of the quarter's objectives."""

    cycle_id: str | None
    cycles: frozenset[str] | None
    year_id: str | None = None

    def holds_cycle(self, cycle_id: str) -> bool:
        """Whether every objective of this cycle belongs."""
        return self.cycles is None or cycle_id in self.cycles

    def joins_on_line(self, cycle_id: str) -> bool:
        """Whether an objective of this cycle belongs when it is on a quarter objective's line."""
        return self.year_id is not None and cycle_id == self.year_id

    def holds(self, objective: ObjectiveRow, on_a_line: Callable[[str], bool]) -> bool:
        """Whether the objective belongs; `on_a_line(id)` tells whether it lies on the line of
        sight of one of the quarter's objectives (asked only for the year's objectives)."""
        return self.holds_cycle(objective.cycle_id) or (
            self.joins_on_line(objective.cycle_id) and on_a_line(objective.id))


def require_cycle(snapshot: Snapshot, cycle_id: str | None) -> CycleRow | None:
    if cycle_id is None:
        return None
    cycle = snapshot.cycles.get(cycle_id)
    if cycle is None:
        raise NotFoundError(f"There is no cycle with id {cycle_id}.")
    return cycle


def cycle_view(snapshot: Snapshot, cycle_id: str | None) -> CycleView:
    """The view of a cycle (None: the whole plan); NotFoundError for an unknown cycle."""
    cycle = require_cycle(snapshot, cycle_id)
    if cycle is None:
        return CycleView(None, None)
    if cycle.kind == CycleKind.YEAR:
        quarters = {c.id for c in snapshot.cycles.values() if within_year(c, cycle)}
        return CycleView(cycle.id, frozenset({cycle.id, *quarters}))
    year = snapshot.cycles.get(cycle.parent_id) if cycle.parent_id is not None else None
    in_year = year is not None and within_year(cycle, year)
    return CycleView(cycle.id, frozenset({cycle.id}), year.id if in_year and year else None)


def view_objectives(snapshot: Snapshot, cycle_id: str | None) -> list[str]:
    """Ids of the objectives the view of a cycle holds, in the snapshot's order."""
    view = cycle_view(snapshot, cycle_id)
    objectives = snapshot.objectives
    if view.year_id is None:
        return [o.id for o in objectives.values() if view.holds_cycle(o.cycle_id)]
    on_lines: set[str] = set()
    walked: set[str] = set()
    for objective in objectives.values():
        if not view.holds_cycle(objective.cycle_id):
            continue
        parent = parent_of(snapshot, objective.id)
        while parent is not None and parent not in walked:  # what is above was walked before
            walked.add(parent)
            on_lines.add(parent)
            parent = parent_of(snapshot, parent)
    return [o.id for o in objectives.values() if view.holds(o, on_lines.__contains__)]


def default_cycle(snapshot: Snapshot, today: date | None = None) -> CycleRow | None:
    """The cycle a plan opens on, and that `okrdesk check` and `okrdesk map` take when none is
    named. Among the years: the one whose dates hold today; else the nearest one starting after
    today; else the latest (by start date, then name; a year without dates counts as earliest).
    A plan without years picks among its quarters by the same rule, one without quarters among
    its other cycles; None only for a plan with no cycles. `today` defaults to clock.today()."""
    day = (today or clock.today()).isoformat()
    cycles = list(snapshot.cycles.values())
    years = [c for c in cycles if c.kind == CycleKind.YEAR]
    quarters = [c for c in cycles if c.kind == CycleKind.QUARTER]
    for group in (years, quarters, cycles):
        if group:
            return _by_date(group, day)
    return None


def ordered_cycles(snapshot: Snapshot) -> list[CycleRow]:
    """The cycles in the order they are listed: each year (by start date, then name) followed
    by its quarters (the same way), then every other cycle, the backlog last."""
    def start(cycle: CycleRow) -> tuple[str, str]:
        return cycle.starts_on or "", cycle.name

    cycles = snapshot.cycles.values()
    years = sorted((c for c in cycles if c.kind == CycleKind.YEAR), key=start)
    ordered: list[CycleRow] = []
    for year in years:
        ordered.append(year)
        ordered.extend(sorted((c for c in cycles if within_year(c, year)), key=start))
    listed = {c.id for c in ordered}
    rest = [c for c in cycles if c.id not in listed]
    ordered.extend(sorted(rest, key=lambda c: (c.kind == CycleKind.BACKLOG, *start(c))))
    return ordered


def is_closed(snapshot: Snapshot, cycle_id: str | None) -> bool:
    """Whether the cycle is closed (scored and read-only until reopened); False for None or
    a cycle the plan does not have."""
    cycle = snapshot.cycles.get(cycle_id) if cycle_id is not None else None
    return cycle is not None and cycle.closed_at is not None


def following_cycle(snapshot: Snapshot, cycle_id: str) -> CycleRow | None:
    """The next cycle of the same kind in that order (a quarter's next quarter, across years;
    a year's next year), where work is carried over to; None for the last one or a backlog."""
    cycle = require_cycle(snapshot, cycle_id)
    if cycle is None or cycle.kind == CycleKind.BACKLOG:
        return None
    same_kind = [c for c in ordered_cycles(snapshot) if c.kind == cycle.kind]
    index = next(i for i, c in enumerate(same_kind) if c.id == cycle.id)
    return same_kind[index + 1] if index + 1 < len(same_kind) else None


def next_year(snapshot: Snapshot, today: date | None = None) -> int:
    """The year a plan would add next: the one after its latest year (named by its number, or
    dated), else the current year."""
    numbers = []
    for cycle in snapshot.cycles.values():
        if cycle.kind != CycleKind.YEAR:
            continue
        name = cycle.name.strip()
        if name.isascii() and name.isdigit() and len(name) <= 4:
            numbers.append(int(name))
        elif cycle.ends_on:
            numbers.append(int(cycle.ends_on[:4]))
    return max(numbers) + 1 if numbers else (today or clock.today()).year


def _by_date(cycles: list[CycleRow], day: str) -> CycleRow:
    def start(cycle: CycleRow) -> tuple[str, str]:
        return cycle.starts_on or "", cycle.name

    current = [c for c in cycles if c.starts_on and c.ends_on and c.starts_on <= day <= c.ends_on]
    if current:
        return max(current, key=start)  # of overlapping ones, the one that began last
    coming = [c for c in cycles if c.starts_on and c.starts_on > day]
    if coming:
        return min(coming, key=start)
    return max(cycles, key=start)
