"""Benchmark: a new objective written on the canvas of a large plan, from Enter to its card on
screen, beside two floors (the operation alone on a plan nothing listens to, and a bare
QGraphicsScene.addRect with its repaint).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_authoring_canvas.py [--people 1700]

About 1,700 people give about 5,100 objectives. Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.authoring import TITLE_DROP
from okrdesk_ui.canvas.lanes import SLOT_WIDTH
from okrdesk_ui.canvas.objective_draft import NEW_CARD_HEIGHT, ObjectiveDraft
from okrdesk_ui.canvas.placement import free_spot
from okrdesk_ui.canvas.theme import (
    CARD_GAP_X,
    CARD_PAD,
    CARD_WIDTH,
    LANE_LABEL_WIDTH,
    LANE_PAD_BOTTOM,
    LANE_PAD_TOP,
)
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from okrdesk import ops
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

VIEW_SIZE = (1600, 1000)
REPAINTS: list[float] = []  # the repaint part of each Enter to card on screen
FRAMES: list[float] = []  # a frame of the same view with nothing changed, after each


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def median_ms(values: list[float]) -> str:
    return f"{ms(statistics.median(values))} ms (min {ms(min(values))}, of {len(values)})"


def lane_with_people(document: PlanDocument, view: CanvasView) -> tuple[str, str]:
    """The second lane (several people there) and one of its people's labels."""
    lane = view.canvas_scene.lanes.lanes[1]
    people = sorted(u.name for u in document.snapshot.units.values()
                    if u.level_id == lane.level_id)
    return lane.level_id, people[0]


def free_point(view: CanvasView, level_id: str, share: float, *, at_the_end: bool) -> QPointF:
    """A point of the lane where a double-click makes a card that overlaps none: a free place
    `share` of the way along the lane, or right of everything (the lanes then widen)."""
    scene = view.canvas_scene
    lane = scene.lanes.get(level_id)
    assert lane is not None
    if at_the_end:
        return QPointF(scene.lanes.width + 60, lane.top + lane.height / 2)
    taken = [(c.spot[0], c.spot[1], c.spot[1] + c.height) for c in scene.cards.values()
             if c.level_id == level_id]
    count = int((lane.height - LANE_PAD_TOP - LANE_PAD_BOTTOM) // lane.slot_height) + 1
    rows = [LANE_PAD_TOP + row * lane.slot_height for row in range(count)]
    x, y = free_spot(scene.lanes.width * share, taken, NEW_CARD_HEIGHT, rows,
                     LANE_LABEL_WIDTH + CARD_GAP_X, SLOT_WIDTH)
    return QPointF(x + CARD_PAD, lane.top + y + TITLE_DROP)


def enter_to_card(view: CanvasView, level_id: str, owner: str, number: int, *,
                  at_the_end: bool = False) -> float:
    """Double-click a free spot, type a title and the owner (not timed); time Enter to the
    card drawn on screen."""
    scene = view.canvas_scene
    point = free_point(view, level_id, 0.1 + 0.08 * number, at_the_end=at_the_end)
    view.centerOn(point)
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, view.mapFromScene(point))
    draft = view.authoring.session
    assert isinstance(draft, ObjectiveDraft)
    QTest.keyClicks(draft.title, f"Written on the canvas {number}")
    draft.owner.setText(owner)
    view.viewport().repaint()  # the frame the planner sees while typing
    before = len(scene.cards)
    start = time.perf_counter()
    QTest.keyClick(draft.owner, Qt.Key.Key_Return)
    committed = time.perf_counter()
    view.viewport().repaint()
    end = time.perf_counter()
    assert len(scene.cards) == before + 1 and view.authoring.session is None
    REPAINTS.append(end - committed)
    again = time.perf_counter()
    view.viewport().repaint()
    FRAMES.append(time.perf_counter() - again)
    return end - start


def raw_operation(path: Path, repeats: int) -> list[float]:
    """The same operation on a plan nothing listens to (no snapshot, figures or canvas)."""
    plan = Plan.open(path)
    try:
        with plan.read() as connection:
            row = connection.exec_driver_sql(
                "SELECT owner_id, cycle_id FROM objectives LIMIT 1").one()
        times = []
        for number in range(repeats):
            start = time.perf_counter()
            ops.create_objective_at(plan, row[0], row[1], f"Raw {number}", 100.0 * number, 50)
            times.append(time.perf_counter() - start)
        return times
    finally:
        plan.close()


def bare_scene(repeats: int) -> list[float]:
    """A rectangle added to an empty scene and the view repainted: what drawing costs at all."""
    scene = QGraphicsScene(0, 0, 4000, 3000)
    view = QGraphicsView(scene)
    view.resize(*VIEW_SIZE)
    view.show()
    view.viewport().repaint()
    times = []
    for number in range(repeats):
        start = time.perf_counter()
        scene.addRect(QRectF(20 + number * 10, 20, CARD_WIDTH, 88))
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    view.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1700)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "bench.okr", args.people, seed=1)
        copy = Path(folder) / "raw.okr"
        shutil.copyfile(path, copy)
        document = PlanDocument(Plan.open(path))
        view = CanvasView(document)
        view.resize(*VIEW_SIZE)
        view.show()
        view.set_zoom(1.0)
        app.processEvents()
        level_id, owner = lane_with_people(document, view)
        print(f"plan: {len(document.snapshot.objectives)} objectives, "
              f"{len(document.snapshot.key_results)} key results, {args.people} people")
        enter_to_card(view, level_id, owner, 0)  # warm-up
        canvas = [enter_to_card(view, level_id, owner, n + 1) for n in range(args.repeats)]
        print(f"new objective on the canvas, Enter to card on screen: {median_ms(canvas)}")
        print(f"  of which the repaint: {median_ms(REPAINTS[1:])}")
        print(f"  floor, a frame of the same view with nothing changed: {median_ms(FRAMES[1:])}")
        REPAINTS.clear()
        widening = [enter_to_card(view, level_id, owner, n, at_the_end=True)
                    for n in range(args.repeats)]
        print(f"the same right of every card (the lanes widen): {median_ms(widening)}")
        print(f"  of which the repaint: {median_ms(REPAINTS)}")
        print(f"floor, the operation alone (no listeners): "
              f"{median_ms(raw_operation(copy, args.repeats))}")
        print(f"floor, QGraphicsScene.addRect and repaint: {median_ms(bare_scene(args.repeats))}")
        view.close()
        document.close()


if __name__ == "__main__":
    main()
