"""The commands that write files (export, import, map) against traps, races and kills: the
target is always absent, the old file or a complete new one, and nothing else is left but
dot-named temporaries."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader

from okrdesk import cli
from okrdesk.errors import OkrDeskError
from okrdesk.interchange import export_plan, import_plan, write_export
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

RUNS = 16
KILLS = 6


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A plan of 300 people and its JSON export."""
    folder = tmp_path_factory.mktemp("sources")
    plan = generate_plan(folder / "big.okr", 300, seed=1)
    return plan, write_export(plan, folder / "big.json")


def others(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "okrdesk", *map(str, args)]


# -- symlinks at the names temporaries used to have ----------------------------------------


def test_symlinks_beside_the_outputs_redirect_no_write(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, document = sources
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    traps = [f"{prefix}{name}{suffix}"
             for name in ("out.json", "map.pdf", "new.okr")
             for prefix in ("", ".")
             for suffix in (".writing", ".building", ".building-wal", ".building.creating",
                            ".saving", ".tmp", ".lock", "-wal", "-shm")]
    for trap in traps:
        (tmp_path / trap).symlink_to(victim)
    assert cli.main(["export", str(plan), "-o", str(tmp_path / "out.json")]) == 0
    assert cli.main(["map", str(plan), "-o", str(tmp_path / "map.pdf"), "--levels", "..2"]) == 0
    assert cli.main(["import", str(document), "-o", str(tmp_path / "new.okr")]) == 0
    assert victim.read_text(encoding="utf-8") == "precious"
    assert json.loads((tmp_path / "out.json").read_text("utf-8"))["format"]
    assert len(PdfReader(tmp_path / "map.pdf").pages) > 1
    assert export_plan(tmp_path / "new.okr") == export_plan(plan)


# -- outputs that would destroy something ----------------------------------------------------


def test_outputs_onto_plans_their_companions_or_the_input_are_refused(
        sources: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, document = sources
    here = tmp_path / "plan.okr"
    here.write_bytes(plan.read_bytes())
    named_like_a_map = tmp_path / "X.pdf"
    named_like_a_map.write_bytes(plan.read_bytes())
    json_copy = tmp_path / "copy.json"
    json_copy.write_bytes(document.read_bytes())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    refused = [
        (["export", here, "-o", tmp_path / "plan.okr.lock"], "belongs to plan.okr"),
        (["export", here, "-o", tmp_path / "plan.okr-wal"], "belongs to plan.okr"),
        (["map", here, "-o", named_like_a_map], "X.pdf: is an OKR Desk plan"),
        (["map", named_like_a_map, "-o", named_like_a_map], "is the input file itself"),
        (["map", here, "-o", tmp_path / "plan.okr-shm.pdf", "--levels", "..1"], ""),  # a new name
        (["import", json_copy, "-o", json_copy, "--force"], "is the input file itself"),
        (["import", json_copy, "-o", tmp_path / "plan.okr.lock", "--force"], "belongs to"),
    ]
    for args, message in refused:
        status = cli.main([str(a) for a in args])
        error = capsys.readouterr().err
        if not message:
            assert status == 0
            continue
        assert status == 1, args
        assert message in error and "Traceback" not in error
        assert len(error.strip().splitlines()) == 1
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before}
    assert after == before
    assert others(tmp_path, *before) == ["plan.okr-shm.pdf"]


# -- two imports to one path at once -----------------------------------------------------------


def _race(calls: list[Callable[[], object]]) -> list[BaseException | None]:
    start = threading.Barrier(len(calls))
    outcomes: list[BaseException | None] = [None] * len(calls)

    def run(index: int) -> None:
        start.wait()
        try:
            calls[index]()
        except BaseException as error:  # the outcome is what is tested
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_imports_to_one_path_both_finish_with_a_valid_plan(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, document = sources
    expected = export_plan(plan)
    for run in range(RUNS):
        target = tmp_path / f"race-{run}.okr"
        if run % 2:
            target.write_bytes(b"")  # an earlier file to replace
        outcomes = _race([partial(import_plan, document, target, overwrite=True)] * 2)
        assert outcomes == [None, None], f"run {run}: {outcomes}"
        assert export_plan(target) == expected
    assert others(tmp_path) == sorted(f"race-{run}.okr" for run in range(RUNS))


def test_of_two_imports_without_replacing_exactly_one_writes(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, document = sources
    for run in range(RUNS):
        target = tmp_path / f"race-{run}.okr"
        outcomes = _race([partial(import_plan, document, target)] * 2)
        failures = [o for o in outcomes if o is not None]
        assert len(failures) == 1, f"run {run}: {outcomes}"
        assert isinstance(failures[0], OkrDeskError)
        assert "already exists" in str(failures[0])
        assert export_plan(target) == export_plan(plan)
    assert len(others(tmp_path)) == RUNS


# -- killed or interrupted ---------------------------------------------------------------------


def _duration(args: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    return time.monotonic() - started


def _kill_at_random_points(args: list[str], target: Path, keep: tuple[str, ...],
                           is_whole: Callable[[Path], bool], seed: int) -> set[str]:
    """Kill the command (and any worker of it) at random moments; check what is left."""
    outcomes: set[str] = set()
    old = target.read_bytes() if target.exists() else None
    duration = _duration(args)
    target.unlink()
    if old is not None:
        target.write_bytes(old)
    rng = random.Random(seed)
    for _ in range(KILLS):
        process = subprocess.Popen(args, start_new_session=True, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 1.1) * duration)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        if not target.exists():
            outcomes.add("absent")
        elif old is not None and target.read_bytes() == old:
            outcomes.add("old")
        else:
            assert is_whole(target), f"{target.name} is neither the old file nor whole"
            outcomes.add("whole")
        for name in others(target.parent, target.name, f"{target.name}.lock", *keep):
            assert name.startswith(f".{target.name}."), f"left behind: {name}"
    return outcomes


def test_a_killed_export_leaves_the_old_file_or_a_whole_one(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = sources
    target = tmp_path / "out.json"
    target.write_text('{"an": "older export"}', encoding="utf-8")
    expected = export_plan(plan)

    def whole(path: Path) -> bool:
        return bool(json.loads(path.read_text(encoding="utf-8")) == expected)

    outcomes = _kill_at_random_points(command("export", plan, "-o", target), target, (),
                                      whole, seed=1)
    assert outcomes <= {"old", "whole"}


def test_a_killed_import_leaves_no_plan_the_old_one_or_a_whole_one(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, document = sources
    target = tmp_path / "imported.okr"
    Plan.create(target).close()
    expected = export_plan(plan)

    def whole(path: Path) -> bool:
        return export_plan(path) == expected

    outcomes = _kill_at_random_points(command("import", document, "-o", target, "--force"),
                                      target, (), whole, seed=2)
    assert outcomes <= {"old", "whole"}


def test_a_killed_map_leaves_the_old_file_or_a_whole_one(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    plan, _ = sources
    target = tmp_path / "map.pdf"
    target.write_bytes(b"%PDF-1.5 an older map")

    def whole(path: Path) -> bool:
        return len(PdfReader(path).pages) > 1

    outcomes = _kill_at_random_points(
        command("map", plan, "-o", target, "--levels", "..3"), target, (), whole, seed=3)
    assert outcomes <= {"old", "whole"}


def test_ctrl_c_during_an_import_leaves_no_temporaries(
        sources: tuple[Path, Path], tmp_path: Path) -> None:
    _, document = sources
    target = tmp_path / "imported.okr"
    args = command("import", document, "-o", target)
    duration = _duration(args)
    target.unlink()
    rng = random.Random(4)
    codes = set()
    for _ in range(KILLS + 2):
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        process.send_signal(signal.SIGINT)
        _, error = process.communicate(timeout=60)
        codes.add(process.returncode)
        if process.returncode != -signal.SIGINT:  # stopped before the program itself started
            assert b"Traceback" not in error
        assert process.returncode in {0, 130, -signal.SIGINT}, error.decode()
        assert others(tmp_path, target.name) == []
        if target.exists():
            with Plan.open(target, read_only=True):
                pass
            target.unlink()
    assert 130 in codes  # some were stopped in the middle of the import
