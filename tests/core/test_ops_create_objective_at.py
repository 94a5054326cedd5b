"""An objective created where its card sits on the canvas: one transaction, one exact undo."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.storage import ChangeSet
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_the_objective_and_its_card_place_are_one_change(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        org.objective("Sam Lee", "Grow EU sales")
        before = table_dump(org.plan)
        heard: list[ChangeSet] = []
        org.plan.subscribe(heard.append)
        changes = ops.create_objective_at(org.plan, org.people["Sam Lee"], org.cycles["2027"],
                                          "  Open the Nordics  ", 412.5, 70)
        objective_id = changes.new_id("objectives")
        row = org.row("objectives", objective_id)
        assert (row["title"], row["owner_id"], row["cycle_id"], row["position"]) == (
            "Open the Nordics", org.people["Sam Lee"], org.cycles["2027"], 1)
        place = org.row("canvas_positions", objective_id)
        assert (place["x"], place["y"]) == (412.5, 70.0)
        assert heard == [changes]  # listeners hear one change set
        assert changes.label == "New objective “Open the Nordics”"
        assert {change.table for change in changes} == {"objectives", "canvas_positions"}
        assert_undo_redo(org.plan, changes, before)


def test_hostile_titles_are_kept_as_typed(tmp_path: Path) -> None:
    titles = ['Say "yes" to \'quotes\'', "Ship 🚀 faster 🎉", "زيادة المبيعات في أوروبا",
              "Long " + "x" * 295]
    with small_org(tmp_path / "plan.okr") as org:
        for index, title in enumerate(titles):
            changes = ops.create_objective_at(org.plan, org.people["Kim Park"],
                                              org.cycles["2027-Q2"], title, 200.0 * index, 0)
            assert org.row("objectives", changes.new_id("objectives"))["title"] == title


def test_refusals_change_nothing(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        owner, cycle = org.people["Sam Lee"], org.cycles["2027"]
        create = ops.create_objective_at
        assert_refused(org.plan, "title", create, owner, cycle, "   ", 10, 10)
        assert_refused(org.plan, "title", create, owner, cycle, "x" * 501, 10, 10)
        assert_refused(org.plan, "no person or team", create, "nobody", cycle, "A", 10, 10)
        assert_refused(org.plan, "no cycle", create, owner, "never", "A", 10, 10)
        assert_refused(org.plan, "x position", create, owner, cycle, "A", float("nan"), 10)
        assert_refused(org.plan, "both an x and a y", create, owner, cycle, "A", 10, None)
