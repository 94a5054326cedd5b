"""Import a JSON plan file into a new plan file, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from okrdesk.interchange.errors import InterchangeError
from okrdesk.interchange.fields import TABLE_ORDER, fields_of
from okrdesk.interchange.placing import write_plan_file
from okrdesk.interchange.validate import Tables, read_document, validate_document
from okrdesk.storage import Plan
from okrdesk.storage.conflicts import ROW_CONFLICTS, conflict_reason


def import_plan(json_path: Path | str, plan_path: Path | str, *,
                overwrite: bool = False) -> Path:
    """Create the plan at `plan_path` from the JSON file at `json_path`.

    Everything is checked before anything is written; the plan is built under a fresh
    temporary name and renamed into place, so a failed or interrupted import leaves no file
    behind, and two imports to one path never meet. An existing file at
    `plan_path` is replaced only with `overwrite`, and never while it is open elsewhere.
    """
    json_path, plan_path = Path(json_path), Path(plan_path)
    if plan_path.exists() and not overwrite:
        raise InterchangeError(f"{plan_path.name}: already exists; choose another name "
                               "or allow replacing it")
    tables = load_tables(json_path)

    def build(temporary: Path) -> None:
        with Plan.create(temporary) as plan:
            _insert(plan, tables, json_path)

    return write_plan_file(plan_path, build, overwrite=overwrite, sources=(json_path,))


def load_tables(json_path: Path) -> Tables:
    """The checked rows of a JSON plan file; errors are prefixed with the file's name."""
    try:
        return validate_document(read_document(json_path))
    except InterchangeError as error:
        message = str(error)
        if not message.startswith(f"{json_path.name}: "):
            message = f"{json_path.name}: {message}"
        raise type(error)(message) from None


def _insert(plan: Plan, tables: Tables, json_path: Path) -> None:
    try:
        with plan.change("Import plan") as transaction:
            for name in TABLE_ORDER:
                if not tables[name]:
                    continue
                columns = [field.name for field in fields_of(name)]
                statement = (f"INSERT INTO {name} ({', '.join(columns)}) "
                             f"VALUES ({', '.join('?' * len(columns))})")
                values = [tuple(row[column] for column in columns) for row in tables[name]]
                transaction.connection.exec_driver_sql(statement, values)
    except ROW_CONFLICTS as error:
        reason = conflict_reason(error)
        raise InterchangeError(f"{json_path.name}: its rows contradict each other "
                               f"({reason})") from None
