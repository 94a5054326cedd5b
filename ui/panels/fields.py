"""Small entry widgets of the inspector: numbers that may be unset, choices from a vocabulary."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from okrdesk.errors import OperationRefused

NOT_SET = -1


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.6g}".replace(",", " ") if abs(value) >= 10_000 else f"{value:g}"


def parse_number(text: str, what: str) -> float | None:
    """Text a planner typed, as a number; empty means 'not set'."""
    cleaned = text.strip().replace(" ", "").replace("_", "")
    if not cleaned:
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma
    try:
        value = float(cleaned.replace(",", ""))
    except ValueError:
        raise OperationRefused(f"The {what} must be a number, not “{text.strip()}”.") from None
    if not math.isfinite(value):
        raise OperationRefused(f"The {what} must be a finite number.")
    return value


def label(text: str, parent: QWidget, name: str = "", *, wrap: bool = False) -> QLabel:
    """A label with an object name, so the style sheets can reach it."""
    result = QLabel(text, parent)
    result.setObjectName(name)
    result.setWordWrap(wrap)
    return result


class NumberEdit(QLineEdit):
    """A number or nothing; `committed` fires when the planner is done and the text changed."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "not set", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self._shown = ""
        self.editingFinished.connect(self._finished)

    def show_value(self, value: float | None) -> None:
        self._shown = format_number(value)
        self.setText(self._shown)

    def _finished(self) -> None:
        if self.text().strip() != self._shown:
            self._shown = self.text().strip()
            self.committed.emit(self.text())


class TextEdit(QLineEdit):
    """One line of text; `committed` fires when the planner is done and the text changed."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.editingFinished.connect(self._finished)

    def show_text(self, text: str) -> None:
        self._shown = text
        self.setText(text)

    def _finished(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self.committed.emit(self.text())


class PercentBox(QSpinBox):
    """A confidence from 0 to 100 %, or not set (shown as a dash)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_SET, 100)
        self.setSuffix(" %")
        self.setSpecialValueText("—")
        self.setKeyboardTracking(False)

    def show_fraction(self, value: float | None) -> None:
        self.blockSignals(True)
        self.setValue(NOT_SET if value is None else round(value * 100))
        self.blockSignals(False)

    def fraction(self) -> float | None:
        return None if self.value() == NOT_SET else self.value() / 100


class ChoiceBox(QComboBox):
    """A fixed vocabulary shown with readable names; `chosen(value)` fires on a planner's pick."""

    chosen = Signal(object)

    def __init__(self, choices: Sequence[tuple[str, object]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_choices(choices)
        self.activated.connect(lambda index: self.chosen.emit(self.itemData(index)))

    def set_choices(self, choices: Sequence[tuple[str, object]]) -> None:
        self.blockSignals(True)
        self.clear()
        for text, value in choices:
            self.addItem(text, value)
        self.blockSignals(False)

    def show_value(self, value: object) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(self.findData(value), 0))
        self.blockSignals(False)

    def choose(self, value: object) -> None:
        """Pick a value as a planner would (tests use it)."""
        index = self.findData(value)
        self.setCurrentIndex(index)
        self.activated.emit(index)
