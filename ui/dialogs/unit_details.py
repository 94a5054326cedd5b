"""A person's or team's details: name, person or team, role, level, function, manager, e-mail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from okrdesk.snapshot import Snapshot, UnitRow

from .widgets import choose, named, problem_label

Submit = Callable[[dict[str, Any]], "str | None"]  # the values -> why refused, or None


class UnitDetailsDialog(QDialog):
    """Adds (no `unit_id`) or edits a person or team; `submit` runs the operation and the
    dialog stays open with the reason if the plan refuses."""

    def __init__(self, snapshot: Snapshot, submit: Submit, *, unit_id: str | None = None,
                 level_id: str | None = None, manager_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitDetailsDialog")
        self.snapshot = snapshot
        self.submit = submit
        self.unit_id = unit_id
        unit = snapshot.units.get(unit_id) if unit_id else None
        self.setWindowTitle(self.tr("Add a person or team") if unit is None
                            else self.tr("Details of %1").replace("%1", unit.name))
        self.name = named(QLineEdit(self), "unitName", self.tr("Name"))
        self.kind = named(QComboBox(self), "unitKind", self.tr("Person or team"))
        self.kind.addItem(self.tr("Person"), "person")
        self.kind.addItem(self.tr("Team"), "team")
        self.role = named(QLineEdit(self), "unitRole", self.tr("Role"))
        self.role.setPlaceholderText(self.tr("for example VP Sales (optional)"))
        self.level = named(QComboBox(self), "unitLevel", self.tr("Level"))
        for level in snapshot.ordered_levels():
            self.level.addItem(level.name, level.id)
        self.function = named(QComboBox(self), "unitFunction", self.tr("Function"))
        self.function.addItem(self.tr("No function"), None)
        for function in sorted(snapshot.functions.values(), key=lambda f: f.name.lower()):
            self.function.addItem(function.name, function.id)
        self.manager = named(QComboBox(self), "unitManager", self.tr("Manager"))
        self.manager.addItem(self.tr("No manager"), None)
        for candidate in self._possible_managers():
            at = snapshot.levels.get(candidate.level_id)
            self.manager.addItem(f"{candidate.name} — {at.name if at else ''}", candidate.id)
        self.email = named(QLineEdit(self), "unitEmail", self.tr("E-mail"))
        self.email.setPlaceholderText(self.tr("name@example.com (optional)"))
        self.problem = problem_label(self, "unitProblem")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add") if unit is None else self.tr("Save"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        for text, widget in ((self.tr("&Name:"), self.name), (self.tr("&Kind:"), self.kind),
                             (self.tr("&Role:"), self.role), (self.tr("&Level:"), self.level),
                             (self.tr("&Function:"), self.function),
                             (self.tr("&Manager:"), self.manager),
                             (self.tr("&E-mail:"), self.email)):
            form.addRow(text, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        if unit is not None:
            self._show(unit)
        else:
            choose(self.level, level_id)
            choose(self.manager, manager_id)
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "kind": self.kind.currentData(),
                "role": self.role.text(), "level_id": self.level.currentData(),
                "function_id": self.function.currentData(),
                "manager_id": self.manager.currentData(), "email": self.email.text()}

    def changed_values(self) -> dict[str, Any]:
        """What differs from the unit as it is (everything when adding)."""
        unit = self.snapshot.units.get(self.unit_id) if self.unit_id else None
        values = self.values()
        if unit is None:
            return values
        return {key: value for key, value in values.items() if getattr(unit, key) != value}

    def save(self) -> None:
        reason = self.submit(self.changed_values())
        if reason:
            self.problem.setText(reason)
            return
        self.accept()

    def _show(self, unit: UnitRow) -> None:
        self.name.setText(unit.name)
        choose(self.kind, unit.kind)
        self.role.setText(unit.role)
        choose(self.level, unit.level_id)
        choose(self.function, unit.function_id)
        choose(self.manager, unit.manager_id)
        self.email.setText(unit.email)

    def _possible_managers(self) -> list[UnitRow]:
        """Everyone but the unit itself and those reporting to it, directly or not."""
        below: set[str] = set()
        if self.unit_id is not None:
            below.add(self.unit_id)
            grew = True
            while grew:
                grew = False
                for unit in self.snapshot.units.values():
                    if unit.manager_id in below and unit.id not in below:
                        below.add(unit.id)
                        grew = True
        ranks = {level.id: level.rank for level in self.snapshot.levels.values()}
        return sorted((u for u in self.snapshot.units.values() if u.id not in below),
                      key=lambda u: (ranks.get(u.level_id, 0), u.name.lower()))
