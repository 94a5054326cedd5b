"""The open plan as the window sees it: plan file, snapshot, undo stack and selection.

Every change runs through `PlanDocument.run`, which pushes one undo step. Undo commands change
only the plan; the snapshot and every view follow from the single `changed` signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from okrdesk.analytics import LiveAnalytics
from okrdesk.errors import OkrDeskError
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan

Operation = Callable[[], ChangeSet]


class PlanDocument(QObject):
    """Owns one open plan. Views take it in their constructor and listen to its signals."""

    changed = Signal(object)  # ChangeSet, after the snapshot is current
    refused = Signal(str)  # a planner-readable reason an operation was not done
    selection_changed = Signal(str, str)  # (table, id); ("", "") when nothing is selected
    cycle_changed = Signal(str)  # cycle id

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        with plan.read() as connection:
            self.snapshot = Snapshot.load(connection)
        self.analytics = LiveAnalytics(self.snapshot)  # health figures, kept current per change
        self.undo_stack = QUndoStack(self)
        self.selected: tuple[str, str] = ("", "")
        self.cycle_id = _default_cycle(self.snapshot)
        plan.subscribe(self._plan_did_change)

    @property
    def read_only(self) -> bool:
        return self.plan.read_only

    def run(self, label: str, operation: Operation) -> ChangeSet | None:
        """Do an operation as one undo step; a refusal is reported, and changes nothing."""
        command = OperationCommand(self, label, operation)
        try:
            command.redo()
        except OkrDeskError as error:
            self.refused.emit(str(error))
            return None
        command.done = True
        if command.changes:
            self.undo_stack.push(command)  # push calls redo(); `done` makes the first a no-op
        return command.changes

    def select(self, table: str, row_id: str) -> None:
        if (table, row_id) != self.selected:
            self.selected = (table, row_id)
            self.selection_changed.emit(table, row_id)

    def set_cycle(self, cycle_id: str) -> None:
        if cycle_id != self.cycle_id:
            self.cycle_id = cycle_id
            self.cycle_changed.emit(cycle_id)

    def close(self) -> None:
        self.plan.unsubscribe(self._plan_did_change)
        self.plan.close()

    def _plan_did_change(self, changes: ChangeSet) -> None:
        self.snapshot.apply(changes)
        self.analytics.apply(changes)  # after the snapshot: it reads the new rows
        self.changed.emit(changes)


class OperationCommand(QUndoCommand):
    """One gesture: the first redo runs the operation, later ones replay its change set."""

    def __init__(self, document: PlanDocument, label: str, operation: Operation) -> None:
        super().__init__(label)
        self.document = document
        self.operation = operation
        self.changes: ChangeSet | None = None
        self.done = False

    def redo(self) -> None:
        if self.done:  # QUndoStack.push calls redo on work already done
            self.done = False
            return
        if self.changes is None:
            self.changes = self.operation()
            return
        try:
            self.document.plan.apply(self.changes)
        except OkrDeskError as error:
            self.document.refused.emit(str(error))

    def undo(self) -> None:
        if self.changes is not None:
            try:
                self.document.plan.apply(self.changes.inverse())
            except OkrDeskError as error:
                self.document.refused.emit(str(error))


def _default_cycle(snapshot: Snapshot) -> str:
    years = sorted((c for c in snapshot.cycles.values() if c.kind == "year"), key=lambda c: c.name)
    cycles = years or sorted(snapshot.cycles.values(), key=lambda c: c.name)
    return cycles[0].id if cycles else ""
