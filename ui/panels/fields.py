"""Small entry widgets of the inspector: numbers that may be unset, choices from a vocabulary.

Numbers are read and shown in the system's locale (QLocale): "1,000" is a thousand in English
and one in German; what the locale cannot read is tried in the C locale ("1.5" in German), and
spaces between digit groups are always allowed ("1 000").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from okrdesk.errors import OperationRefused

from ..translation import tr

NOT_SET = -1
CONFIDENCE_STEPS = 10
GROUPED_FROM = 10_000  # smaller numbers are shown without digit groups: 2027, not 2,027
SIGNIFICANT_DIGITS = 12
SHRUNK_LETTERS = 8  # the least a shrinkable choice box shows
ELIDED_BUTTON_PADDING = 24  # pixels of a button's frame and margins around its text
SPACES = (" ", "\u00a0", "\u202f", "\u2009")  # space, no-break, narrow no-break, thin


def format_number(value: float | None, locale: QLocale | None = None) -> str:
    """A number as the locale writes it, digit groups from ten thousand on; None is empty."""
    if value is None:
        return ""
    locale = QLocale(locale or QLocale())
    if abs(value) < GROUPED_FROM:
        locale.setNumberOptions(locale.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    return locale.toString(float(value), "g", SIGNIFICANT_DIGITS)


def parse_number(text: str, what: str, locale: QLocale | None = None) -> float | None:
    """Text a planner typed, as a number; empty means 'not set'. "12%" is 12."""
    locale = locale or QLocale()
    cleaned = text.strip()
    for percent in {locale.percent(), "%"}:
        cleaned = cleaned.removesuffix(percent).removeprefix(percent)
    for space in SPACES:
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        return None
    for reader in (locale, QLocale.c()):
        value, ok = reader.toDouble(cleaned)
        if ok:
            break
    else:
        example = locale.toString(1500.5, "f", 1)
        raise OperationRefused(tr("The {what} must be a number such as {example}, not “{text}”.")
                               .format(what=what, example=example, text=text.strip()))
    if not math.isfinite(value):
        raise OperationRefused(tr("The {what} must be a finite number, not “{text}”.")
                               .format(what=what, text=text.strip()))
    return value


def translated(choices: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
    """A vocabulary's readable names, marked with QT_TR_NOOP, in the reader's language."""
    return [(tr(text), value) for text, value in choices]


def add_field(form: QFormLayout, text: str, field: QWidget) -> None:
    """A labelled row whose field carries the label as its accessible name."""
    form.addRow(text, field)
    field.setAccessibleName(text)


def shrinkable(*boxes: QComboBox) -> None:
    """Choice boxes that may be narrower than their longest entry (a long name is cut, and the
    open list shows it whole), so they never widen a narrow panel."""
    for box in boxes:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(SHRUNK_LETTERS)


def label(text: str, parent: QWidget, name: str = "", *, wrap: bool = False) -> QLabel:
    """A label with an object name, so the style sheets can reach it."""
    result = QLabel(text, parent)
    result.setObjectName(name)
    result.setWordWrap(wrap)
    return result


class ElidedButton(QPushButton):
    """A button whose long text is shortened to fit its width ("Aligned under it: “Dou…”"),
    the whole text in its tooltip; it never widens its panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = max(self.width() - ELIDED_BUTTON_PADDING, 20)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                   room))


class NumberEdit(QLineEdit):
    """A number or nothing; `committed` fires when the planner is done and the text changed."""

    committed = Signal(str)

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder or self.tr("not set"))
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
        self.setCursorPosition(0)  # a title longer than the field shows its start

    def _finished(self) -> None:
        if self.text() != self._shown:
            self._shown = self.text()
            self.committed.emit(self.text())


class ConfidenceBox(QSpinBox):
    """A confidence in whole steps from 0 to 10, shown as "7/10", or not set (a dash). The plan
    stores it as a fraction (7/10 is 0.7)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_SET, CONFIDENCE_STEPS)
        self.setSuffix(f"/{CONFIDENCE_STEPS}")
        self.setSpecialValueText("—")
        self.setKeyboardTracking(False)
        self.setToolTip(self.tr("How sure the owner is of reaching the target: 0 (not at all) "
                                "to 10 (certain); 3/10 or less needs a note with a check-in."))

    def show_fraction(self, value: float | None) -> None:
        self.blockSignals(True)
        self.setValue(NOT_SET if value is None else round(value * CONFIDENCE_STEPS))
        self.blockSignals(False)

    def fraction(self) -> float | None:
        return None if self.value() == NOT_SET else self.value() / CONFIDENCE_STEPS


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
