"""The lower half of the merge review: the line chosen above in full, and for a conflict the
three ways to settle it: keep the plan's value, take the draft's, or edit one's own."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from okrdesk.drafts.merge import EditedValue
from okrdesk.snapshot import Snapshot

from ..translation import tr
from .editors import FieldEditor, editor_for
from .entries import Entry
from .model import Choice
from .values import Names

PLAN, DRAFT, EDIT = 0, 1, 2


def _value_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class ConflictResolver(QWidget):
    chosen = Signal(str, object)  # the conflict's key, and its Choice (None: not settled)

    def __init__(self, names: Names, snapshot: Snapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictResolver")
        self.names = names
        self.snapshot = snapshot
        self.entry: Entry | None = None
        self.editor: FieldEditor | None = None
        self.what = QLabel(self)
        self.what.setObjectName("resolverWhat")
        self.what.setWordWrap(True)
        font = self.what.font()
        font.setBold(True)
        self.what.setFont(font)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.plan_change = QLabel(self)  # who changed the plan's side, when the history says
        self.plan_change.setObjectName("planChange")
        self.plan_change.setWordWrap(True)
        self.plan_change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan_value = _value_label(self, "planValue")
        self.draft_value = _value_label(self, "draftValue")
        self.base_value = _value_label(self, "baseValue")
        self.base_title = QLabel(tr("Base (when the draft was taken out)"), self)
        values = QGridLayout()
        values.addWidget(QLabel(tr("In the plan"), self), 0, 0)
        values.addWidget(QLabel(tr("In the draft"), self), 0, 1)
        values.addWidget(self.base_title, 0, 2)
        values.addWidget(self.plan_value, 1, 0)
        values.addWidget(self.draft_value, 1, 1)
        values.addWidget(self.base_value, 1, 2)
        for column in range(3):
            values.setColumnStretch(column, 1)
        self.keep_plan = QRadioButton(tr("Keep the &plan's"), self)
        self.take_draft = QRadioButton(tr("Take the &draft's"), self)
        self.edit = QRadioButton(tr("&Edit:"), self)
        self.sides = QButtonGroup(self)
        for number, button in enumerate((self.keep_plan, self.take_draft, self.edit)):
            self.sides.addButton(button, number)
        self.sides.idClicked.connect(self._side_clicked)
        self.choices = QGridLayout()
        self.choices.addWidget(self.keep_plan, 0, 0)
        self.choices.addWidget(self.take_draft, 0, 1)
        self.choices.addWidget(self.edit, 0, 2)
        self.choices.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.what)
        layout.addWidget(self.reason)
        layout.addWidget(self.plan_change)
        layout.addLayout(values)
        layout.addLayout(self.choices)
        layout.addStretch(1)
        self.show_base(False)
        self.show_entry(None, None)

    def show_base(self, on: bool) -> None:
        self.base_title.setVisible(on)
        self.base_value.setVisible(on)

    def show_entry(self, entry: Entry | None, choice: Choice | None) -> None:
        """Show a line and, for a conflict, the choice made for it so far."""
        self.entry = entry
        self._drop_editor()
        conflict = entry.conflict if entry is not None else None
        self.what.setText(entry.full if entry is not None else
                          tr("Choose a line above to see it whole."))
        self.reason.setText(tr("Conflict: {reason}.").format(reason=conflict.reason)
                            if conflict is not None else
                            tr("The draft changed this; the plan did not. It is merged as it "
                               "is.") if entry is not None else "")
        self.plan_change.setText(entry.changed if entry is not None else "")
        self.plan_change.setVisible(bool(self.plan_change.text()))
        for label, text in ((self.plan_value, entry.plan if entry else ""),
                            (self.draft_value, entry.draft if entry else ""),
                            (self.base_value, entry.base if entry else "")):
            label.setText(text)
        for button in (self.keep_plan, self.take_draft, self.edit):
            button.setVisible(conflict is not None)
        if conflict is None:
            return
        # the editor starts at the draft's value, or at the value edited before
        edited = replace(conflict, draft=choice.value) if isinstance(choice, EditedValue) \
            else conflict
        self.editor = editor_for(edited, self.names, self.snapshot, self)
        self.edit.setVisible(self.editor is not None)
        if self.editor is not None:
            self.editor.setObjectName("editedValue")
            self.choices.addWidget(self.editor, 0, 3)
            self.editor.setEnabled(isinstance(choice, EditedValue))
            self.editor.edited.connect(self._edited)
        self.sides.setExclusive(False)
        for side in self.sides.buttons():
            side.setChecked(False)
        self.sides.setExclusive(True)
        if choice == "plan":
            self.keep_plan.setChecked(True)
        elif choice == "draft":
            self.take_draft.setChecked(True)
        elif isinstance(choice, EditedValue):
            self.edit.setChecked(True)

    def _drop_editor(self) -> None:
        if self.editor is not None:
            self.choices.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def _side_clicked(self, side: int) -> None:
        if self.entry is None:
            return
        if self.editor is not None:
            self.editor.setEnabled(side == EDIT)
        if side == EDIT and self.editor is not None:
            self.editor.setFocus()
            self.chosen.emit(self.entry.key, EditedValue(self.editor.value()))
        else:
            self.chosen.emit(self.entry.key, "plan" if side == PLAN else "draft")

    def _edited(self) -> None:
        if self.entry is not None and self.editor is not None and self.edit.isChecked():
            self.chosen.emit(self.entry.key, EditedValue(self.editor.value()))
