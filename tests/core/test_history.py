"""The change history kept in the plan file: written with every change set, in its transaction,
bounded, compacted on request, and read safely whatever a hand edit left in it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.errors import OperationRefused, ReadOnlyPlanError
from okrdesk.storage import Plan
from okrdesk.storage.history import (
    KEPT_ENTRIES,
    KEPT_ROWS,
    PRUNE_MARGIN,
    compact_history,
    history_count,
    history_entry,
    read_history,
)
from tests.core.builders import assert_refused, small_org

ROOT = Path(__file__).resolve().parents[2]


def labels(plan: Plan, limit: int = 50) -> list[str]:
    return [item.label for item in read_history(plan, limit)]


def test_operations_undo_and_redo_each_write_an_entry(plan_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OKRDESK_AUTHOR", "Priya")
    with small_org(plan_path) as org:
        objective = org.objective("Alex Chen", "Win Europe")
        before = history_count(org.plan)
        edit = ops.edit_objective(org.plan, objective, title="Win all of Europe")
        assert all(change.table != "history" for change in edit)  # not in the change set
        org.plan.apply(edit.inverse(), history_label="Undo Edit objective")
        org.plan.apply(edit, history_label="Redo Edit objective")
        assert history_count(org.plan) == before + 3
        newest = read_history(org.plan, 3)
        assert [item.label for item in newest] == [
            "Redo Edit objective", "Undo Edit objective", "Edit objective"]
        assert all(item.author == "Priya" and item.readable for item in newest)
        redo, undo, done = newest
        assert done.row_count == 1 and done.kept and done.changes is not None
        (change,) = done.changes
        assert (change.table, change.row_id) == ("objectives", objective)
        assert change.before is not None and change.before["title"] == "Win Europe"
        assert change.after is not None and change.after["title"] == "Win all of Europe"
        assert undo.changes is not None and undo.changes[0].after == change.before
        assert redo.at > undo.at > done.at


def test_undo_never_removes_an_entry_and_history_survives_reopening(plan_path: Path) -> None:
    with small_org(plan_path) as org:
        objective = org.objective("Sam Lee", "Grow EU sales")
        added = read_history(org.plan, 1)[0]
        kr = ops.add_key_result(org.plan, objective, "20 new dealers")
        org.plan.apply(kr.inverse())
        assert labels(org.plan, 3) == [kr.label, kr.label, added.label]
    with Plan.open(plan_path) as plan:
        again = read_history(plan, 3)
        assert [item.label for item in again] == [kr.label, kr.label, added.label]
        assert again[0].changes is not None and again[0].changes[0].after is None
        assert again[2] == added
        assert history_entry(plan, added.sequence) == added


def test_a_refused_operation_leaves_no_entry(plan_path: Path) -> None:
    with small_org(plan_path) as org:
        objective = org.objective("Alex Chen", "Win Europe")
        before = read_history(org.plan)
        assert_refused(org.plan, "title", ops.edit_objective, objective, title="")
        with pytest.raises(OperationRefused), org.plan.change("Half done") as tx:
            tx.insert("levels", rank=40, name="Interns")
            raise OperationRefused("no")
        assert read_history(org.plan) == before


def test_a_large_change_set_keeps_its_label_and_count_only(plan_path: Path) -> None:
    with Plan.create(plan_path) as plan:
        for count in (KEPT_ROWS, KEPT_ROWS + 1):
            with plan.change(f"Add {count} levels") as tx:
                tx.insert_rows("levels", [{"id": f"{count}-{rank:05}", "rank": 10_000 * count
                                           + rank, "name": f"Level {rank}"}
                                          for rank in range(count)])
        large, kept = read_history(plan, 2)
        assert (large.label, large.row_count, large.kept, large.changes) == (
            f"Add {KEPT_ROWS + 1} levels", KEPT_ROWS + 1, False, None)
        assert kept.kept and kept.changes is not None and len(kept.changes) == KEPT_ROWS


def hand_entries(path: Path, count: int, *, at: str = "2020-01-01T00:00:00.{:06d}+00:00",
                 changes: str = "") -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO history (id, created_at, updated_at, at, author, label, row_count, "
            "changes) VALUES (?, '', '', ?, 'someone', ?, 1, ?)",
            [(f"hand-{n}", at.format(n), f"Old change {n}", changes) for n in range(count)])
    connection.close()


def test_the_history_is_pruned_to_the_newest_once_ten_percent_past(plan_path: Path) -> None:
    Plan.create(plan_path).close()
    hand_entries(plan_path, KEPT_ENTRIES + PRUNE_MARGIN - 1)
    with Plan.open(plan_path) as plan:
        with plan.change("Add level") as tx:
            tx.insert("levels", rank=0, name="C-suite")
        assert history_count(plan) == KEPT_ENTRIES + PRUNE_MARGIN  # not past yet
        with plan.change("Add level") as tx:
            tx.insert("levels", rank=1, name="VPs")
        assert history_count(plan) == KEPT_ENTRIES
        entries = read_history(plan, KEPT_ENTRIES + 1, with_changes=False)
        assert [item.label for item in entries[:2]] == ["Add level", "Add level"]
        oldest_kept = KEPT_ENTRIES + PRUNE_MARGIN - 1 - (KEPT_ENTRIES - 2)
        assert entries[-1].label == f"Old change {oldest_kept}"


def test_reading_goes_on_from_an_entry_and_compacting_keeps_the_newest(plan_path: Path) -> None:
    Plan.create(plan_path).close()
    hand_entries(plan_path, 30)
    with Plan.open(plan_path) as plan:
        first = read_history(plan, 10, with_changes=False)
        second = read_history(plan, 10, first[-1])
        assert [item.label for item in first + second] == [
            f"Old change {n}" for n in range(29, 9, -1)]
        assert read_history(plan, 5, "2020-01-01T00:00:00.000003+00:00")[0].label == \
            "Old change 2"
        assert compact_history(plan, keep=4) == 26
        assert labels(plan) == [f"Old change {n}" for n in (29, 28, 27, 26)]
        assert compact_history(plan, keep=4) == 0
    with Plan.open(plan_path, read_only=True) as plan:
        with pytest.raises(ReadOnlyPlanError):
            compact_history(plan)
        assert history_count(plan) == 4


# (at, author, label, row_count, changes) as SQL, what the problem says. Binary data in a
# text column, or text in a number column, make the plan refused when opened (vetting.py).
HOSTILE = (
    ("'2024-01-01T00:00:00+00:00'", "'a'", "'ok'", "1", "'{not json'", "not JSON"),
    ("'2024-01-01T00:00:01+00:00'", "'a'", "'ok'", "1", "'[[1, 2, 3]]'", "not [table"),
    ("'2024-01-01T00:00:02+00:00'", "'a'", "'ok'", "1", "'{\"a\": 1}'", "not a list"),
    ("'yesterday'", "'a'", "'ok'", "1", "''", "time"),
    ("'2024-01-01T00:00:03+00:00'", "'a'", "CAST(x'ff00' AS TEXT)", "1", "''", "UTF-8"),
    ("'2024-01-01T00:00:05+00:00'", "printf('%.*c', 100000, 'x')", "'ok'", "1", "''",
     "too long"),
    ("'2024-01-01T00:00:07+00:00'", "'a'", "'ok'", "-3", "''", "count"),
    ("'2024-01-01T00:00:08+00:00'", "'a'", "'ok'", "1", "'[' || printf('%.*c', 3, '[') || "
     "printf('%.*c', 100000, '[') || ']'", "not JSON"),
)


def test_hand_edited_entries_read_as_unreadable_never_as_an_error(plan_path: Path) -> None:
    with small_org(plan_path) as org:
        org.objective("Alex Chen", "Win Europe")
    connection = sqlite3.connect(plan_path)
    with connection:
        for n, (at, author, label, count, changes, _problem) in enumerate(HOSTILE):
            connection.execute(
                f"INSERT INTO history (id, created_at, updated_at, at, author, label, "
                f"row_count, changes) VALUES ('bad-{n}', '', '', {at}, {author}, {label}, "
                f"{count}, {changes})")
    connection.close()
    with Plan.open(plan_path) as plan:
        entries = {item.id: item for item in read_history(plan, 100)}
        for n, (*_sql, problem) in enumerate(HOSTILE):
            assert problem in entries[f"bad-{n}"].problem, (n, entries[f"bad-{n}"])
            assert history_entry(plan, entries[f"bad-{n}"].sequence) == entries[f"bad-{n}"]
        readable = [item for item in entries.values() if item.readable]
        assert "Add Alex Chen" in {item.label for item in readable}
        assert len(readable) == len(entries) - len(HOSTILE)
        objective = next(iter(plan_objectives(plan)))
        ops.edit_objective(plan, objective, title="Still works")  # writing goes on
        newest = next(item for item in read_history(plan, 5) if item.readable)
        assert newest.label == "Edit objective"


def plan_objectives(plan: Plan) -> list[str]:
    with plan.reading() as connection:
        return [row[0] for row in connection.execute("SELECT id FROM objectives")]


def test_a_read_only_plan_writes_nothing(plan_path: Path) -> None:
    small_org(plan_path).close()
    before = plan_path.read_bytes()
    with Plan.open(plan_path, read_only=True) as plan:
        count = history_count(plan)
        with pytest.raises(ReadOnlyPlanError):
            ops.add_function(plan, "Legal")
        assert history_count(plan) == count
    assert plan_path.read_bytes() == before


WRITER = textwrap.dedent(
    """
    import sys
    from okrdesk.storage import Plan
    plan = Plan.open(sys.argv[1])
    for n in range(100000):
        with plan.change("Add levels %d" % n) as tx:
            tx.insert_rows("levels", [{"id": "%d-%d" % (n, r), "rank": 1000 * n + r,
                                       "name": "Level %d" % n} for r in range(300)])
        print(n + 1, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("after", [1, 4, 9])
def test_a_kill_during_a_change_keeps_both_the_change_and_its_entry_or_neither(
        plan_path: Path, after: int) -> None:
    Plan.create(plan_path).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(plan_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    reported, deadline = 0, time.monotonic() + 60
    while reported < after and time.monotonic() < deadline:
        reported = int(writer.stdout.readline())
    time.sleep(0.002 * after)  # somewhere inside a later change
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    with Plan.open(plan_path) as plan:
        with plan.reading() as connection:
            levels = {row[0]: row[1] for row in connection.execute(
                "SELECT name, count(*) FROM levels GROUP BY name")}
        entries = read_history(plan, 100_000)
    changed = {f"Add levels {name.split()[1]}" for name in levels}
    assert all(count == 300 for count in levels.values())
    assert {item.label for item in entries} == changed
    assert len(changed) >= reported
    assert all(item.row_count == 300 and item.changes is not None
               and len(item.changes) == 300 for item in entries)


def test_the_history_bounds_are_those_of_the_limits() -> None:
    from okrdesk import limits
    from okrdesk.storage import history_reading

    assert history_reading.LONG_TEXT_LENGTH == limits.LONG_TEXT_LENGTH


def test_the_history_command_lists_and_compacts(plan_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from okrdesk.cli import main

    small_org(plan_path).close()
    assert main(["history", str(plan_path), "--limit", "2"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert "the newest 2 of" in listed[0] and "Add Ivy Tran" in listed[1]
    assert main(["history", str(plan_path), "--limit", "1", "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["history"]
    assert entry["label"] == "Add Ivy Tran" and entry["changes"][0][0] == "units"
    assert main(["history", str(plan_path), "--compact", "--keep", "3"]) == 0
    assert capsys.readouterr().out.strip().endswith("3 kept.")
    with Plan.open(plan_path, read_only=True) as plan:
        assert history_count(plan) == 3
