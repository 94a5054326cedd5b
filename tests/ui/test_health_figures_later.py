"""A large plan's alignment index, and the health figures worked out from it, come once the
window is drawn; the canvas marks its orphans before that, by the orphan rule itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels import health as health_panel
from okrdesk_ui.settings import AppSettings
from pytestqt.qtbot import QtBot

from okrdesk.analytics.health import health
from okrdesk.rulebook import is_orphan
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def test_a_large_plans_figures_come_once_the_window_is_drawn(
        qtbot: QtBot, demo_plan: Path, data_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health_panel, "FIGURES_AT_ONCE", 10)  # the demo plan counts as large
    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.open_path(demo_plan)
    document, canvas = window.document, window.canvas
    assert document is not None and canvas is not None
    assert not document.analytics.index_built
    assert window.health.report is None
    snapshot, scene = document.snapshot, canvas.canvas_scene
    orphans = [o for o in scene.cards.places if is_orphan(snapshot, o)]
    assert orphans and len(orphans) < len(scene.cards.places)
    for objective_id in scene.cards.places:  # the marks the first frame draws
        assert scene.face_of(objective_id).orphan == (objective_id in orphans)
    assert not document.analytics.index_built

    window.show()
    qtbot.waitExposed(window)
    window.health.grab()  # the panel drawn, as when its tab is in front
    qtbot.waitUntil(lambda: window.health.report is not None)
    assert document.analytics.index_built
    with Plan.open(demo_plan, read_only=True) as plan, plan.read() as connection:
        expected = health(Snapshot.load(connection), document.cycle_id)
    assert window.health.report == expected
    assert f"{expected.objectives} objectives" in window.health.summary.text()
    listed = window.health.attention.topLevelItem(0)
    assert listed is not None and listed.childCount() == len(expected.orphans)
    window.close()
