"""The synthetic organisation: the counts and mixes it promises, valid, and the same per seed."""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from okrdesk.analytics import health, quality_findings
from okrdesk.errors import OkrDeskError
from okrdesk.ops import SnapshotFacts
from okrdesk.ops.rules import cycle_clause, level_clause
from okrdesk.rulebook import parent_of
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan
from okrdesk.synthetic import LEVEL_NAMES, generate_plan, level_sizes

PEOPLE = 600


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot]:
    path = generate_plan(tmp_path_factory.mktemp("synthetic") / "org.okr", PEOPLE, seed=7)
    with Plan.open(path) as plan, plan.read() as connection:
        return path, Snapshot.load(connection)


def test_five_levels_with_a_realistic_fan_out(synthetic: tuple[Path, Snapshot]) -> None:
    _, snapshot = synthetic
    assert [level.name for level in snapshot.ordered_levels()] == list(LEVEL_NAMES)
    assert len(snapshot.units) == PEOPLE
    per_level = Counter(snapshot.levels[u.level_id].rank for u in snapshot.units.values())
    assert [per_level[rank] for rank in range(5)] == level_sizes(PEOPLE)
    reports = Counter(u.manager_id for u in snapshot.units.values()
                      if u.manager_id is not None and snapshot.levels[u.level_id].rank > 0)
    assert 4.0 <= sum(reports.values()) / len(reports) <= 8.0
    assert all(u.function_id for u in snapshot.units.values()
               if snapshot.levels[u.level_id].rank > 0)


def test_ten_thousand_people_fan_out_five_to_eight() -> None:
    sizes = level_sizes(10_000)
    assert sum(sizes) == 10_000
    fan_outs = [below / above for above, below in itertools.pairwise(sizes)]
    assert all(5.0 <= f <= 8.0 for f in fan_outs[1:]), fan_outs


def test_about_three_objectives_with_three_key_results_each(
        synthetic: tuple[Path, Snapshot]) -> None:
    _, snapshot = synthetic
    assert 2.7 <= len(snapshot.objectives) / PEOPLE <= 3.3
    assert 2.5 <= len(snapshot.key_results) / len(snapshot.objectives) <= 3.5
    kinds = Counter(kr.kind for kr in snapshot.key_results.values())
    assert set(kinds) == {"increase", "decrease", "stay_above", "stay_below", "milestone",
                          "no_metric", "objective"}


def test_bottom_up_above_top_down_below(synthetic: tuple[Path, Snapshot]) -> None:
    _, snapshot = synthetic
    report = health(snapshot, None)
    shares = [level.own_objective_share for level in report.levels]
    assert shares[0] == 1.0 and shares[1] >= 0.5 and shares[4] < 0.3  # few VPs: a wide margin
    assert shares[2] > shares[3] > shares[4]
    assert report.levels[0].aligned_key_result_share > 0.5
    assert report.levels[4].delegated_key_result_share > 0.4
    assert 0.1 < report.bottom_up_share < 0.5
    assert 0 < len(report.orphans) < 0.06 * len(snapshot.objectives)
    assert report.skip_links and all(link.skipped >= 1 for link in report.skip_links)
    assert len(snapshot.contributions) > 0
    assert "People" in report.non_critical_functions and "Sales" in report.critical_functions


def test_every_alignment_keeps_the_rules(synthetic: tuple[Path, Snapshot]) -> None:
    _, snapshot = synthetic
    facts = SnapshotFacts(snapshot)
    for objective in snapshot.objectives.values():
        parent_id = parent_of(snapshot, objective.id)
        if parent_id is None:
            assert objective.parent_kr_id is None
            continue
        parent = snapshot.objectives[parent_id]
        assert level_clause(facts, objective.owner_id, parent.owner_id) is None
        assert cycle_clause(facts, objective.cycle_id, parent.cycle_id) is None
    stand_ins = [kr for kr in snapshot.key_results.values() if kr.kind == "objective"]
    assert all(len(snapshot.aligned_to_kr[kr.id]) == 1 for kr in stand_ins)


def test_the_file_is_a_sound_plan_with_a_few_realistic_findings(
        synthetic: tuple[Path, Snapshot]) -> None:
    path, snapshot = synthetic
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    codes = Counter(f.code for f in quality_findings(snapshot, None))
    assert set(codes) <= {"not_measurable", "no_measurable_target", "placeholder_target",
                          "too_many_key_results", "duplicate_title", "too_many_objectives"}
    assert sum(codes.values()) < 0.1 * len(snapshot.objectives)


def dump(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        tables = ("units", "objectives", "key_results", "contributions", "cycles", "settings")
        return [row for table in tables
                for row in connection.execute(f"SELECT * FROM {table} ORDER BY id")]


def test_the_same_seed_gives_the_same_plan(tmp_path: Path) -> None:
    first = dump(generate_plan(tmp_path / "a.okr", 40, seed=3))
    assert dump(generate_plan(tmp_path / "b.okr", 40, seed=3)) == first
    assert dump(generate_plan(tmp_path / "c.okr", 40, seed=4)) != first


def test_refusals(tmp_path: Path) -> None:
    with pytest.raises(OkrDeskError, match="at least 5 people"):
        generate_plan(tmp_path / "tiny.okr", 3)
    generate_plan(tmp_path / "taken.okr", 10)
    with pytest.raises(OkrDeskError, match="already exists"):
        generate_plan(tmp_path / "taken.okr", 10)
    generate_plan(tmp_path / "taken.okr", 12, overwrite=True)
