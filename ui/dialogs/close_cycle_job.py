"""Closing a big cycle off the GUI thread. The plan's change (scores checked, thousands of rows
written, one commit) runs in a worker; what the window does with it happens back on the GUI
thread, as for any other change: the snapshot and the views follow, and the closing is pushed
as one undo step. Meanwhile the plan's news is held back, so that nothing of the window is
touched from the worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from okrdesk.errors import OkrDeskError
from okrdesk.storage import ChangeSet

from ..document import Operation, OperationCommand, PlanDocument
from ..translation import tr
from ..workers import Job


class BackgroundStep(QObject):
    """One operation as one undo step, done in a worker thread. `finished(reason)` comes once,
    in the GUI thread: "" if it was done, else why not (as `PlanDocument.attempt` says it)."""

    finished = Signal(str)

    def __init__(self, document: PlanDocument, label: str, operation: Operation,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.label = label
        self.command = OperationCommand(document, label, operation)
        self._heard: list[ChangeSet] = []
        self._hear = self._heard.append
        self.job = Job(self._work, self)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(self._failed)

    def start(self) -> None:
        plan = self.document.plan
        plan.unsubscribe(self.document._plan_did_change)  # heard later, in this thread
        plan.subscribe(self._hear)
        self.job.start()

    def _work(self) -> ChangeSet | OkrDeskError | None:
        try:
            self.command.redo()  # the operation's first run: its writes and its commit
        except OkrDeskError as error:  # reported in the GUI thread, as the document does
            return error
        return self.command.changes

    def _listen_again(self) -> None:
        plan = self.document.plan
        plan.unsubscribe(self._hear)
        plan.subscribe(self.document._plan_did_change)
        for changes in self._heard:
            self.document._plan_did_change(changes)

    def _done(self, outcome: object) -> None:
        self._listen_again()
        if isinstance(outcome, OkrDeskError):
            reasons: list[str] = []
            self.document.refused.connect(reasons.append)
            try:
                self.document.report(self.label, outcome)
            finally:
                self.document.refused.disconnect(reasons.append)
            self.finished.emit(reasons[-1] if reasons else str(outcome))
            return
        if not outcome:
            self.finished.emit(tr("{label} changed nothing.").format(label=self.label))
            return
        self.command.done = True
        self.document.undo_stack.push(self.command)  # push calls redo(): `done` skips it
        self.finished.emit("")

    def _failed(self, message: str) -> None:
        self._listen_again()
        self.finished.emit(message)
