"""The merge being worked out: the rows it will write, what it reports, what it asks about.

Each step (the comparison, the links, the alignments) adds to one `MergeWork`. A conflict
found is recorded once by its key; when the caller's resolutions settle it, the step writes
the side chosen, else the plan's side stands (nothing is written for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from okrdesk.drafts.merge import (
    Conflict,
    ConflictKind,
    EditedValue,
    FieldChange,
    Resolution,
    RowKind,
    Side,
    conflict_key,
)
from okrdesk.drafts.merge_states import Row, Rows

Key = tuple[str, str]  # (table, row id)


@dataclass
class MergeWork:
    base: Rows
    draft: Rows
    plan: Rows  # the plan's rows the merge has read, by table (absent: not in the plan)
    resolutions: Resolution
    writes: dict[Key, Row | None] = field(default_factory=dict)  # None: delete
    kinds: dict[Key, RowKind] = field(default_factory=dict)
    changes: dict[Key, list[FieldChange]] = field(default_factory=dict)
    conflicts: dict[str, Conflict] = field(default_factory=dict)
    # Rows not written because a row they need is missing, with the conflict that says why.
    held_back: dict[Key, str] = field(default_factory=dict)
    # Why a side chosen cannot be taken; the merge is refused while one stands (the review
    # goes on as if the plan's side had been chosen, so it can show everything else).
    refusals: list[str] = field(default_factory=list)

    def plan_row(self, table: str, row_id: str) -> Row | None:
        return self.plan.get(table, {}).get(row_id)

    def merged_row(self, table: str, row_id: str) -> Row | None:
        """The row as the merge leaves it (its write, else the plan's)."""
        key = (table, row_id)
        if key in self.writes:
            return self.writes[key]
        return self.plan_row(table, row_id)

    def write(self, table: str, row_id: str, row: Row | None, kind: RowKind,
              changes: list[FieldChange] | None = None) -> None:
        key = (table, row_id)
        self.writes[key] = row
        self.kinds[key] = kind
        self.changes[key] = changes or []

    def unwrite(self, table: str, row_id: str) -> None:
        key = (table, row_id)
        self.writes.pop(key, None)
        self.kinds.pop(key, None)
        self.changes.pop(key, None)

    def refuse(self, reason: str) -> None:
        if reason not in self.refusals:
            self.refusals.append(reason)

    def alignment_conflict(self, objective_id: str, title: str, values: tuple[Any, Any, Any],
                           reason: str) -> Side | EditedValue | None:
        """The `invalid_alignment` conflict of an objective; or, when its alignment already
        is a field conflict (changed on both sides), that one, so that one field is asked
        about once: a side of it the rules refuse is a refusal, and the plan's side stands."""
        asked = conflict_key("field", "objectives", objective_id, "parent_kr_id")
        if asked not in self.conflicts:
            return self.conflict("invalid_alignment", "objectives", objective_id,
                                 "parent_kr_id", values, objective_id, reason)
        settled = self.resolutions.get(asked)
        if settled == "draft" or isinstance(settled, EditedValue):
            self.refuse(f"\u201c{title}\u201d cannot align as chosen: {reason}")
        return "plan"

    def conflict(self, kind: ConflictKind, table: str, row_id: str, column: str | None,
                 values: tuple[Any, Any, Any], objective_id: str | None,
                 reason: str) -> Side | EditedValue | None:
        """Record the conflict (once) and return how the caller settled it, if it did."""
        key = conflict_key(kind, table, row_id, column)
        if key not in self.conflicts:
            base, draft, plan = values
            self.conflicts[key] = Conflict(key, kind, table, row_id, column, base, draft, plan,
                                           objective_id, reason)
        return self.resolutions.get(key)
