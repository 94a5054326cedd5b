"""Benchmark of the desktop canvas, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py [--sizes 1000 10000 30000]

A big company: for each number of people (three objectives and about nine key results each), the
real app is started on a synthetic plan in a program of its own (bench/canvas_app_child.py), and
the run reports the time to its first painted canvas, its peak memory, the longest the window did
not answer in the three seconds after, pan frames at 100 % and with the whole plan in view, and
the time from closing the window to the program's end. Then start-up to the first painted window
on the demo plan, against a bare PySide6 window, in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_canvas.py --details 1700

The canvas alone, in this program: opening (with the default tidy-tree placement of its cards),
panning at several zooms, one drop. About 1,700 people give about 5,100 objectives.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.canvas.card_place import CardPlace
from okrdesk_ui.canvas.items import CardItem
from okrdesk_ui.canvas.lanes import Lane, Lanes
from okrdesk_ui.canvas.spots import lay_out
from okrdesk_ui.document import PlanDocument
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk.ops.rules import SnapshotFacts, alignment_refusal
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

VIEW_SIZE = (1600, 1000)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def open_canvas(path: Path, app: QApplication) -> tuple[PlanDocument, CanvasView, dict[str, float]]:
    figures: dict[str, float] = {}
    start = time.perf_counter()
    document = PlanDocument(Plan.open(path))
    figures["plan and snapshot"] = time.perf_counter() - start
    view = CanvasView(document)
    figures["canvas (places, edges)"] = (time.perf_counter() - start
                                         - figures["plan and snapshot"])
    view.resize(*VIEW_SIZE)
    view.show()
    view.viewport().repaint()
    app.processEvents()
    figures["total to first frame"] = time.perf_counter() - start
    return document, view, figures


def placement(view: CanvasView) -> float:
    """The default placement of every card again (the part of opening that placement.py does);
    it is deterministic, so the cards keep their places."""
    scene = view.canvas_scene
    places = scene.cards.places
    by_level: dict[str, list[CardPlace]] = defaultdict(list)
    for place in places.values():
        by_level[place.level_id].append(place)
    lanes = Lanes(1, [Lane(lane.level_id, lane.name, lane.rank) for lane in scene.lanes.lanes])
    before = {i: place.spot for i, place in places.items()}
    took = timed(lambda: lay_out(view.document.snapshot, places, lanes, by_level))
    assert before == {i: place.spot for i, place in places.items()}
    return took


def pan_frames(view: CanvasView, zoom: float, frames: int) -> list[float]:
    view.set_zoom(zoom)
    view.centerOn(view.sceneRect().center())
    view.viewport().repaint()
    bar = view.horizontalScrollBar()
    times = []
    for step in range(frames):
        bar.setValue(bar.value() + (30 if step % 40 < 20 else -30))
        times.append(timed(view.viewport().repaint))
    return times


def header(card: CardItem) -> QPointF:
    return card.mapToScene(QPointF(card.card_rect().width() / 2, 18))


def drop_pairs(view: CanvasView, count: int) -> list[tuple[CardPlace, CardPlace]]:
    """Valid (child, new parent) pairs: a card of the second lane onto a top-lane card."""
    scene = view.canvas_scene
    facts = SnapshotFacts(view.document.snapshot)
    lanes = scene.lanes.lanes
    top = [c for c in scene.cards.places.values() if c.level_id == lanes[0].level_id]
    second = [c for c in scene.cards.places.values() if c.level_id == lanes[1].level_id]
    pairs = []
    for child in second:
        for parent in top:
            if alignment_refusal(facts, child.objective_id, parent.objective_id) is None:
                pairs.append((child, parent))
                break
        if len(pairs) == count:
            break
    return pairs


def one_drop(view: CanvasView, child_place: CardPlace, parent_place: CardPlace
             ) -> tuple[float, int]:
    """A real mouse drag; returns the time from release to the canvas updated, and how many
    card items it re-drew."""
    area = child_place.scene_rect().united(parent_place.scene_rect()).adjusted(-80, -80, 80, 80)
    view.fitInView(area, Qt.AspectRatioMode.KeepAspectRatio)
    view.viewport().repaint()  # the frame that makes the two cards' items
    child = view.canvas_scene.card(child_place.objective_id)
    parent = view.canvas_scene.card(parent_place.objective_id)
    assert child is not None and parent is not None
    viewport = view.viewport()
    begin, end = view.mapFromScene(header(child)), view.mapFromScene(header(parent))
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin)
    for step in range(1, 7):
        point = begin + (end - begin) * (step / 6)
        QApplication.sendEvent(viewport, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(point), QPointF(viewport.mapToGlobal(point)),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    made = view.canvas_scene.cards.made
    faces = {i: c.face for i, c in made.items()}
    took = timed(lambda: QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton,
                                            Qt.KeyboardModifier.NoModifier, end))
    redrawn = sum(1 for i, c in made.items() if faces.get(i) is not c.face)
    return took, redrawn


CHILD = Path(__file__).with_name("canvas_app_child.py")


def run_child(folder: Path, *arguments: str) -> dict[str, float]:
    """Start the program, read its `name value` lines; times become seconds since the start,
    and `quit` the seconds from closing the window to the program's end."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(folder / name.lower())  # not the user's settings or plans
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules are kept (see big_company)
    start = time.time()
    done = subprocess.run([sys.executable, str(CHILD), *arguments], env=env, text=True,
                          capture_output=True, check=False)
    end = time.time()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed ({done.returncode}):\n{done.stderr}")
    figures = {name: float(value) for name, value in
               (line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)}
    for name in ("python", "imported", "painted"):
        if name in figures:
            figures[name] -= start
    if "closing" in figures:
        figures["quit"] = end - figures.pop("closing")
    return figures


def big_company(sizes: list[int], repeats: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "run"
        folder.mkdir()
        # Compiled modules are kept, as an installed app has them, in a folder of the run's own.
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(name) / "bytecode")
        home = folder / "demo"  # settings of its own: the app opens the last plan it had open
        run_child(home, "app")  # makes the demo plan, and compiles the modules once
        for people in sizes:
            path = generate_plan(folder / f"people-{people}.okr", people, seed=1)
            runs = [run_child(folder, "app", str(path), "--measure") for _ in range(repeats)]
            print(f"{people:,} people: " + "; ".join(
                f"{key} {statistics.median(run[key] for run in runs):.3g}"
                for key in runs[0] if key != "python"), flush=True)
        bare, demo = [], []
        for _ in range(repeats):
            bare.append(run_child(home, "bare")["painted"])
            demo.append(run_child(home, "app")["painted"])
        print(f"start-up to the first painted window: bare PySide6 "
              f"{statistics.median(bare):.3f} s, demo plan {statistics.median(demo):.3f} s, "
              f"ratio {statistics.median(demo) / statistics.median(bare):.2f} "
              f"(medians of {repeats})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 30000],
                        help="numbers of people; none: only the start-up on the demo plan")
    parser.add_argument("--details", type=int, metavar="PEOPLE")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.details is None:
        big_company(args.sizes, args.repeats)
    else:
        details(args.details, args.repeats)


def details(people: int, repeats: int) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        path = generate_plan(Path(folder) / "bench.okr", people, seed=1)
        openings: dict[str, list[float]] = {}
        for _ in range(repeats):
            document, view, figures = open_canvas(path, app)
            for name, value in figures.items():
                openings.setdefault(name, []).append(value)
            view.close()
            document.close()
        document, view, _ = open_canvas(path, app)
        print(f"plan: {len(document.snapshot.objectives)} objectives, "
              f"{len(document.snapshot.key_results)} key results, {people} people")
        for name, values in openings.items():
            print(f"open, {name}: median {ms(statistics.median(values))} ms "
                  f"(of {len(values)})")
        places = [placement(view) for _ in range(repeats)]
        print(f"open, of which default placement: median {ms(statistics.median(places))} ms; "
              f"canvas {view.canvas_scene.lanes.width:.0f} x {view.canvas_scene.lanes.height:.0f}"
              f", {view.canvas_scene.lanes.columns} columns")
        for label, zoom in (("zoom 100%", 1.0), ("zoom 50%", 0.5), ("zoom 20%", 0.2)):
            frames = pan_frames(view, zoom, 80)
            print(f"pan frame, {label}: median {ms(statistics.median(frames))} ms, "
                  f"90th percentile {ms(sorted(frames)[int(len(frames) * 0.9)])} ms")
        view.fit_all()
        frames = pan_frames(view, view.zoom, 40)
        print(f"pan frame, whole plan in view ({view.zoom:.3f}): median "
              f"{ms(statistics.median(frames))} ms")
        drops, redrawn = [], []
        for child, parent in drop_pairs(view, repeats * 3):
            took, count = one_drop(view, child, parent)
            drops.append(took)
            redrawn.append(count)
            document.undo_stack.undo()
        print(f"drop (align up), release to canvas updated: median "
              f"{ms(statistics.median(drops))} ms (of {len(drops)}); cards re-drawn per drop: "
              f"{min(redrawn)}-{max(redrawn)} of {len(view.canvas_scene.cards.made)} made "
              f"({len(view.canvas_scene.cards)} cards)")
        view.close()
        document.close()


if __name__ == "__main__":
    main()
