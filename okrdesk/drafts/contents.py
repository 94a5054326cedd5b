"""Which rows a draft holds: its part, and the read-only context the part aligns to.

Every level, function, cycle, setting, person and team (the reporting tree stays whole); the
part's objectives with their key results, check-ins, final scores, canvas positions and the
contributes-to links they start; and as context, every objective on the line of sight of a
part objective up to the top and the objectives of the part's manager's level (with their
lines of sight), with their key results.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.drafts.part import DraftPart, RowView, SnapshotLookup, part_of, row_in_part
from okrdesk.rulebook.alignment import line_of_sight
from okrdesk.rulebook.cycles import cycle_view, view_objectives
from okrdesk.snapshot import Snapshot

WHOLE_TABLES = ("settings", "levels", "functions", "units", "cycles")
# Every table a draft copies rows into, those a row points at first.
COPY_ORDER = (*WHOLE_TABLES, "objectives", "key_results", "contributions", "check_ins",
              "canvas_positions", "objective_scores", "key_result_scores")


@dataclass(frozen=True)
class DraftContents:
    """The ids of the rows a draft holds, by table (the whole tables aside)."""

    part: DraftPart
    part_objectives: frozenset[str]
    context_objectives: frozenset[str]
    ids: dict[str, list[str]]


def snapshot_part(snapshot: Snapshot, unit_id: str, cycle_id: str | None,
                  **record: str) -> DraftPart:
    """The part of `unit_id` in a plan held as a snapshot."""
    managers = {unit.id: unit.manager_id for unit in snapshot.units.values()}
    return part_of(managers, unit_id, cycle_id, cycle_view(snapshot, cycle_id).cycles,
                   **record)


def draft_contents(snapshot: Snapshot, part: DraftPart) -> DraftContents:
    """What a draft of `part` taken out of the snapshot's plan holds."""
    objectives = snapshot.objectives
    part_ids = [oid for oid, objective in objectives.items()
                if part.holds_objective(RowView(objective))]
    held = set(part_ids)
    context: set[str] = set()
    for objective_id in [*part_ids, *_manager_level_objectives(snapshot, part)]:
        for above in line_of_sight(snapshot, objective_id):
            if above not in held:
                context.add(above)
    ordered = [oid for oid in objectives if oid in held or oid in context]
    lookup = SnapshotLookup(snapshot)
    key_results = [kr_id for oid in ordered for kr_id in snapshot.krs_of.get(oid, ())]
    part_krs = [kr_id for kr_id in key_results
                if row_in_part(part, "key_results", RowView(snapshot.key_results[kr_id]),
                               lookup)]
    copied = held | context
    ids = {
        "objectives": ordered,
        "key_results": key_results,
        "contributions": [c.id for c in snapshot.contributions.values()
                          if c.source_id in held and c.target_id in copied],
        "canvas_positions": [oid for oid in ordered if oid in snapshot.canvas_positions],
        "objective_scores": [oid for oid in part_ids if oid in snapshot.objective_scores],
        "key_result_scores": [kr_id for kr_id in part_krs if kr_id in snapshot.kr_scores],
        "check_ins": part_krs,  # by key result: check-ins are not in the snapshot
    }
    return DraftContents(part, frozenset(held), frozenset(context), ids)


def _manager_level_objectives(snapshot: Snapshot, part: DraftPart) -> list[str]:
    """The objectives owned at the level of the part's manager, in the draft's cycle view."""
    unit = snapshot.units.get(part.part_unit_id)
    manager = snapshot.units.get(unit.manager_id or "") if unit is not None else None
    if manager is None:
        return []
    at_level = {u.id for u in snapshot.units.values() if u.level_id == manager.level_id}
    return [oid for oid in view_objectives(snapshot, part.cycle_id)
            if snapshot.objectives[oid].owner_id in at_level]
