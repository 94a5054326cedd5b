"""Schema upgrades through the Alembic migrations shipped inside the package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from okrdesk.atomic import atomic_copy
from okrdesk.clock import new_id, utc_now
from okrdesk.formats import APPLICATION_ID, SCHEMA_VERSION, revision_for
from okrdesk.model import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = "okrdesk.storage:migrations"
CHUNK = 1 << 20


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config  # imported late: only upgrades need it

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def upgrade_to(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def create_schema(connection: Connection) -> None:
    """Create the newest schema directly (fast) and stamp it as the newest revision."""
    Base.metadata.create_all(connection)
    connection.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    connection.execute(
        text("INSERT INTO alembic_version (version_num) VALUES (:v)"),
        {"v": revision_for(SCHEMA_VERSION)},
    )
    now = utc_now()
    connection.execute(  # the plan's own id: a copy of the file keeps it, drafts name it
        text("INSERT INTO plan_identity (id, created_at, updated_at) VALUES (:id, :now, :now)"),
        {"id": new_id(), "now": now},
    )
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of the plan before an upgrade from `version` goes: a whole copy already
    there (an upgrade that was stopped), the name of one cut short, or else a free name."""
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        candidate = path.with_name(f"{path.stem}.format{version}-backup{suffix}{path.suffix}")
        if not candidate.exists() or _copy_of(path, candidate) != "other":
            return candidate
        number += 1


def back_up(path: Path, version: int) -> Path:
    """Copy the plan beside itself before an upgrade; a whole copy is never made twice."""
    target = backup_path(path, version)
    if not (target.exists() and _copy_of(path, target) == "whole"):
        atomic_copy(path, target)
    return target


def _copy_of(original: Path, candidate: Path) -> str:
    """'whole' (same bytes), 'cut short' (the original's beginning only) or 'other'."""
    size = candidate.stat().st_size
    if size > original.stat().st_size or candidate.is_dir():
        return "other"
    with original.open("rb") as first, candidate.open("rb") as second:
        while chunk := second.read(CHUNK):
            if first.read(len(chunk)) != chunk:
                return "other"
        return "whole" if not first.read(1) else "cut short"
