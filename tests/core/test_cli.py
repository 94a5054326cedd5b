"""The `okrdesk` command, run as a program and in-process: exit codes, output, errors."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import okrdesk
from okrdesk import cli
from okrdesk.formats import SCHEMA_VERSION
from okrdesk.interchange import canonical_json, export_plan


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.okr"
    assert cli.main(["demo", str(path)]) == 0
    return path


def run(*args: str | Path, env: dict[str, str] | None = None,
        timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "okrdesk", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def assert_clean_error(result: subprocess.CompletedProcess[str], expected: str,
                       code: int = 1) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("okrdesk: error: ")
    assert expected in lines[-1]
    if code == 1:
        assert len(lines) == 1


def newer_plan(demo: Path, folder: Path) -> Path:
    path = folder / "future.okr"
    data = bytearray(demo.read_bytes())
    data[60:64] = struct.pack(">i", SCHEMA_VERSION + 1)  # SQLite's user_version field
    path.write_bytes(bytes(data))
    return path


# -- as a program ----------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith(f"okrdesk {okrdesk.__version__} (plan format")


def test_demo_check_export_import_as_a_program(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okr"
    assert run("demo", plan).returncode == 0
    assert_clean_error(run("demo", plan), "already exists; use --force")

    checked = run("check", plan)
    assert checked.returncode == 0, checked.stderr
    for text in ("C-suite", "Team members", "Bottom-up share", "Skip-level links: 2",
                 "Move expense reporting to the new tool", "Critical functions",
                 "placeholder"):
        assert text in checked.stdout

    strict = run("check", plan, "--json", "--strict")
    assert strict.returncode == 1
    document = json.loads(strict.stdout)
    assert document["findings"] and document["cycle"]["name"] == "2027"

    first = tmp_path / "first.json"
    assert run("export", plan, "-o", first).returncode == 0
    assert run("import", first, "-o", tmp_path / "copy.okr").returncode == 0
    assert canonical_json(export_plan(tmp_path / "copy.okr")) == first.read_text("utf-8")
    assert_clean_error(run("import", first, "-o", tmp_path / "copy.okr"), "use --force")
    drawn = run("map", plan, "-o", tmp_path / "map.dot")
    assert drawn.returncode == 0, drawn.stderr
    assert "Voltline" in (tmp_path / "map.dot").read_text("utf-8")


def test_errors_as_a_program_have_no_traceback(demo: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Q1 ideas: grow, hire\n", encoding="utf-8")
    assert_clean_error(run("check", tmp_path / "missing.okr"), "missing.okr: no such file")
    assert_clean_error(run("check", notes), "is not an OKR Desk plan")
    assert_clean_error(run("export", newer_plan(demo, tmp_path), "-o", tmp_path / "x.json"),
                       "newer OKR Desk")
    assert_clean_error(run("import", notes, "-o", tmp_path / "n.okr"), "is not valid JSON")
    future = tmp_path / "future.json"
    future.write_text('{"format": {"name": "okrdesk-plan", "version": 9}}', encoding="utf-8")
    assert_clean_error(run("import", future, "-o", tmp_path / "f.okr"), "newer OKR Desk")
    assert_clean_error(run("check"), "the following arguments are required", code=2)
    assert_clean_error(run("chek", demo), "invalid choice", code=2)
    assert not (tmp_path / "n.okr").exists() and not (tmp_path / "f.okr").exists()


# -- in-process -------------------------------------------------------------------------------


def test_check_in_process(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(demo)]) == 0
    text = capsys.readouterr().out
    assert "Orphans (aligned to nothing): 1" in text
    assert "\u201cFlawlessly launch new video platform\u201d (Jordan Blake, Team members)" in text
    assert cli.main(["check", str(demo), "--strict"]) == 1
    capsys.readouterr()


def test_check_json_in_process(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(demo), "--json", "--cycle", "2027-Q1"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["cycle"]["name"] == "2027-Q1"
    assert document["plan_name"] == "Voltline Motors 2027"
    assert sorted(document["health"]["critical_functions"]) == ["Marketing", "Sales"]
    assert document["findings"] == []
    assert document["health"]["levels"][0]["name"] == "C-suite"


def test_json_names_orphans_and_skips(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(demo), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [o["owner"] for o in document["orphans"]] == ["Mei Tanaka"]
    skips = {link["child"]["title"]: link["parent"]["level"] for link in document["skip_links"]}
    assert skips["Flawlessly launch new video platform"] == "C-suite"
    codes = {finding["code"] for finding in document["findings"]}
    assert any("placeholder" in code for code in codes)


def test_unknown_cycle_lists_the_known_ones(demo: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", str(demo), "--cycle", "2031-Q9"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("okrdesk: error: the plan has no cycle named '2031-Q9'")
    assert "2027, 2027-Q1, 2027-Q2, 2027-Q3, 2027-Q4, Backlog" in error


def test_export_to_standard_output(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", str(demo), "-o", "-"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == {"name": "okrdesk-plan", "version": 1}


def test_import_and_export_in_process(demo: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    exported = tmp_path / "deep" / "demo.json"
    assert cli.main(["export", str(demo), "-o", str(exported)]) == 0
    plan = tmp_path / "copy.okr"
    assert cli.main(["import", str(exported), "-o", str(plan)]) == 0
    assert cli.main(["import", str(exported), "-o", str(plan)]) == 1
    assert "use --force" in capsys.readouterr().err
    assert cli.main(["import", str(exported), "-o", str(plan), "--force"]) == 0
    assert cli.main(["demo", str(plan), "--force"]) == 0
    out = capsys.readouterr().out
    assert "Imported" in out and str(plan) in out
    assert cli.main(["export", str(demo), "-o", str(demo)]) == 1
    assert "is the input file itself" in capsys.readouterr().err


def test_usage_help_and_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export"]) == 2
    assert "okrdesk: error:" in capsys.readouterr().err
    assert cli.main(["--help"]) == 0
    assert "demo" in capsys.readouterr().out
    assert cli.main(["--version"]) == 0
    assert okrdesk.__version__ in capsys.readouterr().out


def test_os_errors_are_one_line(demo: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    assert cli.main(["export", str(demo), "-o", str(blocker / "out.json")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("okrdesk: error: ") and error.count("\n") == 1


def test_interrupt_and_bugs_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    import okrdesk.demo

    def interrupted(*_args: object, **_kwargs: object) -> Path:
        raise KeyboardInterrupt

    def broken(*_args: object, **_kwargs: object) -> Path:
        raise RuntimeError("a bug")

    monkeypatch.setattr(okrdesk.demo, "build_demo", interrupted)
    assert cli.main(["demo", str(tmp_path / "x.okr")]) == 130
    assert "interrupted" in capsys.readouterr().err
    monkeypatch.setattr(okrdesk.demo, "build_demo", broken)
    assert cli.main(["demo", str(tmp_path / "x.okr")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("okrdesk: error: unexpected RuntimeError: a bug")
    assert error.count("\n") == 1


def test_map_is_delegated(demo: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["map", "--help"]) == 0
    assert "--output" in capsys.readouterr().out
    target = tmp_path / "map.dot"
    assert cli.main(["map", str(demo), "-o", str(target), "--cycle", "2027"]) == 0
    assert target.read_text("utf-8").lstrip().startswith(("digraph", "strict digraph"))
    assert cli.main(["map", str(tmp_path / "none.okr"), "-o", str(target)]) == 1
    assert capsys.readouterr().err.startswith("okrdesk: error: ")
