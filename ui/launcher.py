"""The installed `okrdesk` command: with no arguments, or with a plan file, the desktop app
starts; anything else is the command line of the core (okrdesk.cli).

This module stays light and imports the app only when the app starts: worker processes (maps,
Arrange) re-import the program's main script, and must not load Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from okrdesk import PLAN_SUFFIX, cli
from okrdesk.interrupts import quiet_from_now_on


def main(argv: Sequence[str] | None = None) -> int:
    """`okrdesk [PLAN | COMMAND ...]`; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if wants_app(arguments):
        return start_app(arguments)
    return cli.main(arguments)


def run() -> int:
    """The installed command's entry: `main`, then Ctrl-C ignored while the program ends."""
    status = main()
    quiet_from_now_on()
    return status


def wants_app(arguments: Sequence[str]) -> bool:
    """No arguments, or a plan file first: the desktop app; otherwise a command."""
    if not arguments:
        return True
    first = arguments[0]
    if first.startswith("-") or first in cli.COMMANDS:
        return False
    return first.endswith(PLAN_SUFFIX) or Path(first).is_file()


def start_app(argv: Sequence[str] | None = None) -> int:
    """Start the desktop app (the `okrdesk-gui` command)."""
    try:
        from .app import main as app_main
    except ImportError as error:  # Qt cannot load here: say so, the commands still work
        print(f"{cli.PROG}: error: the desktop app is not available ({error}); the commands "
              f"{', '.join(cli.COMMANDS)} still work", file=sys.stderr)
        return cli.EXIT_ERROR
    return app_main(argv, leave_at_once=True)

