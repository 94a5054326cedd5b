"""A large plan's snapshot is read while the plan is vetted, and the window shows that
snapshot; the plan then changes, undoes and shows its problems as any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.snapshot import Snapshot
from okrdesk.storage import first_read
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def test_the_window_shows_the_snapshot_read_while_the_plan_was_vetted(
        window: MainWindow, qtbot: QtBot, demo_plan: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.okr"
    other.write_bytes(demo_plan.read_bytes())
    monkeypatch.setattr(first_read, "READ_BESIDE_FROM_BYTES", 0)
    assert window.open_path(other)
    document = window.document
    assert document is not None and document.plan.path == other
    assert document.plan.first_reading is None  # taken by the document
    with document.plan.reading() as connection:
        assert document.snapshot == Snapshot.load(connection)
    assert window.canvas is not None
    assert len(window.canvas.canvas_scene.cards) > 0
    count = len(document.snapshot.functions)
    document.run("Add a function", lambda: ops.add_function(document.plan, "Legal"))
    assert len(document.snapshot.functions) == count + 1
    document.undo_stack.undo()
    assert len(document.snapshot.functions) == count
