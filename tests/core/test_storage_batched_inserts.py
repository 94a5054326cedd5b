"""Inserts held back and written in batches read as if written at once, keep their order,
and a refused batch leaves the plan as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk.storage import batches
from okrdesk.storage.conflicts import ROW_CONFLICTS
from tests.core.builders import small_org, table_dump


def test_rows_held_back_are_read_as_if_written(tmp_path: Path) -> None:
    with small_org(tmp_path / "plan.okr") as org, org.plan.change("Functions") as tx, \
            tx.batched_inserts():
        row = tx.insert("functions", name="Research")
        assert tx.get("functions", row["id"]) == row
        assert [found["id"] for found in tx.rows("functions", name="Research")] == [row["id"]]
        tx.insert("functions", name="Legal")
        count = tx.connection.exec_driver_sql(
            "SELECT count(*) FROM functions WHERE name IN ('Research', 'Legal')").scalar_one()
        assert count == 2


def test_full_batches_are_written_as_they_fill_in_their_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "BATCH_ROWS", 40)
    names = [f"Function {index:04}" for index in range(500)]
    with small_org(tmp_path / "plan.okr") as org:
        with org.plan.change("Many functions") as tx, tx.batched_inserts():
            for name in names:
                tx.insert("functions", name=name)
            written = tx._sqlite.execute(  # the connection itself: nothing is flushed
                "SELECT count(*) FROM functions WHERE name LIKE 'Function %'").fetchone()[0]
            assert written == 480  # twelve full batches; the last twenty wait for a read
        with org.plan.read() as connection:
            stored = [name for (name,) in connection.exec_driver_sql(
                "SELECT name FROM functions WHERE name LIKE 'Function %' ORDER BY rowid")]
    assert stored == names


def test_a_refused_batch_leaves_the_plan_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches, "BATCH_ROWS", 40)
    with small_org(tmp_path / "plan.okr") as org:
        before = table_dump(org.plan)
        with pytest.raises(ROW_CONFLICTS, match=r"UNIQUE constraint failed: functions\.id"), \
                org.plan.change("Twice the same id") as tx, tx.batched_inserts():
            first = tx.insert("functions", name="Function 0")
            for index in range(1, 200):  # the twin is in the first full batch
                tx.insert("functions", name=f"Function {index}",
                          id=first["id"] if index == 20 else None)
        assert table_dump(org.plan) == before
