"""A plan: one SQLite file, opened defensively, changed one transaction per operation."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from okrdesk.atomic import remove_with_companions
from okrdesk.errors import OkrDeskError, PlanFileError, ReadOnlyPlanError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage import migrate
from okrdesk.storage.changes import ChangeSet
from okrdesk.storage.engine import plan_engine
from okrdesk.storage.failures import storage_errors, storage_problem
from okrdesk.storage.lock import PlanLock
from okrdesk.storage.opening import open_plan_file
from okrdesk.storage.private_copy import PrivateCopy
from okrdesk.storage.transaction import Transaction
from okrdesk.storage.vetting import is_undecodable_text, undecodable_text_error

Listener = Callable[[ChangeSet], None]


class Plan:
    """An open plan file. Every change goes through `change()` and is reported to listeners."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: PlanLock | None,
                 read_only_reason: str = "") -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None
        self.recovery_backup_path: Path | None = None
        # Broken links and loops a hand edit left (each naming the rows); the plan opens with
        # them and the quality findings show them.
        self.problems: tuple[str, ...] = ()
        self._lock = lock
        self._copy: PrivateCopy | None = None
        self._listeners: list[Listener] = []
        self._active = threading.local()  # the change in progress on this thread, if any

    # -- opening and creating -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> Plan:
        """Open an existing plan, upgrading an older one after backing it up.

        A second opening of a plan that is already open for writing (in this or another process)
        is read-only, with `read_only_reason` saying why; so is a plan in a place that cannot be
        written. A read-only opening changes neither the file nor its folder. A plan left with
        work in its log (after a crash or a full disk) is recovered when opened for writing;
        `recovery_backup_path` then names the copy of the files as they were found. A plan
        with broken links or loops opens; `problems` names them.
        """
        path = Path(path)
        opened = open_plan_file(path, read_only=read_only)
        plan = cls(path, opened.engine, read_only=opened.read_only, lock=opened.lock,
                   read_only_reason=opened.reason)
        plan._copy = opened.copy
        plan.recovery_backup_path = opened.recovery_backup
        plan.problems = opened.problems
        try:
            if opened.version < SCHEMA_VERSION:
                if opened.copy is not None:  # a private copy: upgraded where no one sees it
                    plan._upgrade()
                elif plan.read_only:
                    raise PlanFileError(path, "needs an upgrade to a newer format, "
                                              "but it is open read-only")
                else:
                    plan.backup_path = migrate.back_up(path, opened.version)
                    plan._upgrade()
        except BaseException:
            plan.close(checkpoint=False)
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
        try:
            with storage_errors(path, "Creating the plan"), \
                    engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
                migrate.create_schema(connection)
                connection.commit()
        except BaseException:
            engine.dispose()
            remove_with_companions(temporary)
            raise
        engine.dispose()
        temporary.replace(path)  # the plan appears whole or not at all
        return cls.open(path)

    def close(self, *, checkpoint: bool = True) -> None:
        if checkpoint and not self.read_only:
            try:
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            except DBAPIError:
                pass  # a reader holds the log, or the disk refuses: it is completed later
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._copy is not None:
            self._copy.discard()
            self._copy = None

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- reading and changing --------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection with a consistent snapshot of the plan for reading."""
        with self._readable_text(), storage_errors(self.path, "Reading the plan"), \
                self.engine.connect() as connection:
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
        with self._readable_text(), storage_errors(self.path, f"'{label}'"), \
                self.engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection:
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            transaction = Transaction(connection, label)
            self._active.transaction = transaction
            try:
                yield transaction
                connection.commit()
            except BaseException as error:
                _roll_back(connection, error)
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

    @contextmanager
    def _readable_text(self) -> Iterator[None]:
        """Text that is not UTF-8 (a hand edit) has no cheap test when a plan opens; when
        reading meets it, the plan is refused with the rows named."""
        try:
            yield
        except (DBAPIError, sqlite3.Error) as error:
            if not is_undecodable_text(error):
                raise
            raise undecodable_text_error(self.engine, self.path, SCHEMA_VERSION) from None

    def _upgrade(self) -> None:
        with storage_errors(self.path, "Upgrading the plan"), \
                self.engine.connect() as connection:
            driver = connection.connection.dbapi_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
            migrate.upgrade_to(connection)
            driver.execute("PRAGMA foreign_keys = ON")


def _roll_back(connection: Connection, error: BaseException) -> None:
    """Undo the failed transaction; after a disk failure, drop the connection itself (SQLite
    may have left it unusable) so the next change starts on a fresh one."""
    with contextlib.suppress(DBAPIError):  # SQLite may have rolled back already
        connection.rollback()
    if storage_problem(error) is not None:
        connection.invalidate()


__all__ = ["OkrDeskError", "Plan"]
