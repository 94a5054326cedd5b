"""Carrying over and cloning: an objective, a subtree or a whole cycle copied into a cycle, the
links inside the copied set kept and those to outside dropped and reported."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import NotFoundError
from okrdesk.limits import TITLE_LENGTH
from okrdesk.rulebook.alignment import parent_of
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.core.builders import Org, assert_refused, assert_undo_redo, small_org, table_dump


def _tree(org: Org) -> dict[str, str]:
    """Win ← Grow ← (Nordics ← Staff, Brand delegated); Nordics contributes to Launch (outside)
    and Brand to Nordics (inside)."""
    ids = {"win": org.objective("Alex Chen", "Win Europe")}
    ids["grow"] = org.objective("Sam Lee", "Grow EU sales")
    org.align_up(ids["grow"], ids["win"])
    ids["nordics"] = org.objective("Kim Park", "Open Nordics")
    org.align_up(ids["nordics"], ids["grow"])
    ids["partners"] = org.key_result(ids["grow"], "Sign partners", start_value=10,
                                     target_value=40, current_value=30, confidence=0.8)
    ops.record_check_in(org.plan, ids["partners"], value=30)
    ids["brand"] = org.delegate(ids["partners"], "Noor Haddad")
    ids["staff"] = org.objective("Lee Moss", "Staff the Nordic desk")
    org.align_up(ids["staff"], ids["nordics"])
    ids["launch"] = org.objective("Dana Ross", "Launch the brand")
    ops.add_contribution(org.plan, ids["nordics"], ids["launch"])
    ops.add_contribution(org.plan, ids["brand"], ids["nordics"], note="shared leads")
    return ids


def test_a_subtree_is_carried_over_with_its_outside_alignment_dropped_and_reported(
    tmp_path: Path,
) -> None:
    with small_org(tmp_path / "p.okr") as org:
        ids = _tree(org)
        q2 = org.cycles["2027-Q2"]
        snapshot = org.snapshot()
        chosen = ops.subtree_ids(snapshot, ids["grow"])
        assert set(chosen) == {ids[k] for k in ("grow", "nordics", "brand", "staff")}
        preview = ops.plan_copy(snapshot, chosen, q2)
        assert [(d.kind, d.copied_id, d.other_id) for d in preview.dropped_links] == [
            ("aligned_to", ids["grow"], ids["win"]),
            ("contributes_to", ids["nordics"], ids["launch"])]
        assert preview.dropped_links[0].text == (
            "The copy of “Grow EU sales” will not be aligned to “Win Europe”, which is not "
            "copied.")
        assert len(preview.kept_alignments) == 3

        before = table_dump(org.plan)
        changes = ops.copy_subtree(org.plan, ids["grow"], q2)
        after = org.snapshot()
        copies = {o.copied_from_id: o for o in after.objectives.values() if o.copied_from_id}
        assert set(copies) == set(chosen)
        assert all(c.cycle_id == q2 and c.title == after.objectives[k].title
                   for k, c in copies.items())
        grow, nordics = copies[ids["grow"]], copies[ids["nordics"]]
        assert grow.parent_kr_id is None
        assert parent_of(after, nordics.id) == grow.id
        assert parent_of(after, copies[ids["brand"]].id) == grow.id
        assert parent_of(after, copies[ids["staff"]].id) == nordics.id
        assert copies[ids["brand"]].origin == "delegated"
        links = {(c.source_id, c.target_id, c.note) for c in after.contributions.values()}
        assert (copies[ids["brand"]].id, nordics.id, "shared leads") in links
        assert not any(s == nordics.id and t == ids["launch"] for s, t, _ in links)
        [partners] = [kr for kr in after.key_results_of(grow.id) if kr.kind != "objective"]
        assert (partners.current_value, partners.confidence) == (10.0, None)
        assert not changes.ids("check_ins")
        # the originals are untouched
        assert parent_of(after, ids["grow"]) == ids["win"]
        assert after.key_results[ids["partners"]].current_value == 30.0
        assert_undo_redo(org.plan, changes, before)


def test_objectives_aligned_from_outside_are_reported(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        ids = _tree(org)
        preview = ops.plan_copy(org.snapshot(), [ids["grow"]], org.cycles["2027-Q2"])
        assert sorted((d.kind, d.other_id) for d in preview.dropped_links) == sorted([
            ("aligned_to", ids["win"]), ("aligned_from", ids["nordics"]),
            ("aligned_from", ids["brand"])])
        assert "“Open Nordics” stays aligned to “Grow EU sales”, not to its copy." in [
            d.text for d in preview.dropped_links]
        changes = ops.copy_objectives(org.plan, [ids["grow"]], org.cycles["2027-Q2"])
        copy_id = changes.new_id("objectives")
        # the stand-in for Open Nordics is not copied; the metric key result is
        assert [kr.title for kr in org.snapshot().key_results_of(copy_id)] == ["Sign partners"]


def test_a_copy_outlives_its_original(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        copy_id = ops.copy_objectives(org.plan, [grow], org.cycles["2027-Q3"]).new_id(
            "objectives")
        before = table_dump(org.plan)
        changes = ops.delete_objective(org.plan, grow)
        assert org.row("objectives", copy_id)["copied_from_id"] == grow  # pointing at nothing
        assert changes.ids("objectives") == {grow}
        assert_undo_redo(org.plan, changes, before)
        with org.plan.read() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_copy_refusals(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        grow = org.objective("Sam Lee", "Grow EU sales")
        q1, q2 = org.cycles["2027-Q1"], org.cycles["2027-Q2"]
        assert_refused(org.plan, "nothing to copy", ops.copy_objectives, [], q2)
        assert_refused(org.plan, "no objective with id nope", ops.copy_objectives, [grow, "nope"],
                       q2)
        assert_refused(org.plan, "no cycle with id nope", ops.copy_objectives, [grow], "nope")
        assert_refused(org.plan, "no objective", ops.copy_subtree, "nope", q2)
        assert_refused(org.plan, "Choose another cycle to copy 2027 into", ops.copy_cycle,
                       org.cycles["2027"], org.cycles["2027"])
        assert_refused(org.plan, "2027-Q1 holds no objectives to copy", ops.copy_cycle, q1, q2)
        assert_refused(org.plan, "no cycle", ops.copy_cycle, "nope", q2)
        with pytest.raises(NotFoundError, match="no cycle"):
            ops.plan_copy(org.snapshot(), [grow], "nope")


HOSTILE = [
    'Say "hello" to O\'Brien’s «team» & <b>co</b>',
    "Grow 🚀 sales 👩🏽‍💻 in 🇪🇺",
    "زيادة المبيعات في أوروبا 2027",
    "x" * TITLE_LENGTH,
]


def test_hostile_titles_survive_copies(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        for title in HOSTILE:
            parent = org.objective("Sam Lee", title)
            org.key_result(parent, title, start_value=0, target_value=1)
            org.align_up(org.objective("Kim Park", title), parent)
            carried = ops.copy_subtree(org.plan, parent, org.cycles["2027-Q4"])
            duplicated = ops.duplicate_objective(org.plan, parent)
            snapshot = org.snapshot()
            carried_ids = carried.ids("objectives")
            assert {snapshot.objectives[o].title for o in carried_ids} == {title}
            assert {kr.title for o in carried_ids for kr in snapshot.key_results_of(o)} == {title}
            copy = snapshot.objectives[duplicated.new_id("objectives")]
            assert copy.title.endswith(" (copy)") and len(copy.title) <= TITLE_LENGTH
            assert title.startswith(copy.title.removesuffix(" (copy)"))


def _internal_alignments(snapshot: Snapshot, cycle_id: str) -> int:
    return sum(1 for o in snapshot.objectives.values()
               if o.cycle_id == cycle_id and (parent := parent_of(snapshot, o.id)) is not None
               and snapshot.objectives[parent].cycle_id == cycle_id)


def test_a_whole_synthetic_cycle_is_carried_over(tmp_path: Path) -> None:
    path = generate_plan(tmp_path / "org.okr", 120, seed=3)
    with Plan.open(path) as plan:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        q1 = snapshot.cycle_named("2027-Q1")
        q2 = snapshot.cycle_named("2027-Q2")
        assert q1 is not None and q2 is not None
        originals = ops.cycle_ids(snapshot, q1.id)
        internal = _internal_alignments(snapshot, q1.id)
        assert internal > 100
        preview = ops.plan_copy(snapshot, originals, q2.id)
        to_outside = sum(1 for o in originals if (p := parent_of(snapshot, o)) is not None
                         and snapshot.objectives[p].cycle_id != q1.id)
        dropped = Counter(d.kind for d in preview.dropped_links)
        assert dropped[ops.LinkKind.ALIGNED_TO] == to_outside > 0

        before = table_dump(plan)
        changes = ops.copy_cycle(plan, q1.id, q2.id)
        with plan.read() as connection:
            after = Snapshot.load(connection)
        assert len(ops.cycle_ids(after, q2.id)) == len(originals)
        assert _internal_alignments(after, q2.id) == internal == len(preview.kept_alignments)
        assert all(kr.current_value == kr.start_value and kr.confidence is None
                   for o in ops.cycle_ids(after, q2.id) for kr in after.key_results_of(o))
        assert_undo_redo(plan, changes, before)
