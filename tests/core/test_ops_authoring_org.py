"""Writing a whole plan, the organisation: people and teams edited one thing at a time, their
e-mail addresses, removing them with a hand-over, and functions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import OperationRefused
from okrdesk.rulebook.alignment import parent_of
from okrdesk.storage import ChangeSet
from tests.core.builders import assert_refused, assert_undo_redo, small_org, table_dump


def test_each_edit_of_a_person_does_undoes_and_redoes(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        kim = org.people["Kim Park"]
        edits: list[tuple[Callable[..., ChangeSet], str | None, str, str | None]] = [
            (ops.rename_unit, "Kim Park-Lee", "name", "Kim Park-Lee"),
            (ops.set_unit_level, org.levels["Managers"], "level_id", org.levels["Managers"]),
            (ops.set_unit_function, org.functions["Service"], "function_id",
             org.functions["Service"]),
            (ops.set_unit_function, None, "function_id", None),
            (ops.set_manager, org.people["Dana Ross"], "manager_id", org.people["Dana Ross"]),
            (ops.set_unit_email, " kim.park@acme.example ", "email", "kim.park@acme.example"),
            (ops.set_unit_email, "", "email", ""),
        ]
        for operation, value, column, stored in edits:
            before = table_dump(org.plan)
            changes = operation(org.plan, kim, value)
            assert org.row("units", kim)[column] == stored
            assert changes.ids("units") == {kim}
            assert_undo_redo(org.plan, changes, before)
        assert ops.set_manager(org.plan, kim, None).label == "Change manager"


def test_person_edits_refuse_with_reasons(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        sam, kim, ivy = (org.people[n] for n in ("Sam Lee", "Kim Park", "Ivy Tran"))
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.align_up(org.objective("Kim Park", "Open Nordics"), grow)
        assert_refused(org.plan, "name cannot be empty", ops.rename_unit, kim, "  ")
        assert_refused(org.plan, r"Kim Park \(Vice Presidents\) is not below Sam Lee",
                       ops.set_unit_level, kim, org.levels["Vice Presidents"])
        assert_refused(org.plan, "no level", ops.set_unit_level, kim, "nope")
        assert_refused(org.plan, "no function", ops.set_unit_function, kim, "nope")
        assert_refused(org.plan, "cannot report to themselves", ops.set_manager, sam, ivy)
        assert_refused(org.plan, "no manager", ops.set_manager, sam, "nope")
        assert_refused(org.plan, "no person or team", ops.rename_unit, "nope", "X")


@pytest.mark.parametrize(("address", "reason"), [
    ("kim park@acme.example", "contains a space"),
    ("kim.park.acme.example", "exactly one @"),
    ("kim@park@acme.example", "exactly one @"),
    ("@acme.example", "text before and after"),
    ("kim@", "text before and after"),
    ("kim@localhost", "needs a dot"),
    ("kim@acme..example", "needs a dot"),
    ("k" * 250 + "@acme.example", "254"),
    (42, "must be text"),
])
def test_an_address_that_cannot_be_one_is_refused(tmp_path: Path, address: object,
                                                  reason: str) -> None:
    with small_org(tmp_path / "p.okr") as org:
        assert_refused(org.plan, reason, ops.set_unit_email, org.people["Kim Park"], address)
        assert_refused(org.plan, reason, ops.add_unit, "New", org.levels["Managers"],
                       email=address)


def test_an_address_belongs_to_one_person_whatever_its_case(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        kim, noor = org.people["Kim Park"], org.people["Noor Haddad"]
        ops.set_unit_email(org.plan, kim, "Kim.Park@Acme.example")
        assert_refused(org.plan, "Kim Park already has the e-mail address Kim.Park@Acme",
                       ops.set_unit_email, noor, "kim.park@acme.EXAMPLE")
        assert_refused(org.plan, "Kim Park already has", ops.add_unit, "Kim P.",
                       org.levels["Managers"], email="kim.park@acme.example")
        ops.set_unit_email(org.plan, kim, "kim.park@acme.example")  # her own, in another case
        ops.set_unit_email(org.plan, noor, "")  # "not known" may repeat
        ops.edit_unit(org.plan, kim, role="Director Nordics")  # keeps her address
        added = ops.add_unit(org.plan, "Eve", org.levels["Managers"], email="eve@acme.example")
        assert org.row("units", added.new_id("units"))["email"] == "eve@acme.example"
        assert org.row("units", org.people["Ivy Tran"])["email"] == ""


def test_removing_a_person_with_objectives_is_refused_then_handed_over(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        lead = org.objective("Sam Lee", "Lead the Nordics", cycle="2027-Q1")
        org.align_up(grow, win)
        nordics = org.objective("Kim Park", "Open Nordics")
        org.align_up(nordics, grow)
        sam, dana, kim = org.people["Sam Lee"], org.people["Dana Ross"], org.people["Kim Park"]
        refusal = assert_refused(org.plan, "Sam Lee cannot be removed", ops.remove_unit, sam)
        assert "owns 2 objectives (“Grow EU sales”, “Lead the Nordics”)" in str(refusal)
        assert "1 person reports to them (Kim Park)" in str(refusal)
        assert_refused(org.plan, "themselves", ops.remove_unit, sam, hand_to=sam)
        assert_refused(org.plan, "no person or team to hand over to", ops.remove_unit, sam,
                       hand_to="nope")
        assert_refused(org.plan, "'manager' or 'hand_to'", ops.remove_unit, sam, hand_to=dana,
                       reports_to="boss")

        before = table_dump(org.plan)
        changes = ops.remove_unit(org.plan, sam, hand_to=dana)
        snapshot = org.snapshot()
        assert sam not in snapshot.units
        assert {snapshot.objectives[o].owner_id for o in (grow, lead)} == {dana}
        assert snapshot.units[kim].manager_id == org.people["Alex Chen"]  # Sam's manager
        assert parent_of(snapshot, grow) == win
        assert parent_of(snapshot, nordics) == grow
        assert_undo_redo(org.plan, changes, before)


def test_a_hand_over_that_breaks_levels_is_refused_with_every_reason(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.align_up(grow, win)
        org.align_up(org.objective("Kim Park", "Open Nordics"), grow)
        org.align_up(org.objective("Lee Moss", "Staff the desk"), grow)
        sam = org.people["Sam Lee"]
        refusal = assert_refused(
            org.plan, "Sam Lee's objectives cannot go to Lee Moss, as 2 alignments would break",
            ops.remove_unit, sam, hand_to=org.people["Lee Moss"])
        assert "“Open Nordics” cannot align to “Grow EU sales”: Kim Park (Directors) is not " \
               "below Lee Moss (Managers)." in str(refusal)
        assert "“Staff the desk” cannot align to “Grow EU sales”: Lee Moss (Managers) is not " \
               "below Lee Moss (Managers)." in str(refusal)


def test_reports_can_go_to_the_successor_who_may_be_one_of_them(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        alex, sam, kim, lee = (org.people[n]
                               for n in ("Alex Chen", "Sam Lee", "Kim Park", "Lee Moss"))
        extra = org.person("Ana Ortiz", "Directors", function="Sales", manager="Sam Lee")
        before = table_dump(org.plan)
        changes = ops.remove_unit(org.plan, sam, hand_to=kim, reports_to="hand_to")
        units = org.snapshot().units
        assert (units[kim].manager_id, units[extra].manager_id) == (alex, kim)
        assert_undo_redo(org.plan, changes, before)
        plan_path = org.plan.path
    with small_org(plan_path.with_name("q.okr")) as org:
        sam, lee = org.people["Sam Lee"], org.people["Lee Moss"]
        assert_refused(org.plan, "Kim Park cannot report to Lee Moss instead of Sam Lee: Lee "
                       "Moss reports to Kim Park", ops.remove_unit, sam, hand_to=lee,
                       reports_to="hand_to")


def test_someone_owning_nothing_is_removed_outright(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        ivy = org.people["Ivy Tran"]
        before = table_dump(org.plan)
        changes = ops.remove_unit(org.plan, ivy)
        assert ivy not in org.snapshot().units
        assert_undo_redo(org.plan, changes, before)


def test_functions_are_renamed_and_removed(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        sales = org.functions["Sales"]
        before = table_dump(org.plan)
        changes = ops.rename_function(org.plan, sales, "Revenue")
        assert org.row("functions", sales)["name"] == "Revenue"
        assert_undo_redo(org.plan, changes, before)
        assert_refused(org.plan, "already a function named Marketing", ops.rename_function,
                       sales, "Marketing")
        assert_refused(org.plan, "function name cannot be empty", ops.rename_function, sales, "")
        assert_refused(org.plan, "no function", ops.remove_function, "nope")

        before = table_dump(org.plan)
        in_sales = {u.id for u in org.snapshot().units.values() if u.function_id == sales}
        changes = ops.remove_function(org.plan, sales)
        units = org.snapshot().units
        assert len(in_sales) == 4 and all(units[u].function_id is None for u in in_sales)
        assert sales not in org.snapshot().functions
        assert_undo_redo(org.plan, changes, before)


def test_a_refused_edit_inside_a_label_changes_nothing(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        with pytest.raises(OperationRefused):
            ops.set_unit_email(org.plan, org.people["Kim Park"], "no-at-sign")
        assert org.row("units", org.people["Kim Park"])["email"] == ""
