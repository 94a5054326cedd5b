"""The order cycles are listed in, the cycle work is carried over to, and the next year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrdesk import ops
from okrdesk.rulebook import following_cycle, next_year, ordered_cycles
from tests.core.builders import small_org


def test_years_by_date_each_with_its_quarters_then_the_backlog(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        ops.add_year(org.plan, 2026)  # added after 2027, listed before it
        ops.add_cycle(org.plan, "Ideas", "backlog")
        ops.add_year(org.plan, 2030)
        snapshot = org.snapshot()
    names = [c.name for c in ordered_cycles(snapshot)]
    assert names == ["2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4",
                     "2027", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4",
                     "2030", "2030-Q1", "2030-Q2", "2030-Q3", "2030-Q4",
                     "Backlog", "Ideas"]  # backlogs last, by name


def test_work_is_carried_over_to_the_next_cycle_of_its_kind(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        snapshot = org.snapshot()
        by_name = {c.name: c.id for c in snapshot.cycles.values()}

        def after(name: str) -> str | None:
            cycle = following_cycle(snapshot, by_name[name])
            return cycle.name if cycle else None

        assert after("2027-Q1") == "2027-Q2"
        assert after("2027-Q4") is None and after("2027") is None
        assert after("Backlog") is None
        ops.add_year(org.plan, 2028)
        snapshot = org.snapshot()
        by_name = {c.name: c.id for c in snapshot.cycles.values()}
        assert after("2027-Q4") == "2028-Q1"
        assert after("2027") == "2028"


def test_the_next_year_follows_the_latest(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        assert next_year(org.snapshot()) == 2028
        ops.add_year(org.plan, 2031)
        ops.rename_cycle(org.plan, org.cycles["2027"], "Year of the launch")  # dated still
        assert next_year(org.snapshot()) == 2032
    with small_org(tmp_path / "other.okr", year=2040) as org:
        for cycle in org.snapshot().cycles.values():
            if cycle.kind == "year":
                ops.rename_cycle(org.plan, cycle.id, "²⁰⁴⁰")
        assert next_year(org.snapshot()) == 2041  # from its dates, not its odd name


def test_a_plan_without_years_starts_at_the_current_one(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org:
        ops.remove_cycle(org.plan, org.cycles["2027"])  # with its quarters
        assert next_year(org.snapshot(), date(2029, 5, 1)) == 2029
