"""The Map tab draws off the GUI thread, exports through the core, and survives failures."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

import okrdesk_ui.map_tab as map_tab
import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.map_tab import PAGE_GAP, MapView, grid
from okrdesk_ui.panels.export_dialog import ExportChoice, ExportDialog
from pypdf import PdfReader
from PySide6.QtCore import QPointF, QRectF, QSizeF
from pytestqt.qtbot import QtBot

from okrdesk.maps import render_map
from okrdesk.maps.request import PAGE_SIZES
from tests.core import failing_map_workers as failing
from tests.core.test_maps_worker import PROMPT_S, process_exists, running_worker
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures

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


def test_the_preview_fills_the_view_and_follows_its_size(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    tab = window.map_tab
    with qtbot.waitSignal(tab.preview_ready, timeout=WAIT_MS):
        window.actions_.show_map.trigger()
    view = tab.view
    poster = QRectF(QPointF(0, 0), QSizeF(*reversed(PAGE_SIZES["poster"])))  # landscape
    drawn = view.frames[0].rect()
    assert drawn.width() < poster.width() and drawn.height() < poster.height() * 0.75
    assert fills(view)  # the cropped drawing, as large as the view allows
    window.resize(window.width() - 200, window.height() + 100)
    qtbot.waitUntil(lambda: fills(view), timeout=2000)
    tab.zoom_in_button.click()
    shown = on_screen(view)
    assert shown.width() > view.viewport().width() + 10  # zoomed in: no longer fitted
    window.resize(window.width() + 100, window.height())
    qtbot.wait(50)
    assert on_screen(view).width() == pytest.approx(shown.width(), rel=0.01)  # zoom kept
    tab.fit_button.click()
    assert fills(view)


def test_pages_are_arranged_to_show_them_largest(qtbot: QtBot, tmp_path: Path) -> None:
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    pages = [svg_page(tmp_path / f"page-{n}.svg", 400, 600) for n in range(3)]
    assert view.show_pages(pages) == 3
    tops = {frame.pos().y() for frame in view.frames}
    assert tops == {0.0}  # tall pages in a wide view: side by side
    assert fills(view)
    view.resize(300, 900)
    qtbot.waitUntil(lambda: len({frame.pos().x() for frame in view.frames}) == 1, timeout=2000)
    assert fills(view)  # and one under another in a tall view


def test_grid_places_boxes_row_by_row() -> None:
    places, box = grid([(100, 50), (80, 70), (120, 40)], 2)
    gap = PAGE_GAP
    assert [(p.x(), p.y()) for p in places] == [(0, 0), (120 + gap, 0), (0, 70 + gap)]
    assert (box.width(), box.height()) == (120 + gap + 80, 70 + gap + 40)


def test_the_tab_shows_the_pages_with_cards_not_the_overview(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    from okrdesk.maps import MapRequest
    from okrdesk.synthetic_wide import wide_plan

    plan = wide_plan(tmp_path / "wide.okr", levels=4, objectives=128)
    result = render_map(plan, MapRequest(page="poster", landscape=True, pages=True),
                        tmp_path / "map.svg")
    shown = map_tab.detail_pages(list(result.files))
    overview = [page for page in result.files if page not in shown]
    assert shown and overview  # this map has both
    assert all("Overview" in page.read_text("utf-8") for page in overview)
    view = MapView()
    qtbot.addWidget(view)
    assert view.show_pages(shown) == len(shown) == result.page_count - len(overview)


def on_screen(view: MapView) -> QRectF:
    """Where the pages (as cropped) are in the view's viewport."""
    pages = QRectF()
    for frame in view.frames:
        pages = pages.united(frame.sceneBoundingRect())
    return view.mapFromScene(pages).boundingRect().toRectF()


def fills(view: MapView) -> bool:
    """The pages fill the view along one side, within a few pixels, and show whole."""
    shown, port = on_screen(view), view.viewport().rect()
    inside = shown.width() <= port.width() + 2 and shown.height() <= port.height() + 2
    return inside and (shown.width() >= port.width() - 8 or shown.height() >= port.height() - 8)


def svg_page(path: Path, width: int, height: int) -> Path:
    """A page with a drawing filling it but a margin, as Graphviz pages have."""
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" '
                    f'height="{height}pt" viewBox="0 0 {width} {height}">'
                    f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>'
                    f'<rect x="40" y="40" width="{width - 80}" height="{height - 80}" '
                    'fill="#d8e4f0" stroke="#335"/></svg>', encoding="utf-8")
    return path


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


def test_export_to_png_writes_one_picture_of_the_whole_map(window: MainWindow, qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "map.pdf", has_selection=False, parent=window)
    dialog.format.choose("png")
    assert not dialog.page.isEnabled() and not dialog.orientation.isEnabled()
    choice = dialog.choice()
    dialog.close()
    outcome: list[object] = []
    window.map_tab.exported.connect(outcome.append)
    window.map_tab.failed.connect(outcome.append)
    window.map_tab.export(choice)
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    assert outcome == [[str(tmp_path / "map.png")]], window.map_tab.status.text()
    assert [path.name for path in tmp_path.glob("map*")] == ["map.png"]
    assert "one picture" in window.map_tab.status.text()


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
    monkeypatch.setattr(map_tab, "render_map", partial(render_map, worker=failing.hanging))
    window.map_tab.timeout_s = 1.5
    with qtbot.waitSignal(window.map_tab.failed, timeout=WAIT_MS) as failed:
        window.map_tab.render_preview()
        qtbot.wait(300)
        assert not window.map_tab.busy.isHidden()  # the event loop keeps running meanwhile
    assert "longer than 1.5 seconds" in failed.args[0]
    assert "could not be drawn" in window.map_tab.status.text()
    assert window.map_tab.refresh_button.isEnabled()


def test_a_crash_of_graphviz_is_a_message_at_once(window: MainWindow, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(map_tab, "render_map", partial(render_map, worker=failing.aborting))
    window.map_tab.timeout_s = 60.0
    started = time.monotonic()
    with qtbot.waitSignal(window.map_tab.failed, timeout=WAIT_MS) as failed:
        window.map_tab.render_preview()
    assert time.monotonic() - started < 20  # reported when the worker dies, not at the limit
    assert "Graphviz crashed" in failed.args[0] and "SIGABRT" in failed.args[0]
    assert "could not be drawn" in window.map_tab.status.text()
    assert window.map_tab.refresh_button.isEnabled() and window.map_tab.busy.isHidden()


def test_cancel_stops_the_worker_and_leaves_the_window_free(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(map_tab, "render_map", partial(render_map, worker=failing.hanging))
    window.map_tab.timeout_s = 60.0  # only the cancel can stop it in time
    job = window.map_tab.render_preview()
    assert job.running and not window.map_tab.cancel_button.isHidden()
    worker = running_worker(timeout_s=WAIT_MS / 1000)
    outcomes: list[object] = []
    job.succeeded.connect(outcomes.append)
    job.failed.connect(outcomes.append)
    window.map_tab.cancel_button.click()
    assert window.map_tab.busy.isHidden()
    assert "Cancelled" in window.map_tab.status.text()
    assert job.cancelled
    assert job.wait(PROMPT_S)  # the drawing thread ends: its worker was stopped
    assert not process_exists(worker)
    qtbot.wait(100)
    assert outcomes == []  # the cancelled job's outcome is dropped
