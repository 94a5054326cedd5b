"""People, levels, functions and cycles of two plans compared by id."""

from __future__ import annotations

from typing import Any

from okrdesk.compare import words
from okrdesk.compare.matching import title_key
from okrdesk.compare.model import ADDED, CHANGED, REMOVED, Difference, FieldDifference
from okrdesk.snapshot import Snapshot

TABLES: tuple[tuple[str, dict[str, str]], ...] = (
    ("levels", words.LEVEL_FIELDS), ("functions", words.FUNCTION_FIELDS),
    ("cycles", words.CYCLE_FIELDS), ("units", words.UNIT_FIELDS),
)


def compare_organisation(a: Snapshot, b: Snapshot) -> tuple[Difference, ...]:
    """Rows of these tables added, removed or changed, table by table, then by name. Rows
    match by id, then (two plans made apart) by name."""
    found: list[tuple[tuple[int, str, str], Difference]] = []
    for n, (table, names) in enumerate(TABLES):
        rows_a: dict[str, Any] = getattr(a, table)
        rows_b: dict[str, Any] = getattr(b, table)
        for row_a, row_b in _pairs(rows_a, rows_b):
            if row_a == row_b and table != "levels":  # a level's place may change alone
                continue
            shown: Any = row_b if row_b is not None else row_a
            row_id = shown.id
            context = _context(b if row_b is not None else a, table, shown)
            if row_a is None:
                difference = Difference(ADDED, table, None, row_id, shown.name, context)
            elif row_b is None:
                difference = Difference(REMOVED, table, row_id, None, shown.name, context)
            else:
                fields = tuple(_fields(a, b, table, names, row_a, row_b))
                if not fields:
                    continue
                difference = Difference(CHANGED, table, row_a.id, row_b.id, shown.name,
                                        context, fields=fields)
            found.append(((n, shown.name.casefold(), row_id), difference))
    return tuple(difference for _, difference in sorted(found, key=lambda pair: pair[0]))


def _pairs(rows_a: dict[str, Any], rows_b: dict[str, Any]) -> list[tuple[Any, Any]]:
    pairs = [(row, rows_b.get(row_id)) for row_id, row in rows_a.items()]
    waiting: dict[str, list[Any]] = {}
    for row_id, row in rows_b.items():
        if row_id not in rows_a:
            waiting.setdefault(title_key(row.name), []).append(row)
    for n, (row_a, row_b) in enumerate(pairs):
        candidates = waiting.get(title_key(row_a.name)) if row_b is None else None
        if candidates:
            pairs[n] = (row_a, candidates.pop(0))
    pairs.extend((None, row) for group in waiting.values() for row in group)
    return pairs


def _fields(a: Snapshot, b: Snapshot, table: str, names: dict[str, str], row_a: Any,
            row_b: Any) -> list[FieldDifference]:
    found = []
    for column, name in names.items():
        if column == "rank":  # a place among the levels, not the stored number
            before, after = words.level_place(a, row_a.id), words.level_place(b, row_b.id)
        elif getattr(row_a, column) == getattr(row_b, column):
            continue
        else:
            before = words.field_value(a, table, column, getattr(row_a, column))
            after = words.field_value(b, table, column, getattr(row_b, column))
        if before == after:  # the same place, closed again, or the same name of another id
            continue
        found.append(FieldDifference(column, name, before, after))
    return found


def _context(snapshot: Snapshot, table: str, row: Any) -> str:
    if table == "units":
        level = snapshot.levels.get(row.level_id)
        return level.name if level is not None else words.UNKNOWN
    if table == "cycles":
        return words.code(row.kind)
    return ""
