"""A plan laid out as the rows of an exported workbook: plain values, no file format.

The "OKRs" sheet has one row per objective followed by its key results, objectives ordered by
level, owner, cycle and position, in the columns OKR_HEADERS and then "Owner id" (the org chart
row of the owner: names may be shared, e-mails missing); "Org chart" one row per person or
team. So that a workbook
can rebuild the plan exactly, the other sheets (`PLAN_SHEETS`) hold what those columns cannot:
levels with their ranks (also levels nobody holds), functions, cycles with kinds, dates and
parents, contributes-to links, check-ins, canvas positions, settings, final scores of closed cycles,
and in "Records" every
row's times, positions, visibility and the objective it was copied from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlalchemy import Connection

from okrdesk.model import UnitKind
from okrdesk.rulebook import ordered_cycles, parents
from okrdesk.sheets.model import Cell
from okrdesk.snapshot import STORE_OF, KeyResultRow, ObjectiveRow, Snapshot, UnitRow

# After the OKR_HEADERS columns: the owner's id, since names may be shared and e-mails missing.
OWNER_ID_HEADER = "Owner id"

OBJECTIVE_TYPE = "Objective"
KEY_RESULT_TYPE = "Key result"

LEVELS_SHEET = "Levels"
FUNCTIONS_SHEET = "Functions"
CYCLES_SHEET = "Cycles"
LINKS_SHEET = "Links"
CHECK_INS_SHEET = "Check-ins"
CANVAS_SHEET = "Canvas"
SCORES_SHEET = "Scores"
KR_SCORES_SHEET = "Key result scores"
SETTINGS_SHEET = "Settings"
RECORDS_SHEET = "Records"

# Sheet name -> (the table it holds, its headers, the table's columns in that order).
PLAN_SHEETS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    LEVELS_SHEET: ("levels", ("Id", "Rank", "Name"), ("id", "rank", "name")),
    FUNCTIONS_SHEET: ("functions", ("Id", "Name"), ("id", "name")),
    CYCLES_SHEET: ("cycles", ("Id", "Name", "Kind", "Parent id", "Start date", "End date",
                              "Closed at"),
                   ("id", "name", "kind", "parent_id", "starts_on", "ends_on", "closed_at")),
    LINKS_SHEET: ("contributions", ("Id", "Source id", "Target id", "Note"),
                  ("id", "source_id", "target_id", "note")),
    CHECK_INS_SHEET: ("check_ins", ("Id", "Key result id", "Value", "Confidence", "Note", "At"),
                      ("id", "key_result_id", "value", "confidence", "note", "at")),
    CANVAS_SHEET: ("canvas_positions", ("Id", "X", "Y"), ("id", "x", "y")),
    SETTINGS_SHEET: ("settings", ("Id", "Key", "Value"), ("id", "key", "value")),
    SCORES_SHEET: ("objective_scores",
                   ("Objective id", "Score", "Note", "Achieved", "Learned", "Decided"),
                   ("id", "value", "note", "achieved", "learned", "decided")),
    KR_SCORES_SHEET: ("key_result_scores", ("Key result id", "Score", "Note"),
                      ("id", "value", "note")),
}
# Columns a workbook exported before they existed lacks: read as empty.
LATER_HEADERS = frozenset({"Closed at"})
RECORDS_HEADERS = ("Table", "Id", "Created at", "Updated at", "Position", "Visibility",
                   "Copied from id")
RECORD_COLUMNS = ("id", "created_at", "updated_at", "position", "visibility", "copied_from_id")
# Tables in the order their rows appear in "Records": parents before children.
RECORD_TABLES = ("settings", "levels", "functions", "units", "cycles", "objectives",
                 "key_results", "contributions", "check_ins", "canvas_positions",
                 "objective_scores", "key_result_scores")
CHECK_IN_COLUMNS = ("id", "key_result_id", "value", "confidence", "note", "at", "created_at",
                    "updated_at")


class OkrLine(NamedTuple):
    """One row of the OKRs sheet; `depth` is how deep its objective sits in the alignment (a
    tuple: made for every row of a plan, and a frozen class takes three times as long)."""

    is_key_result: bool
    depth: int
    cells: tuple[Cell, ...]


@dataclass
class PlanRows:
    snapshot: Snapshot
    check_ins: list[dict[str, Any]]

    @classmethod
    def load(cls, connection: Connection) -> PlanRows:
        snapshot = Snapshot.load(connection)
        query = (f"SELECT {', '.join(CHECK_IN_COLUMNS)} FROM check_ins "
                 "ORDER BY created_at, id")
        check_ins = [dict(zip(CHECK_IN_COLUMNS, row, strict=True))
                     for row in connection.exec_driver_sql(query)]
        return cls(snapshot, check_ins)

    # -- OKRs -----------------------------------------------------------------------------

    def okr_lines(self) -> Iterator[OkrLine]:
        s = self.snapshot
        depth = _depths(parents(s))
        owner_of = _OwnerCells(s)
        cycle_order = {cycle.id: index for index, cycle in enumerate(ordered_cycles(s))}
        rank = {level.id: level.rank for level in s.levels.values()}

        def order(objective: ObjectiveRow) -> tuple[Any, ...]:
            owner = s.units.get(objective.owner_id)
            return (rank.get(owner.level_id, 0) if owner else 0,
                    owner.name.casefold() if owner else "", objective.owner_id,
                    cycle_order.get(objective.cycle_id, len(cycle_order)),
                    objective.position, objective.created_at, objective.id)

        for objective in sorted(s.objectives.values(), key=order):
            shared = owner_of(objective.owner_id) + self._cycle_cells(objective.cycle_id)
            level = depth(objective.id)
            owner_id = (objective.owner_id,)
            yield OkrLine(False, level, _objective_cells(objective, shared) + owner_id)
            for kr in s.key_results_of(objective.id):
                yield OkrLine(True, level, _key_result_cells(kr, shared) + owner_id)

    def _cycle_cells(self, cycle_id: str) -> tuple[Cell, ...]:
        cycle = self.snapshot.cycles.get(cycle_id)
        if cycle is None:
            return ("", None, None)
        return (cycle.name, cycle.starts_on, cycle.ends_on)

    # -- org chart and the rest -------------------------------------------------------------

    def org_rows(self) -> Iterator[tuple[Cell, ...]]:
        s = self.snapshot
        rank = {level.id: level.rank for level in s.levels.values()}
        for unit in sorted(s.units.values(),
                           key=lambda u: (rank.get(u.level_id, 0), u.name.casefold(), u.id)):
            level = s.levels.get(unit.level_id)
            function = s.functions.get(unit.function_id) if unit.function_id else None
            yield (unit.id, unit.name, unit.email, unit.role, unit.kind, unit.manager_id,
                   level.name if level else "", function.name if function else "")

    def table_rows(self, sheet: str) -> Iterator[tuple[Cell, ...]]:
        table, _headers, columns = PLAN_SHEETS[sheet]
        return _cells(self._rows_of(table), columns)

    def record_rows(self) -> Iterator[tuple[Cell, ...]]:
        for table in RECORD_TABLES:
            for cells in _cells(self._rows_of(table), RECORD_COLUMNS):
                yield (table, *cells)

    def _rows_of(self, table: str) -> list[Any]:
        if table == "check_ins":
            return self.check_ins
        rows: dict[str, Any] = getattr(self.snapshot, STORE_OF.get(table, table))
        if table == "levels":
            return sorted(rows.values(), key=lambda row: row.rank)
        if table == "settings":
            return sorted(rows.values(), key=lambda row: row.key)
        return sorted(rows.values(), key=lambda row: (row.created_at, row.id))


def words(value: str | None) -> str:
    """A vocabulary value as a sheet shows it: "stay_above" -> "stay above"."""
    return (value or "").replace("_", " ")


def _value(row: Any, column: str) -> Cell:
    value = row.get(column) if isinstance(row, dict) else getattr(row, column, None)
    return value


def _cells(rows: list[Any], columns: tuple[str, ...]) -> Iterator[tuple[Cell, ...]]:
    """Each row's values of `columns`, None where its table lacks a column. One getter made
    in C reads a row's columns at once: this runs for every row of a plan."""
    if not rows:
        return iter(())
    first = rows[0]
    is_dict = isinstance(first, dict)
    present = tuple(column for column in columns
                    if (column in first if is_dict else hasattr(first, column)))
    if len(present) < 2 or present != columns[:len(present)]:
        return (tuple(_value(row, column) for column in columns) for row in rows)
    getter = itemgetter(*present) if is_dict else attrgetter(*present)
    if len(present) == len(columns):
        return map(getter, rows)
    missing = (None,) * (len(columns) - len(present))
    return (getter(row) + missing for row in rows)


def _objective_cells(objective: ObjectiveRow, shared: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return (objective.id, OBJECTIVE_TYPE, objective.title, objective.parent_kr_id, *shared,
            None, None, None, None, None, None, None,
            words(objective.status), words(objective.commitment), words(objective.origin),
            objective.description)


def _key_result_cells(kr: KeyResultRow, shared: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return (kr.id, KEY_RESULT_TYPE, kr.title, kr.objective_id, *shared, words(kr.kind),
            kr.start_value, kr.target_value, kr.current_value, kr.unit, kr.weight,
            kr.confidence, None, None, words(kr.origin), None)


class _OwnerCells:
    """Owner, e-mail, level, function and team of each owner, worked out once per owner."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.known: dict[str, tuple[Cell, ...]] = {}

    def __call__(self, unit_id: str) -> tuple[Cell, ...]:
        found = self.known.get(unit_id)
        if found is None:
            found = self.known[unit_id] = self._cells(self.snapshot.units.get(unit_id))
        return found

    def _cells(self, unit: UnitRow | None) -> tuple[Cell, ...]:
        if unit is None:
            return ("", "", "", "", "")
        s = self.snapshot
        level = s.levels.get(unit.level_id)
        function = s.functions.get(unit.function_id) if unit.function_id else None
        return (unit.name, unit.email, level.name if level else "",
                function.name if function else "", self._team(unit))

    def _team(self, unit: UnitRow) -> str:
        """The owner's team: the owner if a team, else the nearest team it reports to."""
        seen: set[str] = set()
        current: UnitRow | None = unit
        while current is not None and current.id not in seen:
            if current.kind == UnitKind.TEAM:
                return current.name
            seen.add(current.id)
            current = self.snapshot.units.get(current.manager_id) if current.manager_id else None
        return ""


def _depths(parent_of: dict[str, str]) -> Callable[[str], int]:
    """How many objectives each objective sits below in the alignment (a loop ends the walk)."""
    known: dict[str, int] = {}

    def depth(objective_id: str) -> int:
        found = known.get(objective_id)
        if found is not None:
            return found
        parent = parent_of.get(objective_id)
        if parent is None or parent in known:  # most of a plan, ordered by level
            found = known[objective_id] = known[parent] + 1 if parent is not None else 0
            return found
        chain = [objective_id]
        seen = {objective_id}
        current = parent_of.get(objective_id)
        while current is not None and current not in known and current not in seen:
            chain.append(current)
            seen.add(current)
            current = parent_of.get(current)
        base = known.get(current, -1) if current is not None and current in known else -1
        for index, member in enumerate(reversed(chain)):
            known[member] = base + 1 + index
        return known[objective_id]

    return depth

