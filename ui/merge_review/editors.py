"""An editor fitting a conflicting field, for settling a conflict with a value of one's own: a
list of choices for a fixed vocabulary or a link to another row, a number box for a number, a
text field (or a text box for the long texts) for text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from okrdesk.drafts.merge import Conflict
from okrdesk.model.enums import Commitment, KrKind, Origin, Status, UnitKind, Visibility
from okrdesk.snapshot import ROW_CLASSES, Snapshot

from ..translation import tr
from .values import NONE, Names

VOCABULARIES: dict[tuple[str, str], type[StrEnum]] = {
    ("key_results", "kind"): KrKind, ("units", "kind"): UnitKind,
    ("objectives", "origin"): Origin, ("key_results", "origin"): Origin,
    ("objectives", "commitment"): Commitment, ("objectives", "visibility"): Visibility,
    ("objectives", "status"): Status,
}
LONG_TEXTS = frozenset({"description", "note", "achieved", "learned", "decided"})
LINKED_ROWS = {"owner_id": "units", "manager_id": "units", "cycle_id": "cycles",
               "level_id": "levels", "function_id": "functions"}
NUMBER_LIMIT = 1e12
# The row classes' annotations say each field's type; check-ins are not held in a snapshot.
FIELD_TYPES = {(row_class.table, f.name): str(f.type) for row_class in ROW_CLASSES
               for f in fields(row_class)}
FIELD_TYPES.update({("check_ins", "value"): "float | None",
                    ("check_ins", "confidence"): "float | None"})


def field_type(table: str, field: str) -> tuple[str, bool]:
    """('int', 'float' or 'str', whether it may be empty)."""
    written = FIELD_TYPES.get((table, field), "str").replace(" ", "")
    nullable = written.endswith("|None")
    return written.removesuffix("|None"), nullable


class FieldEditor(QWidget):
    """`value()` is the value typed or chosen; `edited` says it changed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.field: QWidget | None = None

    def value(self) -> Any:
        raise NotImplementedError

    def _hold(self, field: QWidget) -> None:
        self.field = field
        self.row.addWidget(field, 1)
        self.setFocusProxy(field)


class ChoiceEditor(FieldEditor):
    def __init__(self, choices: Sequence[tuple[str, Any]], start: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QComboBox(self)
        self.box.setAccessibleName(tr("Edited value"))
        for text, value in choices:
            self.box.addItem(text, value)
        found = next((i for i, (_, value) in enumerate(choices) if value == start), 0)
        self.box.setCurrentIndex(found)
        self.box.currentIndexChanged.connect(lambda _index: self.edited.emit())
        self._hold(self.box)

    def value(self) -> Any:
        return self.box.currentData()


class NumberEditor(FieldEditor):
    """A number; where the field may be empty, the lowest value reads "—" and means none."""

    def __init__(self, start: Any, nullable: bool, whole: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nullable = nullable
        self.box = QDoubleSpinBox(self)
        self.box.setAccessibleName(tr("Edited value"))
        self.box.setDecimals(0 if whole else 2)
        self.box.setRange(-NUMBER_LIMIT - 1 if nullable else -NUMBER_LIMIT, NUMBER_LIMIT)
        if nullable:
            self.box.setSpecialValueText(NONE)
        self.box.setValue(float(start) if start is not None else self.box.minimum())
        self.box.valueChanged.connect(lambda _value: self.edited.emit())
        self.whole = whole
        self._hold(self.box)

    def value(self) -> Any:
        number = self.box.value()
        if self.nullable and number == self.box.minimum():
            return None
        return int(number) if self.whole else number


class TextEditor(FieldEditor):
    def __init__(self, start: Any, long: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.long = long
        if long:
            self.box: QLineEdit | QPlainTextEdit = QPlainTextEdit(str(start or ""), self)
            self.box.setTabChangesFocus(True)
            self.box.setMaximumHeight(self.box.fontMetrics().lineSpacing() * 4 + 12)
            self.box.textChanged.connect(self.edited.emit)
        else:
            self.box = QLineEdit(str(start or ""), self)
            self.box.textEdited.connect(lambda _text: self.edited.emit())
        self.box.setAccessibleName(tr("Edited value"))
        self._hold(self.box)

    def value(self) -> Any:
        box = self.box
        return box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()


def editor_for(conflict: Conflict, names: Names, snapshot: Snapshot,
               parent: QWidget | None = None) -> FieldEditor | None:
    """The editor of a conflict's field, starting from the draft's value; None for a whole row
    (deleted on one side, changed on the other), which is settled by choosing a side."""
    field = conflict.field
    if field is None:
        return None
    start = conflict.draft if conflict.draft is not None else conflict.plan
    vocabulary = VOCABULARIES.get((conflict.table, field))
    kind, nullable = field_type(conflict.table, field)
    empty: list[tuple[str, Any]] = [(NONE, None)] if nullable else []
    if vocabulary is not None:
        words = [(member.value.replace("_", " "), member.value) for member in vocabulary]
        return ChoiceEditor(empty + words, start, parent)
    if field in LINKED_ROWS:
        rows = getattr(snapshot, LINKED_ROWS[field]).values()
        choices = sorted(((row.name, row.id) for row in rows), key=lambda c: c[0].casefold())
        return ChoiceEditor(empty + choices, start, parent)
    if field.endswith("_id"):  # another row: one of the values the two sides hold, or none
        seen = [v for v in (conflict.plan, conflict.draft, conflict.base) if v is not None]
        choices = [(names.value(field, v), v) for v in dict.fromkeys(seen)]
        none = tr("not aligned") if field == "parent_kr_id" else NONE
        return ChoiceEditor(choices + [(none, None)] * nullable, start, parent)
    if kind in ("int", "float"):
        return NumberEditor(start, nullable, kind == "int", parent)
    return TextEditor(start, field in LONG_TEXTS, parent)
