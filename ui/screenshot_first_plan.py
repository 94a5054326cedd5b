"""Pictures of a first plan being built, with the keys and clicks a planner uses: the New plan
dialog with a starter chosen, a person added in the Organisation panel, a new objective written
on the canvas with its owner's type-ahead list open, and key results typed under its card with
what was understood shown below them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from .canvas.objective_draft import ObjectiveDraft
from .canvas.theme import LANE_LABEL_WIDTH
from .dialogs.new_plan import NewPlanDialog
from .dialogs.unit_details import UnitDetailsDialog
from .screenshot_kit import TITLE_BAR, Camera, back_to, focused, in_next_dialog, plan_of, settle

if TYPE_CHECKING:
    from .canvas import CanvasView
    from .main_window import MainWindow

COMPANY, YEAR = "Northwind Energy", "2027"
MANAGER = "Morgan Lee"
NEW_PERSON = ("Sam Rivera", "Director of Sales", "Sales", "sam.rivera@northwind.example")
ORGANISATION_WIDTH = 420  # pixels: the panel widened, as a planner filling it in would
TOP_LANE = "C-suite"
OBJECTIVE = "Double recurring revenue by the end of 2027"
OWNER_TYPED = "a"  # part of a name: both chiefs have one
KEY_RESULTS = ("Raise NPS from 30 to 45", "Grow recurring revenue from 12 to 24 M EUR")
CORNER = QSize(840, 360)  # pixels of the canvas shown around the first card
SHOWN_FOLDER = Path("/home/alex/Documents")  # in the picture, not the tool's temporary folder


def first_plan_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    _new_plan(app, window, camera)
    _add_person(app, window, camera)
    _new_objective(app, window, camera)
    _key_results(app, window, camera)


def _new_plan(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """Ctrl+N, the company and the year typed, the starter's example people ticked."""
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewPlanDialog)
        QTest.keyClicks(dialog.company, COMPANY)
        dialog.year.setFocus()
        dialog.year.selectAll()
        QTest.keyClicks(dialog.year, YEAR)
        dialog.people.setFocus()
        QTest.keyClick(dialog.people, Qt.Key.Key_Space)  # Add the starter's example people
        real = dialog.save_path.text()  # setText, unlike typing, keeps the suggestion live
        dialog.save_path.setText(str(SHOWN_FOLDER / Path(real).name))
        settle(app)
        camera.save("new-plan", camera.where(dialog, with_title=True))
        dialog.save_path.setText(real)
        QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    in_next_dialog(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New plan…
    back_to(app, window)
    settle(app, 0.5)
    assert plan_of(window)[0].plan.path.stem == COMPANY, "the new plan did not open"


def _add_person(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """Choose a vice president, press Insert: someone reporting to them, a level down."""
    dock = window.docks["organisation"]
    window.resizeDocks([dock], [ORGANISATION_WIDTH], Qt.Orientation.Horizontal)
    panel, (document, _canvas) = window.organisation, plan_of(window)
    item = panel.unit_item(next(u.id for u in document.snapshot.units.values()
                                if u.name == MANAGER))
    assert item is not None
    panel.tree.scrollToItem(item)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, panel.tree.visualItemRect(item).center())

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnitDetailsDialog)
        for field, text in zip((dialog.name, dialog.role, dialog.function, dialog.email),
                               NEW_PERSON, strict=True):
            field.setFocus()
            QTest.keyClicks(field, text)  # a list of functions is chosen by typing, too
        dialog.move(dock.mapToGlobal(QPoint(dock.width() + 16, TITLE_BAR + 40)))  # beside it
        settle(app)
        camera.save("organisation-add-person",
                    camera.where(dock).united(camera.where(dialog, with_title=True)))
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    in_next_dialog(fill)
    QTest.keyClick(panel.tree, Qt.Key.Key_Insert)
    back_to(app, window)


def _new_objective(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """Double-click in the top lane, type the title, Tab, type part of the owner's name."""
    canvas = plan_of(window)[1]
    canvas.set_zoom(1.0)
    for bar in (canvas.horizontalScrollBar(), canvas.verticalScrollBar()):
        bar.setValue(0)  # the top left of the canvas: the highest lane and its name
    lane = next(la for la in canvas.canvas_scene.lanes.lanes if la.name == TOP_LANE)
    spot = QPointF(LANE_LABEL_WIDTH + 200, lane.top + 70)
    settle(app)
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, canvas.mapFromScene(spot))
    QTest.keyClicks(focused(), OBJECTIVE)
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), OWNER_TYPED)
    settle(app)
    draft = canvas.authoring.session
    assert isinstance(draft, ObjectiveDraft)
    popup = draft.completer.popup()
    assert popup is not None and popup.isVisible(), "the list of people did not open"
    camera.save("new-objective", _canvas_corner(camera, canvas))
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    settle(app)


def _key_results(app: QApplication, window: MainWindow, camera: Camera) -> None:
    """Insert on the new card, one key result added, the next one being typed."""
    canvas = plan_of(window)[1]
    QTest.keyClick(canvas, Qt.Key.Key_Insert)  # Add key result
    first, second = KEY_RESULTS
    QTest.keyClicks(focused(), first)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    QTest.keyClicks(focused(), second)
    settle(app)
    camera.save("key-result-typed", _canvas_corner(camera, canvas))
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    settle(app)


def _canvas_corner(camera: Camera, canvas: CanvasView) -> QRect:
    """The top left of the canvas (where the first cards are written), as far as it is shown."""
    shown = camera.where(canvas.viewport())
    corner = shown.topLeft() + canvas.mapFromScene(QPointF(0, 0))
    return QRect(corner, CORNER).intersected(shown)
