"""Operations stay fast on a large plan: no statement they run scans a whole table.

Timings live in bench/; this checks the query plans, which do not depend on a busy machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, insert

from okrdesk import ops
from okrdesk.clock import new_id, utc_now
from okrdesk.model import TABLES
from tests.core.builders import Org, empty_org

FAN_OUT = (1, 10, 10, 10, 10)  # people per manager at each level, from the top
OBJECTIVES_EACH = 3


def large_org(path: Path) -> tuple[Org, dict[int, list[str]]]:
    """About 11,000 people and 33,000 aligned objectives, written in one transaction.

    Returns the org and, per level rank, the ids of the first objective of each person.
    """
    org = empty_org(path)
    now = utc_now()
    stamp = {"created_at": now, "updated_at": now}
    rows: dict[str, list[dict[str, Any]]] = {"units": [], "objectives": [], "key_results": []}
    firsts: dict[int, list[str]] = {}
    year = org.cycles["2027"]
    managers: list[tuple[str | None, str | None]] = [(None, None)]  # (unit, its first kr)
    for rank, (level, fan_out) in enumerate(zip(org.levels, FAN_OUT, strict=True)):
        people: list[tuple[str | None, str | None]] = []
        for manager, manager_kr in managers:
            for _ in range(fan_out):
                unit = new_id()
                rows["units"].append({"id": unit, "name": f"P{len(rows['units'])}",
                                      "kind": "person", "role": "", "level_id":
                                      org.levels[level], "function_id": None,
                                      "manager_id": manager, **stamp})
                first_kr = None
                for number in range(OBJECTIVES_EACH):
                    objective, kr = new_id(), new_id()
                    rows["objectives"].append({
                        "id": objective, "title": f"O{len(rows['objectives'])}",
                        "description": "", "owner_id": unit, "cycle_id": year,
                        "origin": "own", "commitment": "committed", "visibility": "published",
                        "status": None, "parent_kr_id": manager_kr if number == 0 else None,
                        "position": number, **stamp})
                    rows["key_results"].append({
                        "id": kr, "objective_id": objective, "title": "K", "kind": "increase",
                        "origin": "own", "unit": "", "start_value": 0.0, "target_value": 1.0,
                        "current_value": None, "weight": 1.0, "confidence": None,
                        "position": 0, **stamp})
                    if number == 0:
                        first_kr = kr
                        firsts.setdefault(rank, []).append(objective)
                people.append((unit, first_kr))
        managers = people
    with org.plan.change("Large plan") as tx:
        for table in ("units", "objectives", "key_results"):
            tx.connection.execute(insert(TABLES[table].__table__), rows[table])
    return org, firsts


def test_operations_never_scan_a_whole_table(tmp_path: Path) -> None:
    org, firsts = large_org(tmp_path / "large.okr")
    with org:
        plan = org.plan
        vp, director, member = firsts[1][0], firsts[2][-1], firsts[4][-1]
        vp_kr = org.snapshot().krs_of[vp][0]
        # SQLite's own trace sees every statement with its values, whether run through
        # SQLAlchemy or on the driver's connection (as the transaction's row writes are).
        statements: list[str] = []
        traced: list[Any] = []

        def trace(dbapi_connection: Any, *_rest: Any) -> None:
            dbapi_connection.set_trace_callback(statements.append)
            traced.append(dbapi_connection)

        event.listen(plan.engine, "checkout", trace)
        ops.align_up(plan, member, vp)
        ops.align_up(plan, director, vp, under_kr_id=vp_kr)
        ops.unlink(plan, member)
        delegated = ops.delegate_down(plan, vp_kr, _owner_of(org, member)).new_id("objectives")
        ops.add_contribution(plan, member, vp)
        ops.move_objective(plan, delegated, cycle_id=org.cycles["2027-Q1"])
        ops.record_check_in(plan, vp_kr, value=0.5)
        ops.delete_objective(plan, director)
        event.remove(plan.engine, "checkout", trace)
        for dbapi_connection in traced:
            dbapi_connection.set_trace_callback(None)
        scans = []
        with plan.read() as connection:
            for statement in statements:
                if not statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                    continue
                explained = connection.exec_driver_sql(
                    f"EXPLAIN QUERY PLAN {statement}").all()
                scans += [row[-1] for row in explained if str(row[-1]).startswith("SCAN")
                          and any(big in row[-1] for big in BIG_TABLES)]
        assert len(statements) > 20
        assert scans == []


BIG_TABLES = ("units", "objectives", "key_results", "check_ins", "contributions")


def _owner_of(org: Org, objective_id: str) -> str:
    owner = org.row("objectives", objective_id)["owner_id"]
    assert isinstance(owner, str)
    return owner
