"""The health panel shows the plan's own figures; findings and orphans lead to their objective."""

from __future__ import annotations

from pathlib import Path

from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.panels.health import level_cells
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from okrdesk import ops
from okrdesk.analytics.health import health
from okrdesk.analytics.quality import quality_findings
from okrdesk.storage import Plan
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


def test_the_panel_shows_the_figures_of_the_plan_file(window: MainWindow,
                                                       demo_plan: Path) -> None:
    assert window.document is not None
    with Plan.open(demo_plan, read_only=True) as plan, plan.read() as connection:
        from okrdesk.snapshot import Snapshot

        expected = health(Snapshot.load(connection), window.document.cycle_id)
    panel = window.health
    assert panel.levels.rowCount() == len(expected.levels) == 5
    for row, level in enumerate(expected.levels):
        shown = [panel.levels.item(row, c).text() for c in range(panel.levels.columnCount())]
        assert shown == list(level_cells(level))
    assert panel.gauge.share == expected.bottom_up_share
    assert panel.gauge.target == expected.bottom_up_target
    assert f"{expected.bottom_up_share:.0%}" in panel.gauge.toolTip()
    assert f"{expected.objectives} objectives" in panel.summary.text()
    for name in expected.critical_functions:
        assert name in panel.functions.text()
    orphans = panel.attention.topLevelItem(0)
    assert orphans is not None and orphans.childCount() == len(expected.orphans)


def test_clicking_a_finding_selects_its_objective(window: MainWindow, qtbot: QtBot) -> None:
    assert window.document is not None
    expected = quality_findings(window.document.snapshot, window.document.cycle_id)
    panel = window.health
    window.docks["health"].show()
    window.docks["health"].raise_()
    qtbot.waitUntil(lambda: bool(panel.findings))  # counted once the panel is drawn
    row = next(i for i in range(panel.finding_list.count())
               if panel.findings[i].objective_id)
    item = panel.finding_list.item(row)
    assert item is not None and expected
    panel.finding_list.scrollToItem(item)
    rect = panel.finding_list.visualItemRect(item)
    QTest.mouseClick(panel.finding_list.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    objective_id = panel.findings[row].objective_id
    assert window.document.selected == ("objectives", objective_id)
    assert window.inspector.objective_form.objective_id == objective_id


def test_aligning_an_orphan_updates_the_panel(window: MainWindow) -> None:
    assert window.document is not None
    document = window.document
    report = window.health.report
    assert report is not None and report.orphans
    orphan = report.orphans[0]
    orphan_item = window.health.attention.topLevelItem(0).child(0)  # type: ignore[union-attr]
    window.health._attention_chosen(orphan_item)
    assert document.selected == ("objectives", orphan)
    owner_level = document.snapshot.level_of(orphan).rank
    parent = next(o for o in document.snapshot.objectives.values()
                  if document.snapshot.level_of(o.id).rank == owner_level - 1
                  and o.cycle_id == document.snapshot.objectives[orphan].cycle_id)
    assert document.run("Align up", lambda: ops.align_up(document.plan, orphan, parent.id))
    window.health.refresh()  # the panel refreshes on the next turn of the event loop anyway
    after = window.health.report
    assert after is not None and orphan not in after.orphans
    assert after.bottom_up == report.bottom_up + 1
