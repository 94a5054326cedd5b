"""`okrdesk PLAN` (here `python -m okrdesk_ui PLAN`) starts the desktop app on that plan (a real
process, offscreen)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from okrdesk.demo import build_demo


def test_a_plan_file_starts_the_app_on_it(tmp_path: Path) -> None:
    plan = build_demo(tmp_path / "demo.okr")
    started = tmp_path / "start.okr"
    shutil.copy(plan, started)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OKRDESK_QUIT_AFTER_MS": "300",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "okrdesk_ui", str(started)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert not started.with_name("start.okr.lock").exists()  # closed cleanly
