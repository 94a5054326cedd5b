"""Looking inside a plan file before trusting it: structure, shape and rows.

The checks run on a connection that cannot change the file (an immutable one, a read-only one
on a plan another program is writing, or one on a private copy). A file that fails them is
refused with a PlanFileError naming the problem and saying what can be done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from okrdesk.errors import PlanFileError
from okrdesk.formats import revision_for
from okrdesk.storage.beside import CheckBeside
from okrdesk.storage.connect import Connector
from okrdesk.storage.rows import SHOWN, broken_links, row_problems, undecodable_text
from okrdesk.storage.schema import expected_schema, read_schema, schema_differences

ROW_LEVEL = ("CHECK constraint failed", "NULL value in")
NOT_WRITTEN_BY_US = ("holds triggers or views that OKR Desk never writes; it is not opened "
                     "for safety")
# From this size on, the links and loops are looked for on a second connection while the
# structure and the rows are checked (beside.py).
LINKS_BESIDE_FROM_BYTES = 16 << 20  # about 3,000 people


def vet_connection(driver: sqlite3.Connection, path: Path, version: int, *,
                   another: Callable[[], sqlite3.Connection] | None = None) -> list[str]:
    """Raise PlanFileError if the plan behind `driver` (shown as `path`) cannot be trusted;
    return the broken links and loops it holds (each naming the rows), which it opens with.

    `another` makes a second connection like `driver` (one that cannot change the file): a
    large plan's links are then looked for on it, beside the other checks."""
    links: list[str] = []
    expected = expected_schema(version)
    beside: CheckBeside | None = None
    try:
        problem = _objects_problem(driver)
        if not problem:
            differences = schema_differences(expected, read_schema(driver))
            problem = _shape_problem(differences, version)
        if not problem and another is not None and _size(driver) >= LINKS_BESIDE_FROM_BYTES:
            beside = CheckBeside(another, lambda connection: broken_links(connection, expected))
        if not problem:
            problem = _structure_problem(driver, path)
        if not problem:
            problem = _stamp_problem(driver, version)
        if not problem:
            problem = _rows_problem(row_problems(driver, expected))
        if not problem:
            links = beside.result() if beside is not None else broken_links(driver, expected)
    except sqlite3.DatabaseError as error:
        raise damaged_error(error, path) from None
    finally:
        if beside is not None:
            beside.stop()
    if problem:
        raise PlanFileError(path, problem)
    return links


def vetting_connection(connector: Connector, path: Path) -> sqlite3.Connection:
    """A connection to vet the plan through (its clock runs from now: one limit for all)."""
    try:
        connection, _clock = connector.open()
    except sqlite3.DatabaseError as error:
        raise damaged_error(error, path) from None
    return connection


def _size(driver: sqlite3.Connection) -> int:
    pages = driver.execute("PRAGMA page_count").fetchone()[0]
    return int(pages) * int(driver.execute("PRAGMA page_size").fetchone()[0])


def damaged_error(error: BaseException, path: Path) -> PlanFileError:
    """The error for a plan SQLite cannot read."""
    return PlanFileError(path, f"is damaged and cannot be read ({_reason(error)}). "
                               f"{what_can_be_done(path)}")


def is_undecodable_text(error: BaseException) -> bool:
    return "Could not decode to UTF-8" in str(getattr(error, "orig", None) or error)


def undecodable_text_problem(driver: sqlite3.Connection, path: Path,
                             version: int) -> PlanFileError:
    """The error for a plan whose reading stumbled on text that is not UTF-8, naming the rows
    (found with a full scan, made only now that there is reason to)."""
    problems = undecodable_text(driver, expected_schema(version))
    return PlanFileError(path, _rows_problem(problems) or
                         "holds text that is not valid UTF-8 and cannot be read")


def what_can_be_done(path: Path) -> str:
    """Advice for a plan that cannot be opened, naming the newest backup beside it."""
    backups = sorted((p for p in path.parent.glob(f"{path.stem}.*backup*{path.suffix}")
                      if p.is_file()), key=lambda p: p.stat().st_mtime)
    where = (f"the newest backup beside it is {backups[-1].name}" if backups
             else "or an earlier copy of it")
    return (f"Open the last backup ({where}), or make a plan from its last JSON export "
            "(okrdesk import). SQLite's own tool may recover what is still readable "
            f"(sqlite3 \"{path.name}\" .recover).")


def _structure_problem(driver: sqlite3.Connection, path: Path) -> str:
    # Rows breaking a rule or empty where they must not be are for the row checks to name.
    verdict = [row[0] for row in driver.execute("PRAGMA quick_check")
               if not row[0].startswith(ROW_LEVEL)]
    if verdict not in ([], ["ok"]):
        found = "; ".join(" ".join(line.split()) for line in verdict[:3])
        return f"is damaged ({found}). {what_can_be_done(path)}"
    return ""


def _objects_problem(driver: sqlite3.Connection) -> str:
    kinds = {row[0] for row in driver.execute(
        "SELECT type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    if kinds & {"trigger", "view"}:
        return NOT_WRITTEN_BY_US
    return ""


def _shape_problem(differences: list[str], version: int) -> str:
    if not differences:
        return ""
    shown = "; ".join(differences[:SHOWN])
    more = f"; and {len(differences) - SHOWN} more" if len(differences) > SHOWN else ""
    return (f"is damaged: its tables are not those of plan format {version} ({shown}{more}). "
            "Another program changed them; open the last backup or an earlier copy")


def _stamp_problem(driver: sqlite3.Connection, version: int) -> str:
    stamped = [row[0] for row in driver.execute("SELECT version_num FROM alembic_version")]
    if stamped != [revision_for(version)]:
        return "is damaged: its format stamps disagree"
    return ""


def _rows_problem(problems: list[str]) -> str:
    if not problems:
        return ""
    shown = "; ".join(problems[:SHOWN])
    more = "; and more" if len(problems) > SHOWN else ""
    return (f"holds rows that do not fit a plan, so it is not opened: {shown}{more}. Mend "
            "them with the program that changed them, or open the last backup")


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip() or type(original).__name__
