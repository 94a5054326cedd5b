"""The `okrdesk` command at a terminal: what a plan holds is printed escaped, a reader that goes
away ends it quietly, Ctrl-C ends it with one line, and no failure prints a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrdesk.demo import build_demo
from okrdesk.interchange import write_export
from okrdesk.storage import Plan
from okrdesk.synthetic import generate_plan

ESCAPES = {
    "clear": "\x1b[2J\x1b[H",
    "colour": "\x1b[31mred",
    "title bar": "\x1b]0;owned\x07",
    "carriage return": "fake\rline",
    "csi": "\x9b2J",
    "delete": "del\x7f",
    "backspace": "bs\x08",
    "newline": "first\nFindings: 0",
}
RAW_CONTROLS = ("\x1b", "\x07", "\r", "\x9b", "\x7f", "\x08")
ORPHAN = "Move expense reporting to the new tool"
PLAN_NAME = "Plan\x1b[2J\x9b1m"


def okrdesk(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUTF8": "1"})


def assert_one_clean_line(stream: str) -> None:
    assert "Traceback" not in stream
    assert not any(control in stream for control in RAW_CONTROLS), repr(stream)
    assert stream.count("\n") == 1 and stream.endswith("\n"), repr(stream)


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plan, with control characters written straight into titles and names, as a
    file from an older version or another program may hold them."""
    path = build_demo(tmp_path_factory.mktemp("terminal") / "hostile.okr")
    with Plan.open(path) as plan, plan.change("hostile") as tx:
        orphan = tx.rows("objectives", title=ORPHAN)[0]  # check lists it, with its owner
        tx.update("objectives", orphan["id"], title="T " + " ".join(ESCAPES.values()))
        tx.update("units", orphan["owner_id"], name="Ann\rEve")
        level = tx.rows("levels", rank=0)[0]
        tx.update("levels", level["id"], name="Board\x1b[5m")
        setting = tx.rows("settings", key="plan_name")[0]
        tx.update("settings", setting["id"], value=PLAN_NAME)
    return path


def test_check_prints_control_characters_escaped(hostile_plan: Path) -> None:
    result = okrdesk("check", hostile_plan)
    assert result.returncode == 0, result.stderr
    assert not any(control in result.stdout for control in RAW_CONTROLS)
    assert "Plan\\u001b[2J\\u009b1m" in result.stdout
    assert "\\u001b]0;owned\\u0007" in result.stdout and "Ann\\u000dEve" in result.stdout
    assert "Board\\u001b[5m" in result.stdout
    assert "first\\u000aFindings: 0" in result.stdout  # no line the program did not write
    assert result.stderr == ""


def test_check_json_stays_the_same_document(hostile_plan: Path) -> None:
    result = okrdesk("check", hostile_plan, "--json")
    assert result.returncode == 0, result.stderr
    assert not any(control in result.stdout for control in RAW_CONTROLS)
    document = json.loads(result.stdout)
    assert document["plan_name"] == PLAN_NAME
    assert document["orphans"][0]["title"] == "T " + " ".join(ESCAPES.values())


def test_export_to_standard_output_is_escaped_and_the_same_json(hostile_plan: Path,
                                                                tmp_path: Path) -> None:
    result = okrdesk("export", hostile_plan, "-o", "-")
    assert result.returncode == 0, result.stderr
    assert not any(control in result.stdout for control in RAW_CONTROLS)
    written = write_export(hostile_plan, tmp_path / "plan.json")
    assert json.loads(result.stdout) == json.loads(written.read_text("utf-8"))


@pytest.mark.parametrize("document", [
    '{"format": {"name": "okrdesk-plan", "version": 1}, "plan_format": 1, "\\u001b[2J": []}',
    '{"format": {"name": "\\u001b]0;owned\\u0007", "version": 1}}',
    '{"format": {"name": "okrdesk-plan", "version": 1}, "plan_format": 1, "settings": '
    '[{"\\u009b2J": 1}]}',
])
def test_import_errors_print_keys_and_values_escaped(document: str, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(document, encoding="utf-8")
    result = okrdesk("import", source, "-o", tmp_path / "plan.okr")
    assert result.returncode == 1
    assert result.stderr.startswith("okrdesk: error: bad.json: ")
    assert_one_clean_line(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_a_file_name_with_escapes_is_printed_escaped(tmp_path: Path) -> None:
    result = okrdesk("check", tmp_path / "\x1b[31mred\x07.okr")
    assert result.returncode == 1
    assert_one_clean_line(result.stderr)
    assert "\\u001b[31mred\\u0007.okr" in result.stderr


def test_the_map_command_prints_escaped(hostile_plan: Path, tmp_path: Path) -> None:
    result = okrdesk("map", hostile_plan, "-o", tmp_path / "map\x1b[2J.dot")
    assert result.returncode == 0, result.stderr
    assert_one_clean_line(result.stdout)
    assert "map\\u001b[2J.dot" in result.stdout


# -- a reader that goes away -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.okr")


def test_a_closed_pipe_ends_check_quietly(demo: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "okrdesk", "check", str(demo)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert stderr == ""


@pytest.fixture(scope="module")
def larger_than_a_pipe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan whose export prints far more than a pipe holds (64 KiB)."""
    return generate_plan(tmp_path_factory.mktemp("pipe") / "big.okr", 400, seed=2)


@pytest.mark.parametrize("command", [
    "okrdesk check --json PLAN | head -1",
    "okrdesk export PLAN -o - | head -1",
    "okrdesk --help | head -1",
])
def test_piped_into_head_ends_quietly(command: str, larger_than_a_pipe: Path) -> None:
    plan = larger_than_a_pipe
    okrdesk_command = f'"{sys.executable}" -m okrdesk'
    script = (f"{command.replace('okrdesk', okrdesk_command, 1).replace('PLAN', str(plan))}; "
              'echo "status ${PIPESTATUS[0]}" >&2')
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.count("\n") == 1
    assert result.stderr.strip() in ("status 0", "status 1"), result.stderr
    if "export" in command:  # megabytes: the pipe certainly closed while it was writing
        assert result.stderr.strip() == "status 1"


# -- Ctrl-C ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    plan = generate_plan(folder / "big.okr", 2500, seed=4)
    return write_export(plan, folder / "big.json")


def _interrupt_import(source: Path, folder: Path, when: str) -> subprocess.CompletedProcess[str]:
    """Start an import, send SIGINT while it reads (`reading`) or while SQLite inserts the rows
    (`inserting`: the new plan's write-ahead log has grown past 1 MB), and collect what it
    printed."""
    process = subprocess.Popen([sys.executable, "-m", "okrdesk", "import", str(source),
                                "-o", str(folder / "new.okr")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    if when == "reading":
        time.sleep(1.0)
    else:
        while not _inserting(folder) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
    assert process.poll() is None, "the import ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _inserting(folder: Path) -> bool:
    try:
        return any(log.stat().st_size > 1_000_000 for log in folder.glob("*-wal"))
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("when", ["reading", "inserting"])
def test_ctrl_c_during_an_import_ends_it_with_one_line(when: str, big_export: Path,
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = _interrupt_import(big_export, folder, when)
    assert (result.returncode, result.stdout, result.stderr) == (130, "",
                                                                 "okrdesk: interrupted\n")
    assert list(folder.iterdir()) == []  # nothing half-built is left behind
