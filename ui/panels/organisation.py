"""The organisation: levels with their people and teams, and the business functions."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from okrdesk import ops
from okrdesk.ops.rules import SnapshotFacts, delegation_refusal
from okrdesk.storage import ChangeSet

from ..document import PlanDocument

KEY_RESULT_MIME = "application/x-okrdesk-key-result"  # what the canvas puts on a dragged row

UNIT_ROLE = Qt.ItemDataRole.UserRole
ORG_TABLES = {"levels", "units", "functions", "objectives"}


class OrganisationPanel(QWidget):
    """A tree of levels -> people and teams, then functions -> people and teams.

    Choosing a person or team emits `unit_chosen(unit_id)`; the window filters the objective
    list by that owner.
    """

    unit_chosen = Signal(str)
    hint = Signal(str)  # what a drop here would do, or why not

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tree = _DropTree(self)
        self.tree.setObjectName("organisationTree")
        self.tree.setHeaderLabels(["Organisation", "Objectives"])
        self.tree.setColumnWidth(0, 220)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(lambda _cycle: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        snapshot = self.document.snapshot
        counts: dict[str, int] = {}
        for objective in snapshot.objectives.values():
            if objective.cycle_id == self.document.cycle_id:
                counts[objective.owner_id] = counts.get(objective.owner_id, 0) + 1
        expanded = self._expanded_keys()
        self.tree.clear()
        levels_item = self._heading("Levels", "levels")
        for level in snapshot.ordered_levels():
            level_item = QTreeWidgetItem(levels_item, [level.name, ""])
            level_item.setData(0, UNIT_ROLE, f"level:{level.id}")
            members = [u for u in snapshot.units.values() if u.level_id == level.id]
            for unit in sorted(members, key=lambda u: u.name.lower()):
                self._unit_item(level_item, unit.id, counts)
            level_item.setText(1, str(sum(counts.get(u.id, 0) for u in members)))
        functions_item = self._heading("Functions", "functions")
        for function in sorted(snapshot.functions.values(), key=lambda f: f.name.lower()):
            function_item = QTreeWidgetItem(functions_item, [function.name, ""])
            function_item.setData(0, UNIT_ROLE, f"function:{function.id}")
            members = [u for u in snapshot.units.values() if u.function_id == function.id]
            for unit in sorted(members, key=lambda u: u.name.lower()):
                self._unit_item(function_item, unit.id, counts)
        self._restore_expanded(expanded)

    def unit_item(self, unit_id: str) -> QTreeWidgetItem | None:
        """The first row showing a person or team (tests and drops use it)."""
        for item in self._all_items():
            if item.data(0, UNIT_ROLE) == f"unit:{unit_id}":
                return item
        return None

    def delegation_hint(self, kr_id: str, unit_id: str) -> str | None:
        """Why the key result cannot go to this person or team, or None if it can."""
        return delegation_refusal(SnapshotFacts(self.document.snapshot), kr_id, unit_id)

    def delegate(self, kr_id: str, unit_id: str) -> bool:
        """Delegate a key result down to a person or team: a new objective, opened at once."""
        refusal = self.delegation_hint(kr_id, unit_id)
        if refusal is not None:
            self.document.refused.emit(refusal)
            return False
        changes = self.document.run("Delegate down", lambda: ops.delegate_down(
            self.document.plan, kr_id, unit_id))
        if not changes:
            return False
        self.document.select("objectives", changes.new_id("objectives"))
        return True

    def _heading(self, text: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [text, ""])
        item.setData(0, UNIT_ROLE, f"heading:{key}")
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setExpanded(True)
        return item

    def _unit_item(self, parent: QTreeWidgetItem, unit_id: str, counts: dict[str, int]) -> None:
        unit = self.document.snapshot.units[unit_id]
        role = f" — {unit.role}" if unit.role else ""
        marker = "👥 " if unit.kind == "team" else ""
        item = QTreeWidgetItem(parent, [f"{marker}{unit.name}{role}", str(counts.get(unit_id, 0))])
        item.setData(0, UNIT_ROLE, f"unit:{unit_id}")
        item.setToolTip(0, f"{unit.name}{role}: choose to list this owner's objectives")

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = str(item.data(0, UNIT_ROLE) or "")
        if key.startswith("unit:"):
            self.unit_chosen.emit(key.removeprefix("unit:"))

    def _plan_changed(self, changes: ChangeSet) -> None:
        if any(change.table in ORG_TABLES for change in changes):
            self.refresh()

    def _all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _expanded_keys(self) -> set[str]:
        return {str(i.data(0, UNIT_ROLE)) for i in self._all_items() if i.isExpanded()}

    def _restore_expanded(self, keys: set[str]) -> None:
        for item in self._all_items():
            key = str(item.data(0, UNIT_ROLE))
            if key in keys or (not keys and key.startswith(("heading:", "level:"))):
                item.setExpanded(True)


class _DropTree(QTreeWidget):
    """The organisation tree takes key results dropped onto a person or team (delegate down)."""

    def __init__(self, panel: OrganisationPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)

    def _target(self, event: QDragMoveEvent | QDropEvent) -> tuple[str, str] | None:
        kr_id = dragged_key_result(event.mimeData())
        item = self.itemAt(event.position().toPoint())
        key = str(item.data(0, UNIT_ROLE) or "") if item is not None else ""
        if kr_id is None or not key.startswith("unit:"):
            return None
        return kr_id, key.removeprefix("unit:")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dragged_key_result(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self._target(event)
        refusal = self.panel.delegation_hint(*target) if target else "Drop onto a person or team."
        if refusal is None:
            event.acceptProposedAction()
            self.panel.hint.emit("Drop to delegate this key result as a new objective.")
        else:
            event.ignore()
            self.panel.hint.emit(refusal)

    def dropEvent(self, event: QDropEvent) -> None:
        target = self._target(event)
        if target is not None and self.panel.delegate(*target):
            event.acceptProposedAction()
        else:
            event.ignore()


def dragged_key_result(mime: QMimeData) -> str | None:
    if not mime.hasFormat(KEY_RESULT_MIME):
        return None
    try:
        return str(json.loads(bytes(mime.data(KEY_RESULT_MIME).data()).decode())["id"])
    except (ValueError, KeyError, TypeError):
        return None
