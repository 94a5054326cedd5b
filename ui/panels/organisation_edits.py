"""What editing the organisation does: each gesture one operation, one undo step, a refusal
shown with its reason. The panel and the commands call these; the dialogs ask for details."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from okrdesk import ops
from okrdesk.storage import ChangeSet

from ..dialogs.plan_settings import PlanSettingsDialog
from ..dialogs.remove_unit import RemoveUnitDialog
from ..dialogs.running import run_for_reason
from ..dialogs.unit_details import UnitDetailsDialog
from ..document import PlanDocument
from ..translation import tr


class OrganisationEdits:
    """Gestures on the organisation of one open plan; dialogs open over `parent`."""

    def __init__(self, document: PlanDocument, parent: QWidget) -> None:
        self.document = document
        self.parent = parent
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)

    # -- people and teams -------------------------------------------------------------------

    def add_unit(self, *, level_id: str | None = None, manager_id: str | None = None) -> bool:
        """Ask for a new person's or team's details and add them."""
        snapshot = self.document.snapshot
        if not snapshot.levels:
            self.document.refused.emit(tr("Add a level first: every person or team is at one."))
            return False
        added: list[str] = []

        def submit(values: dict[str, Any]) -> str | None:
            name, level_id = values.pop("name"), values.pop("level_id")
            return run_for_reason(
                self.document, tr("Add person or team"),
                lambda: ops.add_unit(self.document.plan, name, level_id, **values),
                lambda changes: added.append(changes.new_id("units")))

        dialog = UnitDetailsDialog(snapshot, submit, level_id=level_id, manager_id=manager_id,
                                   parent=self.parent)
        if self._exec(dialog) and added:
            self.document.select("units", added[0])
            return True
        return False

    def edit_unit(self, unit_id: str) -> bool:
        """Open a person's or team's details; the changes made are one undo step."""
        if unit_id not in self.document.snapshot.units:
            return False

        def submit(values: dict[str, Any]) -> str | None:
            if not values:
                return None
            return run_for_reason(self.document, tr("Edit person or team"), lambda: ops.edit_unit(
                self.document.plan, unit_id, **values))

        return self._exec(UnitDetailsDialog(self.document.snapshot, submit, unit_id=unit_id,
                                            parent=self.parent))

    def ask_email(self, unit_id: str) -> QInputDialog | None:
        """Ask for one person's or team's e-mail address (empty: none); one undo step."""
        unit = self.document.snapshot.units.get(unit_id)
        if unit is None:
            return None
        dialog = QInputDialog(self.parent)
        dialog.setObjectName("unitEmailDialog")
        dialog.setWindowTitle(tr("E-mail address"))
        dialog.setLabelText(tr("E-mail address of {name} (empty for none):").format(
            name=unit.name))
        dialog.setTextValue(unit.email)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(lambda text: self._run(
            tr("Change e-mail address"),
            lambda: ops.set_unit_email(self.document.plan, unit_id, text.strip())))
        dialog.open()
        return dialog

    def rename_unit(self, unit_id: str, name: str) -> bool:
        return self._run(tr("Rename person or team"),
                         lambda: ops.rename_unit(self.document.plan, unit_id, name))

    def set_manager(self, unit_id: str, manager_id: str | None) -> bool:
        return self._run(tr("Change manager"),
                         lambda: ops.set_manager(self.document.plan, unit_id, manager_id))

    def set_level(self, unit_id: str, level_id: str) -> bool:
        return self._run(tr("Change level"),
                         lambda: ops.set_unit_level(self.document.plan, unit_id, level_id))

    def set_function(self, unit_id: str, function_id: str | None) -> bool:
        return self._run(tr("Change function"),
                         lambda: ops.set_unit_function(self.document.plan, unit_id, function_id))

    def remove_unit(self, unit_id: str) -> bool:
        """Remove at once someone who owns nothing and manages nobody; otherwise ask whom to
        hand their objectives and reports to."""
        snapshot = self.document.snapshot
        if unit_id not in snapshot.units:
            return False
        owns = any(o.owner_id == unit_id for o in snapshot.objectives.values())
        manages = any(u.manager_id == unit_id for u in snapshot.units.values())
        if not owns and not manages:
            return self._run(tr("Remove person or team"),
                             lambda: ops.remove_unit(self.document.plan, unit_id))

        def submit(hand_to: str, reports_to: str) -> str | None:
            return run_for_reason(
                self.document, tr("Remove person or team"), lambda: ops.remove_unit(
                    self.document.plan, unit_id, hand_to=hand_to,
                    reports_to="manager" if reports_to == "manager" else "hand_to"))

        return self._exec(RemoveUnitDialog(snapshot, unit_id, submit, self.parent))

    # -- levels and functions -------------------------------------------------------------------

    def add_level(self, name: str) -> bool:
        rank = len(self.document.snapshot.levels)
        return self._run(tr("Add level"), lambda: ops.add_level(self.document.plan, name, rank),
                         select="levels")

    def rename_level(self, level_id: str, name: str) -> bool:
        return self._run(tr("Rename level"),
                         lambda: ops.rename_level(self.document.plan, level_id, name))

    def remove_level(self, level_id: str) -> bool:
        return self._run(tr("Remove level"), lambda: ops.remove_level(self.document.plan, level_id))

    def move_level(self, level_id: str, step: int) -> bool:
        move = ops.move_level_up if step < 0 else ops.move_level_down
        return self._run(tr("Move level up") if step < 0 else tr("Move level down"),
                         lambda: move(self.document.plan, level_id))

    def add_function(self, name: str) -> bool:
        return self._run(tr("Add function"), lambda: ops.add_function(self.document.plan, name),
                         select="functions")

    def rename_function(self, function_id: str, name: str) -> bool:
        return self._run(tr("Rename function"),
                         lambda: ops.rename_function(self.document.plan, function_id, name))

    def remove_function(self, function_id: str) -> bool:
        return self._run(tr("Remove function"),
                         lambda: ops.remove_function(self.document.plan, function_id))

    # -- the plan ---------------------------------------------------------------------------------

    def plan_settings(self) -> bool:
        def submit(values: Mapping[str, str]) -> str | None:
            return run_for_reason(self.document, tr("Change plan settings"),
                                  lambda: ops.set_settings(self.document.plan, values))

        return self._exec(PlanSettingsDialog(self.document.snapshot, submit,
                                             self.document.plan.path.stem, self.parent))

    # -- running ----------------------------------------------------------------------------------

    def _run(self, label: str, operation: Any, *, select: str | None = None) -> bool:
        changes: ChangeSet | None = self.document.run(label, operation)
        if changes is None:
            return False
        if select is not None and changes.ids(select):
            self.document.select(select, changes.new_id(select))
        return True

    def _exec(self, dialog: QDialog) -> bool:
        self.dialog = dialog
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
            dialog.deleteLater()
