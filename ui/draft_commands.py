"""File > Take out a draft…: the command, the dialog, the writing off the GUI thread, and the
offer to open the draft when it is written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from okrdesk.drafts.take_out import take_out_draft
from okrdesk.storage import Plan

from .dialogs.take_out_draft import DraftChoice, TakeOutDraftDialog
from .panels.plan_window import PlanWindow
from .translation import tr
from .workers import Job

TAKE_OUT_KEY = "Ctrl+Alt+D"


class DraftCommands(QObject):
    """Registers file.take_out_draft in `window.commands` and puts it in the File menu after
    Save As."""

    written = Signal(object)  # the draft's Path, once it is in place

    def __init__(self, window: PlanWindow, file_menu: QMenu | None) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: TakeOutDraftDialog | None = None
        self.job: Job | None = None
        self.offer: QMessageBox | None = None
        self.action = window.commands.add(
            "file.take_out_draft", self.tr("Take out a &draft…"), self.ask,
            shortcut=QKeySequence(TAKE_OUT_KEY),
            tip=self.tr("Write one person's or team's part of the plan to a file of its own, "
                        "to work on apart and merge back later"),
            applies=lambda: window.document is not None)
        if file_menu is not None:
            actions = file_menu.actions()
            after = window.commands.action("file.save_as") if "file.save_as" in \
                window.commands else None
            place = actions.index(after) + 1 if after in actions else len(actions)
            if place < len(actions):
                file_menu.insertAction(actions[place], self.action)
            else:
                file_menu.addAction(self.action)

    def ask(self) -> TakeOutDraftDialog | None:
        document = self.window.document
        if document is None:
            return None
        dialog = self.dialog = TakeOutDraftDialog(document, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.take_out(dialog.choice()))
        dialog.open()
        return dialog

    def take_out(self, choice: DraftChoice) -> Job | None:
        """Write the draft off the GUI thread, from the plan as last saved (every change is)."""
        document = self.window.document
        if document is None:
            return None
        if choice.path.exists() and not self._may_replace(choice.path):
            return None
        plan_path = document.plan.path

        def work() -> Path:
            with Plan.open(plan_path, read_only=True) as plan:
                return take_out_draft(plan, choice.unit_id, choice.cycle_id, choice.path,
                                      overwrite=True)

        job = self.job = Job(work, self)
        job.succeeded.connect(self._written)
        job.failed.connect(self._failed)
        self.window.statusBar().showMessage(tr("Taking out the draft…"))
        job.start()
        return job

    def _failed(self, message: str) -> None:
        self.window.statusBar().clearMessage()
        box = QMessageBox(QMessageBox.Icon.Warning, tr("The draft cannot be taken out"),
                          message, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _may_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window, tr("Replace the file?"),
            tr("{name} already exists. Replace it with the draft?").format(name=path.name))
        return answer == QMessageBox.StandardButton.Yes

    def _written(self, path: object) -> None:
        assert isinstance(path, Path)
        self.window.statusBar().showMessage(
            tr("The draft is written to {name}.").format(name=path.name), 10000)
        self.written.emit(path)
        offer = self.offer = QMessageBox(
            QMessageBox.Icon.Question, tr("Draft taken out"),
            tr("The draft is written to {path}. Open it now? The plan closes in this window; "
               "it opens again from File > Open Recent.").format(path=path),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, self.window)
        offer.setObjectName("draftWrittenBox")
        offer.setDefaultButton(QMessageBox.StandardButton.Open)
        offer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        offer.finished.connect(lambda result: self._answered(result, path))
        offer.open()

    def _answered(self, result: int, path: Path) -> None:
        self.offer = None
        if result == QMessageBox.StandardButton.Open:
            self.window.open_path(path)
