"""Closing and reopening a cycle: Cycle > Close cycle… scores the cycle shown and closes it (one
undo step), then sums it up and offers to carry what is unfinished over to the next cycle; Cycle >
Reopen cycle opens a closed cycle again (one undo step).

Registered before the Cycle menu is built (cycle_commands.py places CLOSING_KEYS there and in the
cycle switcher's list); the switcher's context menu offers every cycle command too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from okrdesk import ops
from okrdesk.rulebook.cycles import is_closed

from .closed_cycle_banner import ClosedCycleBanner
from .document import PlanDocument
from .panels.plan_window import PlanWindow
from .translation import tr

if TYPE_CHECKING:
    from .dialogs.close_cycle import CloseCycleDialog
    from .dialogs.close_cycle_summary import ClosingSummaryDialog

CLOSING_KEYS = ("cycle.close", "cycle.reopen")
CLOSE_SHORTCUT = "Ctrl+Alt+C"
REOPEN_SHORTCUT = "Ctrl+Alt+Shift+C"


class ClosingCommands:
    def __init__(self, window: PlanWindow, banner: ClosedCycleBanner) -> None:
        self.window = window
        self.banner = banner
        add = window.commands.add
        add("cycle.close", tr("C&lose cycle…"), self.open_closing,
            shortcut=QKeySequence(CLOSE_SHORTCUT),
            tip=tr("Score the objectives and key results of the cycle shown, write down what "
                   "was learned, and close it (read-only until reopened)"),
            applies=lambda: self._writable() and self._cycle(closed=False) != "")
        reopen = add("cycle.reopen", tr("Re&open cycle"), self.reopen,
                     shortcut=QKeySequence(REOPEN_SHORTCUT),
                     tip=tr("Open the closed cycle shown again, so it can be changed; its "
                            "scores are kept"),
                     applies=lambda: self._writable() and self._cycle(closed=True) != "")
        banner.set_reopen(reopen)
        switcher = window.cycle_switcher
        switcher.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        switcher.customContextMenuRequested.connect(self.switcher_menu)

    # -- what the commands act on -----------------------------------------------------------

    def _document(self) -> PlanDocument | None:
        return self.window.document

    def _writable(self) -> bool:
        document = self._document()
        return document is not None and not document.read_only

    def _cycle(self, *, closed: bool) -> str:
        """The selected cycle, else the cycle shown, if it has dates and is closed (or open)
        as asked."""
        document = self._document()
        if document is None:
            return ""
        table, row_id = document.selected
        cycle_id = row_id if table == "cycles" else document.cycle_id
        cycle = document.snapshot.cycles.get(cycle_id)
        if cycle is None or not (cycle.starts_on and cycle.ends_on):
            return ""  # a cycle without an end (the backlog) is never closed
        return cycle_id if is_closed(document.snapshot, cycle_id) == closed else ""

    # -- the commands -----------------------------------------------------------------------

    def open_closing(self) -> CloseCycleDialog | None:
        from .dialogs.close_cycle import CloseCycleDialog  # loaded on first use

        document, cycle_id = self._document(), self._cycle(closed=False)
        if document is None or not cycle_id:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # 5,000: ~0.15 s
        try:
            dialog = CloseCycleDialog(document, cycle_id, self.window)
        finally:
            QGuiApplication.restoreOverrideCursor()
        dialog.closed.connect(self.sum_up)
        dialog.open()
        return dialog

    def sum_up(self, cycle_id: str) -> ClosingSummaryDialog | None:
        """After closing: the summary, and the offer to carry over what is unfinished."""
        from .dialogs.close_cycle_summary import ClosingSummaryDialog

        document = self._document()
        if document is None or cycle_id not in document.snapshot.cycles:
            return None
        name = document.snapshot.cycles[cycle_id].name
        self.window.statusBar().showMessage(
            tr("{cycle} is closed. Edit > Undo opens it again.").format(cycle=name), 10000)
        dialog = ClosingSummaryDialog(document, cycle_id, self.window)
        dialog.carried.connect(self._show_carried)
        dialog.open()
        return dialog

    def _show_carried(self, objective_id: str) -> None:
        self.window.focus_objective(objective_id)
        self.window.activateWindow()
        if self.window.canvas is not None:
            self.window.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.window.statusBar().showMessage(
            tr("Carried over. Edit > Undo takes the whole copy back."), 8000)

    def reopen(self) -> bool:
        document, cycle_id = self._document(), self._cycle(closed=True)
        if document is None or not cycle_id:
            return False
        name = document.snapshot.cycles[cycle_id].name
        changes = document.run(tr("Reopen {cycle}").format(cycle=name),
                               lambda: ops.reopen_cycle(document.plan, cycle_id))
        if changes:
            self.window.statusBar().showMessage(
                tr("{cycle} is open again; its scores are kept. Edit > Undo closes it "
                   "again.").format(cycle=name), 10000)
        return bool(changes)

    def switcher_menu(self, at: QPoint) -> QMenu | None:
        """A right-click on the cycle switcher offers the cycle commands that apply."""
        switcher = self.window.cycle_switcher
        others = [key for key in switcher.command_keys if key not in CLOSING_KEYS]
        keys: Sequence[str | None] = [*others, None, *CLOSING_KEYS]
        menu = self.window.commands.menu(keys, self.window)
        if menu.isEmpty():
            menu.deleteLater()
            return None
        menu.popup(switcher.mapToGlobal(at))
        return menu


def register_closing_commands(window: PlanWindow, banner: ClosedCycleBanner) -> ClosingCommands:
    """Register Close cycle… and Reopen cycle; call before the Cycle menu is built."""
    return ClosingCommands(window, banner)
