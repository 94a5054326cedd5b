"""What the rules may read about a plan, from a snapshot (fast, in memory) or a transaction.

Both return the snapshot's row classes, so the rules are written once for both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, Protocol

from okrdesk.snapshot import CycleRow, KeyResultRow, LevelRow, ObjectiveRow, Snapshot, UnitRow

if TYPE_CHECKING:
    from okrdesk.storage.transaction import Transaction


class Facts(Protocol):
    def objective(self, objective_id: str) -> ObjectiveRow | None: ...

    def key_result(self, kr_id: str) -> KeyResultRow | None: ...

    def unit(self, unit_id: str) -> UnitRow | None: ...

    def level(self, level_id: str) -> LevelRow | None: ...

    def cycle(self, cycle_id: str) -> CycleRow | None: ...

    def contribution_targets(self, source_id: str) -> Sequence[str]:
        """Ids of the objectives `source_id` contributes to."""
        ...


class SnapshotFacts:
    """Facts from a snapshot, with no SQL: make one per drag or question.

    The contributions index is built on first use and not kept current, so a long-lived
    instance would answer from the plan as it was.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._targets: dict[str, list[str]] | None = None

    def objective(self, objective_id: str) -> ObjectiveRow | None:
        return self.snapshot.objectives.get(objective_id)

    def key_result(self, kr_id: str) -> KeyResultRow | None:
        return self.snapshot.key_results.get(kr_id)

    def unit(self, unit_id: str) -> UnitRow | None:
        return self.snapshot.units.get(unit_id)

    def level(self, level_id: str) -> LevelRow | None:
        return self.snapshot.levels.get(level_id)

    def cycle(self, cycle_id: str) -> CycleRow | None:
        return self.snapshot.cycles.get(cycle_id)

    def contribution_targets(self, source_id: str) -> Sequence[str]:
        if self._targets is None:
            targets: dict[str, list[str]] = defaultdict(list)
            for link in self.snapshot.contributions.values():
                targets[link.source_id].append(link.target_id)
            self._targets = targets
        return self._targets.get(source_id, ())


class TransactionFacts:
    """Facts read inside an operation's transaction, each by primary key or an indexed column.

    Rows are remembered once read: make a new instance after the operation writes. With
    `written=True` the rows the transaction itself wrote are taken from its records instead of
    read back (only where every write so far went through the transaction, not raw SQL).
    """

    def __init__(self, tx: Transaction, *, written: bool = False) -> None:
        self.tx = tx
        self._rows: dict[tuple[str, str], Any] = {}
        self._written: dict[tuple[str, str], Mapping[str, Any] | None] = {}
        if written:
            for change in tx.changeset():
                if change.table in _ROW_CLASSES:
                    self._written[(change.table, change.row_id)] = change.after

    def _get(self, table: str, row_id: str) -> Any:
        key = (table, row_id)
        if key in self._rows:
            return self._rows[key]
        row_class, names = _ROW_CLASSES[table]
        if key in self._written:
            known = self._written[key]
            found = row_class(**{name: known[name] for name in names}) if known else None
        else:
            row = self.tx.get(table, row_id)
            found = row_class(**row) if row else None
        self._rows[key] = found
        return found

    def objective(self, objective_id: str) -> ObjectiveRow | None:
        found: ObjectiveRow | None = self._get("objectives", objective_id)
        return found

    def key_result(self, kr_id: str) -> KeyResultRow | None:
        found: KeyResultRow | None = self._get("key_results", kr_id)
        return found

    def unit(self, unit_id: str) -> UnitRow | None:
        found: UnitRow | None = self._get("units", unit_id)
        return found

    def level(self, level_id: str) -> LevelRow | None:
        found: LevelRow | None = self._get("levels", level_id)
        return found

    def cycle(self, cycle_id: str) -> CycleRow | None:
        found: CycleRow | None = self._get("cycles", cycle_id)
        return found

    def contribution_targets(self, source_id: str) -> Sequence[str]:
        return [row["target_id"] for row in self.tx.rows("contributions", source_id=source_id)]


# The row class of each table the rules read, and its columns.
_ROW_CLASSES: dict[str, tuple[type[Any], tuple[str, ...]]] = {
    row_class.table: (row_class, tuple(each.name for each in fields(row_class)))
    for row_class in (ObjectiveRow, KeyResultRow, UnitRow, LevelRow, CycleRow)
}
