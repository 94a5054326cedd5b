"""Readable at every zoom: cards drop detail as they get small but keep their titles legible,
"Fit to window" on the demo reads every title, and hovering shows a card's full text."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.card_paint import percent_box_of
from okrdesk_ui.canvas.detail import Detail, detail_at, title_lines, title_px
from okrdesk_ui.canvas.items import CardItem
from okrdesk_ui.canvas.theme import CARD_PAD, CARD_WIDTH, LIGHT
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.storage import Plan
from tests.ui.test_canvas_support import Canvas, canvas, header_point
from tests.ui.test_window_support import demo_plan, demo_template

__all__ = ["canvas", "demo_plan", "demo_template"]  # fixtures the tests use

CANVAS_AT_1080 = (1246, 705)  # the canvas's part of a 1920 by 1080 window, panels docked
LEGIBLE_PX = 9.0  # on-screen height (em) a title must keep
LONG_KR = ("Cut the time from a customer's first call to a booked service visit below two "
           "working days in every region")


@pytest.fixture
def demo(demo_plan: Path, qtbot: QtBot) -> Iterator[CanvasView]:
    view = CanvasView(PlanDocument(Plan.open(demo_plan)))
    qtbot.addWidget(view)
    view.resize(*CANVAS_AT_1080)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.close()
    view.document.close()


def on_screen_title(view: CanvasView, card: CardItem) -> float:
    return title_px(view.zoom, card.height, view.canvas_scene.theme) * view.zoom


def ink_rows(image: QImage, box: QRect, card: QColor) -> list[int]:
    """The rows of `box` holding grey ink on the card (anti-aliased edges of letters too;
    coloured bars and edges are no text)."""
    rows = []
    for y in range(max(box.top(), 0), min(box.bottom(), image.height() - 1) + 1):
        for x in range(max(box.left(), 0), min(box.right(), image.width() - 1) + 1):
            pixel = image.pixelColor(x, y)
            if card.lightness() - pixel.lightness() > 70 and pixel.saturation() < 80:
                rows.append(y)
                break
    return rows


def first_run(rows: list[int]) -> int:
    """The height of the first run of consecutive rows: the first line's ink."""
    if not rows:
        return 0
    height = 1
    for above, below in pairwise(rows):
        if below != above + 1:
            break
        height += 1
    return height


def test_the_detail_follows_the_zoom(qapp: QApplication) -> None:
    assert detail_at(1.0) is Detail.FULL
    assert detail_at(0.5) is Detail.COMPACT
    assert detail_at(0.3) is Detail.CHIP
    for zoom in (0.74, 0.6, 0.5, 0.45):  # compact: the title grows to stay readable
        assert title_px(zoom, 150.0, LIGHT) * zoom >= 10.0


def test_fit_to_window_reads_every_title_of_the_demo(demo: CanvasView) -> None:
    demo.fit_all()
    cards = demo.canvas_scene.cards
    assert detail_at(demo.zoom) is Detail.CHIP and len(cards) >= 40
    theme = demo.canvas_scene.theme
    for card in cards.values():
        assert on_screen_title(demo, card) >= LEGIBLE_PX, card.face.title
        pixels = round(title_px(demo.zoom, card.height, theme))
        first = title_lines(card.face.title, pixels, True, CARD_WIDTH - 2 * CARD_PAD, 2)[0]
        assert first.split()[0] == card.face.title.split()[0]  # a whole word, not "…"


def test_at_fit_every_card_paints_its_title_that_high(demo: CanvasView) -> None:
    """Rendered: the ink of each card's first title line is as high as a 9 px type's."""
    demo.fit_all()
    image = demo.viewport().grab().toImage()
    theme = demo.canvas_scene.theme
    heights = []
    for card in demo.canvas_scene.cards.values():
        top = card.mapToScene(QPointF(CARD_PAD, 8))
        box = demo.mapFromScene(QRectF(top, card.mapToScene(
            QPointF(CARD_WIDTH - CARD_PAD, card.height * 0.5)))).boundingRect()
        if not demo.viewport().rect().contains(box):
            continue
        heights.append((first_run(ink_rows(image, box, theme.card)), card.face.title))
    assert len(heights) >= 40
    assert min(heights)[0] >= 7  # capitals of a 9 to 10 px type, descenders more


def test_a_full_percentage_fits_its_row_in_any_type(qapp: QApplication) -> None:
    row = QRectF(0, 0, CARD_WIDTH - 2 * CARD_PAD, 19)
    for scale in (1.0, 1.2, 1.5):
        metrics = QFontMetricsF(LIGHT.scaled(scale).font(8))
        assert percent_box_of(row, metrics).width() >= metrics.horizontalAdvance("100%")


def hover(view: CanvasView, scene_point: QPointF) -> str:
    """Pause the pointer over a point of the scene: the tip Qt then shows, if any."""
    at = view.mapFromScene(scene_point)
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text()


def test_hovering_a_card_shows_its_full_text(canvas: Canvas, qtbot: QtBot) -> None:
    plan, win = canvas.org.plan, canvas.ids["win"]
    canvas.document.run("Add", lambda: ops.add_key_result(plan, win, LONG_KR))
    view = canvas.view
    view.set_zoom(1.0)
    card = canvas.card("win")
    view.centerOn(card)
    tip = hover(view, header_point(card))
    assert "Win Europe" in tip and "Alex Chen" in tip
    assert "Revenue from Europe" in tip and LONG_KR.replace("'", "&#x27;") in tip
    row = next(r for r in card.rows if r.face.title == LONG_KR)
    tip = hover(view, row.mapToScene(row.boundingRect().center()))
    assert LONG_KR.replace("'", "&#x27;") in tip and "Win Europe" in tip
    hover(view, QPointF(-500, -500))  # nothing under the pointer: the tip goes
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_zoomed_out_a_card_still_tells_its_title(canvas: Canvas) -> None:
    view = canvas.view
    view.set_zoom(0.3)
    card = canvas.card("grow")
    view.centerOn(card)
    assert "Grow EU sales" in hover(view, card.mapToScene(card.card_rect().center()))


def test_hover_text_escapes_markup(canvas: Canvas) -> None:
    plan, win = canvas.org.plan, canvas.ids["win"]
    canvas.document.run("Rename", lambda: ops.edit_objective(plan, win, title="<b>Bold</b> & co"))
    card = canvas.card("win")
    canvas.view.set_zoom(1.0)
    canvas.view.centerOn(card)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in hover(canvas.view, header_point(card))

