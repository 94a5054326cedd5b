"""The outline view: one owner's or one cycle's objectives as an outline typed from the keyboard.

Objectives sit at the margin, key results under them. Enter on a line opens the next line of
its kind, Tab on a new line makes it a key result of the objective above (Shift+Tab back), F2
edits a title, Delete deletes, Ctrl+Up/Down reorders. Each line written is one operation, so
one undo step; the view rebuilds from `document.changed` and keeps the caret where it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..owner_field import OwnerField
from .first_use import FillOnFirstUse
from .outline_editor import ENTER_KEYS, AnyIndex, LineDelegate
from .outline_items import (
    KEY_ROLE,
    NEW_LINE,
    find_item,
    item_near,
    key_of,
    objective_item,
    position_of,
)
from .outline_lines import NewLine, drop_line, move_in, move_out, open_line
from .outline_rows import BY_CYCLE, BY_OWNER, OutlineChoice, first_owner, shown_objectives
from .outline_tree import OutlineTree, claims
from .outline_writes import OutlineWrites

ROW_LIMIT = 400  # objectives built at once: a whole company's year is read, not typed, here
OUTLINE_TABLES = {"objectives", "key_results", "units", "cycles", "levels"}


class OutlinePanel(QWidget):
    """A chooser above the outline: by owner (type-ahead over people and teams) or this cycle."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.mode_box = QComboBox(self)
        self.mode_box.setObjectName("outlineMode")
        self.mode_box.addItem(self.tr("By owner"), BY_OWNER)
        self.mode_box.addItem(self.tr("This cycle"), BY_CYCLE)
        self.mode_box.setAccessibleName(self.tr("Show the outline by owner or for this cycle"))
        self.owner_label = QLabel(self)
        self.owner_box = OwnerField(self, "outlineOwner")
        self.owner_box.setAccessibleName(self.tr("Owner"))
        self.cycle_label = QLabel(self)
        self.cycle_label.setObjectName("outlineCycle")
        self.tree = OutlineTree(self, self)
        self.delegate = LineDelegate(self, self.tree)
        self.writes = OutlineWrites(document, self)
        self.tree.setItemDelegateForColumn(0, self.delegate)
        self.hint = QLabel(self.tr("Enter: next line · Tab: key result · Shift+Tab: objective · "
                                   "F2: edit · Del: delete · Ctrl+↑/↓: move · "
                                   "Ctrl+Shift+V: paste an outline"), self)
        self.hint.setObjectName("outlineHint")
        self.hint.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(self.mode_box)
        chooser.addWidget(self.owner_label)
        chooser.addWidget(self.owner_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(chooser)
        layout.addWidget(self.cycle_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self.new_line: NewLine | None = None
        self._editing = ""  # the key of the row whose title is being edited (F2)
        self._stale = False  # the plan changed while a line was open
        self.owners = FillOnFirstUse(self.owner_box, self._fill_owners)
        self._show_owner(first_owner(document.snapshot, document.selected))
        self.mode_box.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.owner_box.currentIndexChanged.connect(lambda _i: self.rebuild())
        self.tree.currentItemChanged.connect(self._current_changed)
        document.changed.connect(self._plan_changed)
        document.cycle_changed.connect(lambda _cycle: self.rebuild())
        self.rebuild()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.tree.viewport().width()  # the measure column gives way to the titles
        self.tree.setColumnWidth(1, max(80, min(220, int(width * 0.36))))

    # -- what is shown ------------------------------------------------------------------------

    @property
    def choice(self) -> OutlineChoice:
        return OutlineChoice(self.mode_box.currentData() or BY_OWNER,
                             self.owner_box.currentData() or "", self.document.cycle_id)

    def set_owner(self, unit_id: str) -> None:
        self.owners.ready()
        index = self.owner_box.findData(unit_id)
        if index >= 0:
            self.owner_box.setCurrentIndex(index)

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(max(0, self.mode_box.findData(mode)))

    def rebuild(self) -> None:
        """Show the choice afresh, keeping the current line."""
        if self.new_line is not None or self._editing:
            self._stale = True
            return
        self._stale = False
        snapshot = self.document.snapshot
        choice = self.choice
        self.owner_label.setText(self.tr("Owner:") if choice.mode == BY_OWNER
                                 else self.tr("New objectives for:"))
        self.tree.headerItem().setText(1, self.tr("Reads as") if choice.mode == BY_OWNER
                                       else self.tr("Owner · reads as"))
        cycle = snapshot.cycles.get(choice.cycle_id)
        self.cycle_label.setText(self.tr("Cycle: {0}").format(cycle.name) if cycle is not None
                                 else self.tr("The plan has no cycles yet."))
        current = self.tree.currentItem()
        keep = current.data(0, KEY_ROLE) if current is not None else ""
        row = position_of(self.tree, current)
        in_view = self.document.analytics.view_objectives(choice.cycle_id) if cycle else []
        objectives = shown_objectives(snapshot, in_view, choice)
        units = snapshot.units
        items = [objective_item(snapshot, o, units[o.owner_id].name
                                if choice.mode == BY_CYCLE and o.owner_id in units else "")
                 for o in objectives[:ROW_LIMIT]]
        if len(objectives) > ROW_LIMIT:
            note = QTreeWidgetItem([self.tr("… and {0:,} more objectives: choose “By owner” to "
                                            "see one owner's").format(
                len(objectives) - ROW_LIMIT), ""])
            note.setFlags(Qt.ItemFlag.ItemIsEnabled)
            items.append(note)
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            self.tree.addTopLevelItems(items)
            self.tree.expandAll()
        finally:
            self.tree.blockSignals(False)
            self.tree.setUpdatesEnabled(True)
        item = item_near(self.tree, str(keep), row)
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def item_for(self, table: str, row_id: str) -> QTreeWidgetItem | None:
        return find_item(self.tree, table, row_id)

    def _fill_owners(self) -> None:
        self.owner_box.fill(self.document.snapshot, self.owner_box.currentData() or "")

    def _show_owner(self, unit_id: str) -> None:
        """The chooser holds this one owner until it is first used (see first_use.py)."""
        unit = self.document.snapshot.units.get(unit_id)
        if unit is None:
            self.owners.ready()
            return
        blocked = self.owner_box.blockSignals(True)
        self.owner_box.clear()
        self.owner_box.addItem(unit.name, unit.id)
        self.owner_box.blockSignals(blocked)

    def _plan_changed(self, changes: ChangeSet) -> None:
        touched = {change.table for change in changes.rows}
        if touched & {"units"} and self.owners.pending:
            self._show_owner(self.owner_box.currentData() or "")
        elif touched & {"units"}:
            self._fill_owners()
        if touched & OUTLINE_TABLES:
            self.rebuild()

    def _current_changed(self, current: QTreeWidgetItem | None, *_previous: object) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else ""
        table, _, row_id = str(key).partition(":")
        if row_id:
            self.document.select(table, row_id)

    # -- keys -----------------------------------------------------------------------------------

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Keys of the outline (the line editor hands its own to the line_* methods)."""
        if not claims(event):
            return False
        key = event.key()
        if key in (*ENTER_KEYS, Qt.Key.Key_Insert):
            self.open_line_after(self.tree.currentItem())
        elif key == Qt.Key.Key_Delete:
            self.delete_current()
        elif key == Qt.Key.Key_F2:
            item = self.tree.currentItem()
            if item is not None:
                self.tree.editItem(item, 0)
        else:
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        return True

    def open_line_after(self, item: QTreeWidgetItem | None) -> None:
        """A new line after `item`, of its kind (None: a new objective at the end)."""
        if self.document.read_only:
            self.document.refused.emit(self.tr("The plan is open read-only."))
            return
        line = open_line(self.tree, self.document.snapshot, item, self.choice.owner_id)
        if line is None:
            self.document.refused.emit(self.tr("Add a person or team first: an objective "
                                               "needs an owner."))
            return
        self.new_line = line
        self._edit(line.item)

    def _edit(self, item: QTreeWidgetItem) -> None:
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        self.tree.editItem(item, 0)

    # -- the line editor ------------------------------------------------------------------------

    def line_opened(self, index: AnyIndex) -> None:
        model_index = self.tree.model().index(index.row(), index.column(), index.parent())
        item = self.tree.itemFromIndex(model_index)
        key = item.data(0, KEY_ROLE) if item is not None else ""
        if key != NEW_LINE:
            self._editing = str(key)

    def line_finished(self, text: str, advance: bool) -> None:
        if self.new_line is not None:
            self._write_new_line(self.new_line, text.strip(), advance)
        elif self._editing:
            key, self._editing = self._editing, ""
            table, _, row_id = key.partition(":")
            self.writes.write_title(table, row_id, text)
        self._after_editing()

    def line_cancelled(self) -> None:
        if self.new_line is not None:
            self._drop_new_line()
        self._editing = ""
        self._after_editing()

    def line_indented(self, text: str, outdent: bool) -> None:
        line = self.new_line
        if line is None:  # an existing title: Tab does not move it
            self._reopen_edit(text)
            return
        item = line.item
        item.setText(0, text)
        snapshot = self.document.snapshot
        if not outdent and not line.objective_id:
            moved = move_in(self.tree, snapshot, line)
            if moved is None:
                self.document.refused.emit(self.tr("A key result needs an objective above it."))
            else:
                self.new_line = moved
        elif outdent and line.objective_id and (parent := item.parent()) is not None:
            self.new_line = move_out(self.tree, snapshot, line, parent)
        self._edit(item)

    def _reopen_edit(self, text: str) -> None:
        item = self.tree.currentItem()
        key, self._editing = self._editing, ""
        if item is not None and key:
            item.setText(0, text)
            self._edit(item)

    def _write_new_line(self, line: NewLine, text: str, advance: bool) -> None:
        if not text:
            self._drop_new_line()
            return
        if line.objective_id:
            changes = self.writes.write_key_result(line.objective_id, line.after_id, text)
            table = "key_results"
        else:
            changes = self.writes.write_objective(line.owner_id, line.after_id, text)
            table = "objectives"
        if changes is None:  # refused: the reason is in the status bar, the line stays open
            line.item.setText(0, text)
            self._edit(line.item)
            return
        self.new_line = None
        self.rebuild()
        item = self.item_for(table, changes.new_id(table))
        if item is not None:
            self.tree.setCurrentItem(item)
            if advance:
                self.open_line_after(item)

    def _drop_new_line(self) -> None:
        line, self.new_line = self.new_line, None
        if line is None:
            return
        above = drop_line(self.tree, line)
        if above is not None:
            self.tree.setCurrentItem(above)

    def _after_editing(self) -> None:
        if self.new_line is not None or self._editing:  # the next line is open already
            return
        if self._stale:
            self.rebuild()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- delete and reorder -------------------------------------------------------------------

    def delete_current(self) -> None:
        self.writes.delete(*key_of(self.tree.currentItem()))

    def move_current(self, step: int) -> None:
        table, row_id = key_of(self.tree.currentItem())
        self.writes.move(table, row_id, step)
