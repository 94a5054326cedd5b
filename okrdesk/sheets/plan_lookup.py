"""What an import finds in the plan, or adds to it: levels, functions, people and teams,
cycles, by name or e-mail, inside the import's one transaction."""

from __future__ import annotations

import re
from typing import Any

from okrdesk.clock import today
from okrdesk.model import CycleKind
from okrdesk.ops.checks import field
from okrdesk.ops.positions import next_position
from okrdesk.ops.setup import BACKLOG, insert_year
from okrdesk.sheets.cells import RowCells
from okrdesk.sheets.records import Records
from okrdesk.storage.transaction import Transaction

_QUARTER = (re.compile(r"^(?:fy)?(\d{4})\W*q([1-4])$"), re.compile(r"^q([1-4])\W*(?:fy)?(\d{4})$"))
_YEAR = re.compile(r"^(?:fy)?\W*(\d{4})$")


def cycle_name(text: str) -> str:
    """ "Q1 2027", "2027 Q1", "FY2027-Q1" -> "2027-Q1"; "FY 2027" -> "2027"; others as given."""
    folded = text.strip().casefold()
    if match := _QUARTER[0].match(folded):
        return f"{match[1]}-Q{match[2]}"
    if match := _QUARTER[1].match(folded):
        return f"{match[2]}-Q{match[1]}"
    if match := _YEAR.match(folded):
        return match[1]
    return text.strip()


class PlanLookup:
    def __init__(self, tx: Transaction, *, records: Records | None = None) -> None:
        """`records`: a whole plan is rebuilt, with these records. Its plan holds no
        objectives or key results yet, so every row placed among siblings is placed here."""
        self.tx = tx
        self.records = records
        self.fresh = records is not None
        self.notes: list[str] = []
        self.levels = {row["name"].casefold(): row for row in tx.rows("levels")}
        self.functions = {row["name"].casefold(): row for row in tx.rows("functions")}
        self.units: dict[str, dict[str, Any]] = {}
        self._by_email: dict[str, set[str]] = {}
        self._by_name: dict[str, set[str]] = {}
        for row in tx.rows("units"):
            self._index(row)
        self.cycles = {row["name"].casefold(): row for row in tx.rows("cycles")}
        self._positions: dict[tuple[Any, ...], int] = {}
        self._ids: dict[str, set[str]] = {}

    def ids_in(self, table: str) -> set[str]:
        """The ids `table` held when first asked (one query, not one per row)."""
        if table not in self._ids:
            self._ids[table] = {row[0] for row in self.tx.connection.exec_driver_sql(
                f"SELECT id FROM {table}")}
        return self._ids[table]

    # People and teams
    def unit_by_email(self, email: str) -> dict[str, Any] | None:
        found = sorted(self._by_email.get(email.casefold(), ())) if email else []
        return self.units[found[0]] if found else None

    def units_by_name(self, name: str) -> list[dict[str, Any]]:
        return [self.units[unit_id] for unit_id in sorted(self._by_name.get(name.casefold(), ()))]

    def add_unit(self, **values: Any) -> dict[str, Any]:
        row = self.tx.insert("units", **values)
        self._index(row)
        return row

    def update_unit(self, unit_id: str, **values: Any) -> dict[str, Any]:
        before = self.units[unit_id]
        self._by_email.get(before["email"].casefold(), set()).discard(unit_id)
        self._by_name.get(before["name"].casefold(), set()).discard(unit_id)
        row = self.tx.update("units", unit_id, known=before, **values)
        self._index(row)
        return row

    def _index(self, row: dict[str, Any]) -> None:
        self.units[row["id"]] = row
        if row["email"]:
            self._by_email.setdefault(row["email"].casefold(), set()).add(row["id"])
        self._by_name.setdefault(row["name"].casefold(), set()).add(row["id"])

    # Levels and functions
    def level(self, name: str, cells: RowCells, column: str, *, create: bool) -> str | None:
        """The id of the level named `name`, added below the others if the plan lacks it."""
        found = self.levels.get(name.casefold())
        if found is not None:
            return str(found["id"])
        if not create:
            cells.problem(column, f"the plan has no level named {name[:80]!r}")
            return None
        checked = cells.checked(column, lambda: field("levels", "name", name, "level name"))
        if checked is None:
            return None
        rank = max((row["rank"] for row in self.levels.values()), default=-1) + 1
        row = self.tx.insert("levels", name=checked, rank=rank)
        self.levels[checked.casefold()] = row
        self.notes.append(f"level {checked} added below the others")
        return str(row["id"])

    def lowest_level(self) -> str:
        return str(max(self.levels.values(), key=lambda row: row["rank"])["id"])

    def level_at(self, rank: int) -> str:
        ordered = sorted(self.levels.values(), key=lambda row: row["rank"])
        return str(ordered[min(rank, len(ordered) - 1)]["id"])

    def function(self, name: str, cells: RowCells, column: str) -> str | None:
        if not name:
            return None
        found = self.functions.get(name.casefold())
        if found is not None:
            return str(found["id"])
        checked = cells.checked(column, lambda: field("functions", "name", name, "function name"))
        if checked is None:
            return None
        row = self.tx.insert("functions", name=checked)
        self.functions[checked.casefold()] = row
        self.notes.append(f"function {checked} added")
        return str(row["id"])

    # Cycles
    def cycle(self, cells: RowCells, name_field: str, start_field: str,
              end_field: str) -> str | None:
        """The cycle a row names, or whose dates it gives; a year named like "2028" or
        "2028-Q1" that the plan lacks is added with its quarters."""
        text = cells.text(name_field)
        if text:
            wanted = cycle_name(text)
            found = self.cycles.get(wanted.casefold()) or self.cycles.get(text.casefold())
            if found is not None:
                return str(found["id"])
            year = re.match(r"^(\d{4})(-Q[1-4])?$", wanted)
            if year and 1900 <= int(year[1]) <= 2999 and year[1] not in self.cycles:
                self._add_year(int(year[1]))
                return str(self.cycles[wanted.casefold()]["id"])
            cells.problem(name_field, f"the plan has no cycle named {text[:80]!r}")
            return None
        starts, ends = cells.text(start_field), cells.text(end_field)
        if starts or ends:
            for row in self.cycles.values():
                if (not starts or row["starts_on"] == starts[:10]) and \
                        (not ends or row["ends_on"] == ends[:10]):
                    return str(row["id"])
            cells.problem(start_field if starts else end_field,
                          f"no cycle of the plan runs {starts or '…'} to {ends or '…'}")
            return None
        return self.default_cycle(cells)

    def default_cycle(self, cells: RowCells) -> str | None:
        """A row that names no cycle goes into the quarter of today, else the first quarter."""
        quarters = sorted((row for row in self.cycles.values()
                           if row["kind"] == CycleKind.QUARTER and row["starts_on"]),
                          key=lambda row: row["starts_on"])
        now = today().isoformat()
        chosen = next((row for row in quarters if row["starts_on"] <= now <= (row["ends_on"]
                                                                            or now)),
                      quarters[0] if quarters else None)
        if chosen is None:
            cells.problem(None, "the row names no cycle, and the plan has no quarter to put "
                                "it in")
            return None
        note = f"rows without a cycle placed in {chosen['name']}"
        if note not in self.notes:
            self.notes.append(note)
        return str(chosen["id"])

    def _add_year(self, year: int) -> None:
        before = len(self.tx.changeset().rows)
        insert_year(self.tx, year)
        if not any(row["kind"] == CycleKind.BACKLOG for row in self.cycles.values()) \
                and BACKLOG.casefold() not in self.cycles:
            self.tx.insert("cycles", name=BACKLOG, kind=CycleKind.BACKLOG.value)
        for change in self.tx.changeset().rows[before:]:
            if change.table == "cycles" and change.after is not None:
                self.cycles[change.after["name"].casefold()] = dict(change.after)
        self.notes.append(f"year {year} added with its quarters")

    def recorded(self, table: str, row_id: str) -> dict[str, Any]:
        """The recorded times, position and so on of a row about to be inserted, if any."""
        return self.records.take(table, row_id) if self.records is not None else {}

    # Order among siblings
    def position(self, table: str, *, new: bool = False, **siblings: Any) -> int:
        """The next place among siblings; `new` when their parent is new, so has none yet."""
        key = (table, *(sorted(siblings.items()) if len(siblings) > 1 else siblings.items()))
        if key not in self._positions:
            self._positions[key] = 0 if new or self.fresh else next_position(self.tx, table,
                                                                              **siblings)
        value = self._positions[key]
        self._positions[key] = value + 1
        return value

