"""Hand-built plans for the analytics tests, written row by row as a planner's file could be.

The rows go straight through `plan.change`, so a test states every value it depends on, and
broken references (which only a hand-edited file holds) can be written too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from okrdesk.snapshot import Snapshot
from okrdesk.storage import Plan

LEVELS = ("C-suite", "Vice Presidents", "Directors", "Managers", "Team members")


class HandPlan:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.plan = Plan.create(path)
        self.levels: list[str] = []
        self.functions: dict[str, str] = {}
        with self.plan.change("Set up") as tx:
            for rank, name in enumerate(LEVELS):
                self.levels.append(tx.insert("levels", rank=rank, name=name)["id"])
            for name in ("Sales", "Marketing", "Legal"):
                self.functions[name] = tx.insert("functions", name=name)["id"]
            self.year = tx.insert("cycles", name="2027", kind="year")["id"]
            self.q1 = tx.insert("cycles", name="2027-Q1", kind="quarter",
                                parent_id=self.year)["id"]
            self.q2 = tx.insert("cycles", name="2027-Q2", kind="quarter",
                                parent_id=self.year)["id"]

    def close(self) -> None:
        self.plan.close()

    def person(self, name: str, rank: int, function: str | None = None,
               manager: str | None = None) -> str:
        with self.plan.change("Add person") as tx:
            return str(tx.insert("units", name=name, kind="person", level_id=self.levels[rank],
                                 function_id=self.functions[function] if function else None,
                                 manager_id=manager)["id"])

    def objective(self, owner: str, title: str, cycle: str | None = None, *,
                  origin: str = "own", parent_kr: str | None = None) -> str:
        with self.plan.change("Add objective") as tx:
            return str(tx.insert("objectives", title=title, owner_id=owner,
                                 cycle_id=cycle or self.year, origin=origin,
                                 parent_kr_id=parent_kr)["id"])

    def kr(self, objective: str, title: str = "Result", kind: str = "increase", **values: Any
           ) -> str:
        values.setdefault("start_value", 0.0)
        values.setdefault("target_value", 100.0)
        values.setdefault("current_value", 0.0)
        with self.plan.change("Add key result") as tx:
            return str(tx.insert("key_results", objective_id=objective, title=title, kind=kind,
                                 **values)["id"])

    def align_up(self, child: str, parent: str) -> str:
        """The bottom-up move: the child becomes a key result of kind objective of the parent."""
        with self.plan.change("Align up") as tx:
            title = tx.require("objectives", child, "objective")["title"]
            kr_id = str(tx.insert("key_results", objective_id=parent, title=title,
                                  kind="objective", start_value=None, target_value=None)["id"])
            tx.update("objectives", child, parent_kr_id=kr_id)
        return kr_id

    def update(self, table: str, row_id: str, **values: Any) -> None:
        with self.plan.change("Edit") as tx:
            tx.update(table, row_id, **values)

    def link(self, source: str, target: str) -> str:
        with self.plan.change("Contribute") as tx:
            return str(tx.insert("contributions", source_id=source, target_id=target)["id"])

    def snapshot(self) -> Snapshot:
        with self.plan.read() as connection:
            return Snapshot.load(connection)

    def hand_edit(self, *statements: tuple[str, tuple[Any, ...]]) -> Snapshot:
        """Write to the closed file as another program would, foreign keys off; load it again."""
        self.plan.close()
        connection = sqlite3.connect(self.path)
        with connection:
            for sql, parameters in statements:
                connection.execute(sql, parameters)
        connection.close()
        self.plan = Plan.open(self.path)
        return self.snapshot()


@pytest.fixture
def hand(tmp_path: Path) -> Any:
    plan = HandPlan(tmp_path / "hand.okr")
    yield plan
    plan.close()


def test_a_hand_built_plan_reopens_with_what_was_written(hand: HandPlan) -> None:
    boss = hand.person("Ceo", 0)
    objective = hand.objective(boss, "Lead the market")
    hand.kr(objective, "Market share", current_value=40.0)
    snapshot = hand.snapshot()
    assert [kr.current_value for kr in snapshot.key_results_of(objective)] == [40.0]
    assert snapshot.level_of(objective).name == "C-suite"
