"""The outline view: one owner's or one cycle's objectives as an outline typed from the keyboard.

Objectives sit at the margin, key results under them. Enter on a line opens the next line of
its kind, Tab on a new line makes it a key result of the objective above (Shift+Tab back), F2
edits a title, Delete deletes, Ctrl+Up/Down reorders. Each line written is one operation, so
one undo step; the view rebuilds from `document.changed` and keeps the caret where it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from okrdesk import ops
from okrdesk.authoring import OutlineObjective, read_key_result
from okrdesk.snapshot import KeyResultRow, ObjectiveRow
from okrdesk.storage import ChangeSet

from ..document import PlanDocument
from ..measure_words import measure_text
from ..owner_field import OwnerField
from .outline_editor import ENTER_KEYS, AnyIndex, LineDelegate
from .outline_rows import (
    BY_CYCLE,
    BY_OWNER,
    OutlineChoice,
    shown_objectives,
    siblings,
)

KEY_ROLE = Qt.ItemDataRole.UserRole  # "objectives:<id>", "key_results:<id>" or NEW_LINE
NEW_LINE = "new"
ROW_LIMIT = 400  # objectives built at once: a whole company's year is read, not typed, here
MOVE_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
OUTLINE_TABLES = {"objectives", "key_results", "units", "cycles", "levels"}


@dataclass
class NewLine:
    """A line being typed: an objective (`objective_id` empty) or a key result of one."""

    item: QTreeWidgetItem
    owner_id: str
    after_id: str  # the objective or key result it was opened after ("" for the end)
    objective_id: str = ""


class OutlineTree(QTreeWidget):
    """The outline itself; keys the view acts on are handed to it."""

    def __init__(self, panel: OutlinePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def event(self, event: QEvent) -> bool:
        """Keys of the outline win over the window's shortcuts for the same keys (F2, Delete,
        Insert, Alt+Up/Down act on the canvas selection there)."""
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and self.panel.claims(event)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.panel.key_pressed(event):
            super().keyPressEvent(event)


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
        self.tree = OutlineTree(self)
        self.tree.setObjectName("outlineTree")
        self.tree.setAccessibleName(self.tr("Outline: objectives and their key results"))
        self.tree.setHeaderLabels([self.tr("Outline"), self.tr("Reads as")])
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 170)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.delegate = LineDelegate(self, self.tree)
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
        self._fill_owners()
        self.owner_box.setCurrentIndex(max(0, self.owner_box.findData(self._first_owner())))
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
        row = self._row_of(current)
        in_view = self.document.analytics.view_objectives(choice.cycle_id) if cycle else []
        objectives = shown_objectives(snapshot, in_view, choice)
        items = [self._objective_item(o) for o in objectives[:ROW_LIMIT]]
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
        self._restore(keep, row)

    def item_for(self, table: str, row_id: str) -> QTreeWidgetItem | None:
        key = f"{table}:{row_id}"
        for index in range(self.tree.topLevelItemCount()):
            top = _top(self.tree, index)
            if top.data(0, KEY_ROLE) == key:
                return top
            for child in range(top.childCount()):
                if _child(top, child).data(0, KEY_ROLE) == key:
                    return top.child(child)
        return None

    def _objective_item(self, objective: ObjectiveRow) -> QTreeWidgetItem:
        owner = self.document.snapshot.units.get(objective.owner_id)
        shown_owner = owner.name if owner is not None and self.choice.mode == BY_CYCLE else ""
        item = self._item(objective.title, shown_owner, f"objectives:{objective.id}")
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.addChildren([self._kr_item(kr)
                          for kr in self.document.snapshot.key_results_of(objective.id)])
        return item

    def _kr_item(self, kr: KeyResultRow) -> QTreeWidgetItem:
        return self._item(kr.title, measure_text(kr.kind, kr.start_value, kr.target_value,
                                                 kr.unit), f"key_results:{kr.id}")

    @staticmethod
    def _item(title: str, note: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title, note])
        item.setData(0, KEY_ROLE, key)
        item.setToolTip(0, title)
        item.setToolTip(1, note)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def _restore(self, key: str, row: tuple[int, int]) -> None:
        table, _, row_id = key.partition(":")
        item = self.item_for(table, row_id) if row_id else None
        if item is None and self.tree.topLevelItemCount():
            top, child = row
            top_item = _top(self.tree, min(top, self.tree.topLevelItemCount() - 1))
            item = top_item
            if child >= 0 and top_item.childCount():
                item = top_item.child(min(child, top_item.childCount() - 1))
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def _row_of(self, item: QTreeWidgetItem | None) -> tuple[int, int]:
        if item is None:
            return (0, -1)
        parent = item.parent()
        if parent is None:
            return (self.tree.indexOfTopLevelItem(item), -1)
        return (self.tree.indexOfTopLevelItem(parent), parent.indexOfChild(item))

    def _fill_owners(self) -> None:
        self.owner_box.fill(self.document.snapshot, self.owner_box.currentData() or "")

    def _first_owner(self) -> str:
        table, row_id = self.document.selected
        objective = self.document.snapshot.objectives.get(row_id)
        if table == "objectives" and objective is not None:
            return objective.owner_id
        levels = {level.id: level.rank for level in self.document.snapshot.levels.values()}
        units = sorted(self.document.snapshot.units.values(),
                       key=lambda u: (levels.get(u.level_id, 99), u.name.casefold()))
        return units[0].id if units else ""

    def _plan_changed(self, changes: ChangeSet) -> None:
        touched = {change.table for change in changes.rows}
        if touched & {"units"}:
            self._fill_owners()
        if touched & OUTLINE_TABLES:
            self.rebuild()

    def _current_changed(self, current: QTreeWidgetItem | None, *_previous: object) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else ""
        table, _, row_id = str(key).partition(":")
        if row_id:
            self.document.select(table, row_id)

    # -- keys -----------------------------------------------------------------------------------

    def claims(self, event: QKeyEvent) -> bool:
        key = event.key()
        moves = bool(event.modifiers() & MOVE_MODIFIERS) and key in (Qt.Key.Key_Up,
                                                                      Qt.Key.Key_Down)
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return moves or (plain and key in (*ENTER_KEYS, Qt.Key.Key_Delete, Qt.Key.Key_Insert,
                                           Qt.Key.Key_F2))

    def key_pressed(self, event: QKeyEvent) -> bool:
        """Keys of the outline (the line editor hands its own to the line_* methods)."""
        if not self.claims(event):
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
        table, _, row_id = str(item.data(0, KEY_ROLE) if item else "").partition(":")
        line = QTreeWidgetItem([""])
        line.setData(0, KEY_ROLE, NEW_LINE)
        line.setFlags(line.flags() | Qt.ItemFlag.ItemIsEditable)
        parent = item.parent() if item is not None else None
        if table == "key_results" and item is not None and parent is not None:
            parent.insertChild(parent.indexOfChild(item) + 1, line)
            kr = self.document.snapshot.key_results[row_id]
            self.new_line = NewLine(line, "", row_id, kr.objective_id)
        else:
            owner = self.choice.owner_id
            if table == "objectives" and item is not None:
                owner = self.document.snapshot.objectives[row_id].owner_id
                self.tree.insertTopLevelItem(self.tree.indexOfTopLevelItem(item) + 1, line)
            else:
                self.tree.addTopLevelItem(line)
            if not owner:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(line))
                self.document.refused.emit(self.tr("Add a person or team first: an objective "
                                                   "needs an owner."))
                return
            self.new_line = NewLine(line, owner, row_id if table == "objectives" else "")
        self._edit(line)

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
            self._write_title(key, text)
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
            above = self.tree.topLevelItem(self.tree.indexOfTopLevelItem(item) - 1) \
                if self.tree.indexOfTopLevelItem(item) > 0 else None
            key = str(above.data(0, KEY_ROLE)) if above is not None else ""
            if above is None or not key.startswith("objectives:"):
                self.document.refused.emit(self.tr("A key result needs an objective above it."))
            else:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))
                above.addChild(item)
                above.setExpanded(True)
                objective_id = key.partition(":")[2]
                krs = snapshot.krs_of.get(objective_id, [])
                self.new_line = NewLine(item, "", krs[-1] if krs else "", objective_id)
        elif outdent and line.objective_id and (parent := item.parent()) is not None:
            parent.removeChild(item)
            self.tree.insertTopLevelItem(self.tree.indexOfTopLevelItem(parent) + 1, item)
            objective = snapshot.objectives[line.objective_id]
            self.new_line = NewLine(item, objective.owner_id, objective.id)
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
            changes = self._write_key_result(line, text)
            table = "key_results"
        else:
            changes = self._write_objective(line, text)
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

    def _write_objective(self, line: NewLine, text: str) -> ChangeSet | None:
        plan, cycle = self.document.plan, self.document.cycle_id
        if not cycle:
            self.document.refused.emit(self.tr("Add a cycle first: an objective belongs to "
                                               "one."))
            return None
        snapshot = self.document.snapshot
        position: int | None = None
        after = snapshot.objectives.get(line.after_id)
        if after is not None and after.owner_id == line.owner_id and after.cycle_id == cycle:
            order = siblings(snapshot, after)
            position = order.index(after.id) + 1
            if position >= len(order):
                position = None
        label = self.tr("New objective “{0}”").format(text[:60])
        if position is None:
            return self.document.run(label, lambda: ops.create_objective(
                plan, line.owner_id, cycle, text))
        where = position
        return self.document.run(label, lambda: ops.create_outline(
            plan, line.owner_id, cycle, [OutlineObjective(text, [])], position=where,
            label=label))

    def _write_key_result(self, line: NewLine, text: str) -> ChangeSet | None:
        plan, objective_id = self.document.plan, line.objective_id
        krs = self.document.snapshot.krs_of.get(objective_id, [])
        position = krs.index(line.after_id) + 1 if line.after_id in krs else 0
        label = self.tr("New key result “{0}”").format(text[:60])
        if position >= len(krs):
            reading = read_key_result(text)
            return self.document.run(label, lambda: ops.add_key_result(
                plan, objective_id, **reading.key_result_fields()))
        return self.document.run(label, lambda: ops.insert_key_result(
            plan, objective_id, text, position=position))

    def _write_title(self, key: str, text: str) -> None:
        table, _, row_id = key.partition(":")
        plan, snapshot = self.document.plan, self.document.snapshot
        if table == "objectives" and row_id in snapshot.objectives:
            if text.strip() != snapshot.objectives[row_id].title:
                self.document.run(self.tr("Edit objective"), lambda: ops.edit_objective(
                    plan, row_id, title=text))
        elif table == "key_results" and row_id in snapshot.key_results:
            kr = snapshot.key_results[row_id]
            if text.strip() == kr.title:
                return
            fields: dict[str, object] = {"title": text}
            was = read_key_result(kr.title)
            if (was.kind.value, was.start, was.target, was.unit) == (
                    kr.kind, kr.start_value, kr.target_value, kr.unit):
                # the measure was read from the old words, not set by hand: read the new ones
                now = read_key_result(text)
                fields.update(kind=now.kind.value, start_value=now.start,
                              target_value=now.target, unit=now.unit)
            self.document.run(self.tr("Edit key result"), lambda: ops.edit_key_result(
                plan, row_id, **fields))

    def _drop_new_line(self) -> None:
        line, self.new_line = self.new_line, None
        if line is None:
            return
        parent = line.item.parent()
        if parent is not None:
            index = parent.indexOfChild(line.item)
            parent.removeChild(line.item)
            above = parent.child(index - 1) if index > 0 else parent
        else:
            index = self.tree.indexOfTopLevelItem(line.item)
            self.tree.takeTopLevelItem(index)
            above = self.tree.topLevelItem(index - 1) if index > 0 else None
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
        item = self.tree.currentItem()
        table, _, row_id = str(item.data(0, KEY_ROLE) if item else "").partition(":")
        snapshot, plan = self.document.snapshot, self.document.plan
        if table == "objectives" and row_id in snapshot.objectives:
            objective = snapshot.objectives[row_id]
            krs = snapshot.krs_of.get(row_id, [])
            aligned = sum(len(snapshot.aligned_to_kr.get(kr, ())) for kr in krs)
            if (krs or aligned) and not self.confirm(
                    self.tr("Delete “{0}”?").format(objective.title),
                    self.tr("Its {0} key result(s) go with it; {1} objective(s) aligned under "
                            "them stay, unaligned.").format(len(krs), aligned)):
                return
            self.document.run(self.tr("Delete objective"),
                              lambda: ops.delete_objective(plan, row_id))
        elif table == "key_results" and row_id in snapshot.key_results:
            kr = snapshot.key_results[row_id]
            aligned = len(snapshot.aligned_to_kr.get(row_id, ()))
            if aligned and not self.confirm(
                    self.tr("Delete “{0}”?").format(kr.title),
                    self.tr("{0} objective(s) aligned under it stay, unaligned.").format(
                        aligned)):
                return
            self.document.run(self.tr("Delete key result"),
                              lambda: ops.delete_key_result(plan, row_id))

    def confirm(self, question: str, detail: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("outlineDeleteQuestion")
        box.setInformativeText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def move_current(self, step: int) -> None:
        item = self.tree.currentItem()
        table, _, row_id = str(item.data(0, KEY_ROLE) if item else "").partition(":")
        snapshot, plan = self.document.snapshot, self.document.plan
        if table == "objectives" and row_id in snapshot.objectives:
            order = siblings(snapshot, snapshot.objectives[row_id])
            where = order.index(row_id) + step
            if 0 <= where < len(order):
                self.document.run(self.tr("Reorder objective"),
                                  lambda: ops.reorder_objective(plan, row_id, where))
        elif table == "key_results" and row_id in snapshot.key_results:
            krs = snapshot.krs_of.get(snapshot.key_results[row_id].objective_id, [])
            where = krs.index(row_id) + step
            if 0 <= where < len(krs):
                self.document.run(self.tr("Reorder key result"),
                                  lambda: ops.reorder_key_result(plan, row_id, where))


def _top(tree: QTreeWidget, index: int) -> QTreeWidgetItem:
    item = tree.topLevelItem(index)
    assert item is not None
    return item


def _child(item: QTreeWidgetItem, index: int) -> QTreeWidgetItem:
    child = item.child(index)
    assert child is not None
    return child
