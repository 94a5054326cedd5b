"""Objectives and key results written from an outline: a whole paste as one change, a line typed
in place, and refusals that name the line."""

from __future__ import annotations

from pathlib import Path

from okrdesk import ops
from okrdesk.authoring import OutlineObjective, parse_outline
from okrdesk.model import KrKind
from okrdesk.snapshot import Snapshot
from tests.core.builders import Org, assert_refused, assert_undo_redo, small_org, table_dump

EMAIL = """Hi all, here are the OKRs we agreed on:

1. Grow revenue in Europe
\t- Raise NPS from 30 to 45
\t- Cut churn from 4% to 2%
\t- Launch the partner portal by June

2. Build the team
\t- Hire 5 engineers
\t- Keep attrition below 10%
\t- Improve onboarding
"""


def _titles(snapshot: Snapshot, owner_id: str, cycle_id: str) -> list[str]:
    mine = [o for o in snapshot.objectives.values()
            if o.owner_id == owner_id and o.cycle_id == cycle_id]
    return [o.title for o in sorted(mine, key=lambda o: (o.position, o.created_at))]


def test_a_pasted_email_becomes_objectives_with_key_results_read_from_their_words(
        tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        sam, year = org.people["Sam Lee"], org.cycles["2027"]
        org.objective("Sam Lee", "Already there")
        result = parse_outline(EMAIL)
        before = table_dump(org.plan)
        changes = ops.create_outline(org.plan, sam, year, result.objectives)
        assert changes.label == "Paste outline"
        snapshot = org.snapshot()
        assert _titles(snapshot, sam, year) == [
            "Already there", "Grow revenue in Europe", "Build the team"]
        grow = next(o for o in snapshot.objectives.values() if o.title.startswith("Grow"))
        read = [(kr.title, kr.kind, kr.start_value, kr.target_value, kr.unit, kr.position)
                for kr in snapshot.key_results_of(grow.id)]
        assert read == [
            ("Raise NPS from 30 to 45", KrKind.INCREASE, 30.0, 45.0, "NPS", 0),
            ("Cut churn from 4% to 2%", KrKind.DECREASE, 4.0, 2.0, "%", 1),
            ("Launch the partner portal by June", KrKind.MILESTONE, None, None, "", 2),
        ]
        team = next(o for o in snapshot.objectives.values() if o.title == "Build the team")
        assert [kr.kind for kr in snapshot.key_results_of(team.id)] == [
            KrKind.INCREASE, KrKind.STAY_BELOW, KrKind.NO_METRIC]
        assert (team.origin, team.commitment, team.visibility, team.parent_kr_id) == (
            "own", "committed", "published", None)
        assert_undo_redo(org.plan, changes, before)


def test_one_change_set_holds_a_200_line_outline_and_its_undo_is_exact(tmp_path: Path) -> None:
    lines: list[str] = []
    for number in range(1, 41):
        lines.append(f"{number}. Grow segment {number} this quarter")
        lines += [f"   - Raise NPS from {number} to {number + 10}",
                  f"   - Cut costs from ${number}M to ${number / 2}M",
                  "   - Keep uptime above 99.9%",
                  "   - Launch the app by June"]
    assert len(lines) == 200
    with small_org(tmp_path / "p.okr") as org:
        before = table_dump(org.plan)
        result = parse_outline("\n".join(lines))
        changes = ops.create_outline(org.plan, org.people["Kim Park"], org.cycles["2027-Q1"],
                                     result.objectives)
        assert len(changes.ids("objectives")) == 40
        assert len(changes.ids("key_results")) == 160
        snapshot = org.snapshot()
        last = next(o for o in snapshot.objectives.values()
                    if o.title == "Grow segment 40 this quarter")
        costs = snapshot.key_results_of(last.id)[1]
        assert (costs.kind, costs.start_value, costs.target_value, costs.unit) == (
            KrKind.DECREASE, 40_000_000.0, 20_000_000.0, "$")
        assert_undo_redo(org.plan, changes, before)
        plan_after = table_dump(org.plan)
        org.plan.apply(changes.inverse())
        assert table_dump(org.plan) == before  # one inverse removes the whole outline
        assert plan_after != before


def test_refusals_name_the_line_and_change_nothing(tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        sam, year = org.people["Sam Lee"], org.cycles["2027"]
        good = OutlineObjective("Grow revenue", ["Raise NPS from 30 to 45"], 1)
        assert_refused(org.plan, r"^Line 4: the objective's title cannot be empty\.$",
                       ops.create_outline, sam, year, [good, OutlineObjective("  ", [], 4)])
        assert_refused(org.plan, r"^Line 9, key result 2 \(under “Grow revenue”\): its title "
                       r"must be at most 500 characters long, not 501\.$",
                       ops.create_outline, sam, year,
                       [OutlineObjective("Grow revenue", ["Win", "x" * 501], 9)])
        assert_refused(org.plan, r"^Objective 2: the objective's title holds a control "
                       r"character \(U\+0007 at character 5\)",
                       ops.create_outline, sam, year, [good, OutlineObjective("Grow\x07", [])])
        assert_refused(org.plan, r"key result 1 \(under “Grow revenue”\): its title cannot be "
                       r"empty", ops.create_outline, sam, year,
                       [OutlineObjective("Grow revenue", ["“ ”"], 3)])
        assert_refused(org.plan, "no objectives", ops.create_outline, sam, year, [])
        assert_refused(org.plan, "no person or team with id gone", ops.create_outline, "gone",
                       year, [good])
        assert_refused(org.plan, "no cycle with id gone", ops.create_outline, sam, "gone",
                       [good])
        assert_refused(org.plan, "Objective 1 is not an objective of an outline",
                       ops.create_outline, sam, year, ["Grow revenue"])


def test_objectives_and_key_results_typed_in_place_go_where_they_were_typed(
        tmp_path: Path) -> None:
    with small_org(tmp_path / "p.okr") as org:
        dana, year = org.people["Dana Ross"], org.cycles["2027"]
        first = org.objective("Dana Ross", "First")
        org.objective("Dana Ross", "Second")
        before = table_dump(org.plan)
        changes = ops.create_outline(org.plan, dana, year, [OutlineObjective("Between", [])],
                                     position=1, label="New objective “Between”")
        assert changes.label == "New objective “Between”"
        assert _titles(org.snapshot(), dana, year) == ["First", "Between", "Second"]
        assert_undo_redo(org.plan, changes, before)

        org.key_result(first, "One")
        org.key_result(first, "Three")
        before = table_dump(org.plan)
        changes = ops.insert_key_result(org.plan, first, "Keep uptime above 99.9%.", position=1)
        krs = org.snapshot().key_results_of(first)
        assert [(kr.title, kr.position) for kr in krs] == [
            ("One", 0), ("Keep uptime above 99.9%", 1), ("Three", 2)]
        assert (krs[1].kind, krs[1].target_value, krs[1].unit) == (KrKind.STAY_ABOVE, 99.9, "%")
        assert_undo_redo(org.plan, changes, before)
        last = ops.insert_key_result(org.plan, first, "Grow ARR to $5M").new_id("key_results")
        assert org.snapshot().key_results_of(first)[-1].id == last
        assert_refused(org.plan, "^The key result: its title cannot be empty",
                       ops.insert_key_result, first, "   ")
        assert_refused(org.plan, "no objective with id gone", ops.insert_key_result, "gone",
                       "Win")


def test_quotes_emoji_and_right_to_left_titles_are_kept(tmp_path: Path) -> None:
    org: Org
    with small_org(tmp_path / "p.okr") as org:
        titles = ['Win "the" 🚀 market', "زيادة المبيعات", "L'équipe d’été"]
        ops.create_outline(org.plan, org.people["Sam Lee"], org.cycles["2027"],
                           [OutlineObjective(t, [t]) for t in titles])
        snapshot = org.snapshot()
        assert _titles(snapshot, org.people["Sam Lee"], org.cycles["2027"]) == titles
        assert sorted(kr.title for kr in snapshot.key_results.values()) == sorted(titles)
