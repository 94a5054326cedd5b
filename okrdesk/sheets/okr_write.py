"""Writing OKR rows into the plan: owners and cycles found or added, objectives and key results
added or updated (matched by id, or by title + owner + cycle), alignments made and checked by
the same rules as the operations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okrdesk.clock import new_id
from okrdesk.model import KrKind, Origin, UnitKind
from okrdesk.ops.checks import field
from okrdesk.ops.emails import email_address
from okrdesk.ops.facts import TransactionFacts
from okrdesk.ops.removal import detach
from okrdesk.ops.rules import alignment_refusal
from okrdesk.sheets.cells import RowCells, is_uuid
from okrdesk.sheets.model import Field
from okrdesk.sheets.okr_rows import OkrRow
from okrdesk.sheets.okr_values import OBJECTIVE, key_result_values, objective_values
from okrdesk.sheets.org_rows import find_unit
from okrdesk.sheets.plan_lookup import PlanLookup


def write_rows(lookup: PlanLookup, rows: list[OkrRow]) -> None:
    tx = lookup.tx
    created: set[str] = set()
    for row in rows:
        _choose_id(lookup, row, created)
    for row in rows:
        if row.broken:
            continue
        if row.type == OBJECTIVE:
            _write_objective(lookup, row, created)
        else:
            _write_key_result(lookup, row, created)
    facts = TransactionFacts(tx, written=True)  # every write above went through tx
    for row in rows:
        if row.type == OBJECTIVE and not row.broken and (row.parent or row.plan_parent):
            _check_alignment(facts, row)


def _choose_id(lookup: PlanLookup, row: OkrRow, created: set[str]) -> None:
    """The plan id a row has (its id is the plan's) or gets (a UUID of the sheet is kept)."""
    table = "objectives" if row.type == OBJECTIVE else "key_results"
    wanted = row.sheet_id.lower()
    if wanted and wanted in lookup.ids_in(table):
        row.row_id = wanted
    elif is_uuid(wanted) and wanted not in lookup.ids_in("objectives") \
            and wanted not in lookup.ids_in("key_results"):
        row.row_id = wanted
        created.add(wanted)
    else:
        row.row_id = ""


def _parent_id(row: OkrRow) -> tuple[str, str] | None:
    """("objectives" | "key_results", id) of the row's parent."""
    if row.parent is not None:
        if row.parent.broken or not row.parent.row_id:
            return None
        table = "objectives" if row.parent.type == OBJECTIVE else "key_results"
        return table, row.parent.row_id
    return row.plan_parent


def _write_objective(lookup: PlanLookup, row: OkrRow, created: set[str]) -> None:
    tx, cells = lookup.tx, row.cells
    title = cells.checked(Field.TITLE, field, "objectives", "title", row.title,
                          "objective's title")
    owner_id = _owner(lookup, cells)
    cycle_id = lookup.cycle(cells, Field.CYCLE, Field.STARTS_ON, Field.ENDS_ON)
    values = objective_values(cells)
    if title is None or owner_id is None or cycle_id is None or values is None:
        row.broken = True
        return
    existing = tx.get("objectives", row.row_id) if row.row_id and row.row_id not in created \
        else None
    if existing is None and not row.row_id:
        same = [other for other in tx.rows("objectives", title=title, owner_id=owner_id,
                                           cycle_id=cycle_id) if other["id"] not in created]
        existing = same[0] if same else None
    if existing is not None:
        row.row_id = existing["id"]
        if (existing["owner_id"], existing["cycle_id"]) != (owner_id, cycle_id):
            values["position"] = lookup.position("objectives", owner_id=owner_id,
                                                 cycle_id=cycle_id)
        after = tx.update("objectives", existing["id"], title=title, owner_id=owner_id,
                          cycle_id=cycle_id, **values)
        _align(lookup, row, after, created)
        return
    row.row_id = row.row_id or new_id()
    created.add(row.row_id)
    # A new objective is written aligned: under its key result, or under the key result that
    # will stand for its objective (written next), as `_align` would leave it.
    parent = _parent_id(row)
    parent_kr_id = None if parent is None else (
        parent[1] if parent[0] == "key_results" else new_id())
    values.update(id=row.row_id, title=title, owner_id=owner_id, cycle_id=cycle_id,
                  position=lookup.position("objectives", owner_id=owner_id, cycle_id=cycle_id),
                  parent_kr_id=parent_kr_id)
    tx.insert("objectives", **values | lookup.recorded("objectives", row.row_id))
    if parent is not None and parent[0] == "objectives":
        _stand_in(lookup, parent_kr_id, parent[1], title, created)


def _align(lookup: PlanLookup, row: OkrRow, objective: dict[str, Any], created: set[str]) -> None:
    """Under a key result: sits under it; under an objective: aligned up through a key result
    that stands for it (kept if it stands there already)."""
    tx = lookup.tx
    parent = _parent_id(row)
    if parent is None:
        return
    table, parent_id = parent
    # `known`: the objective as it stands, until a detach changes it (saves a read).
    known: dict[str, Any] | None = objective
    current = tx.get("key_results", objective["parent_kr_id"]) \
        if objective["parent_kr_id"] is not None else None
    if table == "key_results":
        if objective["parent_kr_id"] != parent_id:
            if current is not None and current["id"] not in created:
                detach(tx, objective)
                known = None
            tx.update("objectives", objective["id"], known=known, parent_kr_id=parent_id)
        return
    if current is not None and current["kind"] == KrKind.OBJECTIVE \
            and current["objective_id"] == parent_id:
        return
    if current is not None:
        detach(tx, tx.require("objectives", objective["id"], "objective"))
        known = None
    stand_in = _stand_in(lookup, None, parent_id, objective["title"], created)
    tx.update("objectives", objective["id"], known=known, parent_kr_id=stand_in)


def _stand_in(lookup: PlanLookup, kr_id: str | None, objective_id: str, title: str,
              created: set[str]) -> str:
    """Add the key result of objective `objective_id` that stands for the objective `title`."""
    stand_in = lookup.tx.insert("key_results", id=kr_id, objective_id=objective_id, title=title,
                                kind=KrKind.OBJECTIVE.value, origin=Origin.OWN.value,
                                position=lookup.position("key_results",
                                                         objective_id=objective_id))
    created.add(stand_in["id"])
    return str(stand_in["id"])


def _write_key_result(lookup: PlanLookup, row: OkrRow, created: set[str]) -> None:
    tx, cells = lookup.tx, row.cells
    parent = _parent_id(row)
    if parent is None or parent[0] != "objectives":
        if parent is not None or not (row.parent and row.parent.broken):
            cells.problem(Field.PARENT if Field.PARENT in cells.mapping else Field.TITLE,
                          "a key result needs an objective above it (its parent)")
        else:  # its objective is refused: its own cells are still checked, all at once
            cells.checked(Field.TITLE, field, "key_results", "title", row.title,
                          "key result's title")
            key_result_values(cells, None)
        row.broken = True
        return
    objective_id = parent[1]
    title = cells.checked(Field.TITLE, field, "key_results", "title", row.title,
                          "key result's title")
    existing = tx.get("key_results", row.row_id) if row.row_id and row.row_id not in created \
        else None
    if existing is None and not row.row_id and objective_id not in created:
        same = [other for other in tx.rows("key_results", objective_id=objective_id, title=title)
                if other["id"] not in created]
        existing = same[0] if same else None
    values = key_result_values(cells, existing["kind"] if existing else None)
    if title is None or values is None:
        row.broken = True
        return
    if existing is not None:
        row.row_id = existing["id"]
        if values["kind"] != existing["kind"] and KrKind.OBJECTIVE in (values["kind"],
                                                                       existing["kind"]):
            cells.problem(Field.MEASURE, "a key result that stands for an objective cannot "
                                         "change kind here; that comes from aligning")
            return
        if existing["objective_id"] != objective_id:
            values["position"] = lookup.position("key_results", objective_id=objective_id)
        tx.update("key_results", existing["id"], title=title, objective_id=objective_id,
                  **values)
        return
    row.row_id = row.row_id or new_id()
    created.add(row.row_id)
    values.update(id=row.row_id, objective_id=objective_id, title=title,
                  position=lookup.position("key_results", objective_id=objective_id,
                                           new=objective_id in created))
    values.update(lookup.recorded("key_results", row.row_id))
    tx.insert("key_results", **values)


def _owner(lookup: PlanLookup, cells: RowCells) -> str | None:
    """The owner by id, then e-mail, then name; one the plan lacks is added at the row's level."""
    owner_text, team = cells.text(Field.OWNER), cells.text(Field.TEAM)
    for reference in (cells.text(Field.OWNER_ID), owner_text):  # an id names one owner
        if reference.lower() in lookup.units:
            return reference.lower()
    if cells.text(Field.OWNER_ID) and not (owner_text or cells.text(Field.OWNER_EMAIL)):
        cells.problem(Field.OWNER_ID, f"{cells.text(Field.OWNER_ID)[:80]!r} is not the id of a "
                                      "person or team of the plan or the org chart")
        return None
    # An id the plan does not know (an OKR sheet without its org chart): e-mail, then name.
    email_text = cells.text(Field.OWNER_EMAIL) or (owner_text if "@" in owner_text else "")
    name = owner_text if "@" not in owner_text else ""
    is_team = not owner_text and bool(team)
    name = name or team
    email_column = Field.OWNER_EMAIL if cells.text(Field.OWNER_EMAIL) else Field.OWNER
    email = cells.checked(email_column, email_address, email_text)
    if email is None:
        return None
    if email and (found := lookup.unit_by_email(email)) is not None:
        return str(found["id"])
    column = Field.OWNER if owner_text else Field.TEAM
    if name:
        same = _narrowed(lookup, lookup.units_by_name(name), cells)
        if len(same) == 1 and not (email and same[0]["email"]):
            return str(same[0]["id"])
        if len(same) > 1 and not email:
            cells.problem(column, f"{len(same)} people are named {name[:80]}; give the "
                                  "owner's e-mail")
            return None
    elif not email:
        if (found_id := find_unit(lookup, cells.text(Field.OWNER))) is not None:
            return found_id
        cells.problem(Field.OWNER if Field.OWNER in cells.mapping else None,
                      "the row names no owner")
        return None
    who = name or email
    level_name = cells.text(Field.LEVEL)
    if not level_name:
        cells.problem(column if name else email_column,
                      f"the owner {who[:80]!r} is not in the plan; add them to the org chart "
                      "or give their level in a Level column")
        return None
    level_id = lookup.level(level_name, cells, Field.LEVEL, create=True)
    unit_name = cells.checked(column, lambda: field("units", "name", name or email.split("@")[0],
                                                    "name"))
    function_id = lookup.function(cells.text(Field.FUNCTION), cells, Field.FUNCTION)
    if level_id is None or unit_name is None:
        return None
    unit = lookup.add_unit(name=unit_name, email=email, level_id=level_id,
                           function_id=function_id,
                           kind=(UnitKind.TEAM if is_team else UnitKind.PERSON).value)
    lookup.notes.append(f"owner {unit_name} added at level {level_name}")
    return str(unit["id"])


def _narrowed(lookup: PlanLookup, same: list[dict[str, Any]],
              cells: RowCells) -> list[dict[str, Any]]:
    """People who share a name, told apart by the row's level, function and team (a test
    that would leave nobody is skipped)."""
    level = lookup.levels.get(cells.text(Field.LEVEL).casefold())
    function = lookup.functions.get(cells.text(Field.FUNCTION).casefold())
    team = cells.text(Field.TEAM).casefold()
    tests: list[tuple[bool, Callable[[dict[str, Any]], bool]]] = [
        (level is not None, lambda unit: level is not None and unit["level_id"] == level["id"]),
        (function is not None,
         lambda unit: function is not None and unit["function_id"] == function["id"]),
        (Field.TEAM in cells.mapping,
         lambda unit: _team_of(lookup, unit).casefold() == team),
    ]
    for applies, test in tests:
        if len(same) > 1 and applies:
            same = [unit for unit in same if test(unit)] or same
    return same


def _team_of(lookup: PlanLookup, unit: dict[str, Any]) -> str:
    """The unit's name if it is a team, else the nearest team it reports to ("" if none)."""
    seen: set[str] = set()
    current: dict[str, Any] | None = unit
    while current is not None and current["id"] not in seen:
        if current["kind"] == UnitKind.TEAM:
            return str(current["name"])
        seen.add(current["id"])
        current = lookup.units.get(current["manager_id"] or "")
    return ""


def _check_alignment(facts: TransactionFacts, row: OkrRow) -> None:
    parent = _parent_id(row)
    if parent is None:
        return
    table, parent_id = parent
    under: str | None = None
    if table == "key_results":
        kr = facts.key_result(parent_id)
        if kr is None:
            return
        under, parent_id = parent_id, kr.objective_id
        if kr.kind == KrKind.OBJECTIVE:
            under = None
    reason = alignment_refusal(facts, row.row_id, parent_id, under_kr_id=under)
    if reason is not None:
        column = Field.PARENT if Field.PARENT in row.cells.mapping else Field.TITLE
        row.cells.problem(column, reason)
