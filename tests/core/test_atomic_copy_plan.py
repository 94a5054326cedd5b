"""Save As: a whole, consistent copy of a plan under any file name, or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk import ops
from okrdesk.demo import build_demo
from okrdesk.errors import OkrDeskError
from okrdesk.interchange import export_plan
from okrdesk.interchange.placing import copy_plan
from okrdesk.storage import Plan

ODD_NAMES = ["a#b.okr", "what?.okr", "100%25 sure.okr", "with  spaces .okr", "Ziele ü 目标 🎯.okr",
             "file:x?mode=rwc#.okr"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_copy_to_and_from_any_name_opens(tmp_path: Path, name: str) -> None:
    source = build_demo(tmp_path / name)
    with Plan.open(source) as plan:  # open, with changes still in its write-ahead log
        ops.rename_level(plan, _first_level(plan), "Board")
        copy = copy_plan(plan.path, tmp_path / "copies" / f"copy of {name}")
        expected = export_plan(plan)
    again = copy_plan(copy, tmp_path / "copies" / f"again {name}")
    assert export_plan(copy) == export_plan(again) == expected
    assert sorted(p.name for p in (tmp_path / "copies").iterdir()) == sorted(
        [f"copy of {name}", f"again {name}"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "copies"])


def test_a_copy_over_the_plan_itself_or_a_plan_open_elsewhere_is_refused(tmp_path: Path) -> None:
    source = build_demo(tmp_path / "demo.okr")
    other = build_demo(tmp_path / "other.okr")
    with Plan.open(source) as plan, Plan.open(other):
        with pytest.raises(OkrDeskError, match="is the plan that is open"):
            copy_plan(plan.path, tmp_path / "." / "demo.okr")
        with pytest.raises(OkrDeskError, match="open in another window"):
            copy_plan(plan.path, other)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.okr", "other.okr"]


def _first_level(plan: Plan) -> str:
    with plan.read() as connection:
        return str(connection.exec_driver_sql("SELECT id FROM levels ORDER BY rank").scalar())
