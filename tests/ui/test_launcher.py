"""The installed `okrdesk` command: the app for no arguments or a plan file, else the core's
command line; the launcher itself loads no Qt (worker processes re-import the main script)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from okrdesk_ui import launcher

ROOT = Path(__file__).resolve().parents[2]


def test_what_starts_the_app(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.write_bytes(b"")
    assert launcher.wants_app([])
    assert launcher.wants_app(["plan.okr"])
    assert launcher.wants_app([str(plan)])  # an existing file of any name
    assert not launcher.wants_app(["check", "plan.okr"])
    assert not launcher.wants_app(["--version"])
    assert not launcher.wants_app(["chek"])


def test_commands_go_to_the_core_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert launcher.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("okrdesk ")
    assert launcher.main(["chek"]) == 2
    assert "invalid choice: 'chek'" in capsys.readouterr().err


def test_the_installed_commands_are_the_launcher() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["scripts"]["okrdesk"] == "okrdesk_ui.launcher:run"
    assert project["gui-scripts"]["okrdesk-gui"] == "okrdesk_ui.launcher:start_app"


def test_the_launcher_and_main_script_load_no_qt() -> None:
    script = ("import runpy, sys\n"
              f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__mp_main__')\n"
              "import okrdesk_ui.launcher\n"
              "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
