"""File > Merge a draft…: choose a draft file, work out the review off the GUI thread, show it
in the merge review window, and merge the accepted review through the plan's undo stack as one
step. A file that cannot be merged (not a draft, a draft of another plan, one changed outside
its part) is refused with the reason, and the plan is left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from okrdesk import ops
from okrdesk.storage import Plan

from .. import files
from ..commands import Commands
from ..document import PlanDocument
from ..translation import tr
from ..workers import Job
from .model import Choice
from .reviewed import Reviewed, review_files

if TYPE_CHECKING:
    from .window import MergeReviewWindow

MERGE_KEY = "Ctrl+Alt+G"  # G for "bring back": M, D and R are taken


class MergeCommands(QObject):
    """Registers file.merge_draft in `commands` and adds it to the File menu; `document` is
    the plan open in `window` now (None: none)."""

    def __init__(self, window: QMainWindow, commands: Commands,
                 document: Callable[[], PlanDocument | None], file_menu: QMenu | None) -> None:
        super().__init__(window)
        self.window = window
        self._document = document
        self.job: Job | None = None
        self.dialog: MergeReviewWindow | None = None
        self.message: QMessageBox | None = None
        self.action = commands.add(
            "file.merge_draft", tr("&Merge a draft…"), self.ask,
            shortcut=QKeySequence(MERGE_KEY),
            tip=tr("Bring a draft taken out of this plan back: review every change and "
                   "conflict, then merge it as one step"),
            applies=self._writable)
        if file_menu is not None:
            file_menu.addAction(self.action)

    def _writable(self) -> bool:
        document = self._document()
        return document is not None and not document.read_only

    def ask(self) -> Job | None:
        document = self._document()
        if document is None:
            return None
        name, _ = QFileDialog.getOpenFileName(self.window, tr("Merge a draft"),
                                              str(document.plan.path.parent),
                                              files.plan_filter())
        return self.review(Path(name)) if name else None

    def review(self, draft_path: Path) -> Job | None:
        """Work the review out off the GUI thread; the window (or the refusal) follows."""
        document = self._document()
        if document is None:
            return None
        plan_path = document.plan.path
        job = self.job = Job(lambda: review_files(plan_path, draft_path), self)
        job.succeeded.connect(lambda reviewed: self._reviewed(reviewed, draft_path))
        job.failed.connect(self._refused)
        self.window.statusBar().showMessage(tr("Reading the draft {name}…")
                                            .format(name=draft_path.name))
        job.start()
        return job

    def _reviewed(self, reviewed: object, draft_path: Path) -> None:
        assert isinstance(reviewed, Reviewed)
        self.job = None
        self.window.statusBar().clearMessage()
        document = self._document()
        if document is None:
            return
        review = reviewed.review
        if not review.incoming and not review.conflicts:
            self._tell(QMessageBox.Icon.Information, tr("Nothing to merge"),
                       tr("The plan already holds everything in {name}.")
                       .format(name=draft_path.name), "nothingToMergeBox")
            return
        from .window import MergeReviewWindow  # the window's modules load on first use

        plan_path = document.plan.path

        def again(choices: dict[str, Choice]) -> Job:
            job = Job(lambda: review_files(plan_path, draft_path, choices, with_draft=False),
                      self)
            job.start()
            return job

        dialog = self.dialog = MergeReviewWindow(
            self.window, review, document.snapshot, reviewed.draft,
            lambda choices: self.merge(draft_path, review.part_name, choices), again,
            reviewed.authors)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        self.dialog = None

    def merge(self, draft_path: Path, part: str, choices: dict[str, Choice]) -> str | None:
        """Merge through the undo stack as one step; the reason if the plan refused."""
        document = self._document()
        if document is None:
            return tr("No plan is open.")
        label = tr("Merge draft of {part}").format(part=part) if part else tr("Merge draft")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # 500 changes: ~1 s
        try:
            with Plan.open(draft_path, read_only=True) as draft:
                changes, reason = document.attempt(
                    label, lambda: ops.merge_draft(document.plan, draft, choices))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if changes is None:
            return reason or tr("The merge changed nothing.")
        self.window.statusBar().showMessage(
            tr("Merged {name}: {rows} rows changed. Edit > Undo takes the whole merge back.")
            .format(name=draft_path.name, rows=len(changes.rows)), 15000)
        return None

    def _refused(self, message: str) -> None:
        self.job = None
        self.window.statusBar().clearMessage()
        self._tell(QMessageBox.Icon.Warning, tr("This draft cannot be merged"),
                   tr("{reason}\n\nThe plan is unchanged.").format(reason=message.strip()),
                   "mergeRefusedBox")

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, name: str) -> None:
        box = self.message = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok,
                                         self.window)
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "message", None))
        box.open()
