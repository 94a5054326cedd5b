"""Rows that contradict the plan's constraints (a duplicate id, a missing parent row), as raised
by SQLite either directly (the transaction's own writes) or wrapped by SQLAlchemy."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import IntegrityError

ROW_CONFLICTS: tuple[type[Exception], ...] = (IntegrityError, sqlite3.IntegrityError)


def conflict_reason(error: BaseException) -> str:
    """SQLite's own words for the conflict ("UNIQUE constraint failed: objectives.id")."""
    return str(getattr(error, "orig", error))
