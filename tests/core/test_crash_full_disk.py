"""A disk that fills up during a session: operations fail with StorageError, nothing reported
done is lost, and the plan opens and takes changes once there is room again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan
from tests.core.crash_harness import Session, missing_rows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def test_a_full_disk_refuses_changes_and_loses_nothing(tmp_path: Path) -> None:
    path = generate_plan(tmp_path / "full.okr", 60, seed=3)
    # The process may write no file larger than the plan plus a little: its log fills up.
    session = Session(path, seed=5, mode="random", size_limit=path.stat().st_size + 48_000)
    while session.read_line() != "ready":
        pass
    while len(session.refusals) < 3:
        session.read_line()
    session.kill()

    assert session.operations > 0
    assert all("disk is full" in refusal or "read or write error" in refusal
               for refusal in session.refusals), session.refusals
    assert all("Traceback" not in refusal for refusal in session.refusals)
    with Plan.open(path) as plan:  # the limit is gone with the process: there is room again
        assert missing_rows(plan, session.done, session.pending) == []
        with plan.read() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            owner, cycle = connection.exec_driver_sql(
                "SELECT owner_id, cycle_id FROM objectives LIMIT 1").one()
        ops.create_objective(plan, owner, cycle, "Written once there was room")
