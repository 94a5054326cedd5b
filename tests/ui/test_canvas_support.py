"""Shared set-up of the canvas tests: a small plan on disk, a shown canvas, real mouse drags."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.items import CardItem, KrRowItem
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.core.builders import Org, small_org


@dataclass
class Canvas:
    org: Org
    document: PlanDocument
    view: CanvasView
    ids: dict[str, str]

    def card(self, name: str) -> CardItem:
        return self.view.canvas_scene.cards[self.ids[name]]

    def row(self, kr_name: str) -> KrRowItem:
        kr_id = self.ids[kr_name]
        objective_id = self.document.snapshot.key_results[kr_id].objective_id
        row = self.view.canvas_scene.cards[objective_id].row_for(kr_id)
        assert row is not None
        return row

    def lane_point(self, level: str, x: float, dy: float = 60.0) -> QPointF:
        lane = self.view.canvas_scene.lanes.get(self.org.levels[level])
        assert lane is not None
        return QPointF(x, lane.top + dy)


def header_point(card: CardItem) -> QPointF:
    """A point on a card's title, away from its key-result rows."""
    return card.mapToScene(QPointF(card.card_rect().width() / 2, 18))


def build_plan(path: Path) -> tuple[Org, dict[str, str]]:
    org = small_org(path)
    ids: dict[str, str] = {}
    ids["win"] = org.objective("Alex Chen", "Win Europe")
    ids["revenue"] = org.key_result(ids["win"], "Revenue from Europe", unit="M EUR",
                                    start_value=0, target_value=10, current_value=4)
    ids["grow"] = org.objective("Sam Lee", "Grow EU sales")
    org.key_result(ids["grow"], "New EU customers", start_value=0, target_value=50,
                   current_value=40)
    ids["brand"] = org.objective("Dana Ross", "A brand people know")
    ids["pipeline"] = org.objective("Kim Park", "Fill the EU pipeline")
    ids["quarter"] = org.objective("Noor Haddad", "Refresh the logo", cycle="2027-Q1")
    return org, ids


@pytest.fixture
def canvas(tmp_path: Path, qtbot: QtBot) -> Iterator[Canvas]:
    org, ids = build_plan(tmp_path / "plan.okr")
    document = PlanDocument(org.plan)
    view = CanvasView(document)
    qtbot.addWidget(view)
    view.resize(1800, 1300)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    yield Canvas(org, document, view, ids)
    view.close()
    document.close()


def drag(view: CanvasView, start: QPointF, end: QPointF,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, steps: int = 8
         ) -> None:
    """Press at `start`, move with the left button held, release at `end` (scene points)."""
    viewport = view.viewport()
    begin, finish = view.mapFromScene(start), view.mapFromScene(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, begin)
    for step in range(1, steps + 1):
        point = begin + (finish - begin) * (step / steps)
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point),
                           QPointF(viewport.mapToGlobal(point)), Qt.MouseButton.NoButton,
                           Qt.MouseButton.LeftButton, modifiers)
        QApplication.sendEvent(viewport, move)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, finish)


def click(view: CanvasView, point: QPointF) -> None:
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(point))


def viewport_point(view: CanvasView, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)
