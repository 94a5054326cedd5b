"""Writing objectives and key results on the canvas, in place, with real mouse and key events:
a double-click in a lane, the title typed there, the owner picked by type-ahead; key results
typed under a card and read from plain words; Tab between rows; F2 on a title; undo and redo."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.card_lines import CardLines
from okrdesk_ui.canvas.inline_editor import InlineEditor
from okrdesk_ui.canvas.lanes import Lane
from okrdesk_ui.canvas.objective_draft import ObjectiveDraft
from okrdesk_ui.canvas.theme import CARD_WIDTH, LANE_LABEL_WIDTH
from okrdesk_ui.canvas_writing import ADD_KEY_RESULT_KEY, EDIT_TITLE_KEY, NEW_OBJECTIVE_KEY
from okrdesk_ui.document import PlanDocument
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.authoring import read_key_result
from tests.ui.test_canvas_support import build_plan, header_point
from tests.ui.test_window_support import data_home, read_one

__all__ = ["data_home"]  # a fixture the tests use

HOSTILE_TITLES = ('Say "yes" to \'quotes\'', "Ship 🚀 faster 🎉", "زيادة المبيعات في أوروبا",
                  "Long title " + "x" * 289)


@dataclass
class Desk:
    window: MainWindow
    path: Path
    levels: dict[str, str]
    people: dict[str, str]
    ids: dict[str, str]

    @property
    def view(self) -> CanvasView:
        assert self.window.canvas is not None
        return self.window.canvas

    @property
    def document(self) -> PlanDocument:
        assert self.window.document is not None
        return self.window.document

    def lane(self, level: str) -> Lane:
        lane = self.view.canvas_scene.lanes.get(self.levels[level])
        assert lane is not None
        return lane

    def empty_spot(self, level: str) -> QPoint:
        """A point in a lane, right of its cards, scrolled into view; in viewport pixels."""
        lane = self.lane(level)
        cards = [c for c in self.view.canvas_scene.cards.values() if c.level_id == lane.level_id]
        x = max((c.spot[0] + CARD_WIDTH for c in cards), default=LANE_LABEL_WIDTH) + 90
        point = QPointF(x, lane.top + lane.height / 2)
        self.view.centerOn(point)
        return self.view.mapFromScene(point)

    def editor(self) -> InlineEditor | None:
        shown = [e for e in self.view.findChildren(InlineEditor) if e.isVisible()]
        assert len(shown) <= 1
        return shown[0] if shown else None

    def titled(self, title: str) -> str:
        found = [o.id for o in self.document.snapshot.objectives.values() if o.title == title]
        assert len(found) == 1, f"{len(found)} objectives titled {title!r}"
        return found[0]

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        QTest.keyClick(focused(), key, modifiers)

    def double_click(self, point: QPoint) -> None:
        QTest.mouseDClick(self.view.viewport(), Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, point)

    def select_card(self, objective_id: str) -> None:
        card = self.view.canvas_scene.cards[objective_id]
        self.view.centerOn(card)
        QTest.mouseClick(self.view.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, self.view.mapFromScene(header_point(card)))
        assert self.document.selected == ("objectives", objective_id)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(text: str) -> None:
    """Type into the focused widget: ASCII as keys, other letters (emoji, Arabic) as the key
    events an input method sends, a key carrying its text."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(focused(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focused(), QKeyEvent(kind, 0,
                                                            Qt.KeyboardModifier.NoModifier, char))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    path = tmp_path_factory.mktemp("template") / "plan.okr"
    org, ids = build_plan(path)
    advisors = ops.add_level(org.plan, "Advisors", 9).new_id("levels")  # nobody there yet
    names = {"levels": {**org.levels, "Advisors": advisors}, "people": dict(org.people),
             "ids": ids}
    org.close()
    return path, names


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path, data_home: Path,
         template: tuple[Path, dict[str, dict[str, str]]]) -> Iterator[Desk]:
    path = tmp_path / "plan.okr"
    shutil.copyfile(template[0], path)
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(path)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    names = template[1]
    yield Desk(window, path, names["levels"], names["people"], names["ids"])
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_double_click_in_a_lane_writes_an_objective_there(desk: Desk) -> None:
    document = desk.document
    steps = document.undo_stack.count()
    spot = desk.empty_spot("Vice Presidents")
    clicked = desk.view.mapToScene(spot)
    desk.double_click(spot)
    editor = desk.editor()  # where the click was (the view may scroll to show all of it)
    assert editor is not None
    where = desk.view.viewport().mapTo(desk.view, desk.view.mapFromScene(clicked))
    assert editor.geometry().adjusted(-20, -30, 0, 0).contains(where)
    assert editor.lines[0].hasFocus()
    QTest.keyClicks(focused(), "Open the Nordics")
    desk.press(Qt.Key.Key_Return)  # no owner yet: the owner field asks, with type-ahead
    session = desk.view.authoring.session
    assert isinstance(session, ObjectiveDraft) and session.owner.hasFocus()
    QTest.keyClicks(focused(), "dan")
    popup = session.completer.popup()
    assert popup is not None and popup.isVisible()
    offered = [session.completer.completionModel().index(row, 0).data()
               for row in range(session.completer.completionCount())]
    assert offered == ["Dana Ross — VP Marketing"]  # only people at that level match
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert desk.editor() is None
    objective_id = desk.titled("Open the Nordics")
    objective = document.snapshot.objectives[objective_id]
    assert (objective.owner_id, objective.cycle_id) == (desk.people["Dana Ross"],
                                                        document.cycle_id)
    card = desk.view.canvas_scene.cards[objective_id]
    assert card.sceneBoundingRect().contains(clicked)
    place = document.snapshot.canvas_positions[objective_id]
    assert (place.x, place.y + desk.lane("Vice Presidents").top) == (card.pos().x(),
                                                                     card.pos().y())
    assert document.undo_stack.count() == steps + 1
    assert document.selected == ("objectives", objective_id)
    assert read_one(desk.path, "SELECT count(*) FROM canvas_positions WHERE id = :i",
                    i=objective_id) == 1


def test_a_lone_person_at_the_level_is_the_owner_already(desk: Desk) -> None:
    desk.double_click(desk.empty_spot("Managers"))
    session = desk.view.authoring.session
    assert isinstance(session, ObjectiveDraft)
    assert session.owner.text() == "Lee Moss — Service Manager"
    QTest.keyClicks(focused(), "Faster repairs")
    desk.press(Qt.Key.Key_Return)
    owner = desk.document.snapshot.objectives[desk.titled("Faster repairs")].owner_id
    assert owner == desk.people["Lee Moss"]


def test_escape_leaves_nothing_behind(desk: Desk) -> None:
    document = desk.document
    before = (len(document.snapshot.objectives), len(document.snapshot.canvas_positions),
              document.undo_stack.count())
    desk.double_click(desk.empty_spot("Directors"))
    QTest.keyClicks(focused(), "Never mind")
    desk.press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "k")
    while desk.editor() is not None:  # the first Esc may close the list of people
        desk.press(Qt.Key.Key_Escape)
    assert (len(document.snapshot.objectives), len(document.snapshot.canvas_positions),
            document.undo_stack.count()) == before
    assert read_one(desk.path, "SELECT count(*) FROM objectives WHERE title = 'Never mind'") == 0
    assert desk.view.hasFocus()


def test_a_level_without_people_says_so(desk: Desk) -> None:
    desk.double_click(desk.empty_spot("Advisors"))
    assert desk.editor() is None
    assert "No one is at the level Advisors" in desk.window.statusBar().currentMessage()


def test_an_owner_must_be_picked_among_several(desk: Desk) -> None:
    desk.double_click(desk.empty_spot("Vice Presidents"))
    QTest.keyClicks(focused(), "Grow the brand")
    desk.press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Nobody")
    desk.press(Qt.Key.Key_Return)
    editor = desk.editor()
    assert editor is not None and "Pick the owner" in editor.hint.text()
    QTest.keyClicks(focused(), "sam")  # the owner's line was selected: typing replaces it
    desk.press(Qt.Key.Key_Return)
    owner = desk.document.snapshot.objectives[desk.titled("Grow the brand")].owner_id
    assert owner == desk.people["Sam Lee"]


def test_key_results_are_typed_under_a_card_and_read_as_typed(desk: Desk) -> None:
    document = desk.document
    grow = desk.ids["grow"]
    desk.select_card(grow)
    steps = document.undo_stack.count()
    QTest.keyClick(focused(), ADD_KEY_RESULT_KEY[0].key())
    session = desk.view.authoring.session
    assert isinstance(session, CardLines) and session.on_new_row
    editor = desk.editor()
    assert editor is not None
    phrase = "Cut churn from 4% to 2%"
    QTest.keyClicks(focused(), phrase)
    assert editor.hint.text() == read_key_result(phrase).explanation
    assert editor.hint.text().startswith("decrease from 4")
    desk.press(Qt.Key.Key_Return)
    session = desk.view.authoring.session
    assert isinstance(session, CardLines) and session.on_new_row and not session.line.text()
    QTest.keyClicks(focused(), "Be loved")
    assert editor.hint.text() == "no metric — add a number to measure it"
    assert editor.hint.property("warning") is True
    desk.press(Qt.Key.Key_Return)
    QTest.keyClicks(focused(), "Forgotten")
    desk.press(Qt.Key.Key_Escape)  # the row being typed is dropped
    assert desk.editor() is None
    rows = document.snapshot.key_results_of(grow)
    assert [(k.title, k.kind, k.start_value, k.target_value, k.unit) for k in rows[-2:]] == [
        (phrase, "decrease", 4, 2, "%"), ("Be loved", "no_metric", None, None, "")]
    assert document.undo_stack.count() == steps + 2
    card = desk.view.canvas_scene.cards[grow]
    assert [row.face.title for row in card.rows][-2:] == [phrase, "Be loved"]


def test_tab_moves_between_a_cards_lines_and_edits_them(desk: Desk) -> None:
    document = desk.document
    win, revenue = desk.ids["win"], desk.ids["revenue"]
    desk.select_card(win)
    steps = document.undo_stack.count()
    QTest.keyClick(focused(), EDIT_TITLE_KEY[0].key())
    session = desk.view.authoring.session
    assert isinstance(session, CardLines) and session.line.text() == "Win Europe"
    QTest.keyClicks(focused(), "Win all of Europe")  # the title was selected: typing replaces it
    desk.press(Qt.Key.Key_Tab)
    assert session.line.text() == "Revenue from Europe" and session.index == 0
    desk.press(Qt.Key.Key_End)
    QTest.keyClicks(focused(), " and the UK")
    desk.press(Qt.Key.Key_Tab)
    assert session.on_new_row
    desk.press(Qt.Key.Key_Tab)  # past the last line: back to the title
    assert session.line.text() == "Win all of Europe"
    desk.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    desk.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert session.line.text() == "Revenue from Europe and the UK"
    desk.press(Qt.Key.Key_Escape)
    snapshot = document.snapshot
    assert snapshot.objectives[win].title == "Win all of Europe"
    kr = snapshot.key_results[revenue]
    assert (kr.title, kr.kind, kr.start_value, kr.target_value, kr.unit) == (
        "Revenue from Europe and the UK", "increase", 0, 10, "M EUR")  # the measure is kept
    assert document.undo_stack.count() == steps + 2
    assert desk.view.canvas_scene.cards[win].face.title == "Win all of Europe"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_are_written_as_typed(desk: Desk, title: str) -> None:
    desk.double_click(desk.empty_spot("Team members"))
    type_text(title)
    desk.press(Qt.Key.Key_Return)
    objective_id = desk.titled(title)
    assert read_one(desk.path, "SELECT title FROM objectives WHERE id = :i",
                    i=objective_id) == title
    QTest.keyClick(focused(), ADD_KEY_RESULT_KEY[0].key())
    type_text(title)
    desk.press(Qt.Key.Key_Return)
    desk.press(Qt.Key.Key_Escape)
    krs = desk.document.snapshot.key_results_of(objective_id)
    assert [kr.title for kr in krs] == [read_key_result(title).title]


def test_undo_and_redo_with_the_keyboard(desk: Desk) -> None:
    document = desk.document
    spot = desk.empty_spot("Directors")
    clicked = desk.view.mapToScene(spot)
    desk.double_click(spot)
    QTest.keyClicks(focused(), "Open Oslo")
    desk.press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Kim")
    desk.press(Qt.Key.Key_Return)
    objective_id = desk.titled("Open Oslo")
    place = document.snapshot.canvas_positions[objective_id]
    desk.press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert objective_id not in document.snapshot.objectives
    assert objective_id not in document.snapshot.canvas_positions
    assert objective_id not in desk.view.canvas_scene.cards
    desk.press(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert document.snapshot.objectives[objective_id].title == "Open Oslo"
    assert (document.snapshot.canvas_positions[objective_id].x,
            document.snapshot.canvas_positions[objective_id].y) == (place.x, place.y)
    assert desk.view.canvas_scene.cards[objective_id].sceneBoundingRect().contains(clicked)


def test_a_click_elsewhere_commits_what_is_complete(desk: Desk) -> None:
    desk.double_click(desk.empty_spot("Managers"))  # the owner is filled in already
    QTest.keyClicks(focused(), "Clear the backlog")
    QTest.mouseClick(desk.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert desk.editor() is None
    assert desk.titled("Clear the backlog")


def test_the_commands_have_keys_and_sit_in_the_objective_menu(desk: Desk) -> None:
    commands = desk.window.commands
    mine = {"objective.new": NEW_OBJECTIVE_KEY, "kr.add": ADD_KEY_RESULT_KEY,
            "objective.rename": EDIT_TITLE_KEY}
    for key, shortcut in mine.items():
        assert commands.action(key).shortcut() == shortcut
    desk.select_card(desk.ids["win"])
    commands.refresh()
    window_wide = Qt.ShortcutContext.WindowShortcut  # a panel may give these keys its own
    for key, shortcut in mine.items():                # meaning while it has the keyboard
        enabled = [other for other in commands if commands.action(other).isEnabled()
                   and commands.action(other).shortcutContext() == window_wide
                   and shortcut in commands.action(other).shortcuts()]
        assert enabled == [key]
    desk.document.select("", "")
    commands.refresh()
    assert not commands.action("kr.add").isEnabled()
    assert commands.action("objective.new").isEnabled()
    menu = desk.window.menuBar().findChild(QMenu, "objectiveMenu")
    if menu is not None:
        menu.aboutToShow.emit()
        assert {"objective.new", "kr.add"} <= {a.objectName() for a in menu.actions()}


def test_the_new_objective_key_opens_a_free_place_in_the_selected_lane(desk: Desk) -> None:
    desk.select_card(desk.ids["pipeline"])  # a director's card
    QTest.keyClick(focused(), Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    session = desk.view.authoring.session
    assert isinstance(session, ObjectiveDraft) and session.lane.name == "Directors"
    QTest.keyClicks(focused(), "Hire two engineers")
    desk.press(Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Noor")
    desk.press(Qt.Key.Key_Return)
    scene = desk.view.canvas_scene
    new = scene.cards[desk.titled("Hire two engineers")]
    others = [c for c in scene.cards.values() if c is not new and c.level_id == new.level_id]
    assert not any(new.sceneBoundingRect().intersects(c.sceneBoundingRect()) for c in others)
