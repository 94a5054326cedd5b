"""Two plans, or two cycles of one plan, compared (see model.py for what is found)."""

from __future__ import annotations

from okrdesk.compare.files import RowValues, values_of
from okrdesk.compare.matching import match_by_copies
from okrdesk.compare.model import ADDED, CHANGED, REALIGNED, REMOVED, Difference, PlanDiff
from okrdesk.compare.objectives import Sides, compare_objectives
from okrdesk.compare.organisation import compare_organisation
from okrdesk.errors import NotFoundError
from okrdesk.rulebook.cycles import cycle_view, ordered_cycles, view_objectives
from okrdesk.snapshot import CycleRow, ObjectiveRow, Snapshot


def compare_plans(a: Snapshot, b: Snapshot, cycle: str | None = None, *,
                  labels: tuple[str, str] | None = None,
                  values: tuple[RowValues | None, RowValues | None] = (None, None)
                  ) -> PlanDiff:
    """What changed from plan `a` to plan `b`, rows matched by id (a draft and its plan, a plan
    and its copy or an older copy share them). `cycle` (a name or id) limits the objectives
    to the view of that cycle on each side (an objective in either view is compared: one that
    moved to another cycle shows its cycle changed); people, levels, functions and cycles are
    compared whole. NotFoundError when neither plan has the cycle. `values`: each side's
    columns as read (files.read_for_comparing), where the caller has them."""
    if cycle is None:
        ids_a, ids_b = list(a.objectives), list(b.objectives)
    else:
        cycle_a, cycle_b = find_cycle(a, cycle), find_cycle(b, cycle)
        if cycle_a is None and cycle_b is not None:  # another plan: its cycle of that name
            cycle_a = a.cycle_named(cycle_b.name)
        if cycle_b is None and cycle_a is not None:
            cycle_b = b.cycle_named(cycle_a.name)
        if cycle_a is None and cycle_b is None:
            raise NotFoundError(unknown_cycle(b, cycle))
        ids_a = view_objectives(a, cycle_a.id) if cycle_a else []
        ids_b = view_objectives(b, cycle_b.id) if cycle_b else []
    chosen = set(ids_a) | set(ids_b)
    match = {oid: oid for oid in chosen if oid in a.objectives and oid in b.objectives}
    values_a, values_b = (found if found is not None else values_of(snapshot)
                          for found, snapshot in zip(values, (a, b), strict=True))
    sides = Sides(a, b, match, [o for o in chosen if o not in b.objectives],
                  [o for o in chosen if o not in a.objectives], by_id=True,
                  values_a=values_a, values_b=values_b)
    compare_objectives(sides)
    names = labels or (a.setting("plan_name", "A"), b.setting("plan_name", "B"))
    return _diff(sides, names, compare_organisation(a, b))


def compare_cycles(snapshot: Snapshot, cycle_a: str, cycle_b: str,
                   values: RowValues | None = None) -> PlanDiff:
    """What changed from one cycle of a plan to another (ids or names): the objectives of each
    cycle (a year's with its quarters'; not the year objectives a quarter's view shows beside
    its own, which both quarters share), matched to themselves, then through the copied-from
    links carrying over leaves, then by title and owner. NotFoundError for a cycle the plan
    does not have. `values`: the snapshot's columns as read, where the caller has them."""
    first, second = (require_cycle(snapshot, c) for c in (cycle_a, cycle_b))
    ids_a, ids_b = _own_objectives(snapshot, first.id), _own_objectives(snapshot, second.id)
    match = match_by_copies(snapshot, ids_a, ids_b)
    matched_b = set(match.values())
    # Key results pair within each pair of objectives here: only objectives' columns are used.
    columns = values if values is not None else values_of(snapshot, (ObjectiveRow,))
    sides = Sides(snapshot, snapshot, match, [o for o in ids_a if o not in match],
                  [o for o in ids_b if o not in matched_b], by_id=False,
                  values_a=columns, values_b=columns,
                  skip=frozenset({"cycle_id"}))
    compare_objectives(sides)
    return _diff(sides, (first.name, second.name), ())


def _own_objectives(snapshot: Snapshot, cycle_id: str) -> list[str]:
    view = cycle_view(snapshot, cycle_id)
    return [o.id for o in snapshot.objectives.values() if view.holds_cycle(o.cycle_id)]


def find_cycle(snapshot: Snapshot, wanted: str) -> CycleRow | None:
    return snapshot.cycles.get(wanted) or snapshot.cycle_named(wanted)


def require_cycle(snapshot: Snapshot, wanted: str) -> CycleRow:
    cycle = find_cycle(snapshot, wanted)
    if cycle is None:
        raise NotFoundError(unknown_cycle(snapshot, wanted))
    return cycle


def unknown_cycle(snapshot: Snapshot, wanted: str) -> str:
    known = ", ".join(c.name for c in ordered_cycles(snapshot)) or "no cycles yet"
    return f"There is no cycle “{wanted}”; the plan has: {known}."


def _diff(sides: Sides, labels: tuple[str, str],
          organisation: tuple[Difference, ...]) -> PlanDiff:
    return PlanDiff(labels[0], labels[1], sides.sorted(ADDED), sides.sorted(REMOVED),
                    sides.sorted(CHANGED), sides.sorted(REALIGNED), organisation)
