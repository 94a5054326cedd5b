"""A plan, and a draft of Kim Park's part of it, for the merge tests."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrdesk.drafts.take_out import take_out_draft
from okrdesk.storage import Plan
from tests.core.builders import Org, small_org, table_dump


@dataclass
class Setup:
    org: Org
    draft: Plan
    ids: dict[str, str]

    @property
    def plan(self) -> Plan:
        return self.org.plan

    def close(self) -> None:
        self.draft.close()
        self.org.close()


def plan_with_draft(tmp_path: Path, owner: str = "Kim Park") -> Setup:
    org = small_org(tmp_path / "plan.okr")
    ids = {"win": org.objective("Alex Chen", "Win Europe")}
    ids["grow"] = org.objective("Sam Lee", "Grow EU sales")
    org.align_up(ids["grow"], ids["win"])
    ids["context"] = org.objective("Sam Lee", "Sales context")
    ids["kim"] = org.objective("Kim Park", "Open Nordic offices")
    ids["kim_kr"] = org.key_result(ids["kim"], "Offices opened", target_value=3)
    ids["kim_up"] = org.align_up(ids["kim"], ids["grow"])
    ids["lee"] = org.objective("Lee Moss", "Faster service")
    ids["lee_kr"] = org.key_result(ids["lee"], "Response hours", kind="decrease",
                                   start_value=48, target_value=24)
    ids["noor"] = org.objective("Noor Haddad", "Brand refresh")
    ids["noor_kr"] = org.key_result(ids["noor"], "Awareness", target_value=40)
    draft = Plan.open(take_out_draft(org.plan, org.people[owner], None,
                                     tmp_path / f"{owner.split()[0].lower()}.okr"))
    return Setup(org, draft, ids)


def content(plan: Plan) -> dict[str, Any]:
    """Every table but the history (each change adds to it, undo too)."""
    return {table: rows for table, rows in table_dump(plan).items() if table != "history"}


Rows = dict[str, dict[str, dict[str, Any]]]
# The file's own records, not the plan: the merge compares and writes none of them.
NOT_COMPARED = frozenset({"history", "plan_identity", "alembic_version", "drafts",
                          "draft_base", "sqlite_sequence"})


def plan_rows(path: Path) -> Rows:
    """Every row of the plan's own tables, by table and id, without `updated_at` (a merge
    stamps the rows it writes with its own time)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        found: Rows = {}
        for table in sorted(set(tables) - NOT_COMPARED):
            found[table] = {row["id"]: unstamped(dict(row)) for row in
                            connection.execute(f'SELECT * FROM "{table}"')}
    connection.close()
    return found


def unstamped(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name != "updated_at"}
