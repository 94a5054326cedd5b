"""The three-way merge of a draft into its plan: clean changes, conflicts, resolutions,
alignments the merge would break, undo, and hostile drafts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.drafts.merge import DraftRefused, EditedValue
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.errors import OperationRefused
from okrdesk.storage import Plan
from tests.core.builders import small_org
from tests.core.merge_fixtures import Setup, content, plan_with_draft


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Setup]:
    setup = plan_with_draft(tmp_path)
    yield setup
    setup.close()


def kinds(setup: Setup) -> list[tuple[str, str, str | None]]:
    return [(c.kind, c.table, c.field)
            for c in ops.review_merge(setup.plan, setup.draft).conflicts]


def test_clean_changes_from_both_sides_merge(s: Setup) -> None:
    ops.edit_key_result(s.draft, s.ids["kim_kr"], target_value=5)
    new = ops.create_objective(s.draft, s.org.people["Ivy Tran"], s.org.cycles["2027"],
                               "Train the team").new_id("objectives")
    ops.edit_objective(s.plan, s.ids["kim"], description="From the plan")
    review = ops.review_merge(s.plan, s.draft)
    assert review.conflicts == ()
    assert {(row.table, row.kind) for row in review.incoming} == {
        ("key_results", "update"), ("objectives", "insert")}
    changes = ops.merge_draft(s.plan, s.draft, {})
    assert changes.label == "Merge draft of Kim Park"
    assert s.org.row("key_results", s.ids["kim_kr"])["target_value"] == 5
    assert s.org.row("objectives", new)["title"] == "Train the team"
    assert s.org.row("objectives", s.ids["kim"])["description"] == "From the plan"


def test_the_same_new_value_on_both_sides_is_no_conflict(s: Setup) -> None:
    for plan in (s.draft, s.plan):
        ops.edit_objective(plan, s.ids["kim"], title="Open Baltic offices")
    review = ops.review_merge(s.plan, s.draft)
    assert review.conflicts == () and review.incoming == ()


def test_a_field_changed_on_both_sides_is_a_conflict_settled_three_ways(s: Setup) -> None:
    ops.edit_objective(s.draft, s.ids["kim"], title="Draft title")
    ops.edit_objective(s.plan, s.ids["kim"], title="Plan title")
    conflicts = ops.review_merge(s.plan, s.draft).conflicts
    # the title, and the title of the key result standing for it in "Grow EU sales"
    assert sorted((c.kind, c.table, c.field, c.base, c.draft, c.plan) for c in conflicts) == [
        ("field", table, "title", "Open Nordic offices", "Draft title", "Plan title")
        for table in ("key_results", "objectives")]
    before = content(s.plan)
    with pytest.raises(OperationRefused, match="2 unsettled conflicts"):
        ops.merge_draft(s.plan, s.draft, {})
    assert content(s.plan) == before

    def settle(choice: object) -> None:
        ops.merge_draft(s.plan, s.draft, {c.key: choice for c in conflicts})

    settle("plan")
    assert s.org.row("objectives", s.ids["kim"])["title"] == "Plan title"
    settle(EditedValue("Both titles"))
    assert s.org.row("objectives", s.ids["kim"])["title"] == "Both titles"
    assert s.org.row("key_results", s.ids["kim_up"])["title"] == "Both titles"
    settle("draft")
    assert s.org.row("objectives", s.ids["kim"])["title"] == "Draft title"


def test_deleted_in_the_draft_and_edited_in_the_plan(s: Setup) -> None:
    ops.delete_key_result(s.draft, s.ids["kim_kr"])
    ops.edit_key_result(s.plan, s.ids["kim_kr"], target_value=4)
    [conflict] = ops.review_merge(s.plan, s.draft).conflicts
    assert (conflict.kind, conflict.table, conflict.row_id) == (
        "deleted_edited", "key_results", s.ids["kim_kr"])
    ops.merge_draft(s.plan, s.draft, {conflict.key: "draft"})
    assert s.org.snapshot().key_results.get(s.ids["kim_kr"]) is None


def test_deleted_in_the_plan_and_edited_in_the_draft(s: Setup) -> None:
    ops.edit_key_result(s.draft, s.ids["lee_kr"], target_value=12)
    ops.delete_objective(s.plan, s.ids["lee"])
    conflicts = ops.review_merge(s.plan, s.draft).conflicts
    assert [(c.kind, c.table) for c in conflicts] == [("deleted_edited", "key_results")]
    ops.merge_draft(s.plan, s.draft, {conflicts[0].key: "plan"})
    assert s.org.snapshot().objectives.get(s.ids["lee"]) is None
    # the draft's side brings the key result back; reviewed with that choice, the merge
    # asks about the objective it needs too
    settled = {conflicts[0].key: "draft"}
    conflicts = ops.review_merge(s.plan, s.draft, settled).conflicts
    assert {(c.kind, c.table) for c in conflicts} == {("deleted_edited", "objectives"),
                                                      ("deleted_edited", "key_results")}
    ops.merge_draft(s.plan, s.draft, {c.key: "draft" for c in conflicts})
    assert s.org.row("key_results", s.ids["lee_kr"])["target_value"] == 12
    assert s.org.row("objectives", s.ids["lee"])["title"] == "Faster service"


def test_a_new_check_in_in_the_plan_on_a_key_result_the_draft_deleted(s: Setup) -> None:
    ops.delete_key_result(s.draft, s.ids["lee_kr"])
    ops.record_check_in(s.plan, s.ids["lee_kr"], value=30)
    [conflict] = ops.review_merge(s.plan, s.draft).conflicts  # its value and a check-in
    assert (conflict.kind, conflict.row_id) == ("deleted_edited", s.ids["lee_kr"])
    ops.merge_draft(s.plan, s.draft, {conflict.key: "plan"})
    assert s.org.row("key_results", s.ids["lee_kr"])["current_value"] == 30
    ops.merge_draft(s.plan, s.draft, {conflict.key: "draft"})  # the check-in goes with it
    assert s.org.snapshot().key_results.get(s.ids["lee_kr"]) is None


def test_an_alignment_whose_parent_the_plan_deleted(s: Setup) -> None:
    new = ops.create_objective(s.draft, s.org.people["Lee Moss"], s.org.cycles["2027"],
                               "Support context").new_id("objectives")
    ops.align_up(s.draft, new, s.ids["context"])
    ops.delete_objective(s.plan, s.ids["context"])
    found = kinds(s)
    assert ("invalid_alignment", "objectives", "parent_kr_id") in found
    settled = {c.key: "plan" for c in ops.review_merge(s.plan, s.draft).conflicts}
    ops.merge_draft(s.plan, s.draft, settled)
    assert s.org.row("objectives", new)["parent_kr_id"] is None


def test_an_alignment_a_level_rule_now_refuses(s: Setup) -> None:
    new = ops.create_objective(s.draft, s.org.people["Lee Moss"], s.org.cycles["2027"],
                               "Support context").new_id("objectives")
    ops.align_up(s.draft, new, s.ids["context"])
    ops.move_objective(s.plan, s.ids["context"], owner_id=s.org.people["Ivy Tran"])
    [conflict] = ops.review_merge(s.plan, s.draft).conflicts
    assert conflict.kind == "invalid_alignment" and "is not below" in conflict.reason
    with pytest.raises(OperationRefused, match="is not below"):
        ops.merge_draft(s.plan, s.draft, {conflict.key: "draft"})
    ops.merge_draft(s.plan, s.draft, {conflict.key: "plan"})
    assert s.org.row("objectives", new)["parent_kr_id"] is None


def test_an_alignment_that_would_close_a_loop(s: Setup) -> None:
    ops.align_up(s.draft, s.ids["lee"], s.ids["context"])
    ops.move_objective(s.plan, s.ids["context"], owner_id=s.org.people["Ivy Tran"])
    ops.align_up(s.plan, s.ids["context"], s.ids["lee"])
    conflicts = ops.review_merge(s.plan, s.draft).conflicts
    assert any(c.kind == "invalid_alignment" and "loop" in c.reason for c in conflicts)
    ops.merge_draft(s.plan, s.draft, {c.key: "plan" for c in conflicts})
    assert s.org.row("objectives", s.ids["lee"])["parent_kr_id"] is None


def test_merging_twice_changes_nothing_and_undo_gives_the_plan_back(s: Setup) -> None:
    ops.edit_objective(s.draft, s.ids["kim"], title="Open Baltic offices")
    ops.record_check_in(s.draft, s.ids["kim_kr"], value=1)
    before = content(s.plan)
    changes = ops.merge_draft(s.plan, s.draft, {})
    merged = content(s.plan)
    assert ops.review_merge(s.plan, s.draft).incoming == ()
    assert not ops.merge_draft(s.plan, s.draft, {})
    assert content(s.plan) == merged
    s.plan.apply(changes.inverse())
    assert content(s.plan) == before


def test_drafts_of_two_parts_merge_one_after_another(tmp_path: Path) -> None:
    setup = plan_with_draft(tmp_path)
    try:
        noor = Plan.open(take_out_draft(setup.plan, setup.org.people["Noor Haddad"], None,
                                        tmp_path / "noor.okr"))
        ops.edit_objective(setup.draft, setup.ids["kim"], title="Kim's")
        ops.edit_objective(noor, setup.ids["noor"], title="Noor's")
        for draft in (setup.draft, noor):
            assert ops.review_merge(setup.plan, draft).conflicts == ()
            ops.merge_draft(setup.plan, draft, {})
        noor.close()
        assert setup.org.row("objectives", setup.ids["kim"])["title"] == "Kim's"
        assert setup.org.row("objectives", setup.ids["noor"])["title"] == "Noor's"
    finally:
        setup.close()


def _refused(plan_path: Path, draft_path: Path, match: str) -> None:
    before = plan_path.read_bytes()
    with Plan.open(plan_path) as plan, Plan.open(draft_path) as draft:
        with pytest.raises(DraftRefused, match=match):
            ops.review_merge(plan, draft)
        with pytest.raises(DraftRefused, match=match):
            ops.merge_draft(plan, draft, {})
    assert plan_path.read_bytes() == before


def test_hostile_drafts_are_refused_and_the_plan_untouched(tmp_path: Path) -> None:
    setup = plan_with_draft(tmp_path)
    plan_path, draft_path = setup.plan.path, setup.draft.path
    other = small_org(tmp_path / "other.okr")
    other.objective("Kim Park", "Elsewhere")
    other_draft = take_out_draft(other.plan, other.people["Kim Park"], None,
                                 tmp_path / "other-draft.okr")
    other.close()
    setup.close()
    _refused(plan_path, tmp_path / "other.okr", "is not a draft")
    _refused(plan_path, other_draft, "draft of another plan")
    for name, sql in (("tampered", "UPDATE levels SET name = 'Bosses' WHERE rank = 0"),
                      ("no-base", "DELETE FROM draft_base"),
                      ("other-base", "UPDATE draft_base SET row_values = replace(row_values, "
                                     "'\"created_at\":\"2', '\"created_at\":\"1')")):
        copy = tmp_path / f"{name}.okr"
        copy.write_bytes(draft_path.read_bytes())
        with sqlite3.connect(copy) as connection:
            connection.execute(sql)
        connection.close()
        _refused(plan_path, copy, {"tampered": "changed outside its part",
                                   "no-base": "holds no base",
                                   "other-base": "not taken from this plan"}[name])


def test_the_drafts_side_of_a_row_outside_its_part_is_refused_not_raised_by_the_review(
        s: Setup) -> None:
    """Found by test_merge_property: the draft aligns up to a context objective the plan
    deleted; choosing the draft's side made the review itself raise."""
    ops.align_up(s.draft, s.ids["lee"], s.ids["context"])
    ops.delete_objective(s.plan, s.ids["context"])
    settled: dict[str, object] = {}
    for _ in range(3):  # the choices lead to the alignment's own conflict
        settled.update((c.key, "draft") for c in ops.review_merge(s.plan, s.draft, settled)
                       .conflicts)
    review = ops.review_merge(s.plan, s.draft, settled)
    assert {c.kind for c in review.conflicts} == {"deleted_edited", "invalid_alignment"}
    assert any("outside the draft's part" in reason for reason in review.refusals)
    before = content(s.plan)
    with pytest.raises(OperationRefused, match="outside the draft's part"):
        ops.merge_draft(s.plan, s.draft, settled)
    assert content(s.plan) == before
    ops.merge_draft(s.plan, s.draft, {key: "plan" for key in settled})
    assert s.org.row("objectives", s.ids["lee"])["parent_kr_id"] is None


def test_an_alignment_changed_on_both_sides_is_asked_about_once(s: Setup) -> None:
    """Found by test_merge_property: an alignment both sides changed, whose draft side a rule
    then refuses, was reported twice (a field conflict and an invalid alignment)."""
    ops.align_up(s.draft, s.ids["kim"], s.ids["context"])
    ops.delete_objective(s.plan, s.ids["grow"])  # unaligns Kim's objective in the plan
    ops.move_objective(s.plan, s.ids["context"], owner_id=s.org.people["Ivy Tran"])
    [conflict] = ops.review_merge(s.plan, s.draft).conflicts
    assert (conflict.kind, conflict.field) == ("field", "parent_kr_id")
    review = ops.review_merge(s.plan, s.draft, {conflict.key: "draft"})
    assert [c.key for c in review.conflicts] == [conflict.key]
    assert any("cannot align as chosen" in reason for reason in review.refusals)
    with pytest.raises(OperationRefused, match="cannot align as chosen"):
        ops.merge_draft(s.plan, s.draft, {conflict.key: "draft"})
    ops.merge_draft(s.plan, s.draft, {conflict.key: "plan"})
    assert s.org.row("objectives", s.ids["kim"])["parent_kr_id"] is None


def test_keeping_the_plans_alignment_keeps_the_key_result_the_draft_realigned_away_from(
        tmp_path: Path) -> None:
    """Kim's objective stands for a key result of Grow EU sales; the draft aligns it under a
    company key result instead (the standing key result goes with the realignment), while the
    plan deletes that company key result. The draft's side is refused; the plan's keeps Kim's
    objective where it was, its key result included."""
    with small_org(tmp_path / "plan.okr") as org:
        win = org.objective("Alex Chen", "Win Europe")
        revenue = org.key_result(win, "Reach revenue", target_value=10)
        grow = org.objective("Sam Lee", "Grow EU sales")
        org.align_up(grow, win)
        kim = org.objective("Kim Park", "Open Nordic offices")
        stands_for = org.align_up(kim, grow)
        draft_path = take_out_draft(org.plan, org.people["Kim Park"], None, tmp_path / "kim.okr")
        with Plan.open(draft_path) as draft:
            ops.align_up(draft, kim, win, under_kr_id=revenue)
            ops.delete_key_result(org.plan, revenue)
            [conflict] = ops.review_merge(org.plan, draft).conflicts
            assert conflict.kind == "invalid_alignment"
            taken = ops.review_merge(org.plan, draft, {conflict.key: "draft"})
            assert "cannot keep the draft's alignment" in " ".join(taken.refusals)
            with pytest.raises(OperationRefused, match="Nothing was merged"):
                ops.merge_draft(org.plan, draft, {conflict.key: "draft"})
            kept = ops.review_merge(org.plan, draft, {conflict.key: "plan"})
            assert kept.refusals == () and kept.incoming == ()
            ops.merge_draft(org.plan, draft, {conflict.key: "plan"})
        assert org.row("objectives", kim)["parent_kr_id"] == stands_for
        assert org.row("key_results", stands_for)["objective_id"] == grow
