"""File > Import spreadsheet…: a sheet in another tool's shape, its columns mapped (one changed
with the keyboard), the preview, Import as one undo step; a broken sheet cannot be imported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.import_sheet import ImportSheetDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.settings import AppSettings
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from okrdesk.sheets.importer import new_plan_from_workbook
from okrdesk.sheets.read import read_workbook
from tests.core.sheet_fixtures import broken_sheet, org_chart_sheet, other_tool_export
from tests.ui.dialog_driving import in_next_dialog, type_into

OWNER_COLUMN = 3  # "Owner Email" in other_tool_export, renamed so that no guess knows it


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The app on a plan holding the org chart whose people own the sheet's goals."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    path = new_plan_from_workbook(read_workbook(org_chart_sheet(tmp_path / "org.xlsx")),
                                  tmp_path / "company.okr")
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


def goals_with_a_point_person_column(folder: Path) -> Path:
    path = other_tool_export(folder / "goals.xlsx")
    book = load_workbook(path)
    book["Goals"].cell(row=2, column=OWNER_COLUMN + 1, value="Point person")
    book.save(path)
    return path


def open_dialog(qtbot: QtBot, window: MainWindow, sheet: Path) -> ImportSheetDialog:
    window.commands.action("file.import_sheet").trigger()
    dialog = window.actions_.sheet_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.path_field.setFocus()
    QTest.keyClicks(dialog.path_field, str(sheet))
    QTest.keyClick(dialog.path_field, Qt.Key.Key_Return)
    return dialog


def combo(dialog: ImportSheetDialog, row: int) -> QComboBox:
    widget = dialog.mapping.cellWidget(row, 2)
    assert isinstance(widget, QComboBox)
    return widget


def choose_with_keyboard(box: QComboBox, field: str) -> None:
    box.setFocus()
    steps = box.findData(field) - box.currentIndex()
    assert steps > 0
    for _ in range(steps):
        QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == field


def test_map_a_column_preview_import_and_undo_the_whole_import(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    document = window.document
    assert document is not None
    people = len(document.snapshot.units)
    dialog = open_dialog(qtbot, window, goals_with_a_point_person_column(tmp_path))
    assert dialog.sheet is not None and dialog.sheet.name == "Goals"
    guessed = {dialog.mapping.item(row, 0).text(): combo(dialog, row).currentData()
               for row in range(dialog.mapping.rowCount())}
    assert guessed == {"Goal Name": "title", "Goal Type": "type", "Parent Goal": "parent",
                       "Point person": "", "Start Value": "start", "Target Value": "target",
                       "Current Value": "current", "Unit": "unit", "Time Period": "cycle"}
    assert dialog.rows.rowCount() == 6
    header = dialog.rows.horizontalHeaderItem(OWNER_COLUMN)
    assert header is not None and "(not imported)" in header.text()
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert problems == [f"sheet 'Goals', row {row}: the row names no owner" for row in (3, 5, 7)]
    assert "3 problems must be fixed" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    choose_with_keyboard(combo(dialog, OWNER_COLUMN), "owner_email")
    header = dialog.rows.horizontalHeaderItem(OWNER_COLUMN)
    assert header is not None and "→ Owner e-mail" in header.text()
    assert dialog.current_mapping()["owner_email"] == OWNER_COLUMN
    assert dialog.problems.count() == 0
    assert dialog.preview is not None
    assert dialog.preview.created == {"objectives": 3, "key_results": 4}
    assert "create 3 objectives, 4 key results" in dialog.summary.text()

    saved = dialog.save_mapping_to(tmp_path / "goals mapping.json")
    assert json.loads(saved.read_text(encoding="utf-8"))["owner_email"] == "Point person"

    assert dialog.import_button.isEnabled()
    QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    snapshot = document.snapshot
    measured = {kr.title: kr.target_value for kr in snapshot.key_results.values()
                if kr.kind != "objective"}
    assert measured == {"Reach 12 M€ ARR": 12, "Sign 40 new mid-market customers": 40,
                        "Keep uptime above 99.9 %": 99.9}
    owners = {o.title: snapshot.units[o.owner_id].email for o in snapshot.objectives.values()}
    assert owners == {"Grow recurring revenue": "maya@example.com",
                      "Win mid-market accounts": "omar@example.com",
                      "Ship a product customers trust": "lena@example.com"}
    win = next(o for o in snapshot.objectives.values() if o.title == "Win mid-market accounts")
    assert win.parent_kr_id is not None  # aligned up under its parent objective
    assert len(snapshot.units) == people  # owners matched by e-mail, nobody added
    assert document.undo_stack.count() == 1

    window.activateWindow()
    assert window.canvas is not None
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.snapshot.objectives == {}
    assert document.snapshot.key_results == {}
    assert len(document.snapshot.units) == people


def test_a_broken_sheet_shows_every_problem_and_cannot_be_imported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, window, broken_sheet(tmp_path / "broken.xlsx"))
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("row 3, column Target" in text and "'ten'" in text for text in problems)
    assert any("O-99" in text for text in problems)
    assert any("K-1" in text for text in problems)
    assert "must be fixed" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.document is not None and window.document.snapshot.objectives == {}


def test_a_file_that_is_not_a_spreadsheet_is_named_and_nothing_can_be_imported(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"this is not a workbook")
    dialog = open_dialog(qtbot, window, fake)
    assert "fake.xlsx" in dialog.error.text()
    assert dialog.mapping.rowCount() == 0
    assert not dialog.import_button.isEnabled()


def test_export_spreadsheet_writes_the_open_plan_as_a_workbook(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """File > Export spreadsheet…: a file name typed in the file dialog; no suffix means
    XLSX, and the workbook reads back with the plan's people."""
    target = tmp_path / "handed out"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        type_into(name, str(target))
        QTest.keyClick(name, Qt.Key.Key_Return)

    errors = in_next_dialog(fill)
    window.commands.action("file.export_sheet").trigger()
    assert errors == []
    written = target.with_name("handed out.xlsx")
    assert written.is_file()
    workbook = read_workbook(written)
    org = workbook.sheet("Org chart")
    assert org is not None and len(org.rows) == 6
    assert "handed out.xlsx" in window.statusBar().currentMessage()
