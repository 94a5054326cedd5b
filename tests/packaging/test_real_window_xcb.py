"""The real app in a real X11 window: Qt's xcb platform on an Xvfb display, as `make run` starts
it on a desktop. Every other test runs offscreen, which needs none of the system libraries the
xcb platform loads; this one fails when one is missing. On CI, `.ci/desktop-packages.sh`
installs Xvfb, xdotool and those libraries first."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from okrdesk.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
TOOLS = ("Xvfb", "xdotool")
MISSING = [tool for tool in TOOLS if shutil.which(tool) is None]
SCREEN = "1280x720x24"
WAIT_S = 20.0


def wait_until(check: Callable[[], str], seconds: float) -> str:
    """The first non-empty answer of `check()` within `seconds`, else ""."""
    end = time.monotonic() + seconds
    answer = ""
    while time.monotonic() < end:
        answer = check()
        if answer:
            return answer
        time.sleep(0.1)
    return answer


@pytest.fixture
def display() -> Iterator[str]:
    """A new Xvfb display on a number nobody uses (Xvfb picks it and tells it on a pipe)."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN,
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 10)
        number = os.read(read, 16).decode().strip() if ready else ""
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(5)


@pytest.mark.skipif(bool(MISSING) and not ON_CI,
                    reason=f"{' and '.join(MISSING)} not installed (apt-get install xvfb "
                           "xdotool); CI installs them")
def test_the_app_opens_a_real_x11_window_and_quits_from_the_keyboard(
    display: str, tmp_path: Path,
) -> None:
    assert not MISSING, f"{MISSING} missing: .ci/desktop-packages.sh installs them as root"
    libraries = subprocess.run(
        ["bash", str(ROOT / "packaging/linux/qt-system-libraries.sh"), sys.executable, "--check"],
        capture_output=True, text=True, check=False)
    assert libraries.returncode == 0, libraries.stdout + libraries.stderr
    plan = build_demo(tmp_path / "Voltline demo.okr")
    home = tmp_path / "home"
    environment = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(home),
                   "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
                   "XDG_STATE_HOME": str(home / "state"), "XDG_RUNTIME_DIR": str(tmp_path),
                   "OKRDESK_QUIT_AFTER_MS": "60000"}  # never left running
    app = subprocess.Popen([sys.executable, "-m", "okrdesk_ui", str(plan)], env=environment,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        def xdotool(*arguments: str) -> str:
            return subprocess.run(["xdotool", *arguments], env=environment, capture_output=True,
                                  text=True, check=False).stdout.strip()

        window = wait_until(lambda: xdotool("search", "--onlyvisible", "--name", "OKR Desk$")
                            if app.poll() is None else "", WAIT_S)
        assert window, f"no window came up: {app.poll()=}"
        window_id = window.split()[0]
        assert plan.name in xdotool("getwindowname", window_id)  # the plan is open
        geometry = xdotool("getwindowgeometry", window_id)
        width, height = (int(n) for n in geometry.split("Geometry: ")[1].split("x"))
        assert 800 <= width <= 1280 and 500 <= height <= 720, geometry  # fits the screen
        xdotool("windowfocus", "--sync", window_id)
        xdotool("key", "--clearmodifiers", "ctrl+q")  # File > Quit, typed
        assert app.wait(10) == 0
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
    assert "could not load the Qt platform plugin" not in output.lower(), output
