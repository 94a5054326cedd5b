"""Every context-menu action, on the demo plan in the main window, through a real right-click,
the menu walked with the arrow keys and Enter, and the plan checked afterwards (then undone)."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.canvas.objective_draft import ObjectiveDraft
from okrdesk_ui.canvas.targets import TargetKind, target_at
from okrdesk_ui.line_of_sight import LineOfSightDialog
from okrdesk_ui.main_window import MainWindow
from okrdesk_ui.pickers import Picker
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from okrdesk.model import KrKind
from okrdesk.rulebook import children_of, line_of_sight, parent_of
from tests.ui.test_commands_support import (
    answer_delete,
    canvas_point,
    choose,
    modal,
    pick,
    right_click,
    right_click_card,
    snapshot_of,
    undo,
)
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures
from tests.ui.test_window_support import objective_titled, read_one

LEADING = "Become the leading electric car dealership in the region"
COUNT_SQL = "SELECT COUNT(*) FROM objectives"


@pytest.fixture
def shown(window: MainWindow) -> MainWindow:
    window.resize(1920, 1080)
    window.activateWindow()
    QApplication.processEvents()
    return window


def aligned_child(window: MainWindow) -> str:
    """An objective on the canvas aligned to another card on the canvas."""
    assert window.canvas is not None
    scene = window.canvas.canvas_scene
    return next(child for child in sorted(scene.align_edges)
                if child in scene.cards and parent_of(snapshot_of(window), child) in scene.cards)


def free_point_on(window: MainWindow, points: list[QPointF], kind: TargetKind) -> QPointF:
    """A point of an edge that no card nor other edge covers, also a pixel or two around it
    (a click lands on a whole pixel of the viewport, not on the exact scene point)."""
    assert window.canvas is not None
    scene = window.canvas.canvas_scene
    around = [QPointF(dx, dy) for dx in (-2, 0, 2) for dy in (-2, 0, 2)]
    for point in points:
        if all(target_at(scene, point + offset, 1.0).kind is kind for offset in around):
            return point
    raise AssertionError("every point of the edge is under a card or near another edge")


def edge_points(window: MainWindow, kind: TargetKind, row_id: str) -> list[QPointF]:
    assert window.canvas is not None
    scene = window.canvas.canvas_scene
    edge = (scene.align_edges if kind is TargetKind.ALIGNMENT else scene.link_edges)[row_id]
    return [line.center() for _box, line in edge.segments]


def right_click_scene(qtbot: QtBot, window: MainWindow, point: QPointF) -> QMenu:
    assert window.canvas is not None
    window.canvas.set_zoom(1.0)
    return right_click(qtbot, window.canvas.viewport(), canvas_point(window, point))


def test_duplicate_from_a_cards_menu(shown: MainWindow, qtbot: QtBot, demo_plan: Path) -> None:
    leading = objective_titled(shown, LEADING)
    before = read_one(demo_plan, COUNT_SQL)
    menu = right_click_card(qtbot, shown, leading)
    assert shown.document is not None and shown.document.selected == ("objectives", leading)
    choose(menu, "objective.duplicate")
    assert read_one(demo_plan, COUNT_SQL) == before + 1  # type: ignore[operator]
    copy_id = shown.document.selected[1]
    assert snapshot_of(shown).objectives[copy_id].title == f"{LEADING} (copy)"
    undo(shown)
    assert read_one(demo_plan, COUNT_SQL) == before


def test_delete_from_a_cards_menu_says_what_happens_first(
    shown: MainWindow, qtbot: QtBot, demo_plan: Path,
) -> None:
    leading = objective_titled(shown, LEADING)
    snapshot = snapshot_of(shown)
    below = [o.id for kr in snapshot.key_results_of(leading)
             for o in snapshot.objectives_under(kr.id)]
    assert below  # the company objective has objectives aligned to it
    choose(right_click_card(qtbot, shown, leading), "objective.delete")
    said = answer_delete(qtbot)
    assert LEADING in said and "key result" in said and "stay, aligned to nothing" in said
    assert leading not in snapshot_of(shown).objectives
    assert all(snapshot_of(shown).objectives[o].parent_kr_id is None for o in below)
    undo(shown)
    assert read_one(demo_plan, "SELECT title FROM objectives WHERE id = :i", i=leading) == LEADING
    assert snapshot_of(shown).objectives[below[0]].parent_kr_id is not None


def test_align_up_through_the_picker(shown: MainWindow, qtbot: QtBot, demo_plan: Path) -> None:
    child = aligned_child(shown)
    snapshot = snapshot_of(shown)
    old_parent = parent_of(snapshot, child)
    assert old_parent is not None
    choose(right_click_card(qtbot, shown, child), "objective.unlink")
    assert snapshot_of(shown).objectives[child].parent_kr_id is None
    choose(right_click_card(qtbot, shown, child), "objective.align_up")
    title = snapshot.objectives[old_parent].title
    picker = pick(qtbot, title)
    assert not picker.isVisible()
    assert parent_of(snapshot_of(shown), child) == old_parent
    assert read_one(demo_plan, "SELECT parent_kr_id FROM objectives WHERE id = :i",
                    i=child) is not None
    undo(shown)
    assert snapshot_of(shown).objectives[child].parent_kr_id is None
    undo(shown)
    assert parent_of(snapshot_of(shown), child) == old_parent


def test_contributes_to_through_the_picker(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    snapshot = snapshot_of(shown)
    source = next(o for o in snapshot.objectives.values()
                  if o.id in shown.canvas.canvas_scene.cards
                  and o.id != leading and parent_of(snapshot, o.id) != leading
                  and leading not in [c.target_id for c in snapshot.contributions.values()
                                      if c.source_id == o.id])
    links = len(snapshot.contributions)
    choose(right_click_card(qtbot, shown, source.id), "objective.contribute")
    pick(qtbot, "leading electric car")
    assert len(snapshot_of(shown).contributions) == links + 1
    assert any(c.source_id == source.id and c.target_id == leading
               for c in snapshot_of(shown).contributions.values())
    undo(shown)
    assert len(snapshot_of(shown).contributions) == links


def test_remove_this_alignment_from_an_edge(shown: MainWindow, qtbot: QtBot) -> None:
    child = aligned_child(shown)
    old_parent = parent_of(snapshot_of(shown), child)
    point = free_point_on(shown, edge_points(shown, TargetKind.ALIGNMENT, child),
                          TargetKind.ALIGNMENT)
    menu = right_click_scene(qtbot, shown, point)
    assert shown.document is not None and shown.document.selected == ("objectives", child)
    assert {"objective.unlink", "objective.open_parent"} <= {a.objectName() for a in menu.actions()}
    choose(menu, "objective.unlink")
    assert snapshot_of(shown).objectives[child].parent_kr_id is None
    undo(shown)
    assert parent_of(snapshot_of(shown), child) == old_parent


def test_open_the_parent_from_an_edge(shown: MainWindow, qtbot: QtBot) -> None:
    child = aligned_child(shown)
    point = free_point_on(shown, edge_points(shown, TargetKind.ALIGNMENT, child),
                          TargetKind.ALIGNMENT)
    choose(right_click_scene(qtbot, shown, point), "objective.open_parent")
    assert shown.document is not None
    assert shown.document.selected == ("objectives", parent_of(snapshot_of(shown), child))


def test_remove_this_link_from_an_edge(shown: MainWindow, qtbot: QtBot, demo_plan: Path) -> None:
    assert shown.canvas is not None
    link_id = next(iter(shown.canvas.canvas_scene.link_edges))
    point = free_point_on(shown, edge_points(shown, TargetKind.LINK, link_id), TargetKind.LINK)
    menu = right_click_scene(qtbot, shown, point)
    assert shown.document is not None and shown.document.selected == ("contributions", link_id)
    choose(menu, "link.remove")
    assert link_id not in snapshot_of(shown).contributions
    assert read_one(demo_plan, "SELECT COUNT(*) FROM contributions WHERE id = :i", i=link_id) == 0
    undo(shown)
    assert link_id in snapshot_of(shown).contributions


def test_key_result_row_menu_moves_and_deletes(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    order = list(snapshot_of(shown).krs_of[leading])
    menu = right_click_card(qtbot, shown, leading, row=1)
    assert shown.document is not None and shown.document.selected == ("key_results", order[1])
    choose(menu, "kr.move_up")
    assert snapshot_of(shown).krs_of[leading][:2] == [order[1], order[0]]
    undo(shown)
    assert list(snapshot_of(shown).krs_of[leading]) == order
    own = next(i for i, kr_id in enumerate(order)
               if snapshot_of(shown).key_results[kr_id].kind != KrKind.OBJECTIVE
               and not snapshot_of(shown).objectives_under(kr_id))
    choose(right_click_card(qtbot, shown, leading, row=own), "kr.delete")
    assert order[own] not in snapshot_of(shown).key_results  # nothing under it: no question
    undo(shown)
    assert order[own] in snapshot_of(shown).key_results


def test_delegate_a_key_result_through_the_picker(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    snapshot = snapshot_of(shown)
    row = next(i for i, kr_id in enumerate(snapshot.krs_of[leading])
               if snapshot.key_results[kr_id].kind != KrKind.OBJECTIVE)
    kr_id = snapshot.krs_of[leading][row]
    before = len(snapshot.objectives_under(kr_id))
    choose(right_click_card(qtbot, shown, leading, row=row), "kr.delegate")
    picker = modal(qtbot, Picker)
    assert isinstance(picker, Picker)
    person = picker.shown()[0]  # a direct report of the owner comes first
    assert picker.refusal(person) is None
    assert snapshot.units[str(person.payload)].manager_id == snapshot.objectives[leading].owner_id
    pick(qtbot, person.text)
    delegated = snapshot_of(shown).objectives_under(kr_id)
    assert len(delegated) == before + 1
    assert any(o.owner_id == person.payload and o.origin == "delegated" for o in delegated)
    undo(shown)
    assert len(snapshot_of(shown).objectives_under(kr_id)) == before


def test_move_to_cycle_refused_then_done(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    snapshot = snapshot_of(shown)
    year = snapshot.cycles[snapshot.objectives[leading].cycle_id]
    quarter = next(c for c in snapshot.cycles.values() if c.parent_id == year.id)
    choose(right_click_card(qtbot, shown, leading), "objective.move_cycle")
    picker = pick(qtbot, quarter.name)  # the year objectives aligned to it would break
    assert picker.isVisible() and "cannot align" in picker.message.text()
    assert snapshot_of(shown).objectives[leading].cycle_id == year.id
    QTest.keyClick(picker.filter, Qt.Key.Key_Escape)
    assert not picker.isVisible()
    loose = next(o.id for o in snapshot.objectives.values()
                 if o.cycle_id == year.id and o.parent_kr_id is None
                 and not children_of(snapshot, o.id) and o.id in card_ids(shown))
    choose(right_click_card(qtbot, shown, loose), "objective.move_cycle")
    pick(qtbot, quarter.name)
    assert snapshot_of(shown).objectives[loose].cycle_id == quarter.id
    undo(shown)
    assert snapshot_of(shown).objectives[loose].cycle_id == year.id


def test_change_owner_through_the_picker(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    snapshot = snapshot_of(shown)
    owner = snapshot.units[snapshot.objectives[leading].owner_id]
    peer = next(u for u in snapshot.units.values()
                if u.level_id == owner.level_id and u.id != owner.id)
    choose(right_click_card(qtbot, shown, leading), "objective.change_owner")
    pick(qtbot, peer.name)
    assert snapshot_of(shown).objectives[leading].owner_id == peer.id
    undo(shown)
    assert snapshot_of(shown).objectives[leading].owner_id == owner.id


def test_line_of_sight_lists_the_chain_and_lights_it(shown: MainWindow, qtbot: QtBot) -> None:
    child = aligned_child(shown)
    choose(right_click_card(qtbot, shown, child), "objective.line_of_sight")
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, LineOfSightDialog) and w.isVisible())
    line = line_of_sight(snapshot_of(shown), child)
    assert dialog.ids == list(reversed(line))
    assert dialog.list.count() == len(line)
    assert shown.canvas is not None
    cards = shown.canvas.canvas_scene.cards
    outside = next(c for i, c in cards.items() if i not in line)
    assert cards[child].opacity() == 1.0 and outside.opacity() < 1.0
    dialog.close()
    assert outside.opacity() == 1.0


def test_open_in_inspector_from_a_row(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    kr_id = snapshot_of(shown).krs_of[leading][0]
    choose(right_click_card(qtbot, shown, leading, row=0), "kr.edit")
    assert shown.inspector.currentWidget().widget() is shown.inspector.key_result_form
    assert shown.inspector.key_result_form.kr_id == kr_id
    assert shown.inspector.key_result_form.title.hasFocus()


def test_lane_menu_selects_the_level(shown: MainWindow, qtbot: QtBot) -> None:
    assert shown.canvas is not None and shown.document is not None
    scene = shown.canvas.canvas_scene
    lane = scene.lanes.lanes[-1]
    point = next(QPointF(x, lane.top + 30) for x in range(400, 4000, 40)
                 if target_at(scene, QPointF(x, lane.top + 30), 1.0).kind is TargetKind.LANE)
    menu = right_click_scene(qtbot, shown, point)
    assert shown.document.selected == ("levels", lane.level_id)
    assert shown.canvas.context_target.kind is TargetKind.LANE
    keys = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert {"view.arrange", "view.fit"} <= set(keys)
    choose(menu, "view.fit")


def test_new_objective_here_opens_the_editor_where_the_lane_was_clicked(
        shown: MainWindow, qtbot: QtBot) -> None:
    assert shown.canvas is not None
    scene = shown.canvas.canvas_scene
    lane = scene.lanes.lanes[-1]
    point = next(QPointF(x, lane.top + 40) for x in range(1200, 6000, 40)
                 if target_at(scene, QPointF(x, lane.top + 40), 1.0).kind is TargetKind.LANE)
    choose(right_click_scene(qtbot, shown, point), "objective.new_here")
    draft = shown.canvas.authoring.session
    assert isinstance(draft, ObjectiveDraft) and draft.lane.level_id == lane.level_id
    x, y = draft.spot
    assert abs(x - point.x()) < 60 and abs(lane.top + y - point.y()) < 60
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_the_objective_lists_menu(shown: MainWindow, qtbot: QtBot, demo_plan: Path) -> None:
    leading = objective_titled(shown, LEADING)
    tree = shown.objective_list.list
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(0) == LEADING)
    assert item is not None
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    before = read_one(demo_plan, COUNT_SQL)
    menu = right_click(qtbot, tree.viewport(), pos)
    assert shown.document is not None and shown.document.selected == ("objectives", leading)
    choose(menu, "objective.duplicate")
    assert read_one(demo_plan, COUNT_SQL) == before + 1  # type: ignore[operator]
    undo(shown)
    assert read_one(demo_plan, COUNT_SQL) == before


def test_a_card_menu_holds_only_what_applies(shown: MainWindow, qtbot: QtBot) -> None:
    leading = objective_titled(shown, LEADING)
    keys = {a.objectName() for a in right_click_card(qtbot, shown, leading).actions()}
    assert {"objective.duplicate", "objective.delete", "objective.align_up",
            "objective.contribute", "selection.inspect", "objective.line_of_sight"} <= keys
    assert "objective.unlink" not in keys  # the company objective is aligned to nothing
    assert not keys & {"kr.delete", "link.remove"}


def card_ids(window: MainWindow) -> set[str]:
    assert window.canvas is not None
    return set(window.canvas.canvas_scene.cards)
