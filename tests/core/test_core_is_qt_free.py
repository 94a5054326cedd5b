"""okrdesk/ never imports Qt: importing every module of it in a fresh interpreter loads no Qt.

The import-linter contract "core-has-no-gui" (pyproject.toml) checks the source; this checks what
actually loads, imports made at run time included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import okrdesk

CORE = Path(okrdesk.__file__).parent


def core_modules() -> list[str]:
    modules = []
    for path in sorted(CORE.rglob("*.py")):
        relative = path.relative_to(CORE.parent).with_suffix("")
        parts = list(relative.parts)
        if "migrations" in parts:
            continue  # run by Alembic, not imported
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(".".join(parts))
    return modules


def test_importing_the_whole_core_loads_no_qt() -> None:
    modules = core_modules()
    assert "okrdesk.storage.plan" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""

