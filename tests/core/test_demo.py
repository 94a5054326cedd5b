"""The demo plan: built through the operations, from the seeds, with the intended mix."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from okrdesk.analytics import health, objective_progress, quality_findings, score_band
from okrdesk.demo import build_demo
from okrdesk.errors import PlanFileError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange import import_plan
from okrdesk.rulebook import parent_of
from okrdesk.snapshot import ObjectiveRow, Snapshot
from okrdesk.storage import Plan


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


@pytest.fixture(scope="module")
def snapshot(demo_path: Path) -> Snapshot:
    with Plan.open(demo_path) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def _objective(snapshot: Snapshot, title: str) -> ObjectiveRow:
    matches = [o for o in snapshot.objectives.values() if o.title == title]
    assert len(matches) == 1, title
    return matches[0]


def _cycle(snapshot: Snapshot, name: str) -> str:
    cycle = snapshot.cycle_named(name)
    assert cycle is not None
    return cycle.id


def _parent(snapshot: Snapshot, objective: ObjectiveRow) -> ObjectiveRow:
    parent_id = parent_of(snapshot, objective.id)
    assert parent_id is not None, objective.title
    return snapshot.objectives[parent_id]


def test_demo_is_a_five_level_company_with_named_people(snapshot: Snapshot) -> None:
    assert [level.name for level in snapshot.ordered_levels()] == [
        "C-suite", "Vice Presidents", "Directors", "Managers", "Team members"]
    assert {f.name for f in snapshot.functions.values()} >= {
        "Sales", "Service", "Marketing", "Finance", "Engineering", "People"}
    assert 40 <= len(snapshot.objectives) <= 70
    assert all(unit.name and unit.role for unit in snapshot.units.values())
    per_level = Counter(snapshot.levels[u.level_id].rank for u in snapshot.units.values())
    assert all(per_level[rank] >= 3 for rank in range(5))
    assert {c.name for c in snapshot.cycles.values()} >= {
        "2027", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "Backlog"}
    assert any(unit.kind == "team" for unit in snapshot.units.values())
    assert snapshot.setting("plan_name")


def test_the_technicians_pilot_is_aligned_up_skipping_a_level(snapshot: Snapshot) -> None:
    pilot = _objective(snapshot, "Run a month-long mobile servicing pilot")
    owner = snapshot.units[pilot.owner_id]
    assert owner.role == "Service Technician"
    assert snapshot.levels[owner.level_id].name == "Team members"
    assert [kr.title for kr in snapshot.key_results_of(pilot.id)] == [
        "Provide mobile servicing for 50 customers",
        "Survey all customers in the pilot",
        "Present plan to expand mobile servicing operations",
    ]
    assert pilot.origin == "own"
    stand_in = snapshot.key_results[pilot.parent_kr_id or ""]
    assert stand_in.kind == "objective"  # bottom-up: the pilot became a key result
    parent = _parent(snapshot, pilot)
    assert snapshot.level_of(parent.id).rank == 2


def test_the_editors_launch_is_flagged_for_its_placeholders(snapshot: Snapshot) -> None:
    launch = _objective(snapshot, "Flawlessly launch new video platform")
    assert snapshot.units[launch.owner_id].role == "Social Media Editor"
    titles = [kr.title for kr in snapshot.key_results_of(launch.id)]
    assert titles == ["x average engagement/post.", "x average reach/post.",
                      "x new followers by end of the month.",
                      "x% of company traffic comes from new platform."]
    assert snapshot.level_of(_parent(snapshot, launch).id).rank == 0
    findings = quality_findings(snapshot, _cycle(snapshot, "2027"))
    placeholders = {f.key_result_id for f in findings if "placeholder" in f.code}
    assert placeholders == set(snapshot.krs_of[launch.id])
    flagged = {f.objective_id for f in findings}
    assert flagged == {launch.id}  # the rest of the demo is clean


def test_the_mix_follows_the_seeds(snapshot: Snapshot) -> None:
    report = health(snapshot, _cycle(snapshot, "2027"))
    levels = {level.name: level for level in report.levels}
    c_suite, team = levels["C-suite"], levels["Team members"]
    assert c_suite.aligned_key_result_share > 0.6  # mostly bottom-up
    assert c_suite.delegated_key_result_share == 0
    assert team.delegated_objective_share > 0.6  # mostly top-down
    for middle in ("Vice Presidents", "Directors", "Managers"):
        assert 0 < levels[middle].own_objective_share < 1, middle
    assert levels["Vice Presidents"].aligned_key_results > 0
    assert 0.4 <= report.bottom_up_share <= 0.7


def test_orphans_and_skips_stand_out(snapshot: Snapshot) -> None:
    report = health(snapshot, _cycle(snapshot, "2027"))
    orphans = [snapshot.objectives[o].title for o in report.orphans]
    assert 1 <= len(orphans) <= 2
    assert "Move expense reporting to the new tool" in orphans
    skipped = {snapshot.objectives[link.child_id].title: link.skipped
               for link in report.skip_links}
    assert skipped == {"Flawlessly launch new video platform": 3,
                       "Run a month-long mobile servicing pilot": 1}


def test_critical_functions_shift_from_quarter_to_quarter(snapshot: Snapshot) -> None:
    q1 = health(snapshot, _cycle(snapshot, "2027-Q1"))
    q2 = health(snapshot, _cycle(snapshot, "2027-Q2"))
    assert set(q1.critical_functions) == {"Sales", "Marketing"}
    assert set(q2.critical_functions) == {"Service"}
    assert "Service" in q1.non_critical_functions


def test_contributes_to_like_the_team_physical_therapist(snapshot: Snapshot) -> None:
    ergonomics = _objective(snapshot, "Bring an ergonomics programme to our workshops")
    assert ergonomics.parent_kr_id is None
    links = [c for c in snapshot.contributions.values() if c.source_id == ergonomics.id]
    assert len(links) == 1
    target = snapshot.objectives[links[0].target_id]
    assert target.title == "Make every service visit effortless"
    assert snapshot.level_of(target.id).rank == 0


def test_check_ins_history_and_a_mix_of_bands(demo_path: Path, snapshot: Snapshot) -> None:
    with Plan.open(demo_path) as plan, plan.read() as connection:
        per_kr = Counter(row[0] for row in connection.exec_driver_sql(
            "SELECT key_result_id FROM check_ins"))
    assert sum(1 for count in per_kr.values() if count >= 3) >= 5
    served = next(kr for kr in snapshot.key_results.values()
                  if kr.title == "Provide mobile servicing for 50 customers")
    assert served.current_value == 34.0 and per_kr[served.id] == 3
    bands = Counter(score_band(objective_progress(snapshot, o)) for o in snapshot.objectives)
    assert min(bands["green"], bands["yellow"], bands["red"]) >= 5


def shape(s: Snapshot) -> list[tuple[str | float | None, ...]]:
    """What the demo says, without its ids and times."""
    rows: list[tuple[str | float | None, ...]] = []
    for o in s.objectives.values():
        parent = parent_of(s, o.id)
        rows.append((s.units[o.owner_id].name, o.title, o.origin, s.cycles[o.cycle_id].name,
                     s.objectives[parent].title if parent else "",
                     *(f"{kr.title}={kr.current_value}" for kr in s.key_results_of(o.id))))
    return sorted(rows)


def test_demo_structure_is_deterministic(snapshot: Snapshot, tmp_path: Path) -> None:
    with Plan.open(build_demo(tmp_path / "again.okr")) as plan, plan.read() as connection:
        again = Snapshot.load(connection)
    assert shape(again) == shape(snapshot)


def test_the_sample_export_is_the_current_demo(snapshot: Snapshot, tmp_path: Path) -> None:
    sample = resources.files("okrdesk_resources").joinpath("samples", "voltline-2027.json")
    with resources.as_file(sample) as source:
        # exported from the current plan format, so it shows every field of the format
        assert json.loads(source.read_text("utf-8"))["plan_format"] == SCHEMA_VERSION
        plan_path = import_plan(source, tmp_path / "sample.okr")
    with Plan.open(plan_path) as plan, plan.read() as connection:
        assert shape(Snapshot.load(connection)) == shape(snapshot)


def test_demo_never_replaces_a_file_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "mine.okr"
    target.write_bytes(b"someone's notes")
    with pytest.raises(PlanFileError, match="already exists"):
        build_demo(target)
    assert target.read_bytes() == b"someone's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.okr"]
    build_demo(target, overwrite=True)
    with Plan.open(target) as plan:
        assert not plan.read_only
