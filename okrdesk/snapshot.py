"""An in-memory, read-only picture of a plan, loaded fast and kept current from change sets.

Analytics, maps and the canvas read plans through a Snapshot; they never write through it.
Row classes mirror the tables column for column (a test keeps them in step), so the loader
needs neither SQLAlchemy nor the model: a map's worker reads the plan with sqlite3 alone.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from itertools import starmap
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from okrdesk.storage.changes import ChangeSet


@dataclass(slots=True)
class LevelRow:
    table: ClassVar[str] = "levels"
    id: str
    rank: int
    name: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class FunctionRow:
    table: ClassVar[str] = "functions"
    id: str
    name: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class UnitRow:
    table: ClassVar[str] = "units"
    id: str
    name: str
    kind: str
    role: str
    level_id: str
    function_id: str | None
    manager_id: str | None
    email: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class CycleRow:
    table: ClassVar[str] = "cycles"
    id: str
    name: str
    kind: str
    parent_id: str | None
    starts_on: str | None
    ends_on: str | None
    created_at: str
    updated_at: str
    closed_at: str | None = None  # last, with a default: rows made by hand leave it out


@dataclass(slots=True)
class ObjectiveRow:
    table: ClassVar[str] = "objectives"
    id: str
    title: str
    description: str
    owner_id: str
    cycle_id: str
    origin: str
    commitment: str
    visibility: str
    status: str | None
    parent_kr_id: str | None
    position: int
    copied_from_id: str | None
    created_at: str
    updated_at: str


@dataclass(slots=True)
class KeyResultRow:
    table: ClassVar[str] = "key_results"
    id: str
    objective_id: str
    title: str
    kind: str
    origin: str
    unit: str
    start_value: float | None
    target_value: float | None
    current_value: float | None
    weight: float
    confidence: float | None
    position: int
    created_at: str
    updated_at: str


@dataclass(slots=True)
class ContributionRow:
    table: ClassVar[str] = "contributions"
    id: str
    source_id: str
    target_id: str
    note: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class SettingRow:
    table: ClassVar[str] = "settings"
    id: str
    key: str
    value: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class PositionRow:
    table: ClassVar[str] = "canvas_positions"
    id: str
    x: float
    y: float
    created_at: str
    updated_at: str


@dataclass(slots=True)
class ObjectiveScoreRow:
    """An objective's final score and reflection; `id` is the objective's id."""

    table: ClassVar[str] = "objective_scores"
    id: str
    value: float
    note: str
    achieved: str
    learned: str
    decided: str
    created_at: str
    updated_at: str


@dataclass(slots=True)
class KrScoreRow:
    """A key result's final score; `id` is the key result's id."""

    table: ClassVar[str] = "key_result_scores"
    id: str
    value: float
    note: str
    created_at: str
    updated_at: str


ROW_CLASSES: tuple[type[Any], ...] = (
    SettingRow, LevelRow, FunctionRow, UnitRow, CycleRow, ObjectiveRow, KeyResultRow,
    ContributionRow, PositionRow, ObjectiveScoreRow, KrScoreRow,
)
# The Snapshot field holding each table's rows, where it is not named as the table.
STORE_OF = {"key_result_scores": "kr_scores"}
# Check-ins are history: read on demand, not held in memory.
assert all(fields(row_class)[0].name == "id" for row_class in ROW_CLASSES)  # read by position


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many objects that all live on: collecting
    meanwhile would scan them again and again for nothing. Afterwards they go straight to the
    oldest generation (freeze, then unfreeze, moves every tracked object there), so the young
    collections that follow do not walk them once per generation on the way up.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


_KR_FIELDS = [f.name for f in fields(KeyResultRow)]
# Sorted one column at a time, last key first: stable sorts on single values run far faster
# than one sort on (position, created_at, id) tuples and give the same order.
_KR_ORDER = tuple(itemgetter(_KR_FIELDS.index(n)) for n in ("id", "created_at", "position"))
_KR_OBJECTIVE = _KR_FIELDS.index("objective_id")
_KR_ID = _KR_FIELDS.index("id")


def _select_sql(row_class: type[Any]) -> str:
    columns = ", ".join(f'"{f.name}"' for f in fields(row_class))
    return f'SELECT {columns} FROM "{row_class.table}"'


@dataclass
class Snapshot:
    settings: dict[str, SettingRow] = field(default_factory=dict)
    levels: dict[str, LevelRow] = field(default_factory=dict)
    functions: dict[str, FunctionRow] = field(default_factory=dict)
    units: dict[str, UnitRow] = field(default_factory=dict)
    cycles: dict[str, CycleRow] = field(default_factory=dict)
    objectives: dict[str, ObjectiveRow] = field(default_factory=dict)
    key_results: dict[str, KeyResultRow] = field(default_factory=dict)
    contributions: dict[str, ContributionRow] = field(default_factory=dict)
    canvas_positions: dict[str, PositionRow] = field(default_factory=dict)
    objective_scores: dict[str, ObjectiveScoreRow] = field(default_factory=dict)
    kr_scores: dict[str, KrScoreRow] = field(default_factory=dict)
    # Derived indexes, kept in step by `apply`.
    krs_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    aligned_to_kr: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, connection: Connection | sqlite3.Connection) -> Snapshot:
        """The plan behind a SQLAlchemy connection (Plan.read) or a sqlite3 one
        (storage.reading.read_plan)."""
        if isinstance(connection, sqlite3.Connection):
            driver = connection
            if not driver.in_transaction:
                driver.execute("BEGIN")  # one read transaction: every table from one moment
        else:
            if not connection.in_transaction():
                connection.begin()
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            driver = raw
        with gc_paused():
            return cls._load(driver)

    @classmethod
    def _load(cls, driver: sqlite3.Connection) -> Snapshot:
        snapshot = cls()
        for row_class in ROW_CLASSES:
            # The raw cursor: this runs over every row of a large plan at start-up.
            rows = driver.execute(_select_sql(row_class)).fetchall()
            if row_class is KeyResultRow:
                for key in _KR_ORDER:  # so each objective's list is built in order
                    rows.sort(key=key)
                krs_of = snapshot.krs_of
                for objective_id, kr_id in zip(map(itemgetter(_KR_OBJECTIVE), rows),
                                               map(itemgetter(_KR_ID), rows), strict=True):
                    krs_of[objective_id].append(kr_id)
            store: dict[str, Any] = getattr(snapshot, STORE_OF.get(row_class.table,
                                                                   row_class.table))
            store.update(zip(map(itemgetter(0), rows), starmap(row_class, rows), strict=True))
        snapshot._index_alignment()
        return snapshot

    # -- reading --------------------------------------------------------------------------

    def setting(self, key: str, default: str = "") -> str:
        for row in self.settings.values():
            if row.key == key:
                return row.value
        return default

    def level_of(self, objective_id: str) -> LevelRow:
        owner = self.units[self.objectives[objective_id].owner_id]
        return self.levels[owner.level_id]

    def placed_level(self, objective_id: str) -> LevelRow | None:
        """The objective's level, or None when a hand edit left its owner or the owner's level
        missing (the quality checks name such objectives; they have no lane until mended)."""
        owner = self.units.get(self.objectives[objective_id].owner_id)
        return self.levels.get(owner.level_id) if owner is not None else None

    def ordered_levels(self) -> list[LevelRow]:
        return sorted(self.levels.values(), key=lambda level: level.rank)

    def key_results_of(self, objective_id: str) -> list[KeyResultRow]:
        return [self.key_results[kr_id] for kr_id in self.krs_of.get(objective_id, ())]

    def objectives_under(self, kr_id: str) -> list[ObjectiveRow]:
        return [self.objectives[o] for o in self.aligned_to_kr.get(kr_id, ())]

    def cycle_named(self, name: str) -> CycleRow | None:
        return next((c for c in self.cycles.values() if c.name == name), None)

    # -- keeping current ------------------------------------------------------------------

    def apply(self, changes: ChangeSet) -> None:
        """Bring the snapshot up to date with a change set the plan reported."""
        by_table = {row_class.table: row_class for row_class in ROW_CLASSES}
        for change in changes:
            row_class = by_table.get(change.table)
            if row_class is None:
                continue
            store: dict[str, Any] = getattr(self, STORE_OF.get(change.table, change.table))
            self._unindex(store.pop(change.row_id, None))
            if change.after is not None:
                row = row_class(**{f.name: change.after[f.name] for f in fields(row_class)})
                store[change.row_id] = row
                self._index(row)

    def _index_alignment(self) -> None:
        aligned_to_kr = self.aligned_to_kr
        for objective in self.objectives.values():
            if objective.parent_kr_id is not None:
                aligned_to_kr[objective.parent_kr_id].append(objective.id)

    def _sort_krs(self, objective_id: str) -> None:
        self.krs_of[objective_id].sort(
            key=lambda k: (self.key_results[k].position, self.key_results[k].created_at, k)
        )

    def _unindex(self, row: Any) -> None:
        if isinstance(row, KeyResultRow):
            self.krs_of[row.objective_id].remove(row.id)
        elif isinstance(row, ObjectiveRow) and row.parent_kr_id is not None:
            self.aligned_to_kr[row.parent_kr_id].remove(row.id)

    def _index(self, row: Any) -> None:
        if isinstance(row, KeyResultRow):
            self.krs_of[row.objective_id].append(row.id)
            self._sort_krs(row.objective_id)
        elif isinstance(row, ObjectiveRow) and row.parent_kr_id is not None:
            self.aligned_to_kr[row.parent_kr_id].append(row.id)
