"""Alignments that do not run upwards: written straight into a plan file with sqlite3 (the
operations refuse them), then found by the rulebook's one rule and reported alike by the health
figures, `okrdesk check` (text and JSON, through the real command) and the map."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from okrdesk.analytics import LiveAnalytics, health
from okrdesk.maps import MapRequest, build_dot
from okrdesk.rulebook import downward_alignments, levels_down, runs_upward, view_objectives
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

CEO_TITLE = "Fund our growth without new debt"  # C-suite
VP_PARENT = "Double EV sales across our showrooms"  # Vice Presidents
VP_CHILD = "Make Voltline the first name people think of for EVs"  # Vice Presidents


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from okrdesk.demo import build_demo

    return align_not_upward(build_demo(tmp_path_factory.mktemp("not-upward") / "edited.okr"))


def align_not_upward(path: Path) -> Path:
    """The demo plan at `path`, with a C-suite objective aligned under a VP's key result (one
    level down) and a VP objective moved under another VP's key result (the same level)."""
    connection = sqlite3.connect(path, isolation_level=None)
    for child in (CEO_TITLE, VP_CHILD):
        connection.execute(
            "UPDATE objectives SET parent_kr_id = (SELECT k.id FROM key_results k JOIN objectives"
            " o ON k.objective_id = o.id WHERE o.title = ? AND k.kind != 'objective' ORDER BY "
            "k.position LIMIT 1) WHERE title = ?", (VP_PARENT, child))
    connection.close()
    return path


def load(path: Path) -> Snapshot:
    with Plan.open(path, read_only=True) as plan, plan.read() as connection:
        return Snapshot.load(connection)


def ids(snapshot: Snapshot) -> dict[str, str]:
    return {o.title: o.id for o in snapshot.objectives.values()}


def test_the_rule() -> None:
    assert runs_upward(2, 1) and runs_upward(3, 0)
    assert not runs_upward(1, 1) and not runs_upward(1, 2)
    assert runs_upward(None, 1) and runs_upward(1, None)  # a missing level is its own finding
    assert levels_down(1, 1) == 0 and levels_down(0, 1) == 1 and levels_down(2, 1) is None


def test_the_health_figures_list_what_the_rulebook_finds(edited: Path) -> None:
    snapshot = load(edited)
    by_title = ids(snapshot)
    cycle = next(c.id for c in snapshot.cycles.values() if c.name == "2027")
    expected = sorted(downward_alignments(snapshot, view_objectives(snapshot, cycle)))
    assert expected == sorted([(by_title[CEO_TITLE], by_title[VP_PARENT], 1),
                               (by_title[VP_CHILD], by_title[VP_PARENT], 0)])
    report = health(snapshot, cycle)
    assert sorted((link.child_id, link.parent_id, link.levels_down)
                  for link in report.downward_links) == expected
    assert LiveAnalytics(snapshot).health(cycle) == report


def test_the_live_figures_follow_a_mended_alignment(edited: Path, tmp_path: Path) -> None:
    path = tmp_path / "mended.okr"
    path.write_bytes(edited.read_bytes())
    plan = Plan.open(path)
    try:
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
        live = LiveAnalytics(snapshot)
        plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
        assert len(live.health(None).downward_links) == 2
        with plan.change("Mend") as tx:
            tx.update("objectives", ids(snapshot)[VP_CHILD], parent_kr_id=None)
        assert [link.levels_down for link in live.health(None).downward_links] == [1]
        assert live.health(None) == health(load(path), None)
    finally:
        plan.close()


def run_check(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", "check", str(path), *options],
                          capture_output=True, text=True, timeout=60)


def test_check_lists_them_in_json_and_text(edited: Path) -> None:
    result = run_check(edited, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)["not_upward"]
    assert sorted((f["child"]["title"], f["child"]["owner"], f["parent"]["title"],
                   f["levels_down"]) for f in found) == sorted([
        (CEO_TITLE, "Tomás Ferreira", VP_PARENT, 1), (VP_CHILD, "Marco Rossi", VP_PARENT, 0)])
    text = run_check(edited)
    assert "Not aligned upwards (parent at the same or a lower level): 2" in text.stdout
    assert (f"“{VP_CHILD}” (Marco Rossi, Vice Presidents) -> “{VP_PARENT}” (Jonas Berg, "
            "Vice Presidents) (same level)") in text.stdout
    assert run_check(edited, "--strict").returncode == 1


def test_the_map_marks_the_edge(edited: Path) -> None:
    snapshot = load(edited)
    dot = build_dot(snapshot, MapRequest(cycle="2027"))
    marked = [line for line in dot.splitlines() if "not-upward" in line]
    assert len(marked) == 2
    by_title = ids(snapshot)
    for child, words in ((CEO_TITLE, "not upward: 1 level down"),
                         (VP_CHILD, "not upward: same level")):
        line = next(line for line in marked if f'id="link-{by_title[child]}"' in line)
        assert words in line and 'color="#c62828"' in line
    assert sum("class=\"alignment" in line for line in dot.splitlines()) > 20  # others plain


def test_the_drawn_map_marks_the_edge(edited: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "okrdesk", "map", str(edited), "-o",
                             str(tmp_path / "map.svg")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    drawn = "".join(path.read_text("utf-8") for path in tmp_path.glob("map*.svg"))
    assert drawn.count('class="edge alignment bottom&#45;up not&#45;upward"') == 2
    assert drawn.count(">not upward: same level</text>") == 1
