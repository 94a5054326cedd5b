"""Save As under file names that SQLite addresses would misread: the copy opens and is used."""

from __future__ import annotations

from pathlib import Path

import pytest
from okrdesk_ui.main_window import MainWindow

from okrdesk.interchange import export_plan
from tests.ui.test_window_support import *  # noqa: F403 - the shared fixtures


@pytest.mark.parametrize("name", ["plan #2?.okr", "100% ü 🎯.okr"])
def test_save_as_to_an_odd_name_switches_to_a_copy_that_opens(
        window: MainWindow, tmp_path: Path, demo_plan: Path, name: str) -> None:
    assert window.document is not None
    target = tmp_path / name
    assert window.save_as(target)
    assert window.document.plan.path == target and not window.document.read_only
    assert window.save_as(tmp_path / f"again {name}")  # copied from the odd name this time
    window.close()
    assert export_plan(tmp_path / f"again {name}") == export_plan(target) == export_plan(demo_plan)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".okr") == []
