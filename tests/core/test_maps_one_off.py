"""A one-off `okrdesk map` starts light: its worker is forked from the command itself (no fork
server), neither process loads SQLAlchemy or Qt, and a crash in the worker is still caught."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from okrdesk.maps import MapRenderError, MapRequest, render_map
from okrdesk.maps.job import Job
from okrdesk.processes import forking_here, worker_context
from tests.core import failing_map_workers as failing
from tests.core.test_maps_plans import AlignedPlan, aligned_plan

PROMPT_S = 5.0
NEVER_LOADED = ("sqlalchemy", "PySide6", "filelock", "okrdesk.model.tables")


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    return aligned_plan(tmp_path_factory.mktemp("maps") / "aligned.okr")


def telling_its_parent(connection: Connection, _job: Job) -> None:
    connection.send({"error": "MapRenderError", "message": f"parent {os.getppid()}"})


def test_the_map_workers_modules_load_neither_sqlalchemy_nor_qt() -> None:
    code = ("import sys, okrdesk.maps.worker; "
            f"print([m for m in {NEVER_LOADED!r} if m in sys.modules])")
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout.strip()
    assert loaded == "[]"


def test_okrdesk_map_loads_neither_sqlalchemy_nor_qt_in_any_process(aligned: AlignedPlan,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    command = [sys.executable, "-X", "importtime", "-c",
               "import sys; from okrdesk_ui.launcher import main; sys.exit(main())",
               "map", str(aligned.path), "-o", str(out), "--cycle", "2027"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF")
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert "okrdesk.maps.worker" in imported  # the worker's imports are in the record
    assert "multiprocessing.forkserver" not in imported  # no fork server was started
    assert not {name for name in imported if name.split(".")[0] in NEVER_LOADED}


def test_inside_forking_here_workers_are_forked_from_this_process(aligned: AlignedPlan,
                                                                  tmp_path: Path) -> None:
    with forking_here():
        assert worker_context().get_start_method() == "fork"
        with pytest.raises(MapRenderError, match=f"parent {os.getpid()}$"):
            render_map(aligned.path, MapRequest(cycle="2027"), tmp_path / "map.pdf",
                       worker=telling_its_parent)
    assert worker_context().get_start_method() != "fork"  # only inside the block


@pytest.mark.parametrize(("worker", "how"), [
    (failing.aborting, "stopped by SIGABRT"), (failing.segfaulting, "stopped by SIGSEGV"),
])
def test_a_forked_worker_that_crashes_gives_a_clear_error(
        aligned: AlignedPlan, tmp_path: Path, worker: Callable[[Connection, Job], None],
        how: str) -> None:
    out = tmp_path / "map.pdf"
    started = time.monotonic()
    with forking_here(), \
            pytest.raises(MapRenderError, match=rf"Graphviz crashed .*\({how}\)"):
        render_map(aligned.path, MapRequest(cycle="2027"), out, timeout_s=60, worker=worker)
    assert time.monotonic() - started < PROMPT_S
    assert not out.exists()
    assert multiprocessing.active_children() == []
