"""A long random session of real operations on a plan, run as a program to be killed.

    python -m tests.core.crash_session PLAN SEED MODE [FILE_SIZE_LIMIT]

Before each operation commits, it prints `pending N <rows>` (every row the operation wrote,
as it will be after the commit, or null for a deleted row); after the commit, `done N`. A
checkpoint is announced with `checkpoint N` just before it starts. Every line is flushed, so
the program that kills this one knows exactly what was committed. MODE `random` checkpoints
inside commits (every few pages), MODE `checkpoint` lets the log grow and checkpoints every
few operations, each announced. With a FILE_SIZE_LIMIT (bytes) the process may write no
larger file: operations then fail with StorageError, printed as `refused N <message>`.
"""

from __future__ import annotations

import json
import random
import resource
import signal
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from okrdesk import ops
from okrdesk.errors import OperationRefused, StorageError
from okrdesk.storage import Plan

Operation = Callable[[Plan, random.Random, int], object]
CHECKPOINT_EVERY = 25


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def any_id(plan: Plan, table: str, rng: random.Random, where: str = "1") -> str | None:
    with plan.read() as connection:
        count = connection.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {where}").scalar()
        if not count:
            return None
        return connection.exec_driver_sql(
            f"SELECT id FROM {table} WHERE {where} LIMIT 1 OFFSET {rng.randrange(count)}"
        ).scalar()


def new_objective(plan: Plan, rng: random.Random, n: int) -> object:
    owner = any_id(plan, "units", rng)
    cycle = any_id(plan, "cycles", rng, "kind <> 'backlog'")
    if owner is None or cycle is None:
        return None
    return ops.create_objective(plan, owner, cycle, f"Objective of step {n}",
                                description="d" * rng.randrange(0, 2000))


def edit_objective(plan: Plan, rng: random.Random, n: int) -> object:
    objective = any_id(plan, "objectives", rng)
    return objective and ops.edit_objective(plan, objective, title=f"Edited in step {n}")


def new_key_result(plan: Plan, rng: random.Random, n: int) -> object:
    objective = any_id(plan, "objectives", rng)
    return objective and ops.add_key_result(plan, objective, f"Result of step {n}",
                                            start_value=0, target_value=100)


def check_in(plan: Plan, rng: random.Random, n: int) -> object:
    kr = any_id(plan, "key_results", rng, "kind NOT IN ('objective', 'milestone', 'no_metric')")
    return kr and ops.record_check_in(plan, kr, value=rng.uniform(0, 100),
                                      note=f"Check-in of step {n}")


def place(plan: Plan, rng: random.Random, _n: int) -> object:
    objective = any_id(plan, "objectives", rng)
    return objective and ops.place_card(plan, objective, rng.uniform(0, 5000),
                                        rng.uniform(0, 300))


def delete(plan: Plan, rng: random.Random, _n: int) -> object:
    objective = any_id(plan, "objectives", rng, "title LIKE 'Objective of step %'")
    return objective and ops.delete_objective(plan, objective)


def align(plan: Plan, rng: random.Random, _n: int) -> object:
    child, parent = any_id(plan, "objectives", rng), any_id(plan, "objectives", rng)
    return child and parent and ops.align_up(plan, child, parent)


OPERATIONS: list[tuple[Operation, int]] = [
    (new_objective, 5), (edit_objective, 4), (new_key_result, 4), (check_in, 5), (place, 3),
    (delete, 2), (align, 2),
]


def run(plan: Plan, seed: int, mode: str) -> None:
    rng = random.Random(seed)
    operations, weights = zip(*OPERATIONS, strict=True)
    for n in range(1, 10**9):
        operation = rng.choices(operations, weights)[0]
        try:
            with plan.change(f"Step {n}") as step:
                operation(plan, rng, n)
                rows = {f"{c.table} {c.row_id}": c.after for c in step.changeset()}
                say(f"pending {n} {json.dumps(rows)}")
        except OperationRefused:
            continue
        except StorageError as error:
            say(f"refused {n} {error}")
            continue
        say(f"done {n}")
        if mode == "checkpoint" and n % CHECKPOINT_EVERY == 0:
            say(f"checkpoint {n}")
            try:
                with plan.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all()
            except Exception as error:  # a full disk: the log stays, nothing is lost
                say(f"refused {n} checkpoint: {error}")


def main() -> None:
    path, seed, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if len(sys.argv) > 4:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
        limit = int(sys.argv[4])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    plan = Plan.open(path)
    assert not plan.read_only, plan.read_only_reason
    pages = 4 if mode == "random" else 0  # 0: only the announced checkpoints

    def frequent_checkpoints(driver: Any, _record: Any) -> None:
        driver.execute(f"PRAGMA wal_autocheckpoint = {pages}")

    plan.engine.dispose()
    event.listen(plan.engine, "connect", frequent_checkpoints)
    say("ready")
    run(plan, seed, mode)


if __name__ == "__main__":
    main()
