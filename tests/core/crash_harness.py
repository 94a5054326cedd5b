"""Kill a session of real operations with SIGKILL, again and again, and check what survived.

Each round starts `tests.core.crash_session` on the same plan, reads what it reports, kills
it (at a random moment, or just as an announced checkpoint begins), then opens the plan the
way the app does and compares every row each reported operation wrote with the plan.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrdesk.errors import OkrDeskError
from okrdesk.storage import Plan
from okrdesk.storage.private_copy import pending_logs

ROOT = Path(__file__).resolve().parents[2]
Rows = dict[str, Any]


@dataclass
class Figures:
    kills: int = 0
    checkpoint_kills: int = 0
    operations: int = 0  # reported done, over all rounds
    refused_plans: int = 0
    lost: list[str] = field(default_factory=list)
    left_a_log: int = 0  # kills after which the plan had work only in its log
    cut_checkpoints: int = 0  # kills after which the file alone was not a whole database
    recovered: int = 0  # opens that kept the files as found and completed the log

    def line(self) -> str:
        return (f"{self.kills} kills ({self.checkpoint_kills} at checkpoints), "
                f"{self.operations} operations reported done, {self.refused_plans} plans "
                f"refused, {len(self.lost)} operations lost; {self.left_a_log} kills left work "
                f"in the log, {self.cut_checkpoints} left the file alone unreadable or short, "
                f"{self.recovered} opens recovered")


class Session:
    """One child process and what it has reported so far."""

    def __init__(self, plan: Path, seed: int, mode: str, size_limit: int | None = None) -> None:
        command = [sys.executable, "-m", "tests.core.crash_session", str(plan), str(seed), mode]
        if size_limit is not None:
            command.append(str(size_limit))
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.done: dict[str, Rows | None] = {}
        self.pending: dict[str, Rows | None] = {}
        self.operations = 0
        self.refusals: list[str] = []

    def read_line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            assert self.process.stderr is not None
            raise RuntimeError(f"the session ended by itself: {self.process.stderr.read()}")
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "pending":
            self.pending = json.loads(rest.partition(" ")[2])
        elif kind == "done":
            self.done.update(self.pending)
            self.pending = {}
            self.operations += 1
        elif kind == "refused":
            self.pending = {}
            self.refusals.append(rest)
        return kind

    def kill_as_the_file_changes(self, path: Path, timeout_s: float = 0.2) -> None:
        """Kill the moment the checkpoint starts writing into the plan file (its size or
        modification time moves), while the rest of its pages are still to be written."""
        def state() -> tuple[int, int]:
            found = os.stat(path)
            return found.st_size, found.st_mtime_ns

        before = state()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and state() == before:
            pass
        self.kill()

    def kill(self, delay_s: float = 0.0) -> None:
        if delay_s:
            time.sleep(delay_s)
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        # What reached the pipe before the kill still counts: it was reported.
        assert self.process.stdout is not None
        for line in self.process.stdout.read().splitlines():
            kind, _, rest = line.partition(" ")
            if kind == "pending":
                self.pending = json.loads(rest.partition(" ")[2])
            elif kind == "done":
                self.done.update(self.pending)
                self.pending = {}
                self.operations += 1


def missing_rows(plan: Plan, expected: dict[str, Rows | None],
                 uncertain: dict[str, Rows | None]) -> list[str]:
    """Rows that are not as the reported operations left them (the one operation that may have
    committed unreported is allowed either way)."""
    lost = []
    with plan.read() as connection:
        for key, row in expected.items():
            table, row_id = key.split(" ")
            found = connection.exec_driver_sql(
                f"SELECT * FROM {table} WHERE id = ?", (row_id,)).mappings().first()
            actual = dict(found) if found is not None else None
            if actual != row and not (key in uncertain and actual == uncertain[key]):
                lost.append(f"{key}: expected {row}, found {actual}")
    return lost


def file_alone_is_short(path: Path) -> bool:
    """Whether the plan file without its log is not a whole database (a checkpoint cut short
    after it wrote the file's first page)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return connection.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        return True
    finally:
        connection.close()


def kill_rounds(path: Path, rounds: int, *, seed: int = 0,
                figures: Figures | None = None) -> Figures:
    """`rounds` sessions on the plan at `path`, every other one killed at a checkpoint."""
    figures = figures or Figures()
    rng = random.Random(seed)
    expected: dict[str, Rows | None] = {}
    for round_number in range(rounds):
        at_checkpoint = round_number % 2 == 1
        session = Session(path, rng.randrange(10**9), "checkpoint" if at_checkpoint else "random")
        while session.read_line() != "ready":
            pass
        if at_checkpoint:
            wanted = rng.randrange(1, 4)
            seen = 0
            while seen < wanted:
                seen += session.read_line() == "checkpoint"
            if rng.random() < 0.75:
                session.kill_as_the_file_changes(path)
            else:
                session.kill()
            figures.checkpoint_kills += 1
        else:
            steps = rng.randrange(1, 40)
            while session.operations < steps:
                session.read_line()
            session.kill(rng.uniform(0, 0.01))
        figures.kills += 1
        figures.operations += session.operations
        expected.update(session.done)
        if pending_logs(path):
            figures.left_a_log += 1
            figures.cut_checkpoints += file_alone_is_short(path)
        try:
            with Plan.open(path) as plan:
                figures.recovered += plan.recovery_backup_path is not None
                lost = missing_rows(plan, expected, session.pending)
                figures.lost += lost
                if session.pending:
                    # Whichever way the last operation went, the plan now says.
                    with plan.read() as connection:
                        for key in session.pending:
                            table, row_id = key.split(" ")
                            found = connection.exec_driver_sql(
                                f"SELECT * FROM {table} WHERE id = ?", (row_id,)
                            ).mappings().first()
                            expected[key] = dict(found) if found is not None else None
        except OkrDeskError as error:
            figures.refused_plans += 1
            figures.lost.append(f"round {round_number}: the plan was refused: {error}")
            break
        for backup in path.parent.glob("*.recovery-backup*"):
            backup.unlink()
    return figures
