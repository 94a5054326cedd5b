"""Pictures of commands on the demo plan, reached as a planner reaches them: a card's context
menu, the Align up to… picker with a filter typed, a pasted outline's preview beside the
Outline panel, and the Copy to cycle dialog with its preview. Each is cancelled afterwards, so
the plan is not changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from okrdesk.rulebook import parent_of

from .panels.outline import OutlinePanel
from .pickers import Picker
from .screenshot_kit import Camera, back_to, plan_of, settle

if TYPE_CHECKING:
    from .canvas import CanvasView
    from .canvas.items import CardItem
    from .main_window import MainWindow

ALIGNED = "Double EV sales across our showrooms"  # a vice president's, aligned to the chief's
QUARTERLY = "Run spring test-drive weekends across the North"  # 2027-Q1, aligned to a VP's
FILTER = "service"
OUTLINE_OWNER = "Jonas Berg"
OUTLINE_WIDTH = 560  # pixels: the panel widened, as a planner typing an outline would
OUTLINE = (
    "Here is what we agreed for the second quarter:\n\n"
    "1. Open a showroom in Malmö\n"
    "\t• Sign the lease by the end of April\n"
    "\t• Book 120 test drives in the first month\n"
    "\t• Raise walk-in conversion from 8% to 12%\n\n"
    "2. Make every delivery a celebration\n"
    "\t• Keep handover time below 45 minutes\n"
    "\t• Collect a photo at every handover\n"
)


def command_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    document, canvas = plan_of(window)
    aligned = next(o.id for o in document.snapshot.objectives.values() if o.title == ALIGNED)
    card = canvas.canvas_scene.cards[aligned]
    canvas.set_zoom(1.0)
    canvas.centerOn(card.sceneBoundingRect().center() + QPointF(0, 120))
    settle(app)
    menu = _right_click(app, canvas.viewport(), _header(canvas, card, right=True))
    camera.save("card-menu", _in_window(canvas, card).united(camera.where(menu)), 40)
    QTest.keyClick(menu, Qt.Key.Key_Escape)

    QTest.keyClick(canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Align up to…
    picker = _dialog(app, "picker")
    assert isinstance(picker, Picker)
    QTest.keyClicks(picker.filter, FILTER)
    settle(app)
    camera.save("align-up-picker", camera.where(picker, with_title=True))
    QTest.keyClick(picker.filter, Qt.Key.Key_Escape)
    back_to(app, window)

    _outline_with_paste(app, window, camera)

    quarterly = next(o.id for o in document.snapshot.objectives.values()
                     if o.title == QUARTERLY)
    assert parent_of(document.snapshot, quarterly), "the copy's preview should drop a link"
    card = canvas.canvas_scene.cards[quarterly]
    canvas.centerOn(card)
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, _header(canvas, card))
    QTest.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # Copy to cycle…
    dialog = _dialog(app, "carryOverDialog")
    camera.save("copy-to-cycle", camera.where(dialog, with_title=True))
    dialog.reject()
    back_to(app, window)
    settle(app)


def _outline_with_paste(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """The Outline panel on one owner's objectives, and an outline pasted from an e-mail."""
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    dock = window.docks["outline"]
    width = dock.width()
    wide = Qt.Orientation.Horizontal
    window.resizeDocks([dock], [OUTLINE_WIDTH], wide)
    outline = dock.widget()
    assert isinstance(outline, OutlinePanel)
    owner = outline.owner_box.lineEdit()
    assert owner is not None
    owner.setFocus()
    owner.selectAll()
    QTest.keyClicks(owner, OUTLINE_OWNER.split()[0])
    QTest.keyClick(owner, Qt.Key.Key_Return)
    settle(app)
    QGuiApplication.clipboard().setText(OUTLINE)
    outline.tree.setFocus()
    QTest.keyClick(outline.tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # Paste outline…
    dialog = _dialog(app, "pasteOutlineDialog")
    beside = camera.where(dialog)  # the window from its left edge to the dialog's right
    camera.save("outline-paste", QRect(0, 0, beside.right() + 1, window.height()))
    dialog.reject()
    window.resizeDocks([dock], [width], wide)
    back_to(app, window)
    window.docks["objectives"].raise_()
    settle(app)


def _header(canvas: CanvasView, card: CardItem, *, right: bool = False) -> QPoint:
    """A point on a card's title; near its right edge, so that a menu there leaves the card
    in sight."""
    x = card.card_rect().width() - 24 if right else 60
    return canvas.mapFromScene(card.mapToScene(QPointF(x, 14)))


def _in_window(canvas: CanvasView, item: CardItem) -> QRect:
    """A canvas item's rectangle in the window's pixels."""
    rect = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
    viewport = canvas.viewport()
    return QRect(viewport.mapTo(canvas.window(), rect.topLeft()), rect.size())


def _right_click(app: QApplication, widget: QWidget, at: QPoint) -> QMenu:
    """A right-click as the platform delivers it: the button, then the context-menu event."""
    QTest.mouseClick(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    QApplication.sendEvent(widget, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at,
                                                     widget.mapToGlobal(at)))
    settle(app)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu), "the right-click opened no menu"
    return menu


def _dialog(app: QApplication, name: str) -> QDialog:
    settle(app)
    found = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.objectName() == name and w.isVisible()]
    assert found, f"no {name} opened"
    return found[0]
