"""File > Export scorecards…: a cycle's scorecards or 16:9 slides as one PDF.

The dialog chooses the cycle, pages or slides, a card per objective or per owner, the paper
and the file; the PDF is written off the GUI thread (okrdesk.scorecards) with a progress
dialog whose Cancel stops it between two cards, and a failure is shown in a message box.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from okrdesk.rulebook import ordered_cycles
from okrdesk.scorecards import ScorecardRequest, write_scorecards
from okrdesk.scorecards.request import PAPERS

from ..document import PlanDocument
from ..translation import tr
from ..workers import Job


@dataclass(frozen=True)
class ScorecardChoice:
    path: Path
    request: ScorecardRequest


class ExportScorecardsDialog(QDialog):
    started = Signal(object)  # the ScorecardExport begun by Export

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export scorecards"))
        self.setObjectName("exportScorecardsDialog")
        snapshot = document.snapshot
        self.cycle = _choices([(c.name, c.id) for c in ordered_cycles(snapshot)], self)
        self.cycle.setCurrentIndex(max(self.cycle.findData(document.cycle_id), 0))
        self.cycle.setAccessibleName(self.tr("Cycle"))
        self.slides = QCheckBox(self.tr("16:9 slides for a room (no text under 18 pt)"), self)
        self.by_owner = QCheckBox(self.tr("One card per owner"), self)
        self.paper = _choices([(name, name) for name in PAPERS], self)
        self.paper.setAccessibleName(self.tr("Paper"))
        name = snapshot.setting("plan_name", "") or document.plan.path.stem
        suggestion = document.plan.path.with_name(
            self.tr("{plan} scorecards.pdf").format(plan=name))
        self.path = QLineEdit(str(suggestion), self)
        self.path.setAccessibleName(self.tr("File"))
        # Room for a folder and the file's name, not the name's last letters alone.
        self.path.setMinimumWidth(self.path.fontMetrics().averageCharWidth() * 56)
        browse = QPushButton(self.tr("Choose…"), self)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.export_button.setText(self.tr("Export"))
        form = QFormLayout(self)
        form.addRow(self.tr("Cycle"), self.cycle)
        form.addRow("", self.slides)
        form.addRow("", self.by_owner)
        form.addRow(self.tr("Paper (landscape)"), self.paper)
        form.addRow(self.tr("File"), where)
        form.addRow(buttons)
        browse.clicked.connect(self._browse)
        self.slides.toggled.connect(lambda on: self.paper.setEnabled(not on))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def choice(self) -> ScorecardChoice:
        path = Path(self.path.text().strip()).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        request = ScorecardRequest(cycle=str(self.cycle.currentData()),
                                   by_owner=self.by_owner.isChecked(),
                                   slides=self.slides.isChecked(),
                                   paper=str(self.paper.currentData()))
        return ScorecardChoice(path, request)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export scorecards to"),
                                              self.path.text(), self.tr("PDF files (*.pdf)"))
        if name:
            self.path.setText(name)


def _choices(choices: list[tuple[str, str]], parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for text, value in choices:
        box.addItem(text, value)
    return box


class _ProgressRelay(QObject):
    """Carries the writer's progress from its thread to the GUI thread."""

    advanced = Signal(int, int)


class ScorecardExport(QObject):
    """One export under way: the job, its progress dialog, and what it reports."""

    finished = Signal(object)  # once: the path written, or None when it failed or was cancelled
    cancelled = Signal()  # Cancel (or Esc, or closing the progress): no file is written

    def __init__(self, plan_path: Path, choice: ScorecardChoice, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.choice = choice
        self.relay = _ProgressRelay(self)
        self.progress = QProgressDialog(tr("Writing the scorecards…"), tr("Cancel"), 0, 0,
                                        parent)
        self.progress.setObjectName("scorecardProgress")
        self.progress.setWindowTitle(tr("Export scorecards"))
        self.progress.setMinimumDuration(300)
        # As wide as "card 2,999 of 3,000", so the window does not widen as the count grows.
        self.progress.setMinimumWidth(self.progress.fontMetrics().averageCharWidth() * 52)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        relay = self.relay

        def work(cancel: threading.Event) -> Path:
            result = write_scorecards(plan_path, choice.request, choice.path,
                                      progress=relay.advanced.emit, cancel=cancel)
            return result.path

        self.job = Job.stoppable(work, self)
        self.over = False
        self.relay.advanced.connect(self._advanced)
        self.job.succeeded.connect(self._succeeded)
        self.job.failed.connect(self._failed)
        self.progress.canceled.connect(self.cancel)
        self.progress.rejected.connect(self.cancel)  # Esc: the dialog's own reject, too

    def start(self) -> None:
        self.job.start()

    def cancel(self) -> None:
        """Stop the writing; the writer stops at its next card, or before it puts the file in
        place when it was writing it out, and leaves nothing behind."""
        if self.over:
            return
        self.job.cancel()
        self.cancelled.emit()
        self._end(None)

    def _end(self, path: Path | None) -> None:
        """Close the progress and report, once; closing a progress dialog emits its
        `canceled`, which must not cancel an export that is over."""
        self.over = True
        self.progress.canceled.disconnect(self.cancel)
        self.progress.rejected.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.finished.emit(path)

    def _advanced(self, done: int, total: int) -> None:
        if self.over:  # a card the writer finished before it saw the cancel
            return
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(tr("Writing the scorecards: card {done} of {total}…")
                                   .format(done=done, total=total))

    def _succeeded(self, path: object) -> None:
        self._end(path if isinstance(path, Path) else None)

    def _failed(self, message: str) -> None:
        self._end(None)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("The scorecards cannot be written"),
                          message, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def export_scorecards(document: PlanDocument, parent: QMainWindow) -> ExportScorecardsDialog:
    """Open the dialog; Export starts the writing, and the dialog's `started` signal gives the
    export under way (its `finished` signal the path written, or None)."""
    dialog = ExportScorecardsDialog(document, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def start() -> None:
        export = ScorecardExport(document.plan.path, dialog.choice(), parent)
        export.finished.connect(lambda path: _done(parent, path))
        export.cancelled.connect(lambda: parent.statusBar().showMessage(
            tr("The scorecards were cancelled; no file was written."), 10000))
        dialog.started.emit(export)
        export.start()

    dialog.accepted.connect(start)
    dialog.open()
    return dialog


def _done(window: QMainWindow, path: object) -> None:
    if isinstance(path, Path):
        window.statusBar().showMessage(
            tr("Exported scorecards to {name}.").format(name=path.name), 10000)
