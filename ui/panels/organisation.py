"""The organisation: levels with their people and teams, then the business functions; edited
in place.

Rows are keyed "heading:levels", "level:ID", "unit:ID", "function:ID", "heading:functions".
F2 renames the chosen row in place, Enter opens a person's details, Delete removes, Insert adds
a person or team, Alt+Up and Alt+Down move a level; a person dragged onto another reports to
them, onto a level or a function moves there. A key result dropped onto a person or team is
delegated to them.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QMenu,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.storage import ChangeSet

from ..commands import Commands
from ..document import PlanDocument
from . import organisation_drops as drops
from .organisation_drops import KIND_OF, TABLE_OF
from .organisation_edits import OrganisationEdits
from .organisation_menus import TOOLBAR_ROWS, menu_keys
from .organisation_rows import OrganisationRows
from .organisation_tree import (
    KEY_RESULT_MIME,
    NAME_ROLE,
    UNIT_MIME,
    UNIT_ROLE,
    OrganisationTree,
    dragged_key_result,
    dragged_unit,
)

__all__ = ["KEY_RESULT_MIME", "UNIT_MIME", "UNIT_ROLE", "OrganisationPanel",
           "dragged_key_result", "dragged_unit"]

ORG_TABLES = {"levels", "units", "functions", "objectives"}  # alignment is an objective's column
PENDING = {"level": "new:level", "function": "new:function"}


class OrganisationPanel(QWidget):
    """The tree, its buttons (the window's commands, when given) and the gestures on it.

    Choosing a person or team emits `unit_chosen(unit_id)`; the window filters the objective
    list by that owner.
    """

    unit_chosen = Signal(str)
    hint = Signal(str)  # what a drop here would do, or why not

    def __init__(self, document: PlanDocument, parent: QWidget | None = None, *,
                 commands: Commands | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.commands = commands
        self.edits = OrganisationEdits(document, self)
        self.tree = OrganisationTree(self)
        self.tree.setObjectName("organisationTree")
        self.tree.setHeaderLabels([self.tr("Organisation"), self.tr("Objectives")])
        header = self.tree.header()  # the names take the room the panel has; the counts, theirs
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, header.fontMetrics().horizontalAdvance(
            self.tree.headerItem().text(1)) + 24)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(lambda item, _column: self.open_item(item))
        self.tree.currentItemChanged.connect(lambda item, _old: self._current_changed(item))
        self.tree.renamed.connect(self._renamed)
        self.tree.editing_closed.connect(self._editing_closed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.rows = OrganisationRows(self.tree, document)
        self.filling = self.rows.filling  # people and teams
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbars: list[QToolBar] = []  # people and teams; levels and functions
        for number, keys in enumerate(TOOLBAR_ROWS):
            if commands is None:
                break
            bar = QToolBar(self.tr("Organisation"), self)
            bar.setObjectName(f"organisationToolbar{number + 1}")
            bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addActions([commands.action(key) for key in keys if key in commands])
            layout.addWidget(bar)
            self.toolbars.append(bar)
        layout.addWidget(self.tree)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(lambda _cycle: self.refresh())
        document.selection_changed.connect(lambda _table, _id: self._follow_selection())
        self.refresh()

    # -- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Levels and functions, their people and teams a batch at a time (organisation_rows.py)."""
        self.rows.refill()
        self._follow_selection()

    def button_for(self, key: str) -> QWidget | None:
        """The panel's button of a command (None without commands)."""
        if self.commands is None or key not in self.commands:
            return None
        action = self.commands.action(key)
        return next((bar.widgetForAction(action) for bar in self.toolbars
                     if bar.widgetForAction(action) is not None), None)

    def unit_item(self, unit_id: str) -> QTreeWidgetItem | None:
        """The first row showing a person or team (tests and drops use it)."""
        return self.item_for(f"unit:{unit_id}")

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        """The first row with this key; rows still to come are added first."""
        return self.rows.item_for(key)

    # -- gestures the commands and keys call ----------------------------------------------------

    def chosen(self) -> tuple[str, str]:
        """(kind, id) of the selected level, person or team, or function; ("", "") if none."""
        table, row_id = self.document.selected
        kind = KIND_OF.get(table, "")
        found = kind and drops.exists(self.document.snapshot, kind, row_id)
        return (kind, row_id) if found else ("", "")

    def add_unit(self) -> bool:
        """Add a person or team: under the chosen one (a level down) or at the chosen level."""
        kind, row_id = self.chosen()
        snapshot = self.document.snapshot
        if kind == "unit":
            unit = snapshot.units[row_id]
            levels = snapshot.ordered_levels()
            rank = next(i for i, level in enumerate(levels) if level.id == unit.level_id)
            below = levels[min(rank + 1, len(levels) - 1)]
            return self.edits.add_unit(level_id=below.id, manager_id=unit.id)
        return self.edits.add_unit(level_id=row_id if kind == "level" else None)

    def edit_chosen(self) -> bool:
        kind, row_id = self.chosen()
        if kind == "unit":
            return self.edits.edit_unit(row_id)
        if kind:
            self.rename_chosen()
        return False

    def ask_email_chosen(self) -> QInputDialog | None:
        kind, row_id = self.chosen()
        return self.edits.ask_email(row_id) if kind == "unit" else None

    def rename_chosen(self) -> None:
        """Start typing a new name in place for the chosen row."""
        kind, row_id = self.chosen()
        item = self.item_for(f"{kind}:{row_id}") if kind else None
        if item is not None:
            self._edit_in_place(item)

    def remove_chosen(self) -> bool:
        kind, row_id = self.chosen()
        if kind == "unit":
            return self.edits.remove_unit(row_id)
        if kind == "level":
            return self.edits.remove_level(row_id)
        if kind == "function":
            return self.edits.remove_function(row_id)
        return False

    def move_chosen_level(self, step: int) -> bool:
        kind, row_id = self.chosen()
        return kind == "level" and self.edits.move_level(row_id, step)

    def add_named(self, kind: str) -> None:
        """A new level (at the bottom) or function: a row whose name is typed in place."""
        heading = self.item_for(f"heading:{kind}s")
        if heading is None:
            return
        text = self.tr("New level") if kind == "level" else self.tr("New function")
        item = self.rows.row(heading, PENDING[kind], text, text)
        heading.setExpanded(True)
        self._edit_in_place(item)

    def open_item(self, item: QTreeWidgetItem) -> None:
        """Double-click or Enter: a person's details, or a level's or function's new name."""
        key = str(item.data(0, UNIT_ROLE) or "")
        kind, _, row_id = key.partition(":")
        if kind == "unit":
            self.document.select("units", row_id)
            self.edits.edit_unit(row_id)
        elif kind in ("level", "function"):
            self._edit_in_place(item)

    def context_menu_for(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The chosen row's commands, the row selected first; None without commands."""
        if self.commands is None:
            return None
        key = str(item.data(0, UNIT_ROLE) or "") if item is not None else ""
        kind, _, row_id = key.partition(":")
        if kind in TABLE_OF:
            self.document.select(TABLE_OF[kind], row_id)
        return self.commands.menu(list(menu_keys(key)), self)

    # -- drops ------------------------------------------------------------------------------------

    def delegation_hint(self, kr_id: str, unit_id: str) -> str | None:
        """Why the key result cannot go to this person or team, or None if it can."""
        return drops.delegation_hint(self.document, kr_id, unit_id)

    def delegate(self, kr_id: str, unit_id: str) -> bool:
        """Delegate a key result down to a person or team: a new objective, opened at once."""
        return drops.delegate(self.document, kr_id, unit_id)

    def move_hint(self, unit_id: str, target_key: str) -> tuple[str, bool]:
        """What dropping a person onto the row `target_key` would do, and whether it may."""
        return drops.move_hint(self.document.snapshot, unit_id, target_key)

    def drop_unit(self, unit_id: str, target_key: str) -> bool:
        text, allowed = self.move_hint(unit_id, target_key)
        if not allowed:
            self.document.refused.emit(text)
            return False
        kind, _, target = target_key.partition(":")
        if kind == "unit":
            return self.edits.set_manager(unit_id, target)
        if kind == "level":
            return self.edits.set_level(unit_id, target)
        return self.edits.set_function(unit_id, target)

    # -- inside ---------------------------------------------------------------------------------

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = str(item.data(0, UNIT_ROLE) or "")
        if key.startswith("unit:"):
            self.unit_chosen.emit(key.removeprefix("unit:"))

    def _current_changed(self, item: QTreeWidgetItem | None) -> None:
        key = str(item.data(0, UNIT_ROLE) or "") if item is not None else ""
        kind, _, row_id = key.partition(":")
        if kind in TABLE_OF:
            self.document.select(TABLE_OF[kind], row_id)

    def _follow_selection(self) -> None:
        table, row_id = self.document.selected
        kind = KIND_OF.get(table)
        current = self.tree.currentItem()
        if kind is None or (current is not None
                            and current.data(0, UNIT_ROLE) == f"{kind}:{row_id}"):
            return
        item = self.item_for(f"{kind}:{row_id}")
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def _edit_in_place(self, item: QTreeWidgetItem) -> None:
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tree.editItem(item, 0)

    def _renamed(self, key: str, text: str) -> None:
        # Run after the editor has closed: the change rebuilds the tree and its items.
        QTimer.singleShot(0, self, lambda: self._rename(key, text))

    def _rename(self, key: str, text: str) -> None:
        kind, _, row_id = key.partition(":")
        if key == PENDING["level"]:
            self.edits.add_level(text)
        elif key == PENDING["function"]:
            self.edits.add_function(text)
        else:
            item = self.item_for(key)
            if item is None or item.data(0, NAME_ROLE) == text.strip():
                return
            if kind == "unit":
                self.edits.rename_unit(row_id, text)
            elif kind == "level":
                self.edits.rename_level(row_id, text)
            elif kind == "function":
                self.edits.rename_function(row_id, text)
        self.refresh()  # a refused name goes back to the one in the plan

    def _editing_closed(self) -> None:
        if any(self.item_for(key) is not None for key in PENDING.values()):
            QTimer.singleShot(0, self, self.refresh)  # Esc: the new row goes away

    def _context_menu(self, point: QPoint) -> None:
        menu = self.context_menu_for(self.tree.itemAt(point))
        if menu is not None and not menu.isEmpty():
            menu.popup(self.tree.viewport().mapToGlobal(point))

    def _plan_changed(self, changes: ChangeSet) -> None:
        if any(change.table in ORG_TABLES for change in changes):
            self.refresh()

    def _all_items(self) -> list[QTreeWidgetItem]:
        """Every row, in the tree's order (rows still to come are added first)."""
        return self.rows.all_items()
