"""Edit > Paste outline: the clipboard's text previewed, then created in one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.paste_outline import PasteOutlineDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from okrdesk.model import KrKind
from tests.core.builders import small_org
from tests.ui.test_window_support import read_one

EMAIL = (
    "Hi team,\r\n\r\nHere is what we agreed for Q3:\r\n\r\n"
    "1. Grow revenue in the Nordics\r\n"
    "\t• Raise NPS from 30 to 45\r\n"
    "\t• Cut churn from 4% to 2%\r\n"
    "\r\n"
    "2. Build a team that stays\r\n"
    "\t• Hire 5 engineers\r\n"
    "\t\t◦ two in Oslo\r\n"
    "\t• Keep attrition below 10%\r\n"
    "\t• Improve onboarding\r\n"
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    path = tmp_path / "team.okr"
    small_org(path).close()
    shown = MainWindow(AppSettings())
    qtbot.addWidget(shown)
    assert shown.open_path(path)
    shown.show()
    shown.activateWindow()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def paste_on_canvas(window: MainWindow, text: str) -> PasteOutlineDialog:
    QGuiApplication.clipboard().setText(text)
    assert window.canvas is not None
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.outline_commands.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def preview_rows(dialog: PasteOutlineDialog) -> list[tuple[str, str]]:
    rows = []
    for index in range(dialog.preview.topLevelItemCount()):
        top = dialog.preview.topLevelItem(index)
        assert top is not None
        rows.append((top.text(0), top.text(1)))
        for child in range(top.childCount()):
            item = top.child(child)
            assert item is not None
            rows.append((f"  {item.text(0)}", item.text(1)))
    return rows


def choose_owner(dialog: PasteOutlineDialog, name: str) -> None:
    field = dialog.owner_box.lineEdit()
    assert field is not None
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, name.split()[0].lower())  # type-ahead: part of the name
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter in the owner field chooses; it does not create
    assert dialog.owner_box.currentText() == name


def click(dialog: PasteOutlineDialog, button: QDialogButtonBox.StandardButton) -> None:
    found = dialog.buttons.button(button)
    assert found is not None
    QTest.mouseClick(found, Qt.MouseButton.LeftButton)


def test_an_email_outline_is_previewed_then_created_in_one_undo_step(
        window: MainWindow) -> None:
    document = window.document
    assert document is not None
    dialog = paste_on_canvas(window, EMAIL)
    assert preview_rows(dialog) == [
        ("Grow revenue in the Nordics", "objective"),
        ("  Raise NPS from 30 to 45", "increase from 30 to 45 · NPS"),
        ("  Cut churn from 4% to 2%", "decrease from 4 to 2 · %"),
        ("Build a team that stays", "objective"),
        ("  Hire 5 engineers", "increase from 0 to 5 · engineers"),
        ("  Keep attrition below 10%", "stay below 10 · %"),
        ("  Improve onboarding", "no metric"),
    ]
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert any(w.startswith("Line 11:") and "two in Oslo" in w for w in warnings)
    assert any(w.startswith("Line 1:") for w in warnings)
    choose_owner(dialog, "Dana Ross")
    cycle_index = dialog.cycle_box.findText("2027-Q3")
    dialog.cycle_box.setFocus()
    while dialog.cycle_box.currentIndex() < cycle_index:
        QTest.keyClick(dialog.cycle_box, Qt.Key.Key_Down)
    steps_before = document.undo_stack.count()
    click(dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()

    snapshot = document.snapshot
    dana = next(u.id for u in snapshot.units.values() if u.name == "Dana Ross")
    q3 = snapshot.cycle_named("2027-Q3")
    assert q3 is not None
    pasted = sorted((o for o in snapshot.objectives.values() if o.owner_id == dana),
                    key=lambda o: o.position)
    assert [(o.title, o.cycle_id) for o in pasted] == [
        ("Grow revenue in the Nordics", q3.id), ("Build a team that stays", q3.id)]
    assert [(k.kind, k.target_value) for k in snapshot.key_results_of(pasted[1].id)] == [
        (KrKind.INCREASE, 5.0), (KrKind.STAY_BELOW, 10.0), (KrKind.NO_METRIC, None)]
    assert read_one(document.plan.path, "SELECT count(*) FROM key_results") == 5
    assert document.undo_stack.count() == steps_before + 1
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.snapshot.objectives == {}
    assert read_one(document.plan.path, "SELECT count(*) FROM objectives") == 0


def test_unticked_lines_are_left_out_and_cancel_leaves_nothing(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    dialog = paste_on_canvas(window, EMAIL + "\r\nThanks, Sam\r\n")
    rows = preview_rows(dialog)
    assert rows[-1] == ("  Thanks, Sam", "no metric")  # a sign-off the preview lets go
    team = dialog.preview.topLevelItem(1)
    assert team is not None
    sign_off = team.child(team.childCount() - 1)
    assert isinstance(sign_off, QTreeWidgetItem)
    rect = dialog.preview.visualItemRect(sign_off)
    QTest.mouseClick(dialog.preview.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.keyClick(dialog.preview, Qt.Key.Key_Space)  # ticks and unticks the current row
    assert sign_off.checkState(0) == Qt.CheckState.Unchecked
    assert [len(o.key_results) for o in dialog.chosen()] == [2, 3]
    click(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert not dialog.isVisible()
    assert document.snapshot.objectives == {}
    assert document.undo_stack.count() == 0

    dialog = paste_on_canvas(window, EMAIL + "\r\nThanks, Sam\r\n")
    QTest.mouseClick(dialog.preview.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     dialog.preview.visualItemRect(dialog.preview.topLevelItem(1)).center())
    QTest.keyClick(dialog.preview, Qt.Key.Key_Space)
    click(dialog, QDialogButtonBox.StandardButton.Ok)
    assert [o.title for o in document.snapshot.objectives.values()] == [
        "Grow revenue in the Nordics"]


def test_hostile_text_gets_warnings_never_a_traceback(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    hostile = "\n".join([
        "Objective: Grow\x00 revenue\x07 in \u202eEurope",
        "  - " + "x" * 10_000,
        "  - زيادة المبيعات من 30 إلى 45",
        "  - Ship the 🚀 app by June",
        "\x1b[31m",
        "\ufeff",
    ])
    dialog = paste_on_canvas(window, hostile)
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert "Line 1: control or hidden characters removed." in warnings
    assert "Line 2: longer than 1,000 characters (10,004): skipped." in warnings
    assert preview_rows(dialog)[0][0] == "Grow revenue in Europe"
    click(dialog, QDialogButtonBox.StandardButton.Ok)
    assert "Line 5: control or hidden characters removed." in warnings
    [grow] = document.snapshot.objectives.values()
    assert [k.title for k in document.snapshot.key_results_of(grow.id)] == [
        "زيادة المبيعات من 30 إلى 45", "Ship the 🚀 app by June", "[31m"]


def test_text_with_no_outline_says_so_and_creates_nothing(window: MainWindow) -> None:
    document = window.document
    assert document is not None
    QGuiApplication.clipboard().setText("   \n\t\n")
    window.commands.action("outline.paste").trigger()
    assert window.outline_commands.dialog is None
    assert "no text" in window.statusBar().currentMessage()
    dialog = paste_on_canvas(window, "---\n===\n")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None and not ok.isEnabled()
    assert "No objectives were found" in dialog.summary.text()
    click(dialog, QDialogButtonBox.StandardButton.Cancel)
    assert document.undo_stack.count() == 0
