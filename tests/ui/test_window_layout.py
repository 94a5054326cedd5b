"""The window on a laptop's 1280x720 and on a 1920x1080 screen: the canvas keeps most of a small
window, the panels fold into one column, the inspector fits its width, the mini-map stays small
and can be hidden, and the toolbar does not move under the pointer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dock_layout import DockLayout
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QScrollArea,
    QToolButton,
    QTreeView,
)
from pytestqt.qtbot import QtBot

from okrdesk import ops
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled

LAPTOP, DESKTOP = QSize(1280, 720), QSize(1920, 1080)
LEADING = "Become the leading electric car dealership in the region"
LONG_LABEL = "Align under key result “Grow our regional EV market share”"


@pytest.fixture
def open_at(qtbot: QtBot, demo_plan: Path, data_home: Path,
            ) -> Iterator[Callable[[QSize], MainWindow]]:
    """Opens a window on the demo plan, first shown at the given size."""
    opened: list[MainWindow] = []

    def opener(size: QSize) -> MainWindow:
        window = MainWindow(AppSettings())
        qtbot.addWidget(window)
        assert window.open_path(demo_plan)
        window.resize(size)
        window.show()
        qtbot.waitExposed(window)
        QApplication.processEvents()
        opened.append(window)
        return window

    yield opener
    for window in opened:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def sized(open_at: Callable[[QSize], MainWindow]) -> MainWindow:
    """A window first shown at a laptop's 1280x720."""
    return open_at(LAPTOP)


def canvas_share(window: MainWindow) -> float:
    """The part of the window's area where cards are drawn (the canvas's viewport)."""
    assert window.canvas is not None
    seen = window.canvas.viewport().size()
    return seen.width() * seen.height() / (window.width() * window.height())


def in_front(window: MainWindow) -> set[str]:
    """The panels a planner sees (not tabbed away behind another)."""
    return {name for name, dock in window.docks.items()
            if dock.isVisible() and not dock.visibleRegion().isEmpty()}


def test_at_1280x720_the_canvas_keeps_60_percent_and_the_panels_one_column(
    sized: MainWindow,
) -> None:
    assert sized.size() == LAPTOP
    assert sized.dock_layout is DockLayout.COMPACT
    assert canvas_share(sized) >= 0.60
    assert in_front(sized) == {"inspector", "objectives"}
    column = {sized.dockWidgetArea(dock) for dock in sized.docks.values()}
    assert column == {Qt.DockWidgetArea.RightDockWidgetArea}
    minimum = sized.minimumSizeHint()
    assert minimum.width() <= LAPTOP.width() and minimum.height() <= LAPTOP.height() - 48
    assert sized.canvas is not None
    minimap, seen = sized.canvas.minimap, sized.canvas.viewport()
    assert minimap.isVisible()
    assert minimap.width() <= 0.2 * seen.width() and minimap.height() <= 0.25 * seen.height()
    listing = sized.objective_list  # its filters folded away, so the list has room
    assert not listing.filter_area.isVisible() and listing.list.height() >= 150
    QTest.mouseClick(listing.filters_button, Qt.MouseButton.LeftButton)
    assert listing.filter_area.isVisible()


def test_at_1920x1080_every_panel_has_its_own_place(
    open_at: Callable[[QSize], MainWindow],
) -> None:
    sized = open_at(DESKTOP)
    assert sized.dock_layout is DockLayout.WIDE
    assert in_front(sized) == {"organisation", "objectives", "inspector", "health"}
    assert sized.docks["inspector"].width() >= 340
    assert canvas_share(sized) >= 0.40
    assert sized.canvas is not None
    assert sized.canvas.minimap.width() <= 220
    assert sized.objective_list.filter_area.isVisible()


def test_the_minimap_hides_from_the_keyboard_and_stays_hidden(
    sized: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    assert sized.canvas is not None
    assert sized.canvas.minimap.isVisible()
    QTest.keyClick(sized, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    assert not sized.canvas.minimap.isVisible()
    assert not sized.commands.action("view.minimap").isChecked()
    assert sized.commands.action("view.minimap") in sized.actions_.menus["view"].actions()
    sized.close()
    again = MainWindow(AppSettings())
    qtbot.addWidget(again)
    again.open_path(demo_plan)
    again.show()
    assert again.canvas is not None and not again.canvas.minimap.isVisible()
    again.commands.action("view.minimap").trigger()
    assert again.canvas.minimap.isVisible()
    again.close()


def test_reset_layout_brings_the_panels_back_for_the_size(sized: MainWindow) -> None:
    sized.docks["inspector"].close()
    sized.removeDockWidget(sized.docks["objectives"])
    QTest.keyClick(sized, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert in_front(sized) == {"inspector", "objectives"}
    assert canvas_share(sized) >= 0.60


def toolbar_places(window: MainWindow) -> dict[str, QRect]:
    bar = window.actions_.toolbar
    places = {}
    for action in bar.actions():
        button = bar.widgetForAction(action)
        if action.objectName() and isinstance(button, QToolButton):
            places[action.objectName()] = button.geometry()
    return places


def test_the_toolbar_stays_put_as_the_undo_text_grows(sized: MainWindow) -> None:
    document = sized.document
    assert document is not None
    before = toolbar_places(sized)
    assert {"file.open", "edit.undo", "edit.redo", "view.fit", "view.map"} <= set(before)
    for key in before:
        action = sized.commands.action(key)
        assert not action.icon().isNull() and action.toolTip(), key
    objective_id = objective_titled(sized, LEADING)
    assert document.run(LONG_LABEL, lambda: ops.edit_objective(
        document.plan, objective_id, status="at_risk"))
    QApplication.processEvents()
    undo = sized.actions_.undo
    assert undo.isEnabled() and LONG_LABEL in undo.text()
    assert toolbar_places(sized) == before
    assert LONG_LABEL in undo.toolTip() and "Ctrl+Z" in undo.toolTip()
    assert sized.actions_.toolbar.widgetForAction(undo).text() == "Undo"  # type: ignore[union-attr]


def scroll_area_of(window: MainWindow) -> QScrollArea:
    area = window.inspector.currentWidget()
    assert isinstance(area, QScrollArea)
    return area


def fits_its_width(area: QScrollArea) -> bool:
    page = area.widget()
    return (not area.horizontalScrollBar().isVisible()
            and page.minimumSizeHint().width() <= area.viewport().width())


def test_the_inspector_fits_its_default_width_and_shows_titles_from_the_start(
    sized: MainWindow,
) -> None:
    document = sized.document
    assert document is not None
    leading = objective_titled(sized, LEADING)
    sized.focus_objective(leading)
    QApplication.processEvents()
    form = sized.inspector.objective_form
    assert fits_its_width(scroll_area_of(sized))
    assert form.title.width() < form.title.fontMetrics().horizontalAdvance(LEADING)  # too long
    assert form.title.cursorPosition() == 0 and form.title.cursorRect().left() < 10
    aligned = next(kr for kr in document.snapshot.key_results_of(leading)
                   if document.snapshot.objectives_under(kr.id))
    document.select("key_results", aligned.id)
    QApplication.processEvents()
    page = sized.inspector.key_result_form
    assert fits_its_width(scroll_area_of(sized))
    assert page.stands_for.isVisible()
    assert page.stands_for.full_text.startswith(page.stands_for.text().removesuffix("…"))
    assert page.title.cursorPosition() == 0


def rows_in_view(view: QAbstractItemView) -> int:
    """How many rows of `view` are wholly inside its viewport (a planner can read them)."""
    model, seen = view.model(), view.viewport().rect()
    rows, pending = 0, [QModelIndex()]
    while pending:  # every row, the children of expanded tree rows too
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            rect = view.visualRect(index)
            rows += rect.isValid() and seen.top() <= rect.top() and rect.bottom() <= seen.bottom()
            if isinstance(view, QTreeView) and view.isExpanded(index):
                pending.append(index)
    return rows


def test_at_1280x720_the_health_tab_gives_each_list_room_for_rows(
    sized: MainWindow, qtbot: QtBot,
) -> None:
    panel = sized.health
    sized.docks["health"].raise_()  # tabbed with the inspector in the compact column
    qtbot.waitUntil(lambda: bool(panel.findings))  # counted once the panel is drawn
    QApplication.processEvents()
    assert panel.splitter.orientation() == Qt.Orientation.Vertical
    attention_bottom = panel.attention.mapTo(panel, QPoint(0, panel.attention.height())).y()
    assert attention_bottom <= panel.levels.mapTo(panel, QPoint(0, 0)).y()  # not hidden under it
    assert rows_in_view(panel.attention) >= 3
    assert rows_in_view(panel.levels) >= 3
    assert rows_in_view(panel.finding_list) >= 3
