"""Reading a plan with sqlite3 alone, for a program that only reads (a map's worker process):
it starts without importing SQLAlchemy or the model.

The plan is opened as `Plan.open(path, read_only=True)` opens it: the header checked, the
place chosen (places.py: a private copy, so nothing changes beside the file), the file vetted
by the same checks (vetting.py), every statement under the same pragmas and time limit
(connect.py). A plan of an older format is upgraded on its private copy first, which takes the
migrations and so SQLAlchemy: that case is left to Plan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.storage.connect import connect, make_defensive
from okrdesk.storage.failures import storage_errors
from okrdesk.storage.header import read_plan_header
from okrdesk.storage.places import reading_place
from okrdesk.storage.vetting import (
    damaged_error,
    is_undecodable_text,
    undecodable_text_problem,
    vet_connection,
)


@dataclass(frozen=True)
class PlanReading:
    """A vetted plan, read in one transaction: every table from the same moment."""

    connection: sqlite3.Connection
    # Broken links and loops a hand edit left (each naming the rows), as Plan.problems.
    problems: tuple[str, ...]


@contextmanager
def read_plan(path: Path) -> Iterator[PlanReading]:
    """The plan at `path`, vetted, for reading; raises PlanFileError for a bad file."""
    version = read_plan_header(path).schema_version
    if version != SCHEMA_VERSION:
        with _read_upgraded(path) as reading:
            yield reading
        return
    place = reading_place(path)
    try:
        try:
            connection = connect(place.uri())
        except sqlite3.DatabaseError as error:
            raise damaged_error(error, path) from None
        try:
            try:
                clock = make_defensive(connection)
            except sqlite3.DatabaseError as error:
                raise damaged_error(error, path) from None
            problems = tuple(vet_connection(connection, path, version,
                                            another=lambda: _connected(place.uri())))
            clock.start()
            with storage_errors(path, "Reading the plan"):
                try:
                    connection.execute("BEGIN")
                    yield PlanReading(connection, problems)
                except sqlite3.Error as error:
                    if not is_undecodable_text(error):
                        raise
                    raise undecodable_text_problem(connection, path, version) from None
        finally:
            connection.close()  # a read transaction ends with its connection
    finally:
        place.discard()


def _connected(uri: str) -> sqlite3.Connection:
    connection = connect(uri)
    try:
        make_defensive(connection)
    except BaseException:
        connection.close()
        raise
    return connection


@contextmanager
def _read_upgraded(path: Path) -> Iterator[PlanReading]:
    from okrdesk.storage.plan import Plan

    with Plan.open(path, read_only=True) as plan, plan.reading() as connection:
        yield PlanReading(connection, plan.problems)
