"""Taking a draft out: a plan file of the same format holding one person's or team's part of
a plan, the read-only context it aligns to, the record of where it came from (the `drafts`
row) and the base of a later three-way merge (a `draft_base` row per row copied in).

The draft is built under a fresh temporary name beside the output and renamed into place:
a failing disk or an interruption leaves no file, never half a draft.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from okrdesk.atomic import atomic_path, refuse_unsafe_output
from okrdesk.clock import new_id, utc_now
from okrdesk.drafts.contents import (
    COPY_ORDER,
    WHOLE_TABLES,
    DraftContents,
    draft_contents,
    snapshot_part,
)
from okrdesk.drafts.identity import plan_id
from okrdesk.errors import NotFoundError, OperationRefused, PlanFileError
from okrdesk.rulebook.cycles import require_cycle
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.storage.failures import storage_errors
from okrdesk.storage.transaction import Transaction

Rows = dict[str, list[dict[str, Any]]]
CHUNK = 500  # ids a query names at once (SQLite allows 999 parameters on old builds)


def take_out_draft(plan: Plan, owner_id: str, cycle_id: str | None, out_path: Path | str,
                   *, overwrite: bool = False) -> Path:
    """Write a draft of `owner_id`'s part of the plan (their subtree of the reporting tree),
    in the cycle `cycle_id` or (None) every cycle, to `out_path`; returns its path.

    Refused: an unknown person, team or cycle; a part that holds no objective; the plan
    itself as the output; an existing file unless `overwrite`.
    """
    out_path = Path(out_path)
    if _same_file(out_path, plan.path):
        raise OperationRefused("A draft cannot be written over the plan it is taken from; "
                               "choose another file.")
    with plan.reading() as connection:
        snapshot = Snapshot.load(connection)
        unit = snapshot.units.get(owner_id)
        if unit is None:
            raise NotFoundError(f"There is no person or team with id {owner_id}.")
        cycle = require_cycle(snapshot, cycle_id)
        own_id = plan_id(connection)
        if own_id is None:
            raise OperationRefused("The plan has lost the record of its own id (a hand edit "
                                   "removed it): a draft of it could not be merged back.")
        part = snapshot_part(snapshot, owner_id, cycle_id, plan_id=own_id,
                             plan_name=snapshot.setting("plan_name") or plan.path.stem,
                             taken_at=utc_now())
        contents = draft_contents(snapshot, part)
        if not contents.part_objectives:
            within = f" in {cycle.name}" if cycle is not None else ""
            raise OperationRefused(f"{unit.name}'s part holds no objectives{within}: there "
                                   "is nothing to take out.")
        rows = _read_rows(connection, contents)

    if out_path.exists() and not overwrite:
        raise PlanFileError(out_path, "already exists; choose another name or allow replacing it")
    refuse_unsafe_output(out_path, sources=(plan.path,), plan_expected=True)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out_path, replace=overwrite) as temporary:
        temporary.unlink()  # the draft is created under this fresh name, then renamed
        _write_draft(temporary, rows, contents)
    return out_path


def _read_rows(connection: sqlite3.Connection, contents: DraftContents) -> Rows:
    """Every row the draft holds, column by column as the plan stores it."""
    rows: Rows = {table: _select(connection, table, "", ()) for table in WHOLE_TABLES}
    for table, ids in contents.ids.items():
        column = "key_result_id" if table == "check_ins" else "id"
        rows[table] = [row for start in range(0, len(ids), CHUNK)
                       for row in _select(connection, table, f" WHERE {column} IN "
                                          f"({', '.join('?' * len(ids[start:start + CHUNK]))})",
                                          tuple(ids[start:start + CHUNK]))]
    return rows


def _select(connection: sqlite3.Connection, table: str, where: str,
            values: tuple[str, ...]) -> list[dict[str, Any]]:
    cursor = connection.execute(f"SELECT * FROM {table}{where}", values)
    columns = [description[0] for description in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _write_draft(path: Path, rows: Rows, contents: DraftContents) -> None:
    """Create the draft at `path`: its rows, their base, and its record, in one transaction.
    Written beside `Plan.change`: building a new file is no change to a plan (no history, no
    undo), and the part guard would refuse the context rows that make the draft."""
    part = contents.part
    with Plan.create(path) as draft, storage_errors(path, "Writing the draft"), \
            draft.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        tx = Transaction(connection, "Take out a draft")
        for table in COPY_ORDER:
            tx.insert_rows(table, rows[table])
        tx.insert_rows("draft_base", (
            {"id": new_id(), "table_name": table, "row_id": row["id"],
             "row_values": json.dumps(row, ensure_ascii=False, separators=(",", ":"))}
            for table in COPY_ORDER for row in rows[table]))
        tx.insert("drafts", plan_id=part.plan_id, plan_name=part.plan_name,
                  part_unit_id=part.part_unit_id, cycle_id=part.cycle_id,
                  taken_at=part.taken_at)
        connection.commit()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False
