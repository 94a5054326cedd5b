"""The owner choosers of the Objectives and Outline panels hold every person and team only from
their first use (ui/panels/first_use.py): until then just their current choice."""

from __future__ import annotations

from okrdesk_ui.main_window import MainWindow
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def test_the_objective_list_owner_filter_is_filled_when_first_clicked(
        window: MainWindow) -> None:
    box = window.objective_list.owner_box
    units = window.document.snapshot.units if window.document else {}
    assert box.count() == 1 and window.objective_list.owners.pending
    QTest.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.count() == len(units) + 1 and box.currentIndex() == 0
    box.hidePopup()
    person = min(units.values(), key=lambda u: u.name.lower())
    QTest.keyClick(box, Qt.Key.Key_Down)  # the first person after "All owners"
    assert box.currentData() == person.id
    assert window.objective_list.filters.owner_id == person.id


def test_choosing_an_owner_from_elsewhere_fills_the_filter_first(window: MainWindow) -> None:
    assert window.document is not None
    unit = max(window.document.snapshot.units.values(), key=lambda u: u.name.lower())
    window.objective_list.set_filters(owner_id=unit.id)
    box = window.objective_list.owner_box
    assert box.currentData() == unit.id and box.count() == len(window.document.snapshot.units) + 1
    shown = window.objective_list.shown_ids()
    assert shown and all(window.document.snapshot.objectives[i].owner_id == unit.id
                         for i in shown)


def test_the_outline_owner_field_shows_its_owner_then_every_name_once_typed_in(
        window: MainWindow) -> None:
    assert window.document is not None
    panel = window.outline
    field = panel.owner_box
    assert field.count() == 1 and panel.choice.owner_id == field.currentData()
    owner = window.document.snapshot.units[panel.choice.owner_id]
    assert field.currentText() == owner.name
    line = field.lineEdit()
    assert line is not None
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_A)  # the first key fills it, then types as before
    assert field.count() == len(window.document.snapshot.units)
    assert line.text() == "a"
