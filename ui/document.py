"""The open plan as the window sees it: plan file, snapshot, undo stack and selection.

Every change runs through `PlanDocument.run`, which pushes one undo step. Undo commands change
only the plan; the snapshot and every view follow from the single `changed` signal.

A step the plan refuses (an operation, an undo or a redo that no longer fits, a disk that is full)
changes nothing: it is not put on the undo stack, the stack's position does not move, and the
reason is reported through `refused` (and `storage_failed` for the disk).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from okrdesk.analytics import LiveAnalytics
from okrdesk.analytics.live_rhythm import LiveRhythm
from okrdesk.errors import OkrDeskError, StorageError
from okrdesk.rulebook import default_cycle
from okrdesk.snapshot import Snapshot
from okrdesk.storage import ChangeSet, Plan

from .new_day import DayWatch

Operation = Callable[[], ChangeSet]

log = logging.getLogger(__name__)


class PlanDocument(QObject):
    """Owns one open plan. Views take it in their constructor and listen to its signals."""

    changed = Signal(object)  # ChangeSet, after the snapshot is current
    refused = Signal(str)  # a planner-readable reason an operation was not done
    storage_failed = Signal(str)  # the disk refused a write; says that nothing was lost
    selection_changed = Signal(str, str)  # (table, id); ("", "") when nothing is selected
    cycle_changed = Signal(str)  # cycle id
    day_changed = Signal(object)  # the new date, while the plan is open (views show it anew)

    def __init__(self, plan: Plan, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        first, plan.first_reading = plan.first_reading, None  # read while it was vetted
        if isinstance(first, Snapshot):
            self.snapshot = first
        else:
            with plan.reading() as connection:  # sqlite3 alone: SQLAlchemy loads later
                self.snapshot = Snapshot.load(connection)
        # Health figures, kept current per change; the alignment index is built when first read
        # (the health panel reads it once the window is drawn).
        self.analytics = LiveAnalytics(self.snapshot, index_later=True)
        self.rhythm = LiveRhythm(plan, self.snapshot)  # stale key results, read when asked
        self.day_watch = DayWatch(self)  # the rhythm follows the date at midnight
        self.day_watch.day_began.connect(self.day_changed)
        self.undo_stack = QUndoStack(self)
        self.selected: tuple[str, str] = ("", "")
        self.cycle_id = _default_cycle(self.snapshot)
        self._halted_at: int | None = None  # where a refused undo or redo keeps the stack
        self._repairing = False
        self.undo_stack.indexChanged.connect(self._stack_moved)
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
            self.report(label, error)
            return None
        command.done = True
        if command.changes:
            self.undo_stack.push(command)  # push calls redo(); `done` makes the first a no-op
        return command.changes

    def attempt(self, label: str, operation: Operation) -> tuple[ChangeSet | None, str | None]:
        """`run`, for a caller that shows the refusal itself (a dialog that stays open): the
        changes, or None and the reason the plan gave."""
        reasons: list[str] = []
        self.refused.connect(reasons.append)
        try:
            changes = self.run(label, operation)
        finally:
            self.refused.disconnect(reasons.append)
        return changes, (reasons[-1] if changes is None and reasons else None)

    def report(self, label: str, error: OkrDeskError, *, name_step: bool = False) -> None:
        """Tell the planner why a step was not done; a disk failure also says nothing was lost.

        `name_step` puts the step's name first (an undo or redo, whose reason alone would not
        say which step it was)."""
        if isinstance(error, StorageError):
            log.warning("%s: not saved: %s", label, error)
            text = self.tr("“{step}” could not be saved: {reason}. Nothing was lost: the plan "
                           "file holds every change made before it.").format(
                step=label, reason=str(error).rstrip("."))
            self.refused.emit(text)
            self.storage_failed.emit(text)
        else:
            log.info("%s: refused: %s", label, error)
            self.refused.emit(self.tr("{step} was not done: {reason}").format(
                step=label, reason=error) if name_step else str(error))

    def replay(self, command: OperationCommand, changes: ChangeSet, *, undoing: bool) -> None:
        """Apply an undo or redo for the stack; if it is refused the stack stays where it was."""
        if self._halted_at is not None:  # the rest of a multi-step move after a refusal
            return
        step = self.tr("Undo {step}") if undoing else self.tr("Redo {step}")
        try:
            self.plan.apply(changes, history_label=step.format(step=command.text()))
        except Exception as error:
            position = self._position(command)
            self._halted_at = position + 1 if undoing else position
            if not isinstance(error, OkrDeskError):
                raise  # logged and shown by the crash handler; the stack is repaired all the same
            self.report(step.format(step=command.text()), error, name_step=True)

    def _position(self, command: OperationCommand) -> int:
        stack = self.undo_stack
        return next((i for i in range(stack.count()) if stack.command(i) is command),
                    stack.index())

    def _stack_moved(self, _index: int) -> None:
        """After a refused step, put the stack back where the plan is (commands do nothing)."""
        if self._halted_at is None or self._repairing:
            return
        self._repairing = True
        try:
            self.undo_stack.setIndex(self._halted_at)
        finally:
            self._halted_at = None
            self._repairing = False

    def select(self, table: str, row_id: str) -> None:
        if (table, row_id) != self.selected:
            self.selected = (table, row_id)
            self.selection_changed.emit(table, row_id)

    def set_cycle(self, cycle_id: str) -> None:
        if cycle_id != self.cycle_id:
            self.cycle_id = cycle_id
            self.cycle_changed.emit(cycle_id)

    def close(self) -> None:
        self.day_watch.timer.stop()
        self.plan.unsubscribe(self._plan_did_change)
        self.plan.close()

    def _plan_did_change(self, changes: ChangeSet) -> None:
        self.snapshot.apply(changes)
        self.analytics.apply(changes)  # after the snapshot: it reads the new rows
        self.rhythm.apply(changes)
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
            with self.document.plan.labelled(self.text()):  # the history names it as we do
                self.changes = self.operation()
            return
        self.document.replay(self, self.changes, undoing=False)

    def undo(self) -> None:
        if self.changes is not None:
            self.document.replay(self, self.changes.inverse(), undoing=True)


def _default_cycle(snapshot: Snapshot) -> str:
    """The rulebook's default cycle ("" for a plan with no cycles)."""
    cycle = default_cycle(snapshot)
    return cycle.id if cycle is not None else ""
