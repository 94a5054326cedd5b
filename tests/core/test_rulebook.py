"""The rulebook's answers, worked out by hand on small plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from okrdesk import clock
from okrdesk.errors import NotFoundError
from okrdesk.rulebook import (
    Direction,
    children_of,
    cycle_view,
    default_cycle,
    descendants,
    direction_of,
    is_orphan,
    level_positions,
    line_of_sight,
    orphaned,
    parent_of,
    parents,
    skip_between,
    skip_count,
    view_objectives,
)
from okrdesk.snapshot import CycleRow, Snapshot
from okrdesk.storage import Plan
from tests.core.test_analytics_plans import HandPlan, hand  # noqa: F401


def test_parents_children_and_lines_of_sight(hand: HandPlan) -> None:  # noqa: F811
    ceo = hand.person("Ceo", 0)
    vp = hand.person("Vp", 1, "Sales", ceo)
    tech = hand.person("Technician", 4, "Sales", vp)
    top = hand.objective(ceo, "Top")
    metric = hand.kr(top, "Metric")
    own = hand.objective(vp, "Own")
    hand.align_up(own, top)
    handed = hand.objective(vp, "Handed down", origin="delegated", parent_kr=metric)
    far = hand.objective(tech, "Far below", hand.q1)
    hand.align_up(far, own)
    helper = hand.objective(tech, "Helper", hand.q1)
    hand.link(helper, own)
    snapshot = hand.snapshot()
    assert parent_of(snapshot, own) == top and parent_of(snapshot, handed) == top
    assert parent_of(snapshot, helper) is None  # a contribution is no alignment
    assert parent_of(snapshot, "no such objective") is None
    assert sorted(children_of(snapshot, top)) == sorted([own, handed])
    assert descendants(snapshot, top)[-1] == far and set(descendants(snapshot, top)) == {
        own, handed, far}
    assert line_of_sight(snapshot, far) == [far, own, top]
    assert parents(snapshot) == {own: top, handed: top, far: own}
    assert direction_of(snapshot.objectives[own]) is Direction.BOTTOM_UP
    assert direction_of(snapshot.objectives[handed]) is Direction.TOP_DOWN
    assert skip_count(snapshot, far, own) == 2  # positions 4 and 1
    assert skip_count(snapshot, far, top) == 3
    assert skip_count(snapshot, own, top) == 0
    assert is_orphan(snapshot, far) is False
    assert is_orphan(snapshot, helper) is False  # it contributes
    with pytest.raises(NotFoundError):
        line_of_sight(snapshot, "no such objective")


def test_a_loop_ends_every_walk(hand: HandPlan) -> None:  # noqa: F811
    """A loop, as a damaged file could hold it, read from a snapshot."""
    ceo = hand.person("Ceo", 0)
    first = hand.objective(ceo, "First")
    second = hand.objective(ceo, "Second")
    kr = hand.align_up(second, first)
    back = hand.kr(second, "Back")
    snapshot = hand.snapshot()
    loop = replace(snapshot.objectives[first], parent_kr_id=back)
    snapshot.objectives[first] = loop
    snapshot.aligned_to_kr[back].append(first)
    assert snapshot.objectives[second].parent_kr_id == kr
    assert line_of_sight(snapshot, first) == [first, second]
    assert descendants(snapshot, first) == [second]
    assert sorted(view_objectives(snapshot, hand.q1)) == []
    assert sorted(view_objectives(snapshot, hand.year)) == sorted([first, second])


def test_positions_close_the_gaps_between_ranks(tmp_path: Path) -> None:
    plan = Plan.create(tmp_path / "ranks.okr")
    with plan.change("Levels") as tx:
        board = tx.insert("levels", rank=0, name="Board")["id"]
        staff = tx.insert("levels", rank=5, name="Staff")["id"]
    snapshot = load(plan)
    assert dict(level_positions(snapshot)) == {board: 0, staff: 1}
    plan.subscribe(snapshot.apply)
    with plan.change("A level between") as tx:
        middle = tx.insert("levels", rank=3, name="Middle")["id"]
    with plan.change("Another between") as tx:
        tx.update("levels", middle, rank=2)
    assert dict(level_positions(snapshot)) == {board: 0, middle: 1, staff: 2}
    with plan.change("Move it under") as tx:
        tx.update("levels", middle, rank=9)
    assert dict(level_positions(snapshot)) == {board: 0, staff: 1, middle: 2}
    plan.close()


def load(plan: Plan) -> Snapshot:
    with plan.read() as connection:
        return Snapshot.load(connection)


def test_skip_and_orphan_rules() -> None:
    assert [skip_between(c, p) for c, p in [(1, 0), (2, 0), (4, 1), (0, 3), (None, 0)]] == [
        0, 1, 2, 0, 0]
    assert orphaned(1, aligned=False, contributes=False)
    assert not orphaned(0, aligned=False, contributes=False)  # the top aligns to nothing
    assert not orphaned(2, aligned=True, contributes=False)
    assert not orphaned(2, aligned=False, contributes=True)
    assert not orphaned(None, aligned=False, contributes=False)


def test_views_of_a_year_a_quarter_the_backlog_and_the_plan(hand: HandPlan) -> None:  # noqa: F811
    ceo = hand.person("Ceo", 0)
    vp = hand.person("Vp", 1, "Sales", ceo)
    with hand.plan.change("Backlog") as tx:
        backlog = tx.insert("cycles", name="Backlog", kind="backlog")["id"]
    top = hand.objective(ceo, "Top")
    other = hand.objective(ceo, "Other year goal")
    quarter = hand.objective(vp, "Quarter", hand.q1)
    hand.align_up(quarter, top)
    later = hand.objective(vp, "Later", hand.q2)
    idea = hand.objective(vp, "Idea", backlog)
    snapshot = hand.snapshot()
    assert sorted(view_objectives(snapshot, hand.year)) == sorted([top, other, quarter, later])
    assert sorted(view_objectives(snapshot, hand.q1)) == sorted([quarter, top])
    assert view_objectives(snapshot, hand.q2) == [later]
    assert view_objectives(snapshot, backlog) == [idea]
    assert sorted(view_objectives(snapshot, None)) == sorted(snapshot.objectives)
    assert cycle_view(snapshot, hand.year).cycles == {hand.year, hand.q1, hand.q2}
    assert cycle_view(snapshot, hand.q1).year_id == hand.year
    assert cycle_view(snapshot, backlog).year_id is None
    with pytest.raises(NotFoundError):
        view_objectives(snapshot, "no such cycle")


def cycle(name: str, kind: str, starts: str | None = None, ends: str | None = None,
          parent: str | None = None) -> CycleRow:
    return CycleRow(name, name, kind, parent, starts, ends, "", "")


def with_cycles(*cycles: CycleRow) -> Snapshot:
    snapshot = Snapshot()
    snapshot.cycles.update((c.id, c) for c in cycles)
    return snapshot


def test_the_default_cycle_follows_the_calendar() -> None:
    y26 = cycle("2026", "year", "2026-01-01", "2026-12-31")
    y27 = cycle("2027", "year", "2027-01-01", "2027-12-31")
    undated = cycle("Someday", "year")
    plan = with_cycles(y27, y26, undated, cycle("2027-Q1", "quarter", "2027-01-01",
                                               "2027-03-31", "2027"))
    assert default_cycle(plan, date(2026, 7, 1)) == y26  # the year around today
    assert default_cycle(plan, date(2025, 7, 1)) == y26  # else the next to start
    assert default_cycle(plan, date(2030, 7, 1)) == y27  # else the latest; undated counts first
    assert default_cycle(with_cycles(undated), date(2026, 7, 1)) == undated
    q1 = cycle("2027-Q1", "quarter", "2027-01-01", "2027-03-31")
    q2 = cycle("2027-Q2", "quarter", "2027-04-01", "2027-06-30")
    backlog = cycle("Backlog", "backlog")
    assert default_cycle(with_cycles(q1, q2, backlog), date(2027, 5, 5)) == q2  # no years
    assert default_cycle(with_cycles(backlog), date(2027, 5, 5)) == backlog
    assert default_cycle(with_cycles(), date(2027, 5, 5)) is None


def test_the_default_cycle_reads_today_from_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = with_cycles(cycle("2026", "year", "2026-01-01", "2026-12-31"),
                       cycle("2027", "year", "2027-01-01", "2027-12-31"))
    monkeypatch.setattr(clock, "today", lambda: date(2027, 2, 1))
    chosen = default_cycle(plan)
    assert chosen is not None and chosen.name == "2027"
