"""Cycle > Check-in cadence… (Ctrl+Alt+W): how often key results are checked in, for the whole
plan, chosen from a list and set as one undo step. The same setting as in Plan settings, set
alone; a key result with no check-in for longer than the cadence is marked stale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog

from okrdesk import ops
from okrdesk.rulebook.rhythm import CADENCE_SETTING, CADENCES, cadence_of

from .document import PlanDocument
from .panels.plan_window import PlanWindow
from .rhythm_words import CADENCE_TIP, cadence_choice, cadence_name
from .translation import tr

CADENCE_KEY = "cycle.cadence"
CADENCE_SHORTCUT = "Ctrl+Alt+W"


class CadenceCommand:
    def __init__(self, window: PlanWindow) -> None:
        self.window = window
        self.dialog: QInputDialog | None = None
        window.commands.add(
            CADENCE_KEY, tr("Check-in ca&dence…"), self.ask,
            shortcut=QKeySequence(CADENCE_SHORTCUT),
            tip=tr(CADENCE_TIP),
            applies=lambda: self._document() is not None)

    def _document(self) -> PlanDocument | None:
        document = self.window.document
        return document if document is not None and not document.read_only else None

    def ask(self) -> QInputDialog | None:
        """The cadences in a list, the plan's chosen; OK sets the one chosen."""
        document = self._document()
        if document is None:
            return None
        cadences = list(CADENCES)
        choices = [cadence_choice(cadence) for cadence in cadences]
        dialog = QInputDialog(self.window)
        dialog.setObjectName("cadenceDialog")
        dialog.setWindowTitle(tr("Check-in cadence"))
        dialog.setLabelText(tr("How often are key results checked in? One without a check-in "
                               "for longer is marked stale."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setComboBoxItems(choices)
        dialog.setComboBoxEditable(False)
        dialog.setTextValue(choices[cadences.index(cadence_of(document.snapshot))])
        dialog.textValueSelected.connect(
            lambda text: self.choose(cadences[choices.index(text)]))
        dialog.open()
        self.dialog = dialog
        return dialog

    def choose(self, cadence: str) -> bool:
        """Set the plan's cadence (one undo step); False if nothing changed or it was refused."""
        document = self._document()
        if document is None or cadence == cadence_of(document.snapshot):
            return False
        changes = document.run(tr("Set check-in cadence"), lambda: ops.set_setting(
            document.plan, CADENCE_SETTING, cadence))
        if changes:
            self.window.statusBar().showMessage(
                tr("Key results are now checked in {cadence}. Edit > Undo sets it back.")
                .format(cadence=cadence_name(cadence)), 8000)
        return bool(changes)
