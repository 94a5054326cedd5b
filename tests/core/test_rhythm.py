"""The rhythm of a cycle: dating check-ins, low confidence, staleness by cadence, and the
status expected from the share of a cycle gone."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from okrdesk import cli, clock, ops
from okrdesk.check_ins import check_in_history, last_check_in_times, last_check_ins
from okrdesk.model import Status
from okrdesk.rulebook.rhythm import (
    CADENCES,
    cadence_of,
    days_without_check_in,
    elapsed_share,
    expected_status,
    stale_key_results,
)
from tests.core.builders import Org, assert_refused, small_org, table_dump


def _on(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


@pytest.fixture
def org(tmp_path: Path) -> Org:
    with small_org(tmp_path / "plan.okr") as made:
        yield made


def test_a_check_in_is_back_dated_within_its_cycle(
        org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    _on(monkeypatch, date(2027, 2, 15))
    grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    kr = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
    ops.record_check_in(org.plan, kr, value=5, at="2027-01-01")
    ops.record_check_in(org.plan, kr, value=9, at="2027-02-10T08:30:00+01:00")
    ops.record_check_in(org.plan, kr, value=12, at="2027-02-15")
    history = check_in_history(org.plan, kr)
    assert [entry.value for entry in history] == [12.0, 9.0, 5.0]
    assert history[-1].at == "2027-01-01T12:00:00.000000+00:00"  # a day alone: noon UTC
    assert history[1].at == "2027-02-10T08:30:00+01:00"
    assert last_check_ins(org.plan)[kr].value == 12.0
    assert org.row("key_results", kr)["current_value"] == 12.0


def test_a_check_in_is_never_in_the_future_nor_before_its_cycle(
        org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    _on(monkeypatch, date(2027, 2, 15))
    grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    kr = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
    before = table_dump(org.plan)
    assert_refused(org.plan, r"dated in the future: 2027-02-16 is after today \(2027-02-15\)",
                   ops.record_check_in, kr, value=1, at="2027-02-16")
    assert_refused(org.plan, "in the future", ops.record_check_in, kr, value=1,
                   at="2027-03-01T00:00:00+00:00")
    assert_refused(org.plan, "back-dated within its cycle 2027-Q1, which starts on 2027-01-01",
                   ops.record_check_in, kr, value=1, at="2026-12-31")
    assert table_dump(org.plan) == before
    assert ops.record_check_in(org.plan, kr, value=1, at="2027-02-14", today=date(2027, 2, 14))


def test_the_backlog_takes_any_past_day_and_today_is_always_a_day(
        org: Org, monkeypatch: pytest.MonkeyPatch) -> None:
    _on(monkeypatch, date(2026, 11, 30))  # before the year 2027 starts
    someday = org.objective("Sam Lee", "Open in Asia", cycle="Backlog")
    kr = org.key_result(someday, "Offices", start_value=0, target_value=2)
    ops.record_check_in(org.plan, kr, value=1, at="2001-05-01")
    grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    ahead = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
    ops.record_check_in(org.plan, ahead, confidence=0.6, at="2026-11-30")
    ops.record_check_in(org.plan, ahead, confidence=0.7)
    assert_refused(org.plan, "starts on 2027-01-01", ops.record_check_in, ahead, value=1,
                   at="2026-11-29")


def test_a_low_confidence_needs_a_note(org: Org) -> None:
    grow = org.objective("Sam Lee", "Grow EU sales")
    kr = org.key_result(grow, "Sign partners", start_value=0, target_value=40)
    assert_refused(org.plan, r"low confidence \(3/10, 3/10 or less\) needs a note",
                   ops.record_check_in, kr, value=4, confidence=0.3)
    assert_refused(org.plan, "needs a note", ops.record_check_in, kr, confidence=0.0,
                   note="   ")
    ops.record_check_in(org.plan, kr, confidence=0.3, note="Legal is slow")
    ops.record_check_in(org.plan, kr, value=5, confidence=0.4)
    assert org.row("key_results", kr)["confidence"] == 0.4  # a fraction, as stored before


def test_the_cadence_is_a_checked_plan_setting(org: Org) -> None:
    assert cadence_of(org.snapshot()) == "weekly"
    ops.set_settings(org.plan, {"check_in_cadence": "fortnightly"})
    assert cadence_of(org.snapshot()) == "fortnightly"
    assert_refused(org.plan, "check-in cadence must be one of weekly, fortnightly, monthly",
                   ops.set_settings, {"check_in_cadence": "daily"})
    assert CADENCES == {"weekly": 7, "fortnightly": 14, "monthly": 30}


def _stale_plan(org: Org, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Key results of 2027-Q1 last checked in 3, 10 and 26 days before 2027-02-15, one never,
    one standing for an objective, and one each in 2027-Q2 and the backlog."""
    _on(monkeypatch, date(2027, 2, 15))
    win = org.objective("Alex Chen", "Win Europe", cycle="2027-Q1")
    later = org.objective("Alex Chen", "Win Asia", cycle="2027-Q2")
    someday = org.objective("Alex Chen", "Win the moon", cycle="Backlog")
    grow = org.objective("Sam Lee", "Grow EU sales", cycle="2027-Q1")
    krs = {name: org.key_result(win, name, start_value=0, target_value=10)
           for name in ("fresh", "ten days", "26 days", "never")}
    krs["later"] = org.key_result(later, "later", start_value=0, target_value=10)
    krs["backlog"] = org.key_result(someday, "backlog", start_value=0, target_value=10)
    krs["stand-in"] = org.align_up(grow, win)
    for name, day in (("fresh", "2027-02-12"), ("ten days", "2027-02-05"),
                      ("26 days", "2027-01-20")):
        ops.record_check_in(org.plan, krs[name], value=1, at=day)
    return krs


@pytest.mark.parametrize(("cadence", "stale"), [
    ("weekly", {"ten days", "26 days", "never", "made later"}),
    ("fortnightly", {"26 days", "never"}),
    ("monthly", {"never"}),  # never checked in: counted from the cycle's first day, 45 days
])
def test_staleness_follows_the_cadence(org: Org, monkeypatch: pytest.MonkeyPatch, cadence: str,
                                       stale: set[str]) -> None:
    krs = _stale_plan(org, monkeypatch)
    ops.set_settings(org.plan, {"check_in_cadence": cadence})
    snapshot = org.snapshot()
    # creation times as if made before the quarter, and one made on 2027-02-03 (12 days ago)
    for kr_id in krs.values():
        snapshot.key_results[kr_id].created_at = "2026-11-02T10:00:00.000000+00:00"
    made_later = org.key_result(snapshot.key_results[krs["never"]].objective_id, "made later")
    snapshot = org.snapshot()
    for kr_id in krs.values():
        snapshot.key_results[kr_id].created_at = "2026-11-02T10:00:00.000000+00:00"
    snapshot.key_results[made_later].created_at = "2027-02-03T10:00:00.000000+00:00"
    krs["made later"] = made_later
    found = stale_key_results(snapshot, last_check_in_times(org.plan), date(2027, 2, 15))
    assert {name for name, kr_id in krs.items() if kr_id in found} == stale


def test_no_key_result_is_stale_outside_its_cycle(org: Org,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    krs = _stale_plan(org, monkeypatch)
    snapshot = org.snapshot()
    last = last_check_in_times(org.plan)
    assert stale_key_results(snapshot, last, date(2026, 12, 31)) == set()  # not started
    assert stale_key_results(snapshot, last, date(2027, 4, 8)) == set()  # Q2: a week old
    assert stale_key_results(snapshot, last, date(2027, 4, 9)) == {krs["later"]}
    assert days_without_check_in(snapshot, krs["ten days"], last[krs["ten days"]],
                                 date(2027, 2, 15)) == 10
    assert days_without_check_in(snapshot, krs["backlog"], None, date(2027, 2, 15)) is None
    q1 = next(c for c in snapshot.cycles.values() if c.name == "2027-Q1")
    q1.closed_at = "2027-03-31T18:00:00+00:00"  # a closed cycle asks for no check-ins
    assert stale_key_results(snapshot, last, date(2027, 2, 15)) == set()


def _quarter(org: Org) -> object:
    snapshot = org.snapshot()
    return next(c for c in snapshot.cycles.values() if c.name == "2027-Q1")


@pytest.mark.parametrize(("day", "elapsed", "progress", "status"), [
    (date(2027, 1, 1), 0.0, 0.0, Status.ON_TRACK),  # at the start everything is on track
    (date(2026, 12, 1), 0.0, 0.0, Status.ON_TRACK),
    (date(2027, 2, 15), 45 / 89, 0.42, Status.ON_TRACK),
    (date(2027, 2, 15), 45 / 89, 0.30, Status.AT_RISK),
    (date(2027, 2, 15), 45 / 89, 0.20, Status.OFF_TRACK),
    (date(2027, 3, 31), 1.0, 0.9, Status.ON_TRACK),  # at the end: 0.9 is within 0.1
    (date(2027, 3, 31), 1.0, 0.75, Status.AT_RISK),
    (date(2027, 3, 31), 1.0, 0.69, Status.OFF_TRACK),
    (date(2027, 5, 1), 1.0, 1.0, Status.ON_TRACK),
])
def test_the_expected_status_follows_the_share_of_the_cycle_gone(
        org: Org, day: date, elapsed: float, progress: float, status: Status) -> None:
    quarter = _quarter(org)
    assert elapsed_share(quarter, day) == pytest.approx(elapsed)  # type: ignore[arg-type]
    assert expected_status(progress, quarter, day) == status  # type: ignore[arg-type]


def test_a_cycle_without_dates_expects_nothing(org: Org) -> None:
    backlog = next(c for c in org.snapshot().cycles.values() if c.name == "Backlog")
    assert elapsed_share(backlog, date(2027, 2, 15)) is None
    assert expected_status(0.5, backlog, date(2027, 2, 15)) is None


def test_check_lists_stale_key_results_and_expected_statuses(
        org: Org, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    krs = _stale_plan(org, monkeypatch)
    win = org.snapshot().key_results[krs["fresh"]].objective_id
    ops.edit_objective(org.plan, win, status="on_track")
    path = org.plan.path
    org.plan.close()
    assert cli.main(["check", str(path), "--cycle", "2027-Q1"]) == 0
    text = capsys.readouterr().out
    assert ("Stale key results (no check-in within the weekly cadence, today 2027-02-15): 3"
            in text)
    assert "  “26 days” of “Win Europe” (Alex Chen, C-suite): 26 days without a check-in" in text
    assert "“fresh”" not in text.split("Stale key results")[1].split("Expected")[0]
    # Win Europe: 1 of 10 on three of five key results (the stand-in counts 0): 6% done
    assert "Expected status by date: 0 on track, 0 at risk, 2 off track" in text
    assert ("  off track “Win Europe” (Alex Chen, C-suite): 6% done, 51% of 2027-Q1 gone; "
            "set by hand: on track") in text
    assert cli.main(["check", str(path), "--cycle", "2027-Q1", "--json"]) == 0
    rhythm = json.loads(capsys.readouterr().out)["rhythm"]
    assert rhythm["cadence"] == "weekly"
    assert {s["title"] for s in rhythm["stale_key_results"]} == {"ten days", "26 days", "never"}
    assert rhythm["expected_status"]["counts"] == {"on_track": 0, "at_risk": 0, "off_track": 2}
