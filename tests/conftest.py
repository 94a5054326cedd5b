"""Shared test set-up: Qt offscreen and away from the user's settings, plans in tmp folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """A path for a new plan file in a fresh folder."""
    return tmp_path / "plan.okr"
