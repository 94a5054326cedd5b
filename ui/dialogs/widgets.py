"""Small pieces the dialogs share: named fields and the line that says why not."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

W = TypeVar("W", bound=QWidget)
REFUSAL_COLOUR = "#b3261e"


def named(widget: W, name: str, accessible: str) -> W:
    """`widget` with an object name (tests, style sheets) and an accessible name, already
    translated."""
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def problem_label(parent: QWidget, name: str) -> QLabel:
    """Where a dialog says why the plan refused what was asked; empty until then."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {REFUSAL_COLOUR};")
    return label


def choose(combo: QComboBox, data: object) -> None:
    """Make the entry holding `data` current, if there is one."""
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def counted(number: int, one: str, many: str) -> str:
    """"1 objective", "3 objectives" (English; other languages come from their translations)."""
    return f"{number} {one if number == 1 else many}"
