"""Who changed the plan's side of a merge: the plan's history since the draft was taken out
names the author, the time and the operation, and nothing older, compacted or unreadable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.clock import new_id, utc_now
from okrdesk.drafts.merge_history import (
    conflict_keys,
    first_found,
    plan_side_authors,
    review_authors,
    review_keys,
)
from okrdesk.drafts.part import draft_part
from okrdesk.drafts.take_out import take_out_draft
from okrdesk.storage import Plan
from okrdesk.storage.history import AUTHOR_VARIABLE, compact_history
from tests.core.merge_fixtures import Setup, plan_with_draft


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return plan_with_draft(tmp_path)


def taken_at(draft: Plan) -> str:
    part = draft_part(draft)
    assert part is not None and part.taken_at
    return part.taken_at


def test_a_plan_change_after_the_take_out_names_its_author_time_and_label(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    kim, kr = setup.ids["kim"], setup.ids["kim_kr"]
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    before = utc_now()
    ops.edit_objective(setup.plan, kim, title="Open Baltic offices")
    after = utc_now()
    monkeypatch.setenv(AUTHOR_VARIABLE, "erin")
    ops.edit_key_result(setup.plan, kr, target_value=5)
    keys = [("objectives", kim, "title"), ("objectives", kim, "description"),
            ("key_results", kr, "target_value"), ("key_results", kr, None)]
    found = plan_side_authors(setup.plan, taken_at(setup.draft), keys)
    title = found[("objectives", kim, "title")]
    assert (title.author, title.label, title.kind) == ("dana", "Edit objective", "update")
    assert before <= title.at <= after
    assert ("objectives", kim, "description") not in found  # a field nobody changed
    assert found[("key_results", kr, "target_value")].author == "erin"
    assert found[("key_results", kr, None)].label == "Edit key result"
    setup.close()


def test_the_newest_change_names_the_field_and_a_removal_says_so(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    kim, kr = setup.ids["kim"], setup.ids["kim_kr"]
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    ops.edit_objective(setup.plan, kim, title="First")
    monkeypatch.setenv(AUTHOR_VARIABLE, "erin")
    ops.edit_objective(setup.plan, kim, title="Second")
    monkeypatch.setenv(AUTHOR_VARIABLE, "finn")
    ops.delete_key_result(setup.plan, kr)
    found = plan_side_authors(setup.plan, taken_at(setup.draft),
                              [("objectives", kim, "title"), ("key_results", kr, None)])
    assert found[("objectives", kim, "title")].author == "erin"
    removed = found[("key_results", kr, None)]
    assert (removed.author, removed.label, removed.kind) == ("finn", "Delete key result",
                                                              "delete")
    setup.close()


def test_a_change_made_before_the_take_out_is_not_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    setup = plan_with_draft(tmp_path)  # its objectives were all written before the take-out
    kim = setup.ids["kim"]
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    ops.edit_objective(setup.plan, kim, title="Renamed before")
    later = Plan.open(take_out_draft(setup.plan, setup.org.people["Kim Park"], None,
                                     tmp_path / "later.okr"))
    monkeypatch.setenv(AUTHOR_VARIABLE, "erin")
    ops.edit_objective(setup.plan, kim, description="Written after")
    keys = [("objectives", kim, "title"), ("objectives", kim, "description")]
    found = plan_side_authors(setup.plan, taken_at(later), keys)
    assert list(found) == [("objectives", kim, "description")]
    assert found[("objectives", kim, "description")].author == "erin"
    assert ("objectives", kim, "title") in plan_side_authors(  # the earlier draft: named
        setup.plan, taken_at(setup.draft), keys)
    later.close()
    setup.close()


def test_a_compacted_history_names_nobody(setup: Setup,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    kim = setup.ids["kim"]
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    ops.edit_objective(setup.plan, kim, title="Open Baltic offices")
    compact_history(setup.plan, keep=0)
    assert plan_side_authors(setup.plan, taken_at(setup.draft),
                             [("objectives", kim, "title"), ("objectives", kim, None)]) == {}
    setup.close()


def test_an_unreadable_entry_names_nothing_older_than_itself(
        setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    """It may have changed any field: naming an older author could name the wrong one."""
    kim, kr = setup.ids["kim"], setup.ids["kim_kr"]
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    ops.edit_objective(setup.plan, kim, title="Open Baltic offices")
    now = utc_now()
    with sqlite3.connect(setup.plan.path) as connection:  # an entry broken by a hand edit
        connection.execute("INSERT INTO history (id, created_at, updated_at, at, author, "
                           "label, row_count, changes) VALUES (?, ?, ?, ?, 'x', 'Hand edit', "
                           "1, 'not JSON')", (new_id(), now, now, now))
    monkeypatch.setenv(AUTHOR_VARIABLE, "erin")
    ops.edit_key_result(setup.plan, kr, target_value=5)
    found = plan_side_authors(setup.plan, taken_at(setup.draft),
                              [("objectives", kim, "title"), ("key_results", kr, "target_value")])
    assert list(found) == [("key_results", kr, "target_value")]
    assert found[("key_results", kr, "target_value")].author == "erin"
    assert plan_side_authors(setup.plan, "not a time", [("key_results", kr, None)]) == {}
    setup.close()


def test_a_review_s_conflicts_are_named(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    kim = setup.ids["kim"]
    ops.edit_objective(setup.draft, kim, title="Draft title")
    monkeypatch.setenv(AUTHOR_VARIABLE, "dana")
    ops.edit_objective(setup.plan, kim, title="Plan title")
    review = ops.review_merge(setup.plan, setup.draft)
    conflict = next(c for c in review.conflicts if c.table == "objectives" and c.row_id == kim)
    found = review_authors(setup.plan, setup.draft, review)
    assert set(found) <= set(review_keys(review))
    named = first_found(found, conflict_keys(conflict))
    assert named is not None and (named.author, named.label) == ("dana", "Edit objective")
    setup.close()
