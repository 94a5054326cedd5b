"""The links after the comparison: no row the merge writes may point at a row that is gone,
and no row the merge deletes may leave the plan's rows pointing at nothing.

- A row the draft deleted while the plan added to it (a check-in on its key result, an
  objective aligned under it) is a `deleted_edited` conflict. Kept (the plan's side), it stays
  with what the plan added; deleted (the draft's side), what belongs to it goes with it and
  objectives aligned under it become unaligned, as deleting it in the app does.
- A row the draft added to or changed under a row the plan deleted is a `deleted_edited`
  conflict on that row. Taking the draft's side brings the row back, when it is the part's;
  else (or on the plan's side) the draft's rows under it are held back.
- An objective whose alignment points at a key result no longer in the plan is an
  `invalid_alignment` conflict; on the plan's side it keeps the plan's alignment, or none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container

from okrdesk.drafts.merge import EditedValue, FieldChange
from okrdesk.drafts.merge_describe import objective_of, title_of
from okrdesk.drafts.merge_states import Row, foreign_keys, read_ids, read_where
from okrdesk.drafts.merge_work import Key, MergeWork
from okrdesk.drafts.reads import Source

# Links that go with the row they point at when it is deleted; an alignment is undone instead.
OWNED = frozenset({("key_results", "objective_id"), ("check_ins", "key_result_id"),
                   ("contributions", "source_id"), ("contributions", "target_id"),
                   ("canvas_positions", "id"), ("objective_scores", "id"),
                   ("key_result_scores", "id")})
ALIGNMENT = ("objectives", "parent_kr_id")


def settle_links(work: MergeWork, plan: Source, part_keys: Container[Key]) -> None:
    _drop_repeated_contributions(work, plan)
    _keep_what_the_plan_added_to(work, plan)
    _hold_back_what_lost_its_row(work, plan, part_keys)


def _drop_repeated_contributions(work: MergeWork, plan: Source) -> None:
    """A contributes-to link the plan also made (another id, the same two objectives) is the
    same new value on both sides."""
    added = [row for (table, _), row in work.writes.items()
             if table == "contributions" and row is not None
             and work.kinds[(table, row["id"])] == "insert"]
    if not added:
        return
    existing = read_where(plan, "contributions", "source_id", [row["source_id"] for row in added])
    pairs = {(row["source_id"], row["target_id"]) for row in existing.values()}
    for row in added:
        if (row["source_id"], row["target_id"]) in pairs:
            work.unwrite("contributions", row["id"])


def _keep_what_the_plan_added_to(work: MergeWork, plan: Source) -> None:
    checked: set[Key] = set()
    cascading: set[Key] = set()
    while True:
        deleted = [key for key, row in work.writes.items() if row is None and key not in checked]
        if not deleted:
            return
        checked.update(deleted)
        for key, dependents in _dependents(work, plan, deleted).items():
            table, row_id = key
            if key in cascading:
                _cascade(work, dependents, cascading)
                continue
            first = title_of(work, *dependents[0][:2])
            settled = work.conflict(
                "deleted_edited", table, row_id, None,
                (work.base[table].get(row_id), None, work.plan_row(table, row_id)),
                objective_of(work, table, row_id),
                f"deleted in the draft, while the plan added to it (\u201c{first}\u201d)")
            if settled != "draft" or not _cascade(work, dependents, cascading):
                work.unwrite(table, row_id)
                checked.clear()  # kept: the rows it points at may be deleted no more


def _dependents(work: MergeWork, plan: Source,
                deleted: list[Key]) -> dict[Key, list[tuple[str, str, str]]]:
    """For each deleted row, the plan's rows still pointing at it after the merge:
    (table, id, column) each."""
    by_table: dict[str, list[str]] = defaultdict(list)
    for table, row_id in deleted:
        by_table[table].append(row_id)
    found: dict[Key, list[tuple[str, str, str]]] = defaultdict(list)
    for table, column, referred in foreign_keys():
        if referred not in by_table:
            continue
        for row_id, row in read_where(plan, table, column, by_table[referred]).items():
            work.plan.setdefault(table, {}).setdefault(row_id, row)
            merged = work.merged_row(table, row_id)
            if merged is not None and merged[column] is not None:
                found[(referred, merged[column])].append((table, row_id, column))
    asked = set(deleted)
    return {key: rows for key, rows in found.items() if key in asked}


def _cascade(work: MergeWork, dependents: list[tuple[str, str, str]],
             cascading: set[Key]) -> bool:
    """Take the rows that point at a deleted row with it; False (and a refusal) when one of
    them cannot go with it."""
    for table, row_id, column in dependents:
        if (table, column) not in OWNED and (table, column) != ALIGNMENT:
            work.refuse(f"\u201c{title_of(work, table, row_id)}\u201d still needs a row the "
                        "draft deletes; keep the plan's side of that conflict.")
            return False
    for table, row_id, column in dependents:
        if (table, column) == ALIGNMENT:
            row = work.merged_row(table, row_id)
            assert row is not None
            work.write(table, row_id, {**row, column: None}, work.kinds.get(
                (table, row_id), "update"))
        else:
            work.write(table, row_id, None, "delete")
            cascading.add((table, row_id))
    return True


def _hold_back_what_lost_its_row(work: MergeWork, plan: Source,
                                 part_keys: Container[Key]) -> None:
    while True:
        missing = _missing_targets(work, plan)
        if not missing:
            return
        for (table, row_id, column), (referred, target) in missing:
            if (table, row_id) not in work.writes:
                continue  # held back already in this round
            if (table, column) == ALIGNMENT:
                _realign(work, row_id)
                continue
            restorable = ((referred, target) in part_keys
                          and target in work.draft[referred] and target in work.base[referred])
            reason = ("deleted in the plan, while the draft added to it or changed it"
                      if restorable else "deleted in the plan, while the draft added to it "
                      "(it is outside the draft's part and cannot be brought back)")
            settled = work.conflict("deleted_edited", referred, target, None,
                                    (work.base[referred].get(target),
                                     work.draft[referred].get(target), None),
                                    objective_of(work, referred, target), reason)
            if settled == "draft" and restorable:
                work.write(referred, target, dict(work.draft[referred][target]), "insert")
            else:
                if settled == "draft":
                    work.refuse(f"\u201c{title_of(work, referred, target)}\u201d is outside "
                                "the draft's part: only the plan's side of its conflict can "
                                "be taken.")
                work.unwrite(table, row_id)
                work.held_back[(table, row_id)] = f"deleted_edited:{referred}:{target}:"


def _missing_targets(work: MergeWork,
                     plan: Source) -> list[tuple[tuple[str, str, str], Key]]:
    """(table, id, column) of each written row pointing at a row the merge leaves absent."""
    wanted: dict[str, set[str]] = defaultdict(set)
    links: list[tuple[tuple[str, str, str], Key]] = []
    for (table, row_id), row in list(work.writes.items()):
        if row is None:
            continue
        for source, column, referred in foreign_keys():
            if source == table and row[column] is not None:
                links.append(((table, row_id, column), (referred, row[column])))
                if (referred, row[column]) not in work.writes \
                        and row[column] not in work.plan.get(referred, {}):
                    wanted[referred].add(row[column])
    for referred, ids in wanted.items():
        work.plan.setdefault(referred, {}).update(read_ids(plan, referred, ids))
    return [(link, target) for link, target in links
            if work.merged_row(*target) is None]


def _realign(work: MergeWork, objective_id: str) -> None:
    row = work.writes[("objectives", objective_id)]
    assert row is not None
    plan_row = work.plan_row("objectives", objective_id)
    base_row = work.base["objectives"].get(objective_id)
    settled = work.alignment_conflict(
        objective_id, row["title"],
        (base_row["parent_kr_id"] if base_row else None, row["parent_kr_id"],
         plan_row["parent_kr_id"] if plan_row else None),
        "the key result it aligns to is no longer in the plan")
    if isinstance(settled, EditedValue):
        chosen = settled.value
    else:
        if settled == "draft":
            work.refuse(f"\u201c{row['title']}\u201d cannot keep the draft's alignment: the "
                        "key result it aligns to is no longer in the plan.")
        kept = plan_row["parent_kr_id"] if plan_row else None
        if kept is not None:
            _undelete(work, "key_results", kept)
        chosen = kept if kept is not None and work.merged_row("key_results", kept) else None
    _set_field(work, "objectives", objective_id, row, "parent_kr_id", chosen)


def _undelete(work: MergeWork, table: str, row_id: str) -> None:
    """Keep a plan's row the draft deletes, with the rows it owns: the plan's alignment kept
    needs its key result (the draft deleted it in realigning, as a key result standing for
    the objective goes when the objective aligns elsewhere)."""
    key = (table, row_id)
    if key not in work.writes or work.writes[key] is not None or work.plan_row(*key) is None:
        return
    work.unwrite(table, row_id)
    for (owned_table, owned_id), written in list(work.writes.items()):
        plan_row = work.plan_row(owned_table, owned_id)
        if written is None and plan_row is not None and any(
                plan_row[column] == row_id for source, column in OWNED
                if source == owned_table and column in plan_row):
            work.unwrite(owned_table, owned_id)


def _set_field(work: MergeWork, table: str, row_id: str, row: Row, column: str,
               value: object) -> None:
    changed = {**row, column: value}
    plan_row = work.plan_row(table, row_id)
    if plan_row is not None and changed == plan_row:
        work.unwrite(table, row_id)
        return
    base_row = work.base[table].get(row_id)
    changes = [c for c in work.changes[(table, row_id)] if c.field != column]
    if plan_row is None or plan_row[column] != value:
        changes.append(FieldChange(column, base_row[column] if base_row else None, value))
    work.write(table, row_id, changed, work.kinds[(table, row_id)], changes)
