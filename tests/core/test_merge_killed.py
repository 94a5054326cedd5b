"""A merge killed mid-way (SIGKILL) leaves the plan as it was or fully merged, never between,
and the plan opens cleanly after it.

A child process opens the plan and the draft, says it is ready, and merges when told to. It is
killed at moments spread over the merge (measured first in a run nobody kills), and at moments
inside the commit itself: a listener on the plan's commit starts a timer that kills the
process from another thread while SQLite writes (sqlite3 lets go of the interpreter lock then).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import suppress
from pathlib import Path

from okrdesk import ops
from okrdesk.storage import Plan
from tests.core.merge_fixtures import plan_rows, plan_with_draft

MERGER = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    from sqlalchemy import event
    from okrdesk import ops
    from okrdesk.storage import Plan

    plan_path, draft_path, at_commit, delay = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    plan, draft = Plan.open(plan_path), Plan.open(draft_path)

    def kill_soon(*_args):
        if float(delay) == 0:
            os.kill(os.getpid(), signal.SIGKILL)  # all written, nothing committed
        threading.Timer(float(delay), os.kill, (os.getpid(), signal.SIGKILL)).start()

    if at_commit == "yes":
        event.listen(plan.engine, "commit", kill_soon)
    import okrdesk.storage.transaction  # loaded now: the kills land in the merge itself
    ops.review_merge(plan, draft)
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.perf_counter()
    ops.merge_draft(plan, draft, {})
    print("merged", time.perf_counter() - started, flush=True)
    """
)
# Kill moments, as fractions of an uncut merge's time (0: right away; past 1 the merge may
# have ended, the child's pipe being slower than its work), and delays after the commit has
# started (0: before SQLite is asked to commit).
DURING = (0.0, 0.5, 0.9, 1.2, 2.0)
IN_COMMIT = (0.0, 0.0005, 0.003)


def merge_in_child(plan: Path, draft: Path, *, at_commit: bool,
                   delay: float | None) -> str | None:
    """Run the merge in a child killed `delay` s after it starts (or after its commit starts;
    None: not killed); the child's last line ("merged <seconds>") if it was not killed in
    time."""
    child = subprocess.Popen(
        [sys.executable, "-c", MERGER, str(plan), str(draft), "yes" if at_commit else "no",
         str(delay or 0)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdin is not None and child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    if not at_commit and delay is not None:
        if delay:
            with suppress(subprocess.TimeoutExpired):
                child.wait(timeout=delay)
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
    out = child.stdout.read()
    child.wait(timeout=30)
    child.stdout.close()
    child.stdin.close()
    return out.strip() or None


def test_a_killed_merge_leaves_the_plan_as_it_was_or_merged(tmp_path: Path) -> None:
    setup = plan_with_draft(tmp_path)
    for number in range(12):
        ops.record_check_in(setup.draft, setup.ids["kim_kr"], value=float(number))
    ops.edit_objective(setup.draft, setup.ids["kim"], title="Open Baltic offices")
    ops.add_key_result(setup.draft, setup.ids["lee"], "First-time fixes", target_value=90)
    ops.delete_key_result(setup.draft, setup.ids["lee_kr"])
    setup.close()
    plan_bytes, draft = setup.plan.path.read_bytes(), setup.draft.path
    before = plan_rows(setup.plan.path)

    def fresh(name: str) -> Path:
        path = tmp_path / f"{name}.okr"
        path.write_bytes(plan_bytes)
        return path

    uncut = fresh("uncut")
    finished = merge_in_child(uncut, draft, at_commit=False, delay=None)
    assert finished is not None and finished.startswith("merged")
    seconds = float(finished.split()[1])
    merged = plan_rows(uncut)
    assert merged != before

    seen = []
    cases = [(False, fraction * seconds) for fraction in DURING] + \
            [(True, delay) for delay in IN_COMMIT]
    for number, (at_commit, delay) in enumerate(cases):
        path = fresh(f"killed{number}")
        finished = merge_in_child(path, draft, at_commit=at_commit, delay=delay)
        with Plan.open(path) as plan:  # the lock died with the process
            assert not plan.read_only and plan.problems == ()
            with plan.reading() as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        now = plan_rows(path)
        assert now in (before, merged), f"half merged (killed at {delay:.4f} s)"
        assert finished is None or now == merged  # a merge it reported done is kept
        seen.append("merged" if now == merged else "as it was")
    assert "as it was" in seen, seen

