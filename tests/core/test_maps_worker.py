"""Graphviz runs in a worker process: its crash or hang is a clear error, never the caller's."""

from __future__ import annotations

import argparse
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from okrdesk.errors import NotFoundError, PlanFileError
from okrdesk.maps import (
    MapCancelled,
    MapRenderError,
    MapRequest,
    MapRequestError,
    command,
    render_map,
)
from okrdesk.maps.job import WORKER_NAME, Job
from tests.core import failing_map_workers as failing
from tests.core.test_maps_plans import AlignedPlan, aligned_plan

# A crash or a cancel is reported within about a second; the limit leaves room for a busy
# machine while staying far below the 60 s time limit the renders are given.
PROMPT_S = 5.0


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    return aligned_plan(tmp_path_factory.mktemp("maps") / "aligned.okr")


@pytest.mark.parametrize(("worker", "how"), [
    (failing.aborting, "stopped by SIGABRT"), (failing.segfaulting, "stopped by SIGSEGV"),
    (failing.exiting, "exit code 3"),
])
def test_a_worker_that_crashes_gives_a_clear_error_at_once(
        aligned: AlignedPlan, tmp_path: Path, worker: Callable[[Connection, Job], None],
        how: str) -> None:
    render_map(aligned.path, MapRequest(cycle="2027"), tmp_path / "warm.dot")  # worker ready
    out = tmp_path / "map.pdf"
    started = time.monotonic()
    with pytest.raises(MapRenderError, match=rf"Graphviz crashed .*\({how}\).*plan is unharmed"):
        render_map(aligned.path, MapRequest(cycle="2027"), out, timeout_s=60, worker=worker)
    assert time.monotonic() - started < PROMPT_S  # not at the time limit
    assert not out.exists()


def test_cancel_stops_the_worker_process_promptly(aligned: AlignedPlan, tmp_path: Path) -> None:
    cancel = threading.Event()
    outcome: list[BaseException] = []

    def draw() -> None:
        try:
            render_map(aligned.path, MapRequest(cycle="2027"), tmp_path / "map.pdf",
                       timeout_s=60, cancel=cancel, worker=failing.hanging)
        except MapRenderError as error:
            outcome.append(error)

    thread = threading.Thread(target=draw)
    thread.start()
    worker = running_worker()
    cancel.set()
    thread.join(PROMPT_S)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], MapCancelled)
    assert "cancelled" in str(outcome[0])
    assert not process_exists(worker)
    assert not (tmp_path / "map.pdf").exists()


def test_a_cancel_before_the_start_starts_nothing(aligned: AlignedPlan, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(MapCancelled):
        render_map(aligned.path, MapRequest(cycle="2027"), tmp_path / "map.pdf", cancel=cancel)
    assert not [p for p in multiprocessing.active_children() if p.name == WORKER_NAME]


def running_worker(timeout_s: float = 30) -> int:
    """The process id of the map worker this process runs, once it runs."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        workers = [p for p in multiprocessing.active_children() if p.name == WORKER_NAME]
        if workers and workers[0].pid is not None:
            return workers[0].pid
        time.sleep(0.02)
    raise AssertionError("no map worker started")


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_worker_that_hangs_is_stopped_at_the_time_limit(aligned: AlignedPlan,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    with pytest.raises(MapRenderError, match=r"took longer than 1\.5 seconds and was stopped"):
        render_map(aligned.path, MapRequest(cycle="2027"), out, timeout_s=1.5,
                   worker=failing.hanging)
    assert not out.exists()


@pytest.mark.parametrize(("request_", "error", "words"), [
    (MapRequest(cycle="1999"), NotFoundError, "no cycle “1999”"),
    (MapRequest(page="A5"), MapRequestError, "Unknown page size 'A5'"),
    (MapRequest(levels="Directors..1"), MapRequestError, "runs upwards"),
    (MapRequest(levels="4..4", function="Marketing"), MapRenderError, "nothing to draw"),
])
def test_errors_of_the_worker_reach_the_caller_as_the_same_kind(
        aligned: AlignedPlan, tmp_path: Path, request_: MapRequest, error: type[Exception],
        words: str) -> None:
    with pytest.raises(error, match=words):
        render_map(aligned.path, request_, tmp_path / "map.svg")


def test_a_bad_plan_file_or_output_is_a_clear_error(aligned: AlignedPlan,
                                                    tmp_path: Path) -> None:
    text = tmp_path / "notes.okr"
    text.write_text("not a plan", encoding="utf-8")
    with pytest.raises(PlanFileError, match=r"notes\.okr"):
        render_map(text, MapRequest(), tmp_path / "map.pdf")
    with pytest.raises(MapRequestError, match="Cannot tell the map's format"):
        render_map(aligned.path, MapRequest(), tmp_path / "map")
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    with pytest.raises(MapRenderError, match="Cannot write the map"):
        render_map(aligned.path, MapRequest(cycle="2027"), blocked / "map.dot")


def test_the_command_writes_the_map_and_reports_pages(aligned: AlignedPlan, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    out = tmp_path / "map.pdf"
    args = parser.parse_args([str(aligned.path), "-o", str(out), "--cycle", "2027",
                              "--page", "a3", "--landscape", "--focus", "Win Europe"])
    assert command.run(args) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert f"Wrote {out} (1 page)." in capsys.readouterr().out
