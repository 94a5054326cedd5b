"""Reading the plans to compare: each vetted as every read is (storage.reading), the two at once.

A comparison reads what it compares and no more (no canvas positions), and keeps the columns of
objectives and key results as read, so that rows can be told equal without looking inside
them (`ReadPlan.values`).
"""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from itertools import starmap
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from okrdesk.snapshot import (
    ROW_CLASSES,
    STORE_OF,
    KeyResultRow,
    ObjectiveRow,
    PositionRow,
    Snapshot,
    gc_paused,
)

# Table -> row id -> the row's columns, in the order of its row class.
RowValues = dict[str, dict[str, tuple[Any, ...]]]
KEPT_VALUES = (ObjectiveRow, KeyResultRow)
_KR_COLUMNS = [f.name for f in fields(KeyResultRow)]
# Stable sorts on single columns, last key first: each objective's key results in their order.
_KR_ORDER = tuple(itemgetter(_KR_COLUMNS.index(n)) for n in ("id", "created_at", "position"))


@dataclass(frozen=True)
class ReadPlan:
    snapshot: Snapshot
    values: RowValues  # objectives and key results, as read


def load_snapshot(path: Path) -> Snapshot:
    """The plan at `path` for comparing, read as `okrdesk map` reads it (sqlite3 alone,
    vetted) but without canvas positions; a PlanFileError for a missing file or one that is
    not a plan."""
    return read_for_comparing(path).snapshot


def read_for_comparing(path: Path) -> ReadPlan:
    """The plan at `path`, vetted, without its canvas positions (see the module)."""
    from okrdesk.storage.reading import read_plan

    with read_plan(path) as plan, gc_paused():
        return _load(plan.connection)


def read_two(a: Path, b: Path) -> tuple[ReadPlan, ReadPlan]:
    """Both plans, read at once: most of vetting a plan runs inside SQLite, which lets the
    other plan's reading go on meanwhile. A's error is raised first, as if read in turn; B's
    reading ends (and its private copy is gone) before either returns or raises."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="okrdesk-read") as pool:
        second = pool.submit(read_for_comparing, b)
        first = read_for_comparing(a)
        return first, second.result()


def values_of(snapshot: Snapshot, kept: tuple[type[Any], ...] = KEPT_VALUES) -> RowValues:
    """The columns of a snapshot's objectives and key results (for one not read here)."""
    found: RowValues = {}
    for row_class in kept:
        columns = attrgetter(*(f.name for f in fields(row_class)))
        store: dict[str, Any] = getattr(snapshot, row_class.table)
        found[row_class.table] = {row_id: columns(row) for row_id, row in store.items()}
    return found


def _load(driver: sqlite3.Connection) -> ReadPlan:
    snapshot = Snapshot()
    values: RowValues = {}
    for row_class in ROW_CLASSES:
        if row_class is PositionRow:  # where cards stand on the canvas: never compared
            continue
        columns = ", ".join(f'"{f.name}"' for f in fields(row_class))
        rows = driver.execute(f'SELECT {columns} FROM "{row_class.table}"').fetchall()
        store: dict[str, Any] = getattr(snapshot, STORE_OF.get(row_class.table,
                                                               row_class.table))
        ids = list(map(itemgetter(0), rows))
        store.update(zip(ids, starmap(row_class, rows), strict=True))
        if row_class in KEPT_VALUES:
            values[row_class.table] = dict(zip(ids, rows, strict=True))
    _index(snapshot, list(values["key_results"].values()))
    return ReadPlan(snapshot, values)


def _index(snapshot: Snapshot, kr_rows: list[tuple[Any, ...]]) -> None:
    """The snapshot's derived indexes, as Snapshot.load makes them."""
    for key in _KR_ORDER:
        kr_rows.sort(key=key)
    krs_of = snapshot.krs_of
    objective_ids = map(itemgetter(_KR_COLUMNS.index("objective_id")), kr_rows)
    for objective_id, kr_id in zip(objective_ids, map(itemgetter(0), kr_rows), strict=True):
        krs_of[objective_id].append(kr_id)
    aligned_to_kr = snapshot.aligned_to_kr
    for objective in snapshot.objectives.values():
        if objective.parent_kr_id is not None:
            aligned_to_kr[objective.parent_kr_id].append(objective.id)
