"""PySide6 6.12.0 on Python 3.11 loses a reference to None on every Qt call returning nothing.

After a few thousand such calls the interpreter aborts (none_dealloc). The project pins a good
PySide6 on 3.11; these checks fail loudly if a broken pair is ever installed.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

CALLS = 20_000


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


def test_installed_pyside_is_not_the_broken_pair() -> None:
    broken = sys.version_info[:2] == (3, 11) and _version(PySide6.__version__)[:2] == (6, 12)
    assert not broken, (
        f"PySide6 {PySide6.__version__} on Python 3.11 aborts the interpreter; "
        "install the version pinned in pyproject.toml"
    )


def test_void_qt_calls_keep_the_none_refcount(qtbot: object) -> None:
    widget = QWidget()
    holder = QObject()
    before = sys.getrefcount(None)
    for index in range(CALLS):
        widget.setToolTip("tip" if index % 2 else "")
        holder.setObjectName("name")
    after = sys.getrefcount(None)
    widget.deleteLater()
    # A leak loses one reference per call: 40,000 here. Allow noise from the interpreter itself.
    assert after >= before - 100, f"None lost {before - after} references over {2 * CALLS} calls"
