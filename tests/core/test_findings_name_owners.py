"""Findings that name people: every finding names the owner beside the title, findings that
differ only by owner come once with the owners listed, a title several objectives share is
answered with their ids and owners, and "too many key results" counts the owner's own.

Plans are real files; `okrdesk check` and `okrdesk map` run as the installed command would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from okrdesk import ops
from okrdesk.analytics import LiveAnalytics, quality_findings
from okrdesk.storage import Plan
from tests.core.builders import empty_org

TEAMS = [f"Team {name}" for name in ("Amber", "Birch", "Cedar", "Dune", "Elm", "Fern", "Gale")]
SHARED = "Improve onboarding"


def okrdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=120)


def check_json(path: Path) -> list[dict[str, Any]]:
    result = okrdesk("check", path, "--json")
    assert result.returncode == 0, result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return findings


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Seven teams under one CEO, each owning an objective titled alike with no key results,
    and a key result with a placeholder; the CEO's objective has twelve aligned objectives
    and three key results of its own."""
    path = tmp_path_factory.mktemp("teams") / "teams.okr"
    org = empty_org(path)
    try:
        org.person("Ada Stone", "C-suite")
        ceo = org.objective("Ada Stone", "Win the region")
        for n in range(3):
            org.key_result(ceo, f"Grow share from {10 + n} to {20 + n} %", start_value=10.0,
                           target_value=20.0)
        shared = {}
        for team in TEAMS:
            org.person(team, "Managers", kind="team")
            shared[team] = org.objective(team, SHARED)
        org.person("Ravi Patel", "Vice Presidents")
        for n in range(12):
            below = org.objective("Ravi Patel" if n < 5 else TEAMS[n % 7], f"Part {n}")
            org.key_result(below, f"Sign {n + 3} dealers", start_value=0.0,
                           target_value=n + 3.0)
            org.align_up(below, ceo)
        growth = org.objective("Ravi Patel", "Grow revenue")
        org.key_result(growth, "Raise ARR from Xr to Yr", start_value=1.0, target_value=2.0)
        shared["ceo"], shared["growth"] = ceo, growth
    finally:
        org.close()
    return path, shared


def test_shared_titles_come_once_with_every_owner(teams: tuple[Path, dict[str, str]]) -> None:
    path, ids = teams
    findings = check_json(path)
    for code in ("no_key_results", "duplicate_title"):
        found = [f for f in findings if f["code"] == code and SHARED in f["message"]]
        assert len(found) == 1, code
        assert found[0]["owners"] == TEAMS
        assert sorted(found[0]["objective_ids"]) == sorted(ids[team] for team in TEAMS)
        assert f'"{SHARED}" ({", ".join(TEAMS)})' in found[0]["message"]
    for finding in findings:  # every finding about an objective names its owner
        if finding["objective_id"]:
            assert finding["owners"] and all(o in finding["message"] for o in finding["owners"])


def test_objectives_aligned_up_are_not_too_many_key_results(
        teams: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, ids = teams
    assert not [f for f in check_json(path) if f["code"] == "too_many_key_results"]
    copy = tmp_path / "crowded.okr"
    copy.write_bytes(path.read_bytes())
    with Plan.open(copy) as plan:
        for n in range(3):
            ops.add_key_result(plan, ids["ceo"], f"Open {n + 2} showrooms", start_value=0.0,
                               target_value=n + 2.0)
    found = [f for f in check_json(copy) if f["code"] == "too_many_key_results"]
    assert [f["message"] for f in found] == [
        '"Win the region" (Ada Stone) has 6 key results of its own (12 aligned objectives not '
        "counted); keep them to 5 or fewer."]


def test_placeholders_are_caught_and_named(teams: tuple[Path, dict[str, str]]) -> None:
    path, _ids = teams
    result = okrdesk("check", path)
    assert ('placeholder_target: Key result "Raise ARR from Xr to Yr" of "Grow revenue" '
            "(Ravi Patel) has a placeholder instead of a number.") in result.stdout


def test_a_shared_title_asked_for_lists_the_choices(teams: tuple[Path, dict[str, str]],
                                                    tmp_path: Path) -> None:
    path, ids = teams
    result = okrdesk("map", path, "-o", tmp_path / "map.dot", "--focus", SHARED)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (f"okrdesk: error: 7 objectives are called “{SHARED}”; give the id of "
                        "the one you mean:")
    assert sorted(lines[1:]) == sorted(f"  {ids[team]}  {team} (Managers), 2027"
                                       for team in TEAMS)
    assert not list(tmp_path.iterdir())
    chosen = okrdesk("map", path, "-o", tmp_path / "map.dot", "--focus", ids["Team Cedar"])
    assert chosen.returncode == 0, chosen.stderr
    assert "Team Cedar" in (tmp_path / "map.dot").read_text("utf-8")


def test_grouped_findings_are_kept_current(tmp_path: Path) -> None:
    with empty_org(tmp_path / "live.okr") as org:
        org.person("Ada Stone", "C-suite")
        for team in TEAMS[:3]:
            org.person(team, "Managers", kind="team")
        snapshot = org.snapshot()
        live = LiveAnalytics(snapshot)
        assert live.findings(None) == []
        org.plan.subscribe(lambda changes: (snapshot.apply(changes), live.apply(changes)))
        made = [org.objective(team, SHARED) for team in TEAMS[:3]]
        org.key_result(made[1], "Sign 3 dealers", start_value=0.0, target_value=3.0)
        with org.plan.change("Rename") as tx:  # the findings name the new name
            tx.update("units", org.people[TEAMS[0]], name="Team Aspen")
        fresh = quality_findings(org.snapshot(), None)
        assert live.findings(None) == fresh
        empty = next(f for f in fresh if f.code == "no_key_results")
        assert empty.owners == ("Team Aspen", TEAMS[2])
        assert empty.message.startswith(f'"{SHARED}" (Team Aspen, {TEAMS[2]}) has no key')
