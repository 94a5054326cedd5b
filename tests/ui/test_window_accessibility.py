"""Every control of the main window has a name a screen reader can announce."""

from __future__ import annotations

from okrdesk_ui.main_window import MainWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled

INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView,
               QGraphicsView, QPlainTextEdit, QTextEdit, QTabBar, QAbstractSlider)


def qt_part(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets, named by Qt: scroll bars, headers, the editor of
    a spin box, the clear button of a line edit, the extension button of a tool bar."""
    parent = widget.parentWidget()
    return (isinstance(widget, QScrollBar | QHeaderView)
            or widget.objectName().startswith("qt_")
            or isinstance(parent, QLineEdit | QAbstractSpinBox | QComboBox))


def spoken_name(widget: QWidget, buddies: dict[int, str]) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if id(widget) in buddies:
        return buddies[id(widget)]
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        return widget.defaultAction().text()  # type: ignore[union-attr]
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QTabBar):
        texts = [widget.tabText(i) for i in range(widget.count())]
        return ", ".join(texts) if all(texts) else ""
    return ""


def unnamed_controls(window: MainWindow) -> list[str]:
    buddies = {id(label.buddy()): label.text() for label in window.findChildren(QLabel)
               if label.buddy() is not None and label.text()}
    missing = []
    for widget in window.findChildren(QWidget):
        if (isinstance(widget, INTERACTIVE) and widget.isVisible() and widget.window() is window
                and not qt_part(widget) and not spoken_name(widget, buddies).strip()):
            missing.append(f"{type(widget).__name__} '{widget.objectName()}' in "
                           f"{type(widget.parentWidget()).__name__}")
    return missing


def test_every_control_has_a_name(window: MainWindow, qtbot: QtBot) -> None:
    assert window.document is not None
    checked = []
    objective_id = objective_titled(window, "Become the leading electric car dealership in "
                                            "the region")
    window.focus_objective(objective_id)
    QApplication.processEvents()
    checked += unnamed_controls(window)
    kr_id = window.document.snapshot.krs_of[objective_id][0]
    window.document.select("key_results", kr_id)
    QApplication.processEvents()
    checked += unnamed_controls(window)
    window.docks["history"].raise_()
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    checked += unnamed_controls(window)
    assert checked == []


def test_the_main_views_carry_their_names(window: MainWindow) -> None:
    assert window.canvas is not None
    assert window.canvas.accessibleName() == "Canvas"
    assert window.cycle_switcher.accessibleName() == "Cycle shown"
    assert window.search_field.accessibleName() == "Find a card"
    assert window.inspector.accessibleName() == "Inspector"
    assert window.inspector.key_result_form.target.accessibleName() == "Target"
    assert window.history.accessibleName() == "History of changes"
