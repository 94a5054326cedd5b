"""File > Export scorecards…: Ctrl+P opens the dialog (and nothing else has Ctrl+P), keys and
clicks choose slides and the file, Export writes the PDF off the GUI thread; Cancel in the
progress stops it and leaves no file; a file that cannot be written is explained."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from okrdesk_ui.dialogs.export_scorecards import ExportScorecardsDialog, ScorecardExport
from okrdesk_ui.main_window import MainWindow
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def open_dialog(window: MainWindow, qtbot: QtBot) -> ExportScorecardsDialog:
    window.activateWindow()
    QApplication.processEvents()
    assert window.commands.action("file.export_scorecards").shortcut() == QKeySequence(
        QKeySequence.StandardKey.Print)
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Print))
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(),
                                       ExportScorecardsDialog) or bool(_dialogs(window)))
    return _dialogs(window)[0]


def _dialogs(window: MainWindow) -> list[ExportScorecardsDialog]:
    return window.findChildren(ExportScorecardsDialog)


def type_path(dialog: ExportScorecardsDialog, path: Path) -> None:
    field = dialog.path
    QTest.mouseDClick(field, Qt.MouseButton.LeftButton)
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, str(path))


def click(widget: object) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(8, widget.height() // 2))


def test_ctrl_p_exports_slides_of_the_cycle_as_a_pdf(window: MainWindow, qtbot: QtBot,
                                                     tmp_path: Path) -> None:
    menu_texts = [a.text() for a in window.actions_.menus["file"].actions()]
    assert "Export s&corecards…" in menu_texts
    dialog = open_dialog(window, qtbot)
    assert dialog.cycle.currentData() == window.document.cycle_id  # type: ignore[union-attr]
    click(dialog.slides)
    assert dialog.slides.isChecked() and not dialog.paper.isEnabled()
    target = tmp_path / "review slides"
    type_path(dialog, target)
    click(dialog.export_button)
    written = tmp_path / "review slides.pdf"
    qtbot.waitUntil(lambda: written.exists() and window.actions_.scorecard_export is not None,
                    timeout=30_000)
    export = window.actions_.scorecard_export
    assert export is not None
    qtbot.waitUntil(lambda: not export.job.running, timeout=30_000)
    qtbot.waitUntil(lambda: "Exported scorecards" in window.statusBar().currentMessage())
    assert written.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(written)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (960, 540)
    assert "Become the leading electric car dealership" in "".join(
        page.extract_text() for page in reader.pages)


def test_a_file_that_cannot_be_written_is_explained(window: MainWindow, qtbot: QtBot,
                                                    demo_plan: Path) -> None:
    folder = demo_plan.with_name("taken.pdf")
    folder.mkdir()  # a folder where the file would go
    dialog = open_dialog(window, qtbot)
    type_path(dialog, folder)
    click(dialog.export_button)
    qtbot.waitUntil(lambda: any(box.objectName() == "errorBox"
                                for box in window.findChildren(QMessageBox)), timeout=30_000)
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "errorBox")
    assert "is a folder" in box.text()
    box.close()


def test_ctrl_p_belongs_to_export_scorecards_alone(window: MainWindow) -> None:
    ctrl_p = QKeySequence(QKeySequence.StandardKey.Print)
    assert ctrl_p == QKeySequence("Ctrl+P")  # on Linux and Windows; Cmd+P on macOS
    owners = {action.objectName() for action in window.findChildren(QAction)
              if ctrl_p in action.shortcuts()}
    owners |= {shortcut.objectName() or "a QShortcut" for shortcut in
               window.findChildren(QShortcut) if shortcut.key() == ctrl_p}
    assert owners == {"file.export_scorecards"}
    assert [key for key in window.commands
            if ctrl_p in window.commands.action(key).shortcuts()] == ["file.export_scorecards"]


@pytest.mark.parametrize("how", ["Cancel", "Esc"])
def test_cancel_in_the_progress_stops_the_export_and_leaves_no_file(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, how: str) -> None:
    """The writer is held after its first card (in its own thread) until Cancel was pressed,
    so the cancel always comes while the export runs."""
    held, release = threading.Event(), threading.Event()
    outcomes: list[object] = []

    def hold(_done: int, _total: int) -> None:  # runs in the writer's thread
        held.set()
        release.wait(20)

    def watch(export: ScorecardExport) -> None:
        export.relay.advanced.connect(hold, Qt.ConnectionType.DirectConnection)
        export.finished.connect(outcomes.append)

    dialog = open_dialog(window, qtbot)
    dialog.started.connect(watch)
    folder = tmp_path / "out"
    folder.mkdir()
    type_path(dialog, folder / "cards.pdf")
    click(dialog.export_button)
    try:
        qtbot.waitUntil(held.is_set, timeout=30_000)
        export = window.actions_.scorecard_export
        assert export is not None and export.job.running
        progress = export.progress
        qtbot.waitUntil(progress.isVisible)  # shown once the work takes over 300 ms
        if how == "Cancel":
            click(progress.findChild(QPushButton))
        else:
            QTest.keyClick(progress, Qt.Key.Key_Escape)
    finally:
        release.set()
    assert export.job.wait(30)
    QApplication.processEvents()
    assert outcomes == [None]
    assert list(folder.iterdir()) == []  # neither the PDF nor a temporary beside it
    assert "cancelled; no file was written" in window.statusBar().currentMessage()
    assert not any(dialog.isVisible() for dialog in window.findChildren(QProgressDialog))
