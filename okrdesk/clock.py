"""Ids and timestamps for rows: stable UUIDs and exact UTC times; today's date."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """The current time as ISO 8601 text with microseconds, which round-trips exactly."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def today() -> date:
    """Today's date where the program runs (the default cycle is the one around it). Read
    through this module, so tests can set the day."""
    return date.today()
