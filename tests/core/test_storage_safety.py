"""Crash safety, locking, transactions, undo by inverse, and the query time limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import fields
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from okrdesk.errors import ReadOnlyPlanError, StaleChangeError
from okrdesk.model import TABLES
from okrdesk.snapshot import ROW_CLASSES
from okrdesk.storage import Plan, engine


def level_count(plan: Plan) -> int:
    with plan.read() as connection:
        return int(connection.exec_driver_sql("SELECT count(*) FROM levels").scalar_one())


WRITER = textwrap.dedent(
    """
    import sys
    from okrdesk.storage import Plan
    plan = Plan.open(sys.argv[1])
    for rank in range(100000):
        with plan.change("Add level") as tx:
            tx.insert("levels", rank=rank, name="Level %d" % rank)
        print(rank + 1, flush=True)
    """
)


def test_a_killed_writer_loses_nothing_it_reported_done(plan_path: Path) -> None:
    Plan.create(plan_path).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(plan_path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    reported = 0
    deadline = time.monotonic() + 60
    while reported < 40 and time.monotonic() < deadline:
        reported = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert reported >= 40

    with Plan.open(plan_path) as plan:  # the lock died with the process
        assert not plan.read_only
        assert level_count(plan) >= reported
        with plan.read() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_failed_operation_changes_nothing(plan_path: Path) -> None:
    with Plan.create(plan_path) as plan:
        with pytest.raises(ZeroDivisionError), plan.change("Half done") as tx:
            tx.insert("levels", rank=0, name="C-suite")
            raise ZeroDivisionError
        assert level_count(plan) == 0


def test_inverse_restores_exactly_and_stale_replays_are_refused(plan_path: Path) -> None:
    with Plan.create(plan_path) as plan:
        with plan.change("Add") as tx:
            level = tx.insert("levels", rank=0, name="C-suite")
        added = tx.changeset()
        with plan.change("Rename") as tx:
            tx.update("levels", level["id"], name="Executives")
        renamed = tx.changeset()

        with pytest.raises(StaleChangeError):
            plan.apply(added.inverse())  # the row is no longer as it was added
        plan.apply(renamed.inverse())
        plan.apply(added.inverse())
        assert level_count(plan) == 0
        plan.apply(added)
        plan.apply(renamed)
        with plan.read() as connection:
            row = connection.exec_driver_sql("SELECT * FROM levels").mappings().one()
        assert dict(row) == renamed.rows[0].after


def test_listeners_hear_each_committed_change(plan_path: Path) -> None:
    heard = []
    with Plan.create(plan_path) as plan:
        plan.subscribe(heard.append)
        with plan.change("Add") as tx:
            tx.insert("levels", rank=0, name="C-suite")
        with pytest.raises(RuntimeError), plan.change("Fails") as tx:
            tx.insert("levels", rank=1, name="VPs")
            raise RuntimeError
    assert [changes.label for changes in heard] == ["Add"]


def test_second_opening_is_read_only_with_a_reason(plan_path: Path) -> None:
    first = Plan.create(plan_path)
    second = Plan.open(plan_path)
    try:
        assert second.read_only
        assert "another window" in second.read_only_reason
        with pytest.raises(ReadOnlyPlanError, match="another window"), second.change("Edit"):
            pass
        with first.change("Add") as tx:
            tx.insert("levels", rank=0, name="C-suite")
        assert level_count(second) == 1  # it still sees the writer's changes
    finally:
        second.close()
        first.close()
    with Plan.open(plan_path) as third:
        assert not third.read_only


def test_a_closed_plan_is_one_self_contained_file(plan_path: Path) -> None:
    with Plan.create(plan_path) as plan, plan.change("Add") as tx:
        tx.insert("levels", rank=0, name="C-suite")
    assert sorted(p.name for p in plan_path.parent.iterdir()) == [plan_path.name]


def test_runaway_queries_are_interrupted(plan_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "QUERY_TIME_LIMIT_S", 0.2)
    with Plan.create(plan_path) as plan, plan.read() as connection:
        started = time.monotonic()
        with pytest.raises(OperationalError, match="interrupted"):
            connection.exec_driver_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                "SELECT count(*) FROM n"
            ).scalar()
        assert time.monotonic() - started < 5


def test_snapshot_rows_mirror_the_tables() -> None:
    for row_class in ROW_CLASSES:
        table = TABLES[row_class.table].__table__
        assert {f.name for f in fields(row_class)} == {c.name for c in table.columns}


def test_nested_changes_commit_as_one_and_are_heard_once(plan_path: Path) -> None:
    heard = []
    with Plan.create(plan_path) as plan:
        plan.subscribe(heard.append)
        with plan.change("Gesture") as gesture:
            with plan.change("First") as first:
                first.insert("levels", rank=0, name="C-suite")
            with plan.change("Second") as second:
                second.insert("levels", rank=1, name="VPs")
            assert len(first.changeset().rows) == 1
        assert [c.label for c in heard] == ["Gesture"]
        assert len(gesture.changeset().rows) == 2

        with pytest.raises(RuntimeError), plan.change("Broken gesture"):
            with plan.change("Inner") as inner:
                inner.insert("levels", rank=2, name="Directors")
            raise RuntimeError
        assert level_count(plan) == 2
