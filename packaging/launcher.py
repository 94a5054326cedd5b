"""Entry point of both bundle executables: `okrdesk` runs the command line, `okrdesk-gui` the app.

Both executables share one folder of libraries. Alignment maps are drawn in a child process
started with multiprocessing's spawn method; in a frozen program that child is this same
executable, recognised and run by freeze_support() before anything else happens.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

GUI_NAME = "okrdesk-gui"
CHECK_FLAG = "--bundle-check"


def program_name(path: str) -> str:
    name = os.path.basename(path).lower()
    return name[: -len(".exe")] if name.endswith(".exe") else name


def main() -> int:
    multiprocessing.freeze_support()
    if sys.argv[1:2] == [CHECK_FLAG]:
        import bundle_check

        return bundle_check.run()
    if program_name(sys.executable) == GUI_NAME:
        from okrdesk_ui.app import main as gui_main

        return int(gui_main() or 0)
    from okrdesk_ui.launcher import run  # no arguments: the app, as installed

    return int(run() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
