"""Opening the searchable pickers on a large plan, and filtering them by typing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_pickers.py [--people 10000] [--runs 5]

Generates a synthetic plan (about three objectives per person) in a temporary folder, opens it in
the main window and prints the median over the runs, in milliseconds, from the command to the
picker on screen (its list of targets worked out, every row's reason available) for Align up
to… (from a team member's objective), Delegate to… (a vice president's key result) and
Contributes to…, then the time to filter the align-up picker by one typed word; and how long
re-evaluating every command's enabled state takes (done on each selection change).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk.synthetic import generate_plan


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from okrdesk_ui.main_window import MainWindow
    from okrdesk_ui.pickers import Picker

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.okr"
        generate_plan(path, args.people)
        window = MainWindow()
        window.resize(1600, 1000)
        window.show()
        assert window.open_path(path)
        QTest.qWait(200)  # the window's own first paint is not the picker's
        document = window.document
        assert document is not None
        snapshot = document.snapshot
        ranks = {o.id: snapshot.level_of(o.id).rank for o in snapshot.objectives.values()}
        lowest = max(ranks.values())
        leaf = next(o for o in snapshot.objectives.values() if ranks[o.id] == lowest)
        vp_kr = next(kr for kr in snapshot.key_results.values()
                     if ranks[kr.objective_id] == 1 and kr.kind != "objective")
        print(f"{len(snapshot.objectives)} objectives, {len(snapshot.key_results)} key "
              f"results, {len(snapshot.units)} people and teams")

        def open_and_close(table: str, row_id: str, key: str) -> Callable[[], None]:
            def work() -> None:
                document.select(table, row_id)
                window.commands.action(key).trigger()
                picker = QApplication.activeModalWidget()
                assert isinstance(picker, Picker)
                QApplication.processEvents()  # painted
                picker.close()
            return work

        for label, table, row_id, key in (
            ("align up to…", "objectives", leaf.id, "objective.align_up"),
            ("delegate to…", "key_results", vp_kr.id, "kr.delegate"),
            ("contributes to…", "objectives", leaf.id, "objective.contribute"),
        ):
            figure = median_ms(open_and_close(table, row_id, key), args.runs)
            print(f"open the {label} picker: {figure:.0f} ms")

        document.select("objectives", leaf.id)
        window.commands.action("objective.align_up").trigger()
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, Picker)

        def type_word() -> None:
            picker.filter.clear()
            QTest.keyClicks(picker.filter, "retention")

        print(f"filter it by typing “retention”: {median_ms(type_word, args.runs):.0f} ms "
              f"({picker.model.rowCount()} rows left)")
        picker.close()
        figure = median_ms(window.commands.refresh, args.runs)
        print(f"refresh every command's enabled state: {figure:.1f} ms")
        window.close()
    del app


if __name__ == "__main__":
    main()
