"""Pictures of View > Compare with…: the demo compared with an older copy of itself, the
Compare window and the map highlighting the differences."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from okrdesk import ops
from okrdesk.rulebook import parent_of
from okrdesk.storage import Plan

from . import files
from .compare_chooser import CompareChoice
from .screenshot_kit import Camera, back_to, plan_of, settle, wait_for

if TYPE_CHECKING:
    from .main_window import MainWindow

DRAFTED = " (first draft)"  # plan text of the older copy, not the app's words


def compare_shots(app: QApplication, window: MainWindow, camera: Camera) -> None:
    document, _canvas = plan_of(window)
    with tempfile.TemporaryDirectory(prefix="okrdesk-older-") as folder:
        older = _older_copy(window, Path(folder) / "Voltline demo (March).okr")
        dialog = window.compare_commands.show_window(CompareChoice(path=older))
        assert dialog is not None, "the demo could not be compared with its copy"
        wait_for(app, lambda: not dialog.running)  # compared off the GUI thread
        assert dialog.diff is not None, "the demo could not be compared with its copy"
        settle(app)
        changed = dialog.tree.topLevelItem(2)
        first = changed.child(0) if changed is not None else None
        if first is not None:
            dialog.tree.setCurrentItem(first)
        camera.save("compare-window", camera.where(dialog, with_title=True))
        QTest.mouseClick(dialog.map_button, Qt.MouseButton.LeftButton)
        map_tab = window.map_tab
        wait_for(app, lambda: map_tab.job is None and not map_tab._stale)
        settle(app)
        map_tab.view.fit()
        dialog.hide()
        settle(app)
        camera.save("compare-map")
        dialog.close()
        back_to(app, window)
        window.tabs.setCurrentIndex(0)
    assert document.undo_stack.count() == 0
    settle(app)


def _older_copy(window: MainWindow, path: Path) -> Path:
    """The demo as it might have stood a month before: two objectives not yet written, one
    titled otherwise, a key result with another target, one aligned elsewhere, and one since
    dropped."""
    document, _canvas = plan_of(window)
    snapshot = document.snapshot
    files.copy_plan(document.plan, path)
    year = document.cycle_id
    ours = sorted((o for o in snapshot.objectives.values() if o.cycle_id == year),
                  key=lambda o: (o.title, o.id))
    leaves = [o for o in ours if not snapshot.aligned_to_kr.get(o.id) and not any(
        snapshot.aligned_to_kr.get(k) for k in snapshot.krs_of.get(o.id, ()))]
    aligned = [o for o in leaves if parent_of(snapshot, o.id) is not None]
    with Plan.open(path) as plan:
        for objective in leaves[:2]:
            ops.delete_objective(plan, objective.id)
        renamed = aligned[2]
        first_draft = renamed.title + DRAFTED
        ops.edit_objective(plan, renamed.id, title=first_draft)
        measured = next(kr for o in ours for kr in snapshot.key_results_of(o.id)
                        if kr.kind == "increase" and kr.target_value)
        ops.edit_key_result(plan, measured.id, target_value=(measured.target_value or 0) / 2)
        moved = aligned[3]
        ops.unlink(plan, moved.id)
        owner = snapshot.objectives[renamed.id].owner_id
        ops.create_objective(plan, owner, year, "Trial a weekend pop-up showroom")
    return path
