"""A closed cycle is read-only: the one check every change set passes before it commits.

The rule lives here, in storage, rather than in the operations: every change reaches the
file through `Plan.change` (operations, imports, undo and redo alike), so checking the change
set there leaves no way around it, and no operation has to remember it. Storage must not
import the operations (import-linter forbids the cycle), so the check reads the rows itself.

A change set may touch a closed cycle's rows only if it also changes that cycle's closed
state (closing, reopening, and undoing or redoing either). Card positions on the canvas are
free: arranging cards is not changing the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from okrdesk.errors import OperationRefused
from okrdesk.storage.changes import ChangeSet, RowChange

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction

# The cycles table holds a few dozen rows: a scan of it is the whole cost of the check on a
# plan without a closed cycle (no index needed, and none to keep in step).
CLOSED_CYCLES = "SELECT id, name FROM cycles WHERE closed_at IS NOT NULL"
FREE_TABLES = frozenset({"canvas_positions", "settings", "levels", "functions", "units"})


def refuse_changes_to_closed_cycles(tx: Transaction) -> None:
    """Raise OperationRefused if the transaction's changes touch a row of a closed cycle
    whose closed state they leave as it was."""
    changes = tx.changeset()
    if not changes:
        return
    closed = dict(tx.fetch(CLOSED_CYCLES))
    named: set[str] = set()
    for change in changes:  # cycles closed before this change set (it may have reopened
        # them), named as they were (it may have renamed them)
        if change.table == "cycles" and change.before and change.before.get("closed_at") \
                and change.row_id not in named:
            named.add(change.row_id)
            closed[change.row_id] = change.before["name"]
    if not closed:
        return
    for cycle_id in _closing_changed(changes):
        closed.pop(cycle_id, None)
    if not closed:
        return
    rows = _RowCycles(tx, changes)
    for change in changes:
        if change.table in FREE_TABLES:
            continue
        for cycle_id in rows.cycles_of(change):
            if cycle_id in closed:
                raise OperationRefused(
                    f"{closed[cycle_id]} is closed: reopen it to change it. "
                    f"'{changes.label}' would change {_what(change)}.")


def _closing_changed(changes: ChangeSet) -> set[str]:
    """The cycles whose closed state this change set changes (a row made or removed counts
    as a change from or to open)."""
    return {change.row_id for change in changes if change.table == "cycles"
            and _closed_at(change.before) != _closed_at(change.after)}


def _closed_at(row: Mapping[str, Any] | None) -> Any:
    return row.get("closed_at") if row is not None else None


# Past this many changed rows, the rows they belong to are looked up by reading two columns of
# the objectives and key results whole, not one row at a time (a closing writes a score for
# every objective and key result of its cycle: reading 120,000 rows one by one took 1.5 s).
SCAN_FROM = 2_000
_OBJECTIVE_CYCLES = "SELECT id, cycle_id FROM objectives"
_KR_OBJECTIVES = "SELECT id, objective_id FROM key_results"


class _RowCycles:
    """The cycles a changed row belongs to, before and after the change: an objective's own,
    a key result's through its objective, a check-in's through its key result."""

    def __init__(self, tx: Transaction, changes: ChangeSet) -> None:
        self._tx = tx
        self._objective_cycles: dict[str, set[str]] = {}
        self._kr_objectives: dict[str, set[str]] = {}
        # Rows the change set left alone, as they are: read whole for a large change set.
        self._cycle_of: dict[str, str] | None = None
        self._objective_of: dict[str, str] | None = None
        if len(changes.rows) >= SCAN_FROM:
            self._cycle_of = dict(tx.fetch(_OBJECTIVE_CYCLES))
            self._objective_of = dict(tx.fetch(_KR_OBJECTIVES))
        for change in changes:  # rows this change set wrote or removed, as they were and are
            if change.table == "objectives":
                self._objective_cycles.setdefault(change.row_id, set()).update(
                    _values(change, "cycle_id"))
            elif change.table == "key_results":
                self._kr_objectives.setdefault(change.row_id, set()).update(
                    _values(change, "objective_id"))

    def cycles_of(self, change: RowChange) -> set[str]:
        table = change.table
        if table == "cycles":
            return {change.row_id}
        if table == "objectives":
            return set(_values(change, "cycle_id"))
        if table == "objective_scores":
            return self._of_objectives([change.row_id])
        if table == "key_results":
            return self._of_objectives(_values(change, "objective_id"))
        if table == "key_result_scores":
            return self._of_key_results([change.row_id])
        if table == "check_ins":
            return self._of_key_results(_values(change, "key_result_id"))
        if table == "contributions":
            return self._of_objectives([*_values(change, "source_id"),
                                        *_values(change, "target_id")])
        return set()

    def _of_objectives(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for objective_id in ids:
            known = self._objective_cycles.get(objective_id)
            if known is not None:
                found |= known
            elif self._cycle_of is not None:
                if objective_id in self._cycle_of:
                    found.add(self._cycle_of[objective_id])
            else:
                row = self._tx.get("objectives", objective_id)
                self._objective_cycles[objective_id] = {row["cycle_id"]} if row else set()
                found |= self._objective_cycles[objective_id]
        return found

    def _of_key_results(self, ids: Iterable[str]) -> set[str]:
        objectives: set[str] = set()
        for kr_id in ids:
            known = self._kr_objectives.get(kr_id)
            if known is not None:
                objectives |= known
            elif self._objective_of is not None:
                if kr_id in self._objective_of:
                    objectives.add(self._objective_of[kr_id])
            else:
                row = self._tx.get("key_results", kr_id)
                self._kr_objectives[kr_id] = {row["objective_id"]} if row else set()
                objectives |= self._kr_objectives[kr_id]
        return self._of_objectives(objectives)


def _values(change: RowChange, column: str) -> list[str]:
    return [row[column] for row in (change.before, change.after)
            if row is not None and row.get(column) is not None]


def _what(change: RowChange) -> str:
    row = change.after if change.after is not None else change.before
    assert row is not None
    title = row.get("title") or row.get("name")
    kind = {"objectives": "the objective", "key_results": "the key result",
            "cycles": "the cycle", "check_ins": "a check-in",
            "contributions": "a contributes-to link", "objective_scores": "a final score",
            "key_result_scores": "a final score"}.get(change.table, f"a row of {change.table}")
    return f"{kind} \u201c{title}\u201d" if title else kind
