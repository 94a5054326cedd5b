"""Schema upgrades through the Alembic migrations shipped inside the package."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from okrdesk.formats import APPLICATION_ID, SCHEMA_VERSION, revision_for
from okrdesk.model import Base

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = "okrdesk.storage:migrations"


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
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_path(path: Path, version: int) -> Path:
    """A free name beside the plan for its copy before an upgrade from `version`."""
    candidate = path.with_name(f"{path.stem}.format{version}-backup{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.format{version}-backup-{number}{path.suffix}")
        number += 1
    return candidate


def back_up(path: Path, version: int) -> Path:
    target = backup_path(path, version)
    shutil.copy2(path, target)
    return target
