"""The commands of cycles and carrying over: copy an objective or a subtree to another cycle,
copy a whole cycle, add a year (with its quarters) or one cycle, rename or remove a cycle.

They are registered once per window (`register_cycle_commands`), shown in the Cycle menu, in
the cycle switcher's list, and in context menus that name their keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from okrdesk import ops
from okrdesk.limits import FIRST_YEAR, LAST_YEAR
from okrdesk.rulebook import next_year

from .cadence_command import CADENCE_KEY
from .closing_commands import CLOSING_KEYS
from .dialogs.running import run_for_reason
from .document import PlanDocument
from .panels.plan_window import PlanWindow
from .translation import tr

if TYPE_CHECKING:
    from .dialogs.add_cycle import AddCycleDialog
    from .dialogs.carry_over import CarryOverDialog

OBJECTIVE_KEYS = ("objective.copy_to_cycle", "objective.carry_over_subtree")
CYCLE_KEYS = ("cycle.add_year", "cycle.add", "cycle.copy", "cycle.rename", "cycle.remove")


class CycleCommands:
    """What the commands act on: the selected objective, the selected or shown cycle."""

    def __init__(self, window: PlanWindow) -> None:
        self.window = window
        add = window.commands.add
        add("objective.copy_to_cycle", tr("Copy to c&ycle…"),
            lambda: self.open_copy("objective"), shortcut=QKeySequence("Ctrl+Shift+C"),
            tip=tr("Copy the selected objective into another cycle, starting afresh"),
            applies=lambda: self._writable() and bool(self._objective()))
        add("objective.carry_over_subtree", tr("Carry over &subtree…"),
            lambda: self.open_copy("subtree"), shortcut=QKeySequence("Ctrl+Shift+T"),
            tip=tr("Copy the selected objective and everything aligned under it into another "
                   "cycle"),
            applies=lambda: self._writable() and bool(self._objective()))
        add("cycle.add_year", tr("&Add a year…"), self.ask_year,
            shortcut=QKeySequence("Ctrl+Shift+Y"),
            tip=tr("Add a year with its four quarters"), applies=self._writable)
        add("cycle.add", tr("Add a c&ycle…"), self.ask_cycle,
            shortcut=QKeySequence("Ctrl+Alt+Y"),
            tip=tr("Add one year, quarter or backlog, with its name and dates"),
            applies=self._writable)
        add("cycle.copy", tr("&Copy this cycle to…"), lambda: self.open_copy("cycle"),
            tip=tr("Copy every objective of the cycle shown into another cycle"),
            applies=lambda: self._writable() and bool(self._cycle()))
        add("cycle.rename", tr("&Rename this cycle…"), self.ask_name,
            tip=tr("Rename the cycle shown"),
            applies=lambda: self._writable() and bool(self._cycle()))
        add("cycle.remove", tr("Re&move this cycle…"), self.ask_removal,
            tip=tr("Remove the cycle shown, if it holds no objectives (a year goes with its "
                   "quarters)"),
            applies=lambda: self._writable() and bool(self._cycle()))

    # -- what the commands act on -----------------------------------------------------------

    def _document(self) -> PlanDocument | None:
        return self.window.document

    def _writable(self) -> bool:
        document = self._document()
        return document is not None and not document.read_only

    def _objective(self) -> str:
        document = self._document()
        if document is None:
            return ""
        table, row_id = document.selected
        return row_id if table == "objectives" and row_id in document.snapshot.objectives else ""

    def _cycle(self) -> str:
        """The selected cycle, else the cycle shown."""
        document = self._document()
        if document is None:
            return ""
        table, row_id = document.selected
        if table == "cycles" and row_id in document.snapshot.cycles:
            return row_id
        return document.cycle_id if document.cycle_id in document.snapshot.cycles else ""

    # -- the commands -----------------------------------------------------------------------

    def open_copy(self, what: str) -> CarryOverDialog | None:
        """`what`: a `CopyWhat` value ("objective", "subtree" or "cycle")."""
        # The dialog is imported on first use: the window's first frame does not need it.
        from .dialogs.carry_over import CarryOverDialog, CopyChoice, CopyWhat

        document = self._document()
        source = self._cycle() if what == CopyWhat.CYCLE else self._objective()
        if document is None or not source:
            return None
        dialog = CarryOverDialog(document, CopyChoice(CopyWhat(what), source), self.window)
        dialog.copied.connect(self._show_copy)
        dialog.open()
        return dialog

    def _show_copy(self, objective_id: str) -> None:
        self.window.focus_objective(objective_id)
        self.window.activateWindow()  # back from the dialog, the window's shortcuts work at once
        if self.window.canvas is not None:
            self.window.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
        self.window.statusBar().showMessage(
            tr("Copied. Edit > Undo takes the whole copy back."), 8000)

    def ask_year(self) -> QInputDialog | None:
        document = self._document()
        if document is None:
            return None
        dialog = _input(self.window, "addYearDialog", tr("Add a year"),
                        tr("Year (with its quarters Q1 to Q4):"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(FIRST_YEAR, LAST_YEAR)
        dialog.setIntValue(next_year(document.snapshot))
        dialog.intValueSelected.connect(lambda year: self._add_year(document, year))
        dialog.open()
        return dialog

    def _add_year(self, document: PlanDocument, year: int) -> None:
        if document.run(tr("Add year {year}").format(year=year),
                        lambda: ops.add_year(document.plan, year)):
            self.window.statusBar().showMessage(
                tr("Added {year} and its quarters; choose it in the cycle list.").format(
                    year=year), 8000)

    def ask_cycle(self) -> AddCycleDialog | None:
        document = self._document()
        if document is None:
            return None
        from .dialogs.add_cycle import AddCycleDialog  # loaded on first use

        def submit(name: str, kind: str, parent_id: str | None, starts: str | None,
                   ends: str | None) -> str | None:
            return run_for_reason(document, tr("Add cycle {name}").format(name=name.strip()),
                                  lambda: ops.add_cycle(document.plan, name, kind,
                                                        parent_id=parent_id, starts_on=starts,
                                                        ends_on=ends))

        dialog = AddCycleDialog(document.snapshot, submit, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def ask_name(self) -> QInputDialog | None:
        document, cycle_id = self._document(), self._cycle()
        if document is None or not cycle_id:
            return None
        old = document.snapshot.cycles[cycle_id].name
        dialog = _input(self.window, "renameCycleDialog", tr("Rename cycle"),
                        tr("New name of {name}:").format(name=old))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextValue(old)
        dialog.textValueSelected.connect(lambda name: document.run(
            tr("Rename cycle"), lambda: ops.rename_cycle(document.plan, cycle_id, name)))
        dialog.open()
        return dialog

    def ask_removal(self) -> QMessageBox | None:
        document, cycle_id = self._document(), self._cycle()
        if document is None or not cycle_id:
            return None
        cycle = document.snapshot.cycles[cycle_id]
        text = (tr("Remove the year {name} and its quarters?") if cycle.kind == "year"
                else tr("Remove the cycle {name}?")).format(name=cycle.name)
        box = QMessageBox(QMessageBox.Icon.Question, tr("Remove cycle"), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("removeCycleDialog")
        box.setInformativeText(tr("Only a cycle that holds no objectives can be removed. "
                                  "Edit > Undo brings it back."))
        remove = box.addButton(tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("removeCycleButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is remove:
                document.run(tr("Remove cycle {name}").format(name=cycle.name),
                             lambda: ops.remove_cycle(document.plan, cycle_id))

        box.finished.connect(lambda _result: answered())
        box.open()
        return box


def _input(window: PlanWindow, name: str, title: str, text: str) -> QInputDialog:
    dialog = QInputDialog(window)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def register_cycle_commands(window: PlanWindow) -> CycleCommands:
    """Register the commands on the window's registry, put them in a Cycle menu (before Help)
    and at the end of the cycle switcher's list."""
    commands = CycleCommands(window)
    bar = window.menuBar()
    menu = QMenu(tr("&Cycle"), window)
    menu.setObjectName("cycleMenu")
    window.commands.fill(menu, [*CYCLE_KEYS, None, *CLOSING_KEYS, CADENCE_KEY, None,
                                *OBJECTIVE_KEYS])
    help_menu = next((action for action in bar.actions()
                      if action.text().replace("&", "") == "Help"), None)
    if help_menu is not None:
        bar.insertMenu(help_menu, menu)
    else:
        bar.addMenu(menu)
    window.cycle_switcher.set_commands(window.commands,
                                       (*CYCLE_KEYS, *CLOSING_KEYS, CADENCE_KEY))
    return commands
