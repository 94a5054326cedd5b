"""File > Compact history…: drop the oldest entries of the change history kept in the plan file
(the newest are kept), after a confirmation saying how many go. The plan's own rows are not
touched, so nothing goes on the undo stack."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from okrdesk.errors import OkrDeskError
from okrdesk.storage.history import COMPACT_KEEP, compact_history, history_count

from .panels.plan_window import PlanWindow

COMPACT_KEY = "Ctrl+Alt+Shift+H"


class HistoryCommands(QObject):
    """Registers file.compact_history and puts it in the File menu before Quit."""

    def __init__(self, window: PlanWindow, file_menu: QMenu | None) -> None:
        super().__init__(window)
        self.window = window
        self.keep = COMPACT_KEEP
        self.action = window.commands.add(
            "file.compact_history", self.tr("Compact &history…"), self.compact,
            shortcut=QKeySequence(COMPACT_KEY),
            tip=self.tr("Drop the oldest changes kept in the plan file, keeping the newest "
                        "{keep}").format(keep=f"{COMPACT_KEEP:,}"),
            applies=lambda: window.document is not None and not window.document.read_only)
        if file_menu is not None:
            actions = file_menu.actions()
            quit_action = window.commands.action("file.quit") if "file.quit" in \
                window.commands else None
            place = actions.index(quit_action) if quit_action in actions else len(actions)
            if place > 0 and actions[place - 1].isSeparator():
                place -= 1  # with the import and export above the separator
            if place < len(actions):
                file_menu.insertAction(actions[place], self.action)
            else:
                file_menu.addAction(self.action)

    def compact(self) -> int:
        """Ask, then compact; returns how many entries were dropped."""
        document = self.window.document
        if document is None or document.read_only:
            return 0
        title = self.tr("Compact history")
        try:
            total = history_count(document.plan)
        except OkrDeskError as error:
            QMessageBox.warning(self.window, title, str(error))
            return 0
        going = max(0, total - self.keep)
        if going == 0:
            QMessageBox.information(self.window, title, self.tr(
                "The history holds {total} changes: nothing to compact (the newest {keep} "
                "are always kept).").format(total=f"{total:,}", keep=f"{self.keep:,}"))
            return 0
        answer = QMessageBox.question(self.window, title, self.tr(
            "Drop the oldest {going} of the {total} changes kept in the plan file, keeping "
            "the newest {keep}? The plan itself does not change, and this cannot be "
            "undone.").format(going=f"{going:,}", total=f"{total:,}", keep=f"{self.keep:,}"))
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            dropped = compact_history(document.plan, self.keep)
        except OkrDeskError as error:
            QMessageBox.warning(self.window, title, str(error))
            return 0
        tabs = getattr(self.window, "history_tabs", None)
        if tabs is not None:
            tabs.file_history.reload()
        self.window.statusBar().showMessage(
            self.tr("Dropped the oldest {count} changes from the history.").format(
                count=f"{dropped:,}"), 8000)
        return dropped
