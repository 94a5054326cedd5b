"""Presentation mode on the demo plan, driven by real keys: F11 in, the arrow keys walking the
tree with the view following, an edit undone with Ctrl+Z, Esc out with everything restored."""

from __future__ import annotations

from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.detail import full_title_px
from okrdesk_ui.canvas.presentation import title_px_for_screen
from okrdesk_ui.canvas_writing import EDIT_TITLE_KEY
from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from okrdesk.rulebook import children_of
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"


def canvas_of(window: MainWindow) -> CanvasView:
    assert window.canvas is not None
    return window.canvas


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def selected(window: MainWindow) -> str:
    assert window.document is not None
    table, row_id = window.document.selected
    assert table == "objectives"
    return row_id


def in_view(view: CanvasView, objective_id: str) -> bool:
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    return seen.contains(view.canvas_scene.cards[objective_id].sceneBoundingRect())


def left_to_right(view: CanvasView, ids: list[str]) -> list[str]:
    cards = view.canvas_scene.cards
    return sorted((i for i in ids if i in cards), key=lambda i: cards[i].x())


def press(key: Qt.Key) -> None:
    QTest.keyClick(focused(), key)


def start(window: MainWindow) -> CanvasView:
    view = canvas_of(window)
    window.focus_objective(objective_titled(window, LEADING))
    view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert window.actions_.offsite.isChecked()
    return view


def test_a_title_reads_from_the_back_of_a_room() -> None:
    assert title_px_for_screen(1080) == 24.0
    assert title_px_for_screen(720) == 16.0
    assert title_px_for_screen(2160) == 48.0


def test_the_arrow_keys_walk_the_tree_and_the_view_follows(window: MainWindow) -> None:
    view = start(window)
    assert window.document is not None
    snapshot = window.document.snapshot
    chief = objective_titled(window, LEADING)
    title_on_screen = full_title_px(view.canvas_scene.theme) * view.zoom
    screen = view.screen()
    assert screen is not None
    assert title_on_screen >= title_px_for_screen(screen.geometry().height()) - 0.5
    assert in_view(view, chief)

    children = left_to_right(view, children_of(snapshot, chief))
    assert len(children) >= 3
    press(Qt.Key.Key_Down)  # to the first child
    assert selected(window) == children[0] and in_view(view, children[0])
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Right)
    assert selected(window) == children[2] and in_view(view, children[2])
    press(Qt.Key.Key_Left)
    assert selected(window) == children[1] and in_view(view, children[1])
    press(Qt.Key.Key_Up)  # along the line of sight
    assert selected(window) == chief and in_view(view, chief)
    press(Qt.Key.Key_Down)  # back to where the walk came up from
    assert selected(window) == children[1]
    press(Qt.Key.Key_Up)
    press(Qt.Key.Key_Up)  # nothing above the chief's objective: it stays, and says so
    assert selected(window) == chief
    assert "aligned to nothing" in window.statusBar().currentMessage()
    press(Qt.Key.Key_Left)
    assert selected(window) != chief  # the C-suite objective left of it, a top one too
    assert in_view(view, selected(window))


def test_an_edit_in_presentation_mode_is_undone_with_ctrl_z(window: MainWindow) -> None:
    view = start(window)
    chief = objective_titled(window, LEADING)
    assert window.document is not None
    path = window.document.plan.path
    press(EDIT_TITLE_KEY[0].key())
    QTest.keyClicks(focused(), "Lead the region in electric cars")
    press(Qt.Key.Key_Return)
    title = "SELECT title FROM objectives WHERE id = :i"
    assert read_one(path, title, i=chief) == "Lead the region in electric cars"
    assert window.actions_.offsite.isChecked()  # Enter and the editor's keys stay with it
    view.setFocus()
    QTest.keyClick(focused(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert read_one(path, title, i=chief) == LEADING
    assert view.canvas_scene.cards[chief].face.title == LEADING


def test_esc_leaves_and_brings_back_the_panels_the_bars_and_the_zoom(
        window: MainWindow, qtbot: QtBot) -> None:
    view = canvas_of(window)
    window.focus_objective(objective_titled(window, LEADING))
    view.set_zoom(0.8)
    center = view.mapToScene(view.viewport().rect().center())
    geometry = window.geometry()
    docks = {name for name, dock in window.docks.items() if dock.isVisible()}
    toolbars = [bar for bar in window.findChildren(QToolBar) if bar.isVisible()]
    assert docks and toolbars
    view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    assert not any(dock.isVisible() for dock in window.docks.values())
    assert not any(bar.isVisible() for bar in toolbars)
    assert not window.menuBar().isVisible()
    assert view.zoom > 1.0
    press(Qt.Key.Key_Escape)
    assert not window.actions_.offsite.isChecked()
    assert not window.isFullScreen()
    assert {name for name, dock in window.docks.items() if dock.isVisible()} == docks
    assert all(bar.isVisible() for bar in toolbars) and window.menuBar().isVisible()
    assert abs(view.zoom - 0.8) < 1e-9

    def centred_as_before() -> None:
        back = view.mapToScene(view.viewport().rect().center())
        assert abs(back.x() - center.x()) < 2 and abs(back.y() - center.y()) < 2

    qtbot.waitUntil(centred_as_before, timeout=2000)
    assert window.geometry() == geometry  # to the pixel: no frame guessed around it


def test_dimming_the_rest_is_a_choice_off_by_default(window: MainWindow) -> None:
    view = start(window)
    cards = view.canvas_scene.cards
    assert all(card.opacity() == 1.0 for card in cards.values())
    QTest.keyClick(window, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    assert window.actions_.dim_rest.isChecked()
    dimmed = [i for i, card in cards.items() if card.opacity() < 0.5]
    assert dimmed and objective_titled(window, LEADING) not in dimmed
    QTest.keyClick(window, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    assert all(card.opacity() == 1.0 for card in cards.values())
