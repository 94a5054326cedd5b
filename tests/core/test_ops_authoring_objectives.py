"""Writing a whole plan, objectives: another owner, another cycle, duplicates, and what
deleting one does to those aligned under it."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.rulebook.alignment import parent_of
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_an_objective_changes_owner_within_the_level_rules(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        nordics = org.objective("Kim Park", "Open Nordics")
        org.align_up(nordics, grow)
        before = table_dump(org.plan)
        changes = ops.move_objective(org.plan, grow, owner_id=org.people["Dana Ross"])
        assert org.row("objectives", grow)["owner_id"] == org.people["Dana Ross"]
        assert parent_of(org.snapshot(), nordics) == grow
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, r"“Open Nordics” cannot align to “Grow EU sales”: Kim Park "
                       r"\(Directors\) is not below Noor Haddad \(Directors\)",
                       ops.move_objective, grow, owner_id=org.people["Noor Haddad"])
        assert_refused(org.plan, "no person or team", ops.move_objective, grow, owner_id="x")


def test_an_objective_moves_to_another_cycle_within_the_cycle_rules(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        nordics = org.objective("Kim Park", "Open Nordics")
        org.align_up(nordics, grow)
        before = table_dump(org.plan)
        changes = ops.move_objective(org.plan, nordics, cycle_id=org.cycles["2027-Q3"])
        assert org.row("objectives", nordics)["cycle_id"] == org.cycles["2027-Q3"]
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "the backlog aligns only within the backlog",
                       ops.move_objective, nordics, cycle_id=org.cycles["Backlog"])
        assert_refused(org.plan, "no cycle", ops.move_objective, nordics, cycle_id="nope")


def test_a_duplicate_has_the_key_results_but_not_the_alignment(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales", description="Why: margin",
                             commitment="aspirational", status="at_risk")
        org.align_up(grow, win)
        partners = org.key_result(grow, "Sign partners", start_value=10, target_value=40,
                                  current_value=12, confidence=0.7, weight=2.0)
        ops.record_check_in(org.plan, partners, value=25, note="good month")
        org.align_up(org.objective("Kim Park", "Open Nordics"), grow)  # a stand-in key result
        before = table_dump(org.plan)
        changes = ops.duplicate_objective(org.plan, grow)
        copy_id = changes.new_id("objectives")
        snapshot = org.snapshot()
        copy = snapshot.objectives[copy_id]
        assert (copy.title, copy.description, copy.owner_id, copy.cycle_id) == (
            "Grow EU sales (copy)", "Why: margin", org.people["Sam Lee"], org.cycles["2027"])
        assert (copy.commitment, copy.status, copy.parent_kr_id, copy.copied_from_id) == (
            "aspirational", None, None, grow)
        [kr] = snapshot.key_results_of(copy_id)
        assert (kr.title, kr.start_value, kr.target_value, kr.current_value, kr.confidence,
                kr.weight) == ("Sign partners", 10.0, 40.0, 10.0, None, 2.0)
        assert not changes.ids("check_ins")
        assert copy.position == snapshot.objectives[grow].position + 1
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "no objective", ops.duplicate_objective, "nope")


def test_deleting_an_objective_leaves_those_under_it_unaligned(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        nordics = org.objective("Kim Park", "Open Nordics")
        org.align_up(nordics, grow)
        brand = org.delegate(org.key_result(grow, "Sign partners"), "Noor Haddad")
        before = table_dump(org.plan)
        changes = ops.delete_objective(org.plan, grow)
        snapshot = org.snapshot()
        assert grow not in snapshot.objectives
        assert snapshot.objectives[nordics].parent_kr_id is None
        assert snapshot.objectives[brand].parent_kr_id is None
        assert snapshot.objectives[brand].origin == "delegated"  # where it came from stays
        assert_undo_redo(org.plan, changes, before)
