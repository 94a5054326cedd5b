"""Ids and timestamps for rows: stable UUIDs and exact UTC times."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """The current time as ISO 8601 text with microseconds, which round-trips exactly."""
    return datetime.now(UTC).isoformat(timespec="microseconds")
