"""`okrdesk map` killed mid-render leaves no process behind and writes no file (Linux: the
processes are read from /proc)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrdesk.synthetic import generate_plan

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

PEOPLE = 800  # a map of this plan takes several seconds to draw
GONE_WITHIN_S = 5.0


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_plan(tmp_path_factory.mktemp("large") / "large.okr", PEOPLE)


def parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


def descendants(root: int) -> set[int]:
    parents = {int(p.name): parent_of(int(p.name)) for p in Path("/proc").iterdir()
               if p.name.isdigit()}
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_map_command_killed_mid_render_leaves_no_process_and_no_file(
        large_plan: Path, tmp_path: Path, how: signal.Signals) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    messages = tmp_path / "messages.txt"
    with messages.open("wb") as stream:
        caller = subprocess.Popen(
            [sys.executable, "-m", "okrdesk", "map", str(large_plan), "-o", str(maps / "map.pdf"),
             "--cycle", "2027"], stdout=stream, stderr=stream, start_new_session=True)
    try:
        family = wait_for_worker(caller.pid)
        time.sleep(1.0)  # well into drawing the pages
        assert caller.poll() is None, "the map was drawn before it could be stopped"
        caller.send_signal(how)
        caller.wait(GONE_WITHIN_S)
        deadline = time.monotonic() + GONE_WITHIN_S
        while any(running(pid) for pid in family) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in family if running(pid)]
        time.sleep(2.0)  # a worker left running would write the map by now
        assert list(maps.iterdir()) == []
        assert "Traceback" not in messages.read_text("utf-8", "replace")
    finally:
        if caller.poll() is None:
            caller.kill()
            caller.wait()


def wait_for_worker(caller: int, timeout_s: float = 30) -> set[int]:
    """The caller's helper processes, once its map worker runs: forked from the caller itself
    (a child with the caller's command line), or a grandchild from a fork server."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        family = descendants(caller)
        if any(parent_of(pid) in family or command_line(pid) == command_line(caller)
               for pid in family):
            return family
        time.sleep(0.05)
    raise AssertionError("no map worker started")


def command_line(pid: int) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
