"""Org chart rows -> people and teams with their level, function, role, e-mail and manager.

Rows are matched to the plan's people by id, then e-mail, then name, and updated; the others
are added (a UUID in the Id column is kept). A person without a level is placed by how far
below the top of the sheet's reporting tree they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrdesk.clock import new_id
from okrdesk.model import UnitKind
from okrdesk.ops.checks import field
from okrdesk.ops.emails import email_address
from okrdesk.sheets.cells import RowCells, is_uuid
from okrdesk.sheets.guess import normal
from okrdesk.sheets.model import Mapping, OrgField, Sheet, SheetProblem
from okrdesk.sheets.plan_lookup import PlanLookup

F = OrgField


@dataclass
class OrgRow:
    cells: RowCells
    sheet_id: str
    name: str
    email: str
    role: str
    kind: str
    manager: str
    level: str
    function: str
    unit_id: str = ""
    manager_row: OrgRow | None = None
    twin: bool = False  # its id or e-mail is on an earlier row (reported)


def import_org(lookup: PlanLookup, sheet: Sheet, mapping: Mapping,
               problems: list[SheetProblem]) -> None:
    rows = [row for row in (_read(RowCells(sheet, line, mapping, problems))
                            for line in sheet.rows) if row is not None]
    _refuse_twins(rows)
    by_ref = _references(rows)
    for row in rows:
        if row.manager:
            row.manager_row = by_ref.get(row.manager.casefold())
    depth = _depths(rows)
    existing = [_existing(lookup, row) for row in rows]
    for row, found in zip(rows, existing, strict=True):  # ids first: managers refer to them
        row.unit_id = found["id"] if found is not None else (
            row.sheet_id.lower() if is_uuid(row.sheet_id) else new_id())
    for row, found in zip(rows, existing, strict=True):
        if not row.twin:
            _place(lookup, row, found, depth.get(id(row), 0))
    _refuse_loops(lookup, rows)


def _read(cells: RowCells) -> OrgRow | None:
    name = cells.text(F.NAME)
    if not name and not any(cells.row.cells):
        return None
    name = cells.checked(F.NAME, lambda: field("units", "name", name, "name"))
    email = cells.checked(F.EMAIL, lambda: email_address(cells.text(F.EMAIL)))
    role = cells.checked(F.ROLE, lambda: field("units", "role", cells.text(F.ROLE), "role"))
    kind_text = normal(cells.text(F.KIND)) or "person"
    kind = {"person": UnitKind.PERSON, "people": UnitKind.PERSON, "employee": UnitKind.PERSON,
            "team": UnitKind.TEAM, "group": UnitKind.TEAM}.get(kind_text)
    if kind is None:
        cells.problem(F.KIND, f"{cells.text(F.KIND)[:80]!r} is not person or team")
    if name is None or email is None or role is None or kind is None:
        return None
    return OrgRow(cells, cells.text(F.ID), name, email, role, kind.value, cells.text(F.MANAGER),
                  cells.text(F.LEVEL), cells.text(F.FUNCTION))


def _refuse_twins(rows: list[OrgRow]) -> None:
    for what, key, column in (("id", "sheet_id", F.ID), ("e-mail", "email", F.EMAIL)):
        first: dict[str, OrgRow] = {}
        for row in rows:
            value = getattr(row, key).casefold()
            if not value:
                continue
            if value in first:
                row.cells.problem(column, f"the {what} {getattr(row, key)[:80]!r} is also on "
                                          f"row {first[value].cells.row.number}")
                row.twin = True
            else:
                first[value] = row


def _references(rows: list[OrgRow]) -> dict[str, OrgRow]:
    """Rows by id, e-mail and name (a name two rows share names neither)."""
    names: dict[str, list[OrgRow]] = {}
    for row in rows:
        names.setdefault(row.name.casefold(), []).append(row)
    found = {name: same[0] for name, same in names.items() if len(same) == 1}
    for row in rows:  # an id or e-mail on two rows (reported) names the first
        for key in (row.email, row.sheet_id):
            if key:
                found.setdefault(key.casefold(), row)
    return found


def _depths(rows: list[OrgRow]) -> dict[int, int]:
    """How far below the top of the sheet's tree each row is (a loop, reported later, stops
    the count)."""
    depth: dict[int, int] = {}
    for row in rows:
        chain: list[OrgRow] = []
        in_chain: set[int] = set()
        current: OrgRow | None = row
        while current is not None and id(current) not in depth and id(current) not in in_chain:
            chain.append(current)
            in_chain.add(id(current))
            current = current.manager_row
        base = depth.get(id(current), -1) if current is not None else -1
        for step, each in enumerate(reversed(chain)):
            depth[id(each)] = base + 1 + step
    return depth


def _place(lookup: PlanLookup, row: OrgRow, existing: dict[str, Any] | None,
           depth: int) -> None:
    cells = row.cells
    function_id = lookup.function(row.function, cells, F.FUNCTION) if row.function else None
    if row.level:
        level_id = lookup.level(row.level, cells, F.LEVEL, create=True)
    elif existing is not None:
        level_id = existing["level_id"]
    else:
        level_id = lookup.level_at(depth)
    if level_id is None:
        return
    values: dict[str, Any] = {"name": row.name, "kind": row.kind, "level_id": level_id}
    if row.role or existing is None:
        values["role"] = row.role
    if row.email or existing is None:
        values["email"] = row.email
    if row.function or existing is None:
        values["function_id"] = function_id
    if F.MANAGER in cells.mapping:
        manager_id = _manager_id(lookup, row)
        if manager_id is not False:
            values["manager_id"] = manager_id
    if existing is not None:
        taken = lookup.unit_by_email(row.email)
        if taken is not None and taken["id"] != existing["id"]:
            cells.problem(F.EMAIL, f"{taken['name']} already has the e-mail address {row.email}")
            return
        lookup.update_unit(existing["id"], **values)
        return
    if row.email and lookup.unit_by_email(row.email) is not None:
        cells.problem(F.EMAIL, f"{row.email} is already someone else's e-mail address")
        return
    lookup.add_unit(id=row.unit_id, **values)


def _existing(lookup: PlanLookup, row: OrgRow) -> dict[str, Any] | None:
    if row.sheet_id and row.sheet_id.lower() in lookup.units:
        return lookup.units[row.sheet_id.lower()]
    if row.email and (found := lookup.unit_by_email(row.email)) is not None:
        return found
    same = lookup.units_by_name(row.name)
    return same[0] if len(same) == 1 and not (row.email and same[0]["email"]) else None


def _manager_id(lookup: PlanLookup, row: OrgRow) -> str | bool | None:
    """The manager's id, None for none, False if the one named is not found (reported)."""
    if row.manager_row is not None:
        return row.manager_row.unit_id
    if not row.manager:
        return None
    found = find_unit(lookup, row.manager)
    if found is None:
        row.cells.problem(F.MANAGER, f"{row.manager[:80]!r} is neither in the sheet nor "
                                     "in the plan")
        return False
    return found


def find_unit(lookup: PlanLookup, reference: str) -> str | None:
    """A person or team of the plan by id, e-mail or (a name only one has) name."""
    if reference.lower() in lookup.units:
        return reference.lower()
    if (found := lookup.unit_by_email(reference)) is not None:
        return str(found["id"])
    same = lookup.units_by_name(reference)
    return str(same[0]["id"]) if len(same) == 1 else None


def _refuse_loops(lookup: PlanLookup, rows: list[OrgRow]) -> None:
    """Each row whose reporting line, through the sheet and the plan, comes back to it."""
    for row in rows:
        if row.unit_id not in lookup.units:
            continue
        seen = {row.unit_id}
        manager = lookup.units[row.unit_id]["manager_id"]
        while manager is not None and manager not in seen:
            seen.add(manager)
            manager = lookup.units[manager]["manager_id"] if manager in lookup.units else None
        if manager == row.unit_id:
            row.cells.problem(F.MANAGER, f"{row.name} would report to themselves, directly "
                                         "or through the people they manage")


def level_names(sheet: Sheet, mapping: Mapping) -> list[str]:
    """The levels an org chart names, top first: by how far below the top of the reporting
    tree each person is, then in the order of the rows."""
    rows = [row for row in (_read(RowCells(sheet, line, mapping, []))
                            for line in sheet.rows) if row is not None]
    by_ref = _references(rows)
    for row in rows:
        row.manager_row = by_ref.get(row.manager.casefold()) if row.manager else None
    depth = _depths(rows)
    ordered = sorted(enumerate(rows), key=lambda pair: (depth.get(id(pair[1]), 0), pair[0]))
    names: dict[str, str] = {}
    for _, row in ordered:
        if row.level:
            names.setdefault(row.level.casefold(), row.level)
    return list(names.values())
