"""Opening a plan and reading it take sqlite3 alone: SQLAlchemy and the model load with the
first change (or the warm-up); the plan's lock is seen by another process's.
A large plan's links are checked on a second connection, and its snapshot read while it is
vetted, with the very same outcome."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from okrdesk.errors import PlanFileError
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan, first_read, vetting, warm_up
from okrdesk.storage.connect import Connector
from okrdesk.storage.lock import PlanLock, held_elsewhere, lock_path
from tests.core.plan_states import folder_state
from tests.core.test_storage_hand_edits import REFUSED, REPORTED, SHAPES, edited

HEAVY = ("sqlalchemy", "okrdesk.model.tables", "okrdesk.storage.transaction")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from okrdesk.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_opening_and_reading_a_plan_do_not_load_sqlalchemy(
        demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    out = run(f"""
        import sys
        from okrdesk import ops
        from okrdesk.analytics import LiveAnalytics
        from okrdesk.snapshot import Snapshot
        from okrdesk.storage import Plan
        heavy = {HEAVY!r}
        for read_only in (False, True):
            with Plan.open({str(path)!r}, read_only=read_only) as plan:
                assert plan.read_only is read_only
                with plan.reading() as connection:
                    snapshot = Snapshot.load(connection)
                LiveAnalytics(snapshot)
        print([m for m in heavy if m in sys.modules])
        with Plan.open({str(path)!r}) as plan:  # the first change loads the write path
            ops.add_function(plan, "Legal")
        print([m for m in heavy if m in sys.modules])
    """)
    assert out.splitlines() == ["[]", "['sqlalchemy', 'okrdesk.model.tables', "
                                      "'okrdesk.storage.transaction']"]
    with Plan.open(path) as plan, plan.reading() as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM functions")]
    assert "Legal" in names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.okr"]  # closed: one file


def test_a_reading_inside_a_reading_and_a_change_between_readings(demo: Path,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    with Plan.open(path) as plan:
        with plan.reading() as outer, plan.reading() as inner:
            assert inner is not outer
            count = outer.execute("SELECT count(*) FROM levels").fetchone()[0]
        with plan.change("Add") as tx:
            tx.insert("levels", rank=count, name="Interns")
        with plan.reading() as connection:
            assert connection.execute("SELECT count(*) FROM levels").fetchone()[0] == count + 1


def test_the_warm_up_loads_the_write_path_and_the_engine_waits_for_it(
        demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    out = run(f"""
        import sys
        from okrdesk.storage import Plan, warm_up
        with Plan.open({str(path)!r}) as plan:
            warm_up.start()
            warm_up.start()  # once
            plan.engine  # waits for the warm-up, never imports beside it
            print(all(name in sys.modules for name in warm_up.WRITE_PATH))
    """)
    assert out == "True"
    warm_up.wait()  # nothing started in this process: returns at once


def holding(take: str) -> subprocess.Popen[str]:
    """Another process that takes a lock with `take` (lines of code) and keeps it."""
    code = f"import time\nfrom pathlib import Path\n{take}\nprint('held', flush=True)\n" \
           "time.sleep(60)\n"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_the_plan_lock_and_filelock_see_each_other(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.okr"
    other = holding(f"from filelock import FileLock\n"
                    f"lock = FileLock({str(lock_path(plan_path))!r}, timeout=0, "
                    "thread_local=False)\nlock.acquire()")
    try:
        assert held_elsewhere(plan_path)
        assert not PlanLock(plan_path).acquire()
    finally:
        other.kill()
        other.wait()
    other = holding(f"from okrdesk.storage.lock import PlanLock\n"
                    f"lock = PlanLock(Path({str(plan_path)!r}))\nassert lock.acquire()")
    try:
        assert held_elsewhere(plan_path)
        with pytest.raises(Timeout):
            FileLock(lock_path(plan_path), timeout=0, thread_local=False).acquire(timeout=0)
    finally:
        other.kill()
        other.wait()
    lock = PlanLock(plan_path)  # the holder is gone: the operating system freed its lock
    assert lock.acquire()
    lock.release()
    assert not lock_path(plan_path).exists()


def outcome(path: Path, *, beside: bool) -> str:
    """What vetting says of the plan at `path`: its message, or the problems it opens with."""
    connector = Connector(path, inspect_only=True)
    connection, _clock = connector.open()
    try:
        another = (lambda: connector.open()[0]) if beside else None
        return repr(vetting.vet_connection(connection, path, SCHEMA_VERSION, another=another))
    except PlanFileError as error:
        return f"refused: {error}"
    finally:
        connection.close()


CASES = {**SHAPES, **REFUSED, **REPORTED}


@pytest.mark.parametrize("case", sorted(CASES))
def test_links_checked_beside_the_rest_give_the_same_outcome(
        demo: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = edited(demo, tmp_path, CASES[case][0])
    alone = outcome(path, beside=False)
    monkeypatch.setattr(vetting, "LINKS_BESIDE_FROM_BYTES", 0)
    assert outcome(path, beside=True) == alone
    if case not in REFUSED:  # (text that is not UTF-8 is found when reading meets it)
        assert CASES[case][1] in alone


def test_a_damaged_large_plan_is_refused_the_same_way_beside(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "damaged.okr"
    data = bytearray(demo.read_bytes())
    page = 4096
    data[3 * page:4 * page] = bytes(range(256)) * (page // 256)  # a page of noise
    path.write_bytes(bytes(data))
    alone = outcome(path, beside=False)
    monkeypatch.setattr(vetting, "LINKS_BESIDE_FROM_BYTES", 0)
    assert outcome(path, beside=True) == alone
    assert alone.startswith("refused: ")


def test_a_plan_opens_with_its_links_checked_beside(demo: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vetting, "LINKS_BESIDE_FROM_BYTES", 0)
    (tmp_path / "loop").mkdir()
    path = edited(demo, tmp_path / "loop", REPORTED["alignment loop"][0])
    for read_only in (False, True):
        with Plan.open(path, read_only=read_only) as plan:
            assert any("in a loop" in problem for problem in plan.problems)
    with pytest.raises(PlanFileError, match="binary data"):
        Plan.open(edited(demo, tmp_path, REFUSED["binary title"][0]))
    assert sqlite3.connect(path).execute("PRAGMA quick_check").fetchone() == ("ok",)


def opened(path: Path, **options: object) -> tuple[str, Plan | None]:
    """What Plan.open says of the plan at `path`: its refusal, or its problems (and the plan,
    open)."""
    try:
        plan = Plan.open(path, **options)  # type: ignore[arg-type]
    except PlanFileError as error:
        return f"refused: {error}", None
    return repr(plan.problems), plan


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_plan_read_while_vetted_opens_as_it_did_with_the_same_snapshot(
        demo: Path, tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = edited(demo, tmp_path, CASES[case][0])
    alone, plan = opened(path)
    if plan is not None:
        plan.close()
    before = folder_state(tmp_path)
    monkeypatch.setattr(first_read, "READ_BESIDE_FROM_BYTES", 0)
    monkeypatch.setattr(vetting, "LINKS_BESIDE_FROM_BYTES", 0)
    beside, plan = opened(path, first_read=Snapshot.load)
    assert beside == alone
    if plan is None:
        assert folder_state(tmp_path) == before  # refused: nothing written beside it
        return
    with plan:
        first = plan.first_reading
        try:
            with plan.reading() as connection:
                again = Snapshot.load(connection)
        except PlanFileError:  # text that is not UTF-8: the first reading was dropped
            assert first is None and case in REFUSED
            return
        assert isinstance(first, Snapshot) and first == again


def test_a_small_or_older_plan_is_read_after_it_is_vetted(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.okr"
    path.write_bytes(demo.read_bytes())
    assert path.stat().st_size < first_read.READ_BESIDE_FROM_BYTES
    with Plan.open(path, first_read=Snapshot.load) as plan:
        assert plan.first_reading is None  # the window reads it the usual way
    assert not first_read.reads_beside(path, 2)
