"""The canvas, the objective list, the organisation panel and the health figures agree with the
rulebook on random plans: which objectives a cycle's view holds, the edge from each objective to
its parent (its direction, and the lanes it crosses), and the cycle the plan opens on."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from okrdesk_ui.canvas import CanvasView
from okrdesk_ui.document import PlanDocument
from okrdesk_ui.panels.objective_list import ObjectiveListPanel
from okrdesk_ui.panels.organisation import UNIT_ROLE, OrganisationPanel
from pytestqt.qtbot import QtBot

from okrdesk import clock, ops
from okrdesk.ops.rules import SnapshotFacts, alignment_refusal
from okrdesk.rulebook import (
    default_cycle,
    direction_of,
    parent_of,
    position_of,
    skip_count,
    view_objectives,
)
from okrdesk.storage import Plan
from tests.core.builders import empty_org, ids_by
from tests.core.random_plans import PlanSpec, plan_specs, write_plan


class Readings:
    """The app's widgets on one open plan."""

    def __init__(self, qtbot: QtBot, path: Path) -> None:
        self.document = PlanDocument(Plan.open(path))
        self.canvas = CanvasView(self.document)
        self.objectives = ObjectiveListPanel(self.document)
        self.organisation = OrganisationPanel(self.document)
        for widget in (self.canvas, self.objectives, self.organisation):
            qtbot.addWidget(widget)

    def close(self) -> None:
        self.document.close()

    def unit_counts(self) -> dict[str, int]:
        counts = {}
        for item in self.organisation._all_items():
            key = str(item.data(0, UNIT_ROLE) or "")
            if key.startswith("unit:"):
                counts[key.removeprefix("unit:")] = int(item.text(1))
        return counts

    def assert_agree(self, qtbot: QtBot) -> None:
        document, scene = self.document, self.canvas.canvas_scene
        snapshot = document.snapshot
        held = view_objectives(snapshot, document.cycle_id)
        assert sorted(scene.cards) == sorted(held)
        qtbot.waitUntil(lambda: sorted(self.objectives.shown_ids()) == sorted(held))
        owners = Counter(snapshot.objectives[o].owner_id for o in held)
        assert self.unit_counts() == {unit: owners.get(unit, 0) for unit in snapshot.units}
        report = document.analytics.health(document.cycle_id)
        assert report.objectives == sum(position_of(snapshot, o) is not None for o in held)
        lane_of = {lane.level_id: n for n, lane in enumerate(scene.lanes.lanes)}
        for objective_id in held:
            parent = parent_of(snapshot, objective_id)
            edge = scene.align_edges.get(objective_id)
            if parent is None or parent not in held:
                assert edge is None
                continue
            assert edge is not None and edge.target_card.objective_id == parent
            assert edge.kind.value == direction_of(snapshot.objectives[objective_id]).value
            crossed = lane_of[scene.cards[objective_id].level_id] - lane_of[
                scene.cards[parent].level_id]
            assert max(0, crossed - 1) == skip_count(snapshot, objective_id, parent)


EXAMPLES = settings(max_examples=6, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@EXAMPLES
@given(spec=plan_specs(most_objectives=10), today=st.dates(date(2025, 6, 1), date(2029, 6, 1)))
def test_every_reading_of_a_view_agrees_on_any_plan(
        qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, spec: PlanSpec,
        today: date) -> None:
    path = write_plan(tmp_path_factory.mktemp("views") / "plan.okr", spec).path
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: today)
        readings = Readings(qtbot, path)
    try:
        chosen = default_cycle(readings.document.snapshot, today)
        assert chosen is not None and readings.document.cycle_id == chosen.id
        for cycle_id in readings.document.snapshot.cycles:
            readings.document.set_cycle(cycle_id)
            readings.assert_agree(qtbot)
    finally:
        readings.close()


def test_a_quarter_shows_the_year_objectives_its_objectives_align_to(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Aligning and undoing in a quarter's view brings the year objective in and out."""
    org = empty_org(tmp_path / "quarter.okr")
    org.person("Ceo", "C-suite")
    org.person("Vp", "Vice Presidents")
    top = org.objective("Ceo", "Year goal")
    org.objective("Ceo", "Another year goal")
    quarter = org.objective("Vp", "Quarter goal", cycle="2027-Q1")
    cycles = ids_by(org.plan, "cycles")
    org.close()
    readings = Readings(qtbot, tmp_path / "quarter.okr")
    try:
        document = readings.document
        document.set_cycle(cycles["2027-Q1"])
        readings.assert_agree(qtbot)
        assert sorted(readings.canvas.canvas_scene.cards) == [quarter]
        assert alignment_refusal(SnapshotFacts(document.snapshot), quarter, top) is None
        document.run("Align up", lambda: ops.align_up(document.plan, quarter, top))
        assert sorted(readings.canvas.canvas_scene.cards) == sorted([quarter, top])
        readings.assert_agree(qtbot)
        document.undo_stack.undo()
        assert sorted(readings.canvas.canvas_scene.cards) == [quarter]
        readings.assert_agree(qtbot)
        document.undo_stack.redo()
        readings.assert_agree(qtbot)
    finally:
        readings.close()


def test_a_year_whose_objectives_sit_in_quarters_lists_them(qtbot: QtBot, tmp_path: Path
                                                            ) -> None:
    """The objective list and the organisation panel once compared cycle ids: empty, and 0."""
    org = empty_org(tmp_path / "quarters.okr")
    ceo = org.person("Ceo", "C-suite")
    org.person("Vp", "Vice Presidents")
    goals = [org.objective("Ceo", "First", cycle="2027-Q1"),
             org.objective("Ceo", "Second", cycle="2027-Q2")]
    cycles = ids_by(org.plan, "cycles")
    org.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: date(2027, 5, 1))
        readings = Readings(qtbot, tmp_path / "quarters.okr")
    try:
        assert readings.document.cycle_id == cycles["2027"]
        qtbot.waitUntil(lambda: sorted(readings.objectives.shown_ids()) == sorted(goals))
        assert readings.unit_counts()[ceo] == 2
        assert sorted(readings.canvas.canvas_scene.cards) == sorted(goals)
        readings.assert_agree(qtbot)
    finally:
        readings.close()


@pytest.mark.parametrize(("today", "expected"), [(date(2026, 11, 30), "2027"),
                                                 (date(2028, 3, 1), "2028")])
def test_the_app_opens_the_year_check_reports(qtbot: QtBot, tmp_path: Path, today: date,
                                              expected: str) -> None:
    org = empty_org(tmp_path / "years.okr", year=2027)
    ops.add_cycle(org.plan, "2028", "year", starts_on="2028-01-01", ends_on="2028-12-31")
    org.close()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: today)
        readings = Readings(qtbot, tmp_path / "years.okr")
    try:
        document = readings.document
        assert document.snapshot.cycles[document.cycle_id].name == expected
    finally:
        readings.close()
