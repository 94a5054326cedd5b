"""The Map tab draws off the GUI thread, exports through the core, and survives failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from okrdesk.maps.worker import FAULT_VARIABLE
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from ui.main_window import MainWindow
from ui.panels.export_dialog import ExportChoice, ExportDialog

WAIT_MS = 90_000  # generous: a busy machine starts the worker process slowly


def test_the_map_tab_draws_the_map_in_the_background(window: MainWindow, qtbot: QtBot) -> None:
    tab = window.map_tab
    with qtbot.waitSignal(tab.preview_ready, timeout=WAIT_MS) as ready:
        window.actions_.show_map.trigger()  # showing the tab starts the drawing
        assert tab.busy.isVisible() and tab.cancel_button.isVisible()
        assert not tab.export_button.isEnabled()
    assert ready.args[0] >= 1
    assert len(tab.view.scene().items()) >= 2  # each page: a frame and its drawing
    assert not tab.busy.isVisible() and tab.export_button.isEnabled()
    assert "Map of the shown cycle" in tab.status.text()


def test_export_to_pdf_writes_the_pages(window: MainWindow, qtbot: QtBot,
                                        tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    choice = ExportChoice(path=out, format="pdf", page="A3", landscape=True, detail="full",
                          focus_selected=False)
    outcome: list[object] = []
    window.map_tab.exported.connect(outcome.append)
    window.map_tab.failed.connect(outcome.append)
    job = window.map_tab.export(choice)
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    assert not job.cancelled
    assert outcome == [[str(out)]], window.map_tab.status.text()
    pages = PdfReader(out).pages
    assert len(pages) >= 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (1191, 842)  # A3 landscape, in points
    assert "Voltline" in pages[0].extract_text()


def test_the_export_dialog_offers_the_choices(window: MainWindow, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "map.pdf", has_selection=False, parent=window)
    dialog.format.choose("svg")
    dialog.page.choose("poster")
    dialog.orientation.choose(False)
    dialog.detail.choose("titles")
    choice = dialog.choice()
    assert choice == ExportChoice(path=tmp_path / "map.svg", format="svg", page="poster",
                                  landscape=False, detail="titles", focus_selected=False)
    assert not dialog.focus.isEnabled()
    dialog.close()


def test_graphviz_past_its_time_limit_is_a_message_not_a_freeze(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(FAULT_VARIABLE, "hang")
    window.map_tab.timeout_s = 1.5
    with qtbot.waitSignal(window.map_tab.failed, timeout=WAIT_MS) as failed:
        window.map_tab.render_preview()
        qtbot.wait(300)
        assert not window.map_tab.busy.isHidden()  # the event loop keeps running meanwhile
    assert "longer than 1.5 seconds" in failed.args[0]
    assert "could not be drawn" in window.map_tab.status.text()
    assert window.map_tab.refresh_button.isEnabled()


def test_cancel_leaves_the_window_free(window: MainWindow, qtbot: QtBot,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_VARIABLE, "hang")
    window.map_tab.timeout_s = 2.0  # the abandoned worker is stopped soon after
    job = window.map_tab.render_preview()
    assert job.running and not window.map_tab.cancel_button.isHidden()
    window.map_tab.cancel_button.click()
    assert window.map_tab.busy.isHidden()
    assert "Cancelled" in window.map_tab.status.text()
    assert job.cancelled
    outcomes: list[object] = []
    job.succeeded.connect(outcomes.append)
    job.failed.connect(outcomes.append)
    qtbot.wait(200)
    assert outcomes == []  # a late result of a cancelled job is dropped
