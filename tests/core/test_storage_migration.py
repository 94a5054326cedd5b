"""A plan of the first format is backed up, then upgraded; the schema then matches the model."""

from __future__ import annotations

import hashlib
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.model import Base
from okrdesk.storage import Plan
from okrdesk.storage.engine import plan_engine
from okrdesk.storage.migrate import upgrade_to


def first_format_plan(path: Path) -> Path:
    """A plan as OKR Desk's first plan format wrote it, with some content."""
    engine = plan_engine(path)
    with engine.connect() as connection:
        upgrade_to(connection, "0001")
    with engine.connect() as connection:
        connection.exec_driver_sql(
            "INSERT INTO levels (id, rank, name, created_at, updated_at) "
            "VALUES ('l1', 0, 'C-suite', 't0', 't0')"
        )
        connection.commit()
    engine.dispose()
    return path


def test_first_format_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    original = hashlib.sha256(path.read_bytes()).digest()

    with Plan.open(path) as plan:
        assert plan.backup_path == tmp_path / "old.format1-backup.okr"
        with plan.read() as connection:
            version = connection.exec_driver_sql("PRAGMA user_version").scalar()
            level = connection.exec_driver_sql("SELECT name FROM levels").scalar()
            positions = connection.exec_driver_sql("SELECT count(*) FROM canvas_positions")
            assert positions.scalar() == 0
    assert (version, level) == (SCHEMA_VERSION, "C-suite")
    assert hashlib.sha256((tmp_path / "old.format1-backup.okr").read_bytes()).digest() == original


def test_second_backup_gets_a_free_name(tmp_path: Path) -> None:
    path = first_format_plan(tmp_path / "old.okr")
    (tmp_path / "old.format1-backup.okr").write_text("an earlier backup")
    with Plan.open(path) as plan:
        assert plan.backup_path == tmp_path / "old.format1-backup-2.okr"
    assert (tmp_path / "old.format1-backup.okr").read_text() == "an earlier backup"


def test_migrated_and_freshly_created_schemas_equal_the_model(tmp_path: Path) -> None:
    migrated = first_format_plan(tmp_path / "migrated.okr")
    Plan.open(migrated).close()
    created = tmp_path / "created.okr"
    Plan.create(created).close()
    for path in (migrated, created):
        engine = plan_engine(path, read_only=True)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, Base.metadata) == []
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar() == f"{SCHEMA_VERSION:04d}"
        engine.dispose()
