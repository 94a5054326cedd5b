"""The time limit interrupts one long statement, never a long transaction of short ones."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from okrdesk.storage import engine
from tests.core.builders import small_org


def test_a_transaction_of_many_short_statements_outlives_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    org = small_org(tmp_path / "plan.okr")
    with org:
        monkeypatch.setattr(engine, "QUERY_TIME_LIMIT_S", 0.2)
        with org.plan.change("Many rows") as tx:
            started = time.monotonic()
            count = 0
            while time.monotonic() - started < 0.8:  # four limits long, row by row
                tx.insert("functions", name=f"Function {count}")
                assert tx.rows("functions", name=f"Function {count}")
                count += 1
        with org.plan.read() as connection:
            stored = connection.exec_driver_sql("SELECT count(*) FROM functions").scalar_one()
        assert stored >= count > 10


def test_one_statement_past_the_limit_is_interrupted(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    org = small_org(tmp_path / "plan.okr")
    with org:
        monkeypatch.setattr(engine, "QUERY_TIME_LIMIT_S", 0.2)
        endless = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                   "SELECT count(*) FROM n")
        with pytest.raises(OperationalError, match="interrupted"), org.plan.read() as connection:
            connection.exec_driver_sql(endless).all()
