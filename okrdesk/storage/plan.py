"""A plan: one SQLite file, opened defensively, changed one transaction per operation.

Opening a plan and reading its snapshot take sqlite3 alone (opening.py, `reading`); the
SQLAlchemy engine that changes go through is made when first needed, so a window shows its
plan without loading SQLAlchemy and the model (warm_up.py loads them meanwhile).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk.atomic import remove_with_companions
from okrdesk.errors import OkrDeskError, PlanFileError, ReadOnlyPlanError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage import warm_up
from okrdesk.storage.changes import ChangeSet
from okrdesk.storage.closed_cycles import refuse_changes_to_closed_cycles
from okrdesk.storage.connect import Connector, StatementClock, read_transaction
from okrdesk.storage.draft_guard import refuse_changes_outside_draft_part
from okrdesk.storage.failures import driver_error, storage_errors, storage_problem
from okrdesk.storage.first_read import FirstRead
from okrdesk.storage.history import record_history
from okrdesk.storage.lock import PlanLock
from okrdesk.storage.opening import open_plan_file
from okrdesk.storage.private_copy import PrivateCopy
from okrdesk.storage.vetting import is_undecodable_text, undecodable_text_problem

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from okrdesk.storage.transaction import Transaction

Listener = Callable[[ChangeSet], None]


class Plan:
    """An open plan file. Every change goes through `change()` and is reported to listeners."""

    def __init__(self, path: Path, connector: Connector, *, read_only: bool,
                 lock: PlanLock | None, read_only_reason: str = "") -> None:
        self.path = path
        self.connector = connector
        self._engine: Engine | None = None
        self._reader: tuple[sqlite3.Connection, StatementClock] | None = None
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None
        self.recovery_backup_path: Path | None = None
        # Broken links and loops a hand edit left (each naming the rows); the plan opens with
        # them and the quality findings show them.
        self.problems: tuple[str, ...] = ()
        # What Plan.open's `first_read` gave when it read the plan while vetting it, else None.
        self.first_reading: object | None = None
        self._lock = lock
        self._copy: PrivateCopy | None = None
        self._listeners: list[Listener] = []
        self._active = threading.local()  # the change in progress on this thread, if any

    # -- opening and creating -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False,
             first_read: FirstRead | None = None) -> Plan:
        """Open an existing plan, upgrading an older one after backing it up.

        A second opening of a plan that is already open for writing (in this or another process)
        is read-only, with `read_only_reason` saying why; so is a plan in a place that cannot be
        written. A read-only opening changes neither the file nor its folder. A plan left with
        work in its log (after a crash or a full disk) is recovered when opened for writing;
        `recovery_backup_path` then names the copy of the files as they were found. A plan
        with broken links or loops opens; `problems` names them. `first_read` (a snapshot's
        load) may read a large plan while it is vetted: see `first_reading`.
        """
        path = Path(path)
        opened = open_plan_file(path, read_only=read_only, first_read=first_read)
        plan = cls(path, opened.connector, read_only=opened.read_only, lock=opened.lock,
                   read_only_reason=opened.reason)
        plan._copy = opened.copy
        plan.recovery_backup_path = opened.recovery_backup
        plan.problems = opened.problems
        plan.first_reading = opened.first_reading
        try:
            if opened.version < SCHEMA_VERSION:
                if opened.copy is not None:  # a private copy: upgraded where no one sees it
                    plan._upgrade()
                elif plan.read_only:
                    raise PlanFileError(path, "needs an upgrade to a newer format, "
                                              "but it is open read-only")
                else:
                    from okrdesk.storage import migrate

                    plan.backup_path = migrate.back_up(path, opened.version)
                    plan._upgrade()
        except BaseException:
            plan.close(checkpoint=False)
            raise
        return plan

    @classmethod
    def create(cls, path: Path | str, *, overwrite: bool = False) -> Plan:
        """Create an empty plan (no levels or people yet) at `path`."""
        from okrdesk.storage import migrate
        from okrdesk.storage.engine import plan_engine

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
        reader = self._reader[0] if self._reader is not None else None
        self._reader = None
        if checkpoint and not self.read_only:
            self._checkpoint(reader)
        if reader is not None:
            reader.close()
        if self._engine is not None:
            self._engine.dispose()
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

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy loaded) when first asked for."""
        if self._engine is None:
            warm_up.wait()  # never two threads importing SQLAlchemy at once
            from okrdesk.storage.engine import connector_engine

            self._engine = connector_engine(self.connector)
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A sqlite3 connection with a consistent snapshot of the plan for reading (one
        transaction), without SQLAlchemy: what a snapshot loads from."""
        with self._readable_text(), storage_errors(self.path, "Reading the plan"):
            if self._reader is None:
                self._reader = self.connector.open()  # kept for the plan's next readings
            connection, clock = self._reader
            if not connection.in_transaction:
                yield from read_transaction(connection, clock)
                return
            connection, clock = self.connector.open()  # a reading inside a reading
            try:
                yield from read_transaction(connection, clock)
            finally:
                connection.close()

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
    def change(self, label: str, *, history_label: str | None = None) -> Iterator[Transaction]:
        """One operation: all its writes commit together or not at all, then listeners hear.

        Changes opened inside another (several operations as one gesture) join its transaction:
        the outermost commits them together and listeners hear one change set. The outermost
        also writes the change set's history entry (labelled `history_label` if given).
        """
        if self.read_only:
            raise ReadOnlyPlanError(f"'{label}' is not possible: {self._read_only_text()}")
        from okrdesk.storage.transaction import Transaction

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
                refuse_changes_to_closed_cycles(transaction)
                refuse_changes_outside_draft_part(transaction)
                record_history(transaction, history_label  # last before the commit
                               or getattr(self._active, "history_label", None))
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

    def apply(self, changes: ChangeSet, *, history_label: str | None = None) -> ChangeSet:
        """Replay a change set (an undo is `apply(done.inverse())`); `history_label` names
        it in the history ("Undo …"), else its own label does."""
        with self.change(changes.label, history_label=history_label) as transaction:
            for change in changes:
                transaction.replay(change)
        return transaction.changeset()

    @contextmanager
    def labelled(self, label: str) -> Iterator[None]:
        """Changes made inside are named `label` in the history (the app's name for a step,
        which may differ from the operation's own)."""
        self._active.history_label = label
        try:
            yield
        finally:
            self._active.history_label = None

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
        except Exception as error:
            if not (isinstance(driver_error(error), sqlite3.Error)
                    and is_undecodable_text(error)):
                raise
            connection, _clock = self.connector.open()
            try:
                problem = undecodable_text_problem(connection, self.path, SCHEMA_VERSION)
            finally:
                connection.close()
            raise problem from None

    def _checkpoint(self, reader: sqlite3.Connection | None) -> None:
        """Move the log's work into the plan file; if a reader holds the log or the disk
        refuses, that is completed later."""
        if self._engine is not None:
            from sqlalchemy.exc import DBAPIError

            with contextlib.suppress(DBAPIError), self._engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        with contextlib.suppress(sqlite3.Error):
            plain = reader or self.connector.open()[0]
            try:
                plain.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                if plain is not reader:
                    plain.close()

    def _upgrade(self) -> None:
        from okrdesk.storage import migrate

        with storage_errors(self.path, "Upgrading the plan"), \
                self.engine.connect() as connection:
            driver = connection.connection.dbapi_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
            migrate.upgrade_to(connection)
            driver.execute("PRAGMA foreign_keys = ON")
            # The new format number is in the file's header only once the log is moved into
            # it: killed before that, the header (read before SQLite opens the file) would say
            # the old format over the new tables, and the plan would be refused as damaged.
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _roll_back(connection: Connection, error: BaseException) -> None:
    """Undo the failed transaction; after a disk failure, drop the connection itself (SQLite
    may have left it unusable) so the next change starts on a fresh one."""
    from sqlalchemy.exc import DBAPIError

    with contextlib.suppress(DBAPIError):  # SQLite may have rolled back already
        connection.rollback()
    if storage_problem(error) is not None:
        connection.invalidate()


__all__ = ["OkrDeskError", "Plan"]
