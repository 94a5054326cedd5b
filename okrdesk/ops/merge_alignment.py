"""The alignment rules asked of a merge's result before it is written: every objective whose
alignment the merge can change (`touched_objectives`), and every objective aligned under one
of them, must pass `alignment_refusal` on the plan as the merge would leave it.

An alignment that fails is an `invalid_alignment` conflict. On the plan's side the objective
keeps the plan's alignment when that passes, else it is left unaligned; on the draft's side (or
an edited key result) the rule is asked again when the merge is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okrdesk.drafts.merge import EditedValue, FieldChange
from okrdesk.drafts.merge_states import read_ids, read_where
from okrdesk.drafts.merge_work import MergeWork
from okrdesk.drafts.reads import Source
from okrdesk.ops.rules import alignment_refusal
from okrdesk.rulebook import parent_in
from okrdesk.snapshot import CycleRow, KeyResultRow, LevelRow, ObjectiveRow, UnitRow

ROW_CLASSES: dict[str, type[Any]] = {"objectives": ObjectiveRow, "key_results": KeyResultRow,
                                     "units": UnitRow, "levels": LevelRow, "cycles": CycleRow}
ROUNDS = 5


class MergedFacts:
    """The rules' facts (okrdesk.ops.facts.Facts) of the plan as the merge leaves it."""

    def __init__(self, work: MergeWork, plan: Source) -> None:
        self._work = work
        self._plan = plan

    def _row(self, table: str, row_id: str) -> Any:
        rows = self._work.plan.setdefault(table, {})
        if (table, row_id) not in self._work.writes and row_id not in rows:
            rows.update(read_ids(self._plan, table, [row_id]))
        found = self._work.merged_row(table, row_id)
        return ROW_CLASSES[table](**found) if found is not None else None

    def objective(self, objective_id: str) -> ObjectiveRow | None:
        found: ObjectiveRow | None = self._row("objectives", objective_id)
        return found

    def key_result(self, kr_id: str) -> KeyResultRow | None:
        found: KeyResultRow | None = self._row("key_results", kr_id)
        return found

    def unit(self, unit_id: str) -> UnitRow | None:
        found: UnitRow | None = self._row("units", unit_id)
        return found

    def level(self, level_id: str) -> LevelRow | None:
        found: LevelRow | None = self._row("levels", level_id)
        return found

    def cycle(self, cycle_id: str) -> CycleRow | None:
        found: CycleRow | None = self._row("cycles", cycle_id)
        return found

    def contribution_targets(self, source_id: str) -> Sequence[str]:
        return ()  # the alignment rules do not ask


# What an alignment rule reads of a row (the loop, level and cycle rules): a write changing
# none of these (a title, a value) cannot make an alignment fail.
ALIGNING = {"objectives": ("parent_kr_id", "owner_id", "cycle_id"),
            "key_results": ("objective_id", "kind"), "units": ("level_id",)}


def touched_objectives(work: MergeWork, plan: Source) -> set[str]:
    """The objectives (that remain) whose alignment the merge may change: those it adds or
    moves, those it adds a key result to or moves one to or from, and those of a person or
    team it moves to another level."""
    touched: set[str] = set()
    moved_units: set[str] = set()
    for (table, row_id), row in work.writes.items():
        if row is None or table not in ALIGNING:
            continue
        before = work.plan_row(table, row_id)
        if before is not None and all(before[name] == row[name] for name in ALIGNING[table]):
            continue
        if table == "objectives":
            touched.add(row_id)
        elif table == "units":
            moved_units.add(row_id)
        else:
            touched.add(row["objective_id"])
            if before is not None:
                touched.add(before["objective_id"])
    known = work.plan.setdefault("objectives", {})
    if moved_units:
        owned = read_where(plan, "objectives", "owner_id", moved_units)
        known.update((row_id, row) for row_id, row in owned.items() if row_id not in known)
        touched.update(owned)
        touched.update(row_id for (table, row_id), row in work.writes.items()
                       if table == "objectives" and row is not None
                       and row["owner_id"] in moved_units)
    known.update(read_ids(plan, "objectives", (objective_id for objective_id in touched
                                               if objective_id not in known)))
    return {objective_id for objective_id in touched
            if work.merged_row("objectives", objective_id) is not None}


def check_alignments(work: MergeWork, plan: Source) -> None:
    for _ in range(ROUNDS):
        if not _one_round(work, plan):
            return


def _one_round(work: MergeWork, plan: Source) -> bool:
    """Ask the rule of each touched alignment; True if a conflict changed the result."""
    facts = MergedFacts(work, plan)
    changed = False
    touched = sorted(touched_objectives(work, plan))
    children = _children(work, plan, touched)
    for objective_id in touched:
        for child_id in [objective_id, *children.get(objective_id, ())]:
            child = facts.objective(child_id)
            if child is None or child.parent_kr_id is None:
                continue
            parent_id = parent_in(facts, child)
            reason = (alignment_refusal(facts, child_id, parent_id) if parent_id is not None
                      else "the key result it aligns to is no longer in the plan")
            if reason is not None:
                changed |= _settle(work, facts, child_id, reason)
                facts = MergedFacts(work, plan)
    return changed


def _children(work: MergeWork, plan: Source, objective_ids: list[str]) -> dict[str, list[str]]:
    """The objectives aligned under each objective's key results as the merge leaves them
    (read for all the objectives at once)."""
    if not objective_ids:
        return {}
    wanted = set(objective_ids)
    owner_of = {kr_id: kr["objective_id"] for kr_id, kr in
                read_where(plan, "key_results", "objective_id", wanted).items()}
    for (table, row_id), row in work.writes.items():
        if table == "key_results":
            owner_of.pop(row_id, None)
            if row is not None and row["objective_id"] in wanted:
                owner_of[row_id] = row["objective_id"]
    under = read_where(plan, "objectives", "parent_kr_id", owner_of)
    rows = work.plan.setdefault("objectives", {})
    rows.update((row_id, row) for row_id, row in under.items() if row_id not in rows)
    found: dict[str, list[str]] = {}
    for row_id in sorted(under.keys() | {row_id for (table, row_id), row in work.writes.items()
                                         if table == "objectives" and row is not None}):
        merged = work.merged_row("objectives", row_id)
        if merged is not None and merged["parent_kr_id"] in owner_of:
            found.setdefault(owner_of[merged["parent_kr_id"]], []).append(row_id)
    return found


def _settle(work: MergeWork, facts: MergedFacts, objective_id: str, reason: str) -> bool:
    merged = work.merged_row("objectives", objective_id)
    assert merged is not None
    plan_row = work.plan_row("objectives", objective_id)
    base_row = work.base["objectives"].get(objective_id)
    draft_row = work.draft["objectives"].get(objective_id)
    settled = work.alignment_conflict(
        objective_id, merged["title"],
        (base_row["parent_kr_id"] if base_row else None,
         draft_row["parent_kr_id"] if draft_row else None,
         plan_row["parent_kr_id"] if plan_row else None), reason)
    if settled == "draft":
        return False  # asked again when written; refused there if it still fails
    if isinstance(settled, EditedValue):
        chosen = settled.value
    else:
        kept = plan_row["parent_kr_id"] if plan_row else None
        chosen = kept if kept is not None and _passes(work, facts, objective_id, kept) else None
    if chosen == merged["parent_kr_id"]:
        return False
    row = {**merged, "parent_kr_id": chosen}
    if plan_row is not None and row == plan_row:
        work.unwrite("objectives", objective_id)
    else:
        changes = [change for change in work.changes.get(("objectives", objective_id), [])
                   if change.field != "parent_kr_id"]
        if plan_row is None or plan_row["parent_kr_id"] != chosen:
            changes.append(FieldChange("parent_kr_id", base_row["parent_kr_id"]
                                       if base_row else None, chosen))
        work.write("objectives", objective_id, row,
                   work.kinds.get(("objectives", objective_id), "update"), changes)
    return True


def _passes(work: MergeWork, facts: MergedFacts, objective_id: str, kr_id: str) -> bool:
    kr = facts.key_result(kr_id)
    return kr is not None and facts.objective(kr.objective_id) is not None and \
        alignment_refusal(facts, objective_id, kr.objective_id) is None
