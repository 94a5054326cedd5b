"""Alignments that do not run upwards, in a plan file edited with sqlite3: the health panel
lists them with their owners and leads to them, and the canvas draws them red, dash-dotted and
with a diamond where it leaves its card, unlike every other edge."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.canvas.edges import EdgeKind
from okrdesk_ui.canvas.view import CanvasView
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.core.test_not_upward import CEO_TITLE, VP_CHILD, align_not_upward
from tests.ui.test_window_support import data_home, demo_plan, demo_template, objective_titled

__all__ = ["data_home", "demo_plan", "demo_template"]


def opened(qtbot: QtBot, demo_plan: Path) -> MainWindow:
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(align_not_upward(demo_plan))
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_health_panel_lists_them_and_leads_to_them(qtbot: QtBot, demo_plan: Path,
                                                      data_home: Path) -> None:
    window = opened(qtbot, demo_plan)
    panel = window.health
    assert "2 not aligned upwards" in panel.summary.text()
    group = panel.attention.topLevelItem(0)
    assert group is not None and group.text(0) == "Not aligned upwards (2)"
    shown = sorted(group.child(n).text(0) for n in range(group.childCount()))
    assert shown == sorted([
        f"{CEO_TITLE} (Tomás Ferreira) → Double EV sales across our showrooms (Jonas Berg): "
        "1 level(s) down",
        f"{VP_CHILD} (Marco Rossi) → Double EV sales across our showrooms (Jonas Berg): "
        "same level"])
    window.docks["health"].show()
    window.docks["health"].raise_()
    qtbot.waitUntil(panel.attention.isVisible)
    qtbot.wait(50)  # the panel refreshes once after the plan opens
    group = panel.attention.topLevelItem(0)
    assert group is not None
    item = next(group.child(n) for n in range(group.childCount())
                if group.child(n).text(0).startswith(VP_CHILD))
    panel.attention.scrollToItem(item)
    qtbot.waitUntil(lambda: panel.attention.visualItemRect(item).isValid())
    rect = panel.attention.visualItemRect(item)
    QTest.mouseClick(panel.attention.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.document is not None
    assert window.document.selected == ("objectives", objective_titled(window, VP_CHILD))


def red_pixels_near(view: CanvasView, point: QPointF, colour: QColor) -> int:
    """Pixels of about `colour` within ten pixels of a scene point, as the view shows it."""
    image = view.viewport().grab().toImage()
    middle = view.mapFromScene(point)
    assert image.rect().contains(middle)
    count = 0
    for x in range(middle.x() - 10, middle.x() + 11):
        for y in range(middle.y() - 10, middle.y() + 11):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - colour.red()) < 40 and abs(pixel.green() - colour.green()) < 40
                    and abs(pixel.blue() - colour.blue()) < 40):
                count += 1
    return count


def test_the_canvas_draws_them_apart(qtbot: QtBot, demo_plan: Path, data_home: Path) -> None:
    window = opened(qtbot, demo_plan)
    view = window.canvas
    assert view is not None
    scene = view.scene()
    layer = scene.edge_layer
    for title in (CEO_TITLE, VP_CHILD):
        edge = scene.align_edges[objective_titled(window, title)]
        look = layer.look(edge)
        assert look.marked and look.pen.style() == Qt.PenStyle.DashDotLine
        assert look.colour == layer.theme.red and edge.kind is EdgeKind.BOTTOM_UP
    plain = [layer.look(edge) for child, edge in scene.align_edges.items()
             if window.document is not None
             and window.document.snapshot.objectives[child].title not in (CEO_TITLE, VP_CHILD)]
    assert len(plain) > 20
    assert not any(look.marked or look.colour == layer.theme.red for look in plain)
    assert all(look.pen.style() == Qt.PenStyle.SolidLine for look in plain)
    edge = scene.align_edges[objective_titled(window, VP_CHILD)]
    view.resetTransform()
    view.centerOn(edge.mark_point)  # the diamond, just past the card
    qtbot.wait(10)
    assert red_pixels_near(view, edge.mark_point, layer.theme.red) >= 20
    other = next(e for e in scene.align_edges.values() if not layer.look(e).marked)
    view.centerOn(other.mark_point)
    qtbot.wait(10)
    assert red_pixels_near(view, other.mark_point, layer.theme.red) < 5
