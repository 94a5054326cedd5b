"""The part rule: which rows of a draft belong to its part, asked by the guard, the merge and
the app alike, so that the three can never disagree.

A row is in the part when it is
- an objective owned by the part's person or team or anyone under them in the reporting tree
  (and in the draft's cycle, when the draft has one);
- a key result, check-in, final score or canvas position of such an objective;
- a key result of kind `objective` standing for such an objective (aligning up to the
  context adds one to a context objective: that is allowed);
- a contributes-to link whose source is such an objective;
- a person or team inside the part's subtree of the reporting tree.
Levels, functions, cycles, settings and everything else are outside.

Rows are plain mappings of column -> value (a change set's rows, a draft's base, or a
snapshot's rows seen through `RowView`); a `PartLookup` finds the rows they point at.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol

from okrdesk.drafts.reads import Source, query
from okrdesk.model.enums import KrKind
from okrdesk.rulebook.cycles import cycle_view
from okrdesk.rulebook.reporting import reporting_subtree
from okrdesk.snapshot import CycleRow, Snapshot

Row = Mapping[str, Any]
DRAFT_ROW = "SELECT plan_id, plan_name, part_unit_id, cycle_id, taken_at FROM drafts LIMIT 1"
UNIT_MANAGERS = "SELECT id, manager_id FROM units"


@dataclass(frozen=True)
class DraftPart:
    """What a draft holds: `part_unit_id`'s subtree (`unit_ids`, the unit included), in the
    cycle `cycle_id` or (None) every cycle, taken out of the plan `plan_id` at `taken_at`.
    `cycle_ids` are the cycles whose objectives belong: the cycle's view (a year's holds its
    quarters, as in the app); None for every cycle."""

    part_unit_id: str
    cycle_id: str | None
    unit_ids: frozenset[str]
    cycle_ids: frozenset[str] | None = None
    plan_id: str = ""
    plan_name: str = ""
    taken_at: str = ""

    def __post_init__(self) -> None:
        if self.cycle_ids is None and self.cycle_id is not None:
            object.__setattr__(self, "cycle_ids", frozenset({self.cycle_id}))

    def holds_objective(self, objective: Row) -> bool:
        return objective["owner_id"] in self.unit_ids and (
            self.cycle_ids is None or objective["cycle_id"] in self.cycle_ids)


class PartLookup(Protocol):
    """The rows a row points at, as the question needs them (before or after a change)."""

    def objective(self, objective_id: str) -> Row | None: ...

    def key_result(self, kr_id: str) -> Row | None: ...

    def standing_for(self, kr_id: str) -> Iterable[Row]:
        """The objectives aligned under the key result."""
        ...


def part_of(managers: Mapping[str, str | None], part_unit_id: str, cycle_id: str | None,
            cycle_ids: frozenset[str] | None = None, **record: str) -> DraftPart:
    """The part of `part_unit_id` given every unit's manager (unit id -> manager id)."""
    return DraftPart(part_unit_id, cycle_id,
                     frozenset(reporting_subtree(managers, part_unit_id)), cycle_ids, **record)


def draft_part(source: Source) -> DraftPart | None:
    """The part a draft holds, read from its `drafts` row, its reporting tree and its cycles;
    None when the file is not a draft. A Snapshot does not hold the draft's record: ask the
    plan (or a transaction or sqlite3 connection of it)."""
    found = query(source, DRAFT_ROW)
    if not found:
        return None
    plan_id, plan_name, part_unit_id, cycle_id, taken_at = found[0]
    managers = dict(query(source, UNIT_MANAGERS))
    return part_of(managers, part_unit_id, cycle_id, _view_cycles(source, cycle_id),
                   plan_id=plan_id, plan_name=plan_name or "", taken_at=taken_at or "")


def _view_cycles(source: Source, cycle_id: str | None) -> frozenset[str] | None:
    """The cycles of the view of `cycle_id`, asked of the rulebook (None: every cycle)."""
    if cycle_id is None:
        return None
    columns = ", ".join(f.name for f in fields(CycleRow))
    cycles = {row[0]: CycleRow(*row) for row in query(source, f"SELECT {columns} FROM cycles")}
    if cycle_id not in cycles:
        return frozenset({cycle_id})
    return cycle_view(Snapshot(cycles=cycles), cycle_id).cycles


def row_in_part(part: DraftPart, table: str, row: Row, lookup: PartLookup) -> bool:
    """Whether `row` of `table` belongs to the part (the rule in this module's docstring)."""
    if table == "objectives":
        return part.holds_objective(row)
    if table in ("canvas_positions", "objective_scores"):
        return _objective_in(part, row["id"], lookup)
    if table == "key_results":
        return _key_result_in(part, row, lookup)
    if table in ("key_result_scores", "check_ins"):
        kr = lookup.key_result(row["id"] if table == "key_result_scores"
                               else row["key_result_id"])
        return kr is not None and _key_result_in(part, kr, lookup)
    if table == "contributions":
        return _objective_in(part, row["source_id"], lookup)
    if table == "units":
        return row["id"] == part.part_unit_id or row["manager_id"] in part.unit_ids
    return False


def _objective_in(part: DraftPart, objective_id: str, lookup: PartLookup) -> bool:
    objective = lookup.objective(objective_id)
    return objective is not None and part.holds_objective(objective)


def _key_result_in(part: DraftPart, kr: Row, lookup: PartLookup) -> bool:
    if _objective_in(part, kr["objective_id"], lookup):
        return True
    return kr["kind"] == KrKind.OBJECTIVE and any(
        part.holds_objective(objective) for objective in lookup.standing_for(kr["id"]))


# -- lookups ------------------------------------------------------------------------------


class RowView(Mapping[str, Any]):
    """A snapshot row (a dataclass) read as a mapping of column -> value."""

    __slots__ = ("_row",)

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getitem__(self, column: str) -> Any:
        try:
            return getattr(self._row, column)
        except AttributeError:
            raise KeyError(column) from None

    def __iter__(self) -> Iterator[str]:
        return (f.name for f in fields(self._row))

    def __len__(self) -> int:
        return len(fields(self._row))


class SnapshotLookup:
    """The rows of a snapshot (the app's and the take-out's view of a plan)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot

    def objective(self, objective_id: str) -> Row | None:
        row = self._snapshot.objectives.get(objective_id)
        return RowView(row) if row is not None else None

    def key_result(self, kr_id: str) -> Row | None:
        row = self._snapshot.key_results.get(kr_id)
        return RowView(row) if row is not None else None

    def standing_for(self, kr_id: str) -> Iterable[Row]:
        return [RowView(row) for row in self._snapshot.objectives_under(kr_id)]


class RowsLookup:
    """Rows held as mappings by id (a draft's base, read back from its JSON)."""

    def __init__(self, objectives: Mapping[str, Row], key_results: Mapping[str, Row]) -> None:
        self._objectives = objectives
        self._key_results = key_results
        self._under: dict[str, list[Row]] | None = None

    def objective(self, objective_id: str) -> Row | None:
        return self._objectives.get(objective_id)

    def key_result(self, kr_id: str) -> Row | None:
        return self._key_results.get(kr_id)

    def standing_for(self, kr_id: str) -> Iterable[Row]:
        if self._under is None:
            self._under = defaultdict(list)
            for objective in self._objectives.values():
                if objective["parent_kr_id"] is not None:
                    self._under[objective["parent_kr_id"]].append(objective)
        return self._under.get(kr_id, ())


def part_objective_ids(part: DraftPart, snapshot: Snapshot) -> set[str]:
    """The ids of the snapshot's objectives that are in the part (the rest is context)."""
    return {objective_id for objective_id, objective in snapshot.objectives.items()
            if part.holds_objective(RowView(objective))}
