"""A plan: one SQLite file, opened defensively, changed one transaction per operation."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError

from okrdesk.errors import OkrDeskError, PlanFileError, ReadOnlyPlanError
from okrdesk.formats import SCHEMA_VERSION, revision_for
from okrdesk.storage import migrate
from okrdesk.storage.changes import ChangeSet
from okrdesk.storage.engine import plan_engine
from okrdesk.storage.header import read_plan_header
from okrdesk.storage.lock import PlanLock
from okrdesk.storage.transaction import Transaction

Listener = Callable[[ChangeSet], None]

EXPECTED_TABLES = {
    "settings", "levels", "functions", "cycles", "units", "objectives", "key_results",
    "contributions", "check_ins", "alembic_version",
}


class Plan:
    """An open plan file. Every change goes through `change()` and is reported to listeners."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: PlanLock | None,
                 read_only_reason: str = "") -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None
        self._lock = lock
        self._listeners: list[Listener] = []
        self._active = threading.local()  # the change in progress on this thread, if any

    # -- opening and creating -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Plan:
        """Open an existing plan, upgrading an older one after backing it up.

        A second opening of a plan that is already open for writing (in this or another process)
        is read-only, with `read_only_reason` saying why.
        """
        path = Path(path)
        header = read_plan_header(path)
        _vet(path, header.schema_version)
        lock: PlanLock | None = None
        reason = ""
        if not read_only:
            lock = PlanLock(path)
            if not lock.acquire():
                lock, read_only = None, True
                reason = "the plan is open in another window or program; it opens read-only"
        try:
            plan = cls(path, plan_engine(path, read_only=read_only), read_only=read_only,
                       lock=lock, read_only_reason=reason)
            if header.schema_version < SCHEMA_VERSION:
                if read_only:
                    raise PlanFileError(path, "needs an upgrade to a newer format, "
                                              "but it is open read-only")
                plan.backup_path = migrate.back_up(path, header.schema_version)
                plan._upgrade()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return plan

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> Plan:
        """Create an empty plan (no levels or people yet) at `path`."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise PlanFileError(path, "already exists; choose another name")
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".creating")
        temporary.unlink(missing_ok=True)
        engine = plan_engine(temporary)
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            migrate.create_schema(connection)
            connection.commit()
        engine.dispose()
        temporary.replace(path)  # the plan appears whole or not at all
        return cls.open(path)

    def close(self) -> None:
        if not self.read_only:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except OperationalError:
                pass  # another reader holds the WAL; SQLite checkpoints it later
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading and changing --------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection with a consistent snapshot of the plan for reading."""
        with self.engine.connect() as connection:
            try:
                yield connection
            finally:
                connection.rollback()

    @contextmanager
    def change(self, label: str) -> Iterator[Transaction]:
        """One operation: all its writes commit together or not at all, then listeners hear.

        Changes opened inside another (several operations as one gesture) join its transaction:
        the outermost commits them together and listeners hear one change set.
        """
        if self.read_only:
            raise ReadOnlyPlanError(f"'{label}' is not possible: {self._read_only_text()}")
        outer: Transaction | None = getattr(self._active, "transaction", None)
        if outer is not None:
            yield Transaction(outer.connection, label, parent=outer)
            return
        with self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            transaction = Transaction(connection, label)
            self._active.transaction = transaction
            try:
                yield transaction
                connection.commit()
            except BaseException:
                connection.rollback()
                raise
            finally:
                self._active.transaction = None
        changes = transaction.changeset()
        if changes:
            for listener in list(self._listeners):
                listener(changes)

    def apply(self, changes: ChangeSet) -> ChangeSet:
        """Replay a change set (an undo is `apply(done.inverse())`)."""
        with self.change(changes.label) as transaction:
            for change in changes:
                transaction.replay(change)
        return transaction.changeset()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    # -- internals ------------------------------------------------------------------------

    def _read_only_text(self) -> str:
        return self.read_only_reason or "the plan is open read-only"

    def _upgrade(self) -> None:
        with self.engine.connect() as connection:
            driver = connection.connection.dbapi_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
            migrate.upgrade_to(connection)
            driver.execute("PRAGMA foreign_keys = ON")


def _vet(path: Path, version: int) -> None:
    """Look inside the file without changing a byte of it; raise PlanFileError if it is bad."""
    engine = plan_engine(path, inspect_only=True)
    try:
        with engine.connect() as connection:
            problem = _problem(connection, version)
    except (DatabaseError, sqlite3.DatabaseError) as error:
        raise PlanFileError(path, f"is damaged and cannot be read ({_reason(error)})") from None
    finally:
        engine.dispose()
    if problem:
        raise PlanFileError(path, problem)


def _problem(connection: Connection, version: int) -> str:
    verdict = connection.exec_driver_sql("PRAGMA quick_check").scalars().all()
    if verdict != ["ok"]:
        return f"is damaged: {'; '.join(verdict[:3])}"
    objects = connection.exec_driver_sql(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).all()
    names = {name for kind, name in objects if kind == "table"}
    missing = EXPECTED_TABLES - names - ({"settings"} if version < 1 else set())
    if missing:
        return f"is damaged: tables {', '.join(sorted(missing))} are missing"
    if any(kind in ("trigger", "view") for kind, _ in objects):
        return "holds triggers or views that OKR Desk never writes; it is not opened for safety"
    stamped = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if stamped != [revision_for(version)]:
        return "is damaged: its format stamps disagree"
    return ""


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip() or type(original).__name__


__all__ = ["OkrDeskError", "Plan"]
