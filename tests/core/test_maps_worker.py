"""Graphviz runs in a worker process: its crash or hang is a clear error, never the caller's."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from okrdesk.errors import NotFoundError, PlanFileError
from okrdesk.maps import MapRenderError, MapRequest, MapRequestError, command, render_map
from okrdesk.maps.worker import FAULT_VARIABLE
from tests.core.test_maps_plans import AlignedPlan, aligned_plan


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> AlignedPlan:
    return aligned_plan(tmp_path_factory.mktemp("maps") / "aligned.okr")


def test_a_worker_that_crashes_gives_a_clear_error(aligned: AlignedPlan, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_VARIABLE, "abort")
    out = tmp_path / "map.pdf"
    with pytest.raises(MapRenderError, match=r"Graphviz crashed .*SIGABRT.*plan is unharmed"):
        render_map(aligned.path, MapRequest(cycle="2027"), out)
    assert not out.exists()


def test_a_worker_that_hangs_is_stopped_at_the_time_limit(
        aligned: AlignedPlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_VARIABLE, "hang")
    out = tmp_path / "map.pdf"
    with pytest.raises(MapRenderError, match=r"took longer than 1\.5 seconds and was stopped"):
        render_map(aligned.path, MapRequest(cycle="2027"), out, timeout_s=1.5)
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
    assert os.environ.get(FAULT_VARIABLE) is None
