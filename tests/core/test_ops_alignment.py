"""Align up, delegate down, unlink and contributes-to links, with their refusals."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from tests.core.builders import Org, assert_refused, assert_undo_redo, small_org, table_dump


def org_with(tmp_path: Path) -> tuple[Org, str, str]:
    org = small_org(tmp_path / "plan.okr")
    win = org.objective("Alex Chen", "Win Europe")
    grow = org.objective("Sam Lee", "Grow EU sales")
    return org, win, grow


def test_align_up_makes_the_child_a_key_result_of_the_parent(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        existing = org.key_result(win, "Revenue in EU", target_value=10.0)
        before = table_dump(org.plan)
        changes = ops.align_up(org.plan, grow, win)
        kr = org.row("key_results", changes.new_id("key_results"))
        assert (kr["objective_id"], kr["title"], kr["kind"], kr["origin"]) == (
            win, "Grow EU sales", "objective", "own")
        assert kr["position"] == org.row("key_results", existing)["position"] + 1
        assert org.row("objectives", grow)["parent_kr_id"] == kr["id"]
        assert changes.label == "Align up"
        assert_undo_redo(org.plan, changes, before)


def test_align_up_under_an_existing_key_result_keeps_its_metric(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        revenue = org.key_result(win, "Revenue in EU", target_value=10.0)
        before = table_dump(org.plan)
        changes = ops.align_up(org.plan, grow, win, under_kr_id=revenue)
        assert org.row("objectives", grow)["parent_kr_id"] == revenue
        assert org.row("key_results", revenue)["kind"] == "increase"
        assert changes.ids("key_results") == set()
        assert_undo_redo(org.plan, changes, before)


def test_realigning_removes_the_key_result_that_stood_for_the_child(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        other = org.objective("Alex Chen", "Delight customers")
        first = org.align_up(grow, win)
        before = table_dump(org.plan)
        changes = ops.align_up(org.plan, grow, other)
        second = org.row("objectives", grow)["parent_kr_id"]
        assert org.row("key_results", second)["objective_id"] == other
        assert first not in {row[0] for row in table_dump(org.plan)["key_results"]}
        assert second != first
        assert_undo_redo(org.plan, changes, before)


def test_aligning_again_to_the_same_parent_changes_nothing(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        kr = org.align_up(grow, win)
        assert not ops.align_up(org.plan, grow, win)
        assert not ops.align_up(org.plan, grow, win, under_kr_id=kr)


def test_skipping_levels_is_allowed(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        pilot = org.objective("Ivy Tran", "Pilot mobile servicing", cycle="2027-Q2")
        kr = org.align_up(pilot, win)
        assert org.row("key_results", kr)["objective_id"] == win


def test_same_level_is_refused_with_names_and_levels(tmp_path: Path) -> None:
    org, _, grow = org_with(tmp_path)
    with org:
        europe = org.objective("Dana Ross", "Win Europe")
        error = assert_refused(org.plan, "not below", ops.align_up, europe, grow)
        assert str(error) == ("“Win Europe” cannot align to “Grow EU sales”: Dana Ross "
                              "(Vice Presidents) is not below Sam Lee (Vice Presidents).")


def test_upward_alignment_is_refused(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        assert_refused(org.plan, r"Alex Chen \(C-suite\) is not below Sam Lee",
                       ops.align_up, win, grow)


def test_a_loop_is_refused(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        org.align_up(grow, win)
        assert_refused(org.plan, "“Grow EU sales” already sits under “Win Europe”, so the "
                       "alignment would go round in a loop", ops.align_up, win, grow)


def test_aligning_to_itself_is_refused(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        assert_refused(org.plan, "cannot align to itself", ops.align_up, win, win)


def test_a_quarter_aligns_to_its_year_but_not_across_cycles(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        madrid = org.objective("Sam Lee", "Open Madrid office", cycle="2027-Q1")
        org.align_up(madrid, win)
        q1_goal = org.objective("Alex Chen", "Win the first quarter", cycle="2027-Q1")
        paris = org.objective("Sam Lee", "Open Paris office", cycle="2027-Q3")
        assert_refused(org.plan, "2027-Q3 is not 2027-Q1 nor one of its quarters",
                       ops.align_up, paris, q1_goal)
        yearly = org.objective("Kim Park", "Yearly goal")
        assert_refused(org.plan, "2027 is not 2027-Q1", ops.align_up, yearly, q1_goal)
        org.cycles["2028"] = ops.add_cycle(org.plan, "2028", "year").new_id("cycles")
        asia = org.objective("Alex Chen", "Win Asia", cycle="2028")
        assert_refused(org.plan, "2027-Q3 is not 2028 nor one of its quarters",
                       ops.align_up, paris, asia)


def test_the_backlog_aligns_only_within_the_backlog(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        idea = org.objective("Sam Lee", "Someday: Asia", cycle="Backlog")
        assert_refused(org.plan, "the backlog aligns only within the backlog",
                       ops.align_up, idea, win)
        big_idea = org.objective("Alex Chen", "Someday: world", cycle="Backlog")
        org.align_up(idea, big_idea)


def test_a_key_result_of_another_objective_is_refused(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        other = org.objective("Alex Chen", "Delight customers")
        nps = org.key_result(other, "NPS 50")
        assert_refused(org.plan, "“NPS 50” is not one of its key results",
                       ops.align_up, grow, win, under_kr_id=nps)


def test_a_key_result_standing_for_another_objective_is_refused(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        brand = org.objective("Dana Ross", "Known brand")
        stand_in = org.align_up(brand, win)
        assert_refused(org.plan, "stands for another objective",
                       ops.align_up, grow, win, under_kr_id=stand_in)


def test_missing_objectives_and_key_results_are_refused(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        assert_refused(org.plan, "There is no objective with id nope", ops.align_up, "nope", win)
        assert_refused(org.plan, "There is no objective with id nope", ops.align_up, grow, "nope")
        assert_refused(org.plan, "There is no key result with id nope",
                       ops.align_up, grow, win, under_kr_id="nope")


def test_delegate_down_makes_a_delegated_objective_with_the_metric(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        revenue = org.key_result(win, "EU revenue 10 M€", unit="M€", start_value=4.0,
                                 target_value=10.0, current_value=5.0)
        before = table_dump(org.plan)
        changes = ops.delegate_down(org.plan, revenue, org.people["Sam Lee"])
        delegated = org.row("objectives", changes.new_id("objectives"))
        assert (delegated["title"], delegated["origin"], delegated["parent_kr_id"],
                delegated["cycle_id"], delegated["owner_id"]) == (
            "EU revenue 10 M€", "delegated", revenue, org.cycles["2027"], org.people["Sam Lee"])
        copy = org.row("key_results", changes.new_id("key_results"))
        assert (copy["objective_id"], copy["kind"], copy["unit"], copy["start_value"],
                copy["target_value"], copy["current_value"], copy["origin"]) == (
            delegated["id"], "increase", "M€", 4.0, 10.0, 5.0, "delegated")
        assert_undo_redo(org.plan, changes, before)


def test_delegate_down_with_title_and_quarter_and_no_metric(tmp_path: Path) -> None:
    org, win, _ = org_with(tmp_path)
    with org:
        culture = org.key_result(win, "Build an EU culture", kind="no_metric")
        new = org.delegate(culture, "Ivy Tran", title="Run EU meetups", cycle_id=org.cycles[
            "2027-Q2"])
        row = org.row("objectives", new)
        assert (row["title"], row["cycle_id"]) == ("Run EU meetups", org.cycles["2027-Q2"])
        assert org.snapshot().krs_of.get(new, []) == []


def test_delegate_down_refusals(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        revenue = org.key_result(win, "Revenue")
        assert_refused(org.plan, r"“Revenue” cannot be delegated to Alex Chen: Alex Chen "
                       r"\(C-suite\) is not below Alex Chen", ops.delegate_down, revenue,
                       org.people["Alex Chen"])
        stand_in = org.align_up(grow, win)
        assert_refused(org.plan, "stands for an objective aligned from below",
                       ops.delegate_down, stand_in, org.people["Kim Park"])
        assert_refused(org.plan, "backlog", ops.delegate_down, revenue, org.people["Kim Park"],
                       cycle_id=org.cycles["Backlog"])
        assert_refused(org.plan, "no key result", ops.delegate_down, "nope",
                       org.people["Kim Park"])
        assert_refused(org.plan, "no person or team", ops.delegate_down, revenue, "nope")
        assert_refused(org.plan, "no cycle", ops.delegate_down, revenue,
                       org.people["Kim Park"], cycle_id="nope")
        assert_refused(org.plan, "title cannot be empty", ops.delegate_down, revenue,
                       org.people["Kim Park"], title="  ")


def test_unlink_removes_the_stand_in_key_result(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        kr = org.align_up(grow, win)
        before = table_dump(org.plan)
        changes = ops.unlink(org.plan, grow)
        assert org.row("objectives", grow)["parent_kr_id"] is None
        assert kr in changes.ids("key_results")
        assert org.snapshot().krs_of.get(win, []) == []
        assert_undo_redo(org.plan, changes, before)


def test_unlink_from_a_metric_key_result_keeps_it(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        revenue = org.key_result(win, "Revenue")
        org.align_up(grow, win, under_kr_id=revenue)
        ops.unlink(org.plan, grow)
        assert org.row("key_results", revenue)["kind"] == "increase"
        assert_refused(org.plan, "“Grow EU sales” is not aligned to anything", ops.unlink, grow)


def test_contributions_are_added_and_removed(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        therapy = org.objective("Noor Haddad", "Healthy team")
        before = table_dump(org.plan)
        changes = ops.add_contribution(org.plan, therapy, win, "keeps people fit")
        link = org.row("contributions", changes.new_id("contributions"))
        assert (link["source_id"], link["target_id"], link["note"]) == (
            therapy, win, "keeps people fit")
        assert_undo_redo(org.plan, changes, before)
        # Any direction of levels is allowed for a contribution.
        ops.add_contribution(org.plan, win, grow)
        removed = ops.remove_contribution(org.plan, link["id"])
        assert removed.ids("contributions") == {link["id"]}
        assert_refused(org.plan, "no contribution", ops.remove_contribution, link["id"])


def test_contribution_refusals(tmp_path: Path) -> None:
    org, win, grow = org_with(tmp_path)
    with org:
        brand = org.objective("Dana Ross", "Known brand")
        team = org.objective("Kim Park", "EU team")
        ops.add_contribution(org.plan, brand, grow)
        assert_refused(org.plan, "“Known brand” already contributes to “Grow EU sales”",
                       ops.add_contribution, brand, grow)
        assert_refused(org.plan, "cannot contribute to itself", ops.add_contribution, win, win)
        ops.add_contribution(org.plan, grow, team)
        assert_refused(org.plan, "“Known brand” already contributes to “EU team” .directly "
                       "or through others., so the links would go round",
                       ops.add_contribution, team, brand)
        org.align_up(grow, win)
        assert_refused(org.plan, "already aligned", ops.add_contribution, grow, win)
        assert_refused(org.plan, "already aligned", ops.add_contribution, win, grow)
        assert_refused(org.plan, "no objective", ops.add_contribution, win, "nope")
