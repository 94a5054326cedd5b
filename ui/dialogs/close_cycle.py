"""Closing a cycle: every objective of the cycle with its key results, each with a final score
pre-filled from the closing proposal and a note (needed where the score differs from the
proposal), and three reflection notes per objective. OK closes the cycle as one undo step; when
the plan refuses, its reason is shown and the dialog stays open with what was typed.

A quarter may hold thousands of objectives: the list builds widgets only near the view
(close_cycle_list.py) and what is typed is kept in entries (close_cycle_entries.py), so Tab and
Enter are worked out here, in reading order, rather than from the order widgets were made."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.analytics.closing import ClosingProposal, closing_proposal
from okrdesk.ops import FinalScore, Reflection
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..translation import tr
from .close_cycle_blocks import ObjectiveBlock
from .close_cycle_entries import all_reflections, all_scores, entries_of
from .close_cycle_job import BackgroundStep
from .close_cycle_list import ClosingList
from .running import run_for_reason
from .widgets import counted, named, problem_label

IN_BACKGROUND_FROM = 1500  # scores; closing fewer takes well under half a second


class CloseCycleDialog(QDialog):
    closed = Signal(str)  # the cycle's id, once it is closed

    def __init__(self, document: PlanDocument, cycle_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeCycleDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = document
        self.cycle_id = cycle_id
        self.proposal: ClosingProposal = closing_proposal(document.snapshot, cycle_id)
        name = self.proposal.cycle_name
        self.setWindowTitle(tr("Close {cycle}").format(cycle=name))
        self.heading = QLabel(self._heading(), self)
        self.heading.setObjectName("closeCycleHeading")
        self.heading.setWordWrap(True)
        self.filter = named(QLineEdit(self), "closeCycleFilter", tr("Find an objective"))
        self.filter.setPlaceholderText(tr("Find an objective or owner"))
        self.filter.setClearButtonEnabled(True)
        self.owner = named(QComboBox(self), "closeCycleOwner", tr("Owner shown"))
        self.owner.addItem(tr("Every owner"), "")
        for owner in sorted({o.owner for o in self.proposal.objectives if o.owner},
                            key=str.casefold):
            self.owner.addItem(owner, owner)
        self.shown = QLabel(self)
        self.shown.setObjectName("closeCycleShown")
        self.entries = entries_of(self.proposal, document.snapshot)
        self.list_area = ClosingList(self.entries, self)
        self.problem = problem_label(self, "closeCycleProblem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Close {cycle}").format(cycle=name))
        self.ok.setObjectName("closeCycleOk")
        self.ok.setEnabled(not document.read_only)
        self.busy_text = QLabel(self)
        self.busy_text.setObjectName("closeCycleBusy")
        self.busy = QProgressBar(self)  # a big cycle closes in a worker thread meanwhile
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.step: BackgroundStep | None = None
        self._show_busy(False)
        self._lay_out()
        self.filter.textChanged.connect(lambda _text: self.apply_filter())
        self.owner.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.buttons.accepted.connect(self.close_cycle)
        self.buttons.rejected.connect(self.reject)
        self.apply_filter()
        room = parent.window().size() if parent is not None else QSize(1000, 720)
        self.resize(min(980, room.width() - 40), min(680, room.height() - 80))
        app = QApplication.instance()
        if isinstance(app, QApplication):  # the list follows the keyboard, however it moves
            app.focusChanged.connect(self._follow_focus)

    def _heading(self) -> str:
        objectives = len(self.proposal.objectives)
        key_results = sum(len(o.key_results) for o in self.proposal.objectives)
        return tr("Score {objectives} and {key_results} of {cycle} from 0.0 to 1.0. Each score "
                  "starts at the proposal from its progress; a score that differs from it needs "
                  "a note. Closed, the cycle is read-only until it is reopened.").format(
            objectives=counted(objectives, tr("objective"), tr("objectives")),
            key_results=counted(key_results, tr("key result"), tr("key results")),
            cycle=self.proposal.cycle_name)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 2)
        filters.addWidget(self.owner, 1)
        filters.addWidget(self.shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(self.list_area, 1)
        layout.addWidget(self.problem)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_text)
        bottom.addWidget(self.busy)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)

    @property
    def blocks(self) -> list[ObjectiveBlock]:
        """The objectives' blocks built now: those near the view."""
        return self.list_area.blocks()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab in reading order: the filters, every field of the list, the buttons."""
        target = self._tab_target(self.focusWidget(), next)
        if target is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def _tab_target(self, current: QWidget | None, forward: bool) -> QWidget | None:
        if current is None:
            return None
        if self.list_area.index_of(current) is not None:
            inside = self.list_area.next_field(current, forward)
            if inside is not None:
                return inside
            return self._next_outside(self.owner, forward) if forward else self.owner
        outside = self._outside()
        at = next((i for i, w in enumerate(outside) if w is current or w.isAncestorOf(current)),
                  None)
        if at is None:
            return None
        neighbour = outside[(at + (1 if forward else -1)) % len(outside)]
        entering = (current is self.owner) if forward else (neighbour is self.owner)
        if entering:
            return self.list_area.end_field(first=forward) or neighbour
        return neighbour

    def _next_outside(self, widget: QWidget, forward: bool) -> QWidget:
        outside = self._outside()
        return outside[(outside.index(widget) + (1 if forward else -1)) % len(outside)]

    def _outside(self) -> list[QWidget]:
        """The dialog's fields around the list that take Tab, in order."""
        buttons = [b for b in self.buttons.buttons() if b.isEnabled() and b.isVisible()]
        order = self.buttons.layout()
        buttons.sort(key=lambda b: order.indexOf(b) if order is not None else 0)
        return [self.filter, self.owner, *buttons]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field moves on to the next one, as Tab does: only the button closes."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not isinstance(self.focusWidget(), QAbstractButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.list_area.content.isAncestorOf(new):
            self.list_area.ensureWidgetVisible(new)

    def apply_filter(self) -> None:
        if self.list_area.content.isAncestorOf(self.focusWidget()):
            self.filter.setFocus()  # the field with the keyboard may be filtered out
        words = self.filter.text().strip().casefold()
        owner = str(self.owner.currentData() or "")
        visible = self.list_area.set_filter(words, owner)
        self.shown.setText(tr("{shown} of {total} shown").format(shown=visible,
                                                                  total=len(self.entries)))

    # -- closing ----------------------------------------------------------------------------

    def scores(self) -> dict[str, FinalScore]:
        return all_scores(self.entries)

    def reflections(self) -> dict[str, Reflection]:
        return all_reflections(self.entries)

    def close_cycle(self) -> None:
        """Close the cycle with what was typed; a big cycle closes in a worker thread while the
        dialog shows it is busy, and stays open with the reason if the plan refuses."""
        if not self.ok.isEnabled() or self.step is not None:
            return
        plan, cycle_id = self.document.plan, self.cycle_id
        scores, reflections, proposal = self.scores(), self.reflections(), self.proposal
        label = tr("Close {cycle}").format(cycle=self.proposal.cycle_name)

        def operation() -> ChangeSet:
            return ops.close_cycle(plan, cycle_id, scores, reflections, proposal=proposal)

        if len(scores) < IN_BACKGROUND_FROM:
            self._closing_done(run_for_reason(self.document, label, operation) or "")
            return
        self.step = BackgroundStep(self.document, label, operation, self)
        self.step.finished.connect(self._closing_done)
        self._show_busy(True)
        self.step.start()

    def _closing_done(self, reason: str) -> None:
        self.step = None
        self._show_busy(False)
        if reason:
            self.problem.setText(reason)
            self._show_first_missing_note()
            return
        self.accept()
        self.closed.emit(self.cycle_id)

    def _show_busy(self, busy: bool) -> None:
        self.busy_text.setText(tr("Closing {cycle}: scoring {objectives}…").format(
            cycle=self.proposal.cycle_name,
            objectives=counted(len(self.entries), tr("objective"), tr("objectives"))))
        self.busy_text.setVisible(busy)
        self.busy.setVisible(busy)
        for part in (self.filter, self.owner, self.list_area, self.buttons):
            part.setEnabled(not busy)
        if busy:
            self.problem.clear()

    def reject(self) -> None:
        if self.step is None:  # closing cannot be stopped halfway: the dialog waits for it
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.step is not None:
            event.ignore()
            return
        super().closeEvent(event)

    def _show_first_missing_note(self) -> None:
        """After a refusal, the first note still needed comes into view with the keyboard."""
        for index, entry in enumerate(self.entries):
            row_id = entry.first_missing_note()
            if row_id is None:
                continue
            if index not in self.list_area.shown:
                self.filter.clear()
                self.owner.setCurrentIndex(0)
            line = self.list_area.block(index).line(row_id)
            if line is not None:
                self.list_area.ensureWidgetVisible(line.note)
                line.note.setFocus(Qt.FocusReason.OtherFocusReason)
            return
