"""Plans of older formats are backed up, then upgraded; the schema then matches the model."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from okrdesk.formats import SCHEMA_VERSION
from okrdesk.model import Base
from okrdesk.snapshot import Snapshot
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


def second_format_plan(path: Path) -> Path:
    """A plan as the second plan format wrote it: a person and an objective with a card."""
    engine = plan_engine(path)
    with engine.connect() as connection:
        upgrade_to(connection, "0002")
    with engine.connect() as connection:
        for statement in (
            "INSERT INTO levels VALUES (0, 'C-suite', 'l1', 't0', 't0')",
            "INSERT INTO units VALUES ('Alex Chen', 'person', 'CEO', 'l1', NULL, NULL, 'u1', "
            "'t0', 't0')",
            "INSERT INTO units VALUES ('Sam Lee', 'person', '', 'l1', NULL, 'u1', 'u2', 't0', "
            "'t0')",
            "INSERT INTO cycles VALUES ('2027', 'year', NULL, NULL, NULL, 'c1', 't0', 't0')",
            "INSERT INTO objectives VALUES ('Win Europe', '', 'u1', 'c1', 'own', 'committed', "
            "'published', NULL, NULL, 0, 'o1', 't0', 't0')",
            "INSERT INTO canvas_positions VALUES ('o1', 10.0, 20.0, 't0', 't0')",
        ):
            connection.exec_driver_sql(statement)
        connection.commit()
    engine.dispose()
    return path


def test_second_format_gains_email_and_copied_from(tmp_path: Path) -> None:
    path = second_format_plan(tmp_path / "old.okr")
    with Plan.open(path) as plan:
        assert plan.backup_path == tmp_path / "old.format2-backup.okr"
        with plan.read() as connection:
            snapshot = Snapshot.load(connection)
            checks = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    assert checks == []
    assert {(u.name, u.role, u.manager_id, u.email) for u in snapshot.units.values()} == {
        ("Alex Chen", "CEO", None, ""), ("Sam Lee", "", "u1", "")}
    objective = snapshot.objectives["o1"]
    assert (objective.title, objective.copied_from_id) == ("Win Europe", None)
    assert (snapshot.canvas_positions["o1"].x, snapshot.canvas_positions["o1"].y) == (10.0, 20.0)


def _shape(path: Path) -> dict[str, tuple[object, ...]]:
    """Columns in order, foreign keys and indexes of every table, as SQLite reports them."""
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: (
            connection.execute(f"PRAGMA table_info('{table}')").fetchall(),
            sorted(row[2:5] for row in connection.execute(f"PRAGMA foreign_key_list('{table}')")),
            sorted((row[1], row[2]) for row in connection.execute(f"PRAGMA index_list('{table}')")),
        ) for table in tables}


def test_upgraded_tables_have_the_shape_of_new_ones(tmp_path: Path) -> None:
    migrated = first_format_plan(tmp_path / "migrated.okr")
    Plan.open(migrated).close()
    created = tmp_path / "created.okr"
    Plan.create(created).close()
    assert _shape(migrated) == _shape(created)
    # The rebuilt tables keep their checks.
    with sqlite3.connect(migrated) as connection, pytest.raises(sqlite3.IntegrityError,
                                                                match="CHECK"):
        connection.execute("INSERT INTO units (name, kind, role, level_id, email, id, "
                           "created_at, updated_at) VALUES ('X', 'robot', '', 'l1', '', 'u9', "
                           "'t', 't')")
    with sqlite3.connect(migrated) as connection, pytest.raises(sqlite3.IntegrityError,
                                                                match="CHECK"):
        connection.execute("INSERT INTO objectives (title, description, owner_id, cycle_id, "
                           "origin, commitment, visibility, position, id, created_at, "
                           "updated_at) VALUES ('X', '', 'u', 'c', 'stolen', 'committed', "
                           "'draft', 0, 'o9', 't', 't')")
