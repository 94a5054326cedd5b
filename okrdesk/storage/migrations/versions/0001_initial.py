"""Plan format 1: levels, people and teams, cycles, objectives, key results, links, check-ins.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _row_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    ]


def upgrade() -> None:
    op.execute("PRAGMA application_id = 1330336324")
    op.create_table(
        "settings",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_settings"),
        sa.UniqueConstraint("key", name="uq_settings_key"),
    )
    op.create_table(
        "levels",
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_levels"),
        sa.UniqueConstraint("rank", name="uq_levels_rank"),
    )
    op.create_table(
        "functions",
        sa.Column("name", sa.String(120), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_functions"),
        sa.UniqueConstraint("name", name="uq_functions_name"),
    )
    op.create_table(
        "cycles",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("parent_id", sa.String(36), nullable=True),
        sa.Column("starts_on", sa.String(10), nullable=True),
        sa.Column("ends_on", sa.String(10), nullable=True),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_cycles"),
        sa.CheckConstraint("kind IN ('year', 'quarter', 'backlog')", name="ck_cycles_kind"),
        sa.UniqueConstraint("name", name="uq_cycles_name"),
        sa.ForeignKeyConstraint(["parent_id"], ["cycles.id"], name="fk_cycles_parent_id_cycles"),
    )
    op.create_index("ix_cycles_parent_id", "cycles", ["parent_id"])
    op.create_table(
        "units",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("level_id", sa.String(36), nullable=False),
        sa.Column("function_id", sa.String(36), nullable=True),
        sa.Column("manager_id", sa.String(36), nullable=True),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_units"),
        sa.CheckConstraint("kind IN ('person', 'team')", name="ck_units_kind"),
        sa.ForeignKeyConstraint(["level_id"], ["levels.id"], name="fk_units_level_id_levels"),
        sa.ForeignKeyConstraint(
            ["function_id"], ["functions.id"], name="fk_units_function_id_functions"
        ),
        sa.ForeignKeyConstraint(["manager_id"], ["units.id"], name="fk_units_manager_id_units"),
    )
    for column in ("level_id", "function_id", "manager_id"):
        op.create_index(f"ix_units_{column}", "units", [column])
    op.create_table(
        "objectives",
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.String(36), nullable=False),
        sa.Column("cycle_id", sa.String(36), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("commitment", sa.String(12), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=True),
        sa.Column("parent_kr_id", sa.String(36), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_objectives"),
        sa.CheckConstraint("origin IN ('own', 'delegated')", name="ck_objectives_origin"),
        sa.CheckConstraint(
            "commitment IN ('committed', 'aspirational')", name="ck_objectives_commitment"
        ),
        sa.CheckConstraint(
            "visibility IN ('draft', 'published')", name="ck_objectives_visibility"
        ),
        sa.CheckConstraint(
            "status IS NULL OR status IN ('on_track', 'at_risk', 'off_track')",
            name="ck_objectives_status",
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["units.id"], name="fk_objectives_owner_id_units"),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycles.id"], name="fk_objectives_cycle_id_cycles"
        ),
        sa.ForeignKeyConstraint(
            ["parent_kr_id"], ["key_results.id"], name="fk_objectives_parent_kr_id_key_results"
        ),
    )
    for column in ("owner_id", "cycle_id", "parent_kr_id"):
        op.create_index(f"ix_objectives_{column}", "objectives", [column])
    op.create_table(
        "key_results",
        sa.Column("objective_id", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("unit", sa.String(40), nullable=False),
        sa.Column("start_value", sa.Float(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("current_value", sa.Float(), nullable=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_key_results"),
        sa.CheckConstraint(
            "kind IN ('increase', 'decrease', 'stay_above', 'stay_below', 'milestone', "
            "'no_metric', 'objective')",
            name="ck_key_results_kind",
        ),
        sa.CheckConstraint("origin IN ('own', 'delegated')", name="ck_key_results_origin"),
        sa.CheckConstraint("weight >= 0", name="ck_key_results_weight"),
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
            name="ck_key_results_confidence",
        ),
        sa.ForeignKeyConstraint(
            ["objective_id"], ["objectives.id"], name="fk_key_results_objective_id_objectives"
        ),
    )
    op.create_index("ix_key_results_objective_id", "key_results", ["objective_id"])
    op.create_table(
        "contributions",
        sa.Column("source_id", sa.String(36), nullable=False),
        sa.Column("target_id", sa.String(36), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_contributions"),
        sa.CheckConstraint("source_id <> target_id", name="ck_contributions_not_self"),
        sa.ForeignKeyConstraint(
            ["source_id"], ["objectives.id"], name="fk_contributions_source_id_objectives"
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["objectives.id"], name="fk_contributions_target_id_objectives"
        ),
    )
    op.create_index("ix_contributions_source_id", "contributions", ["source_id"])
    op.create_index("ix_contributions_target_id", "contributions", ["target_id"])
    op.create_index(
        "uq_contributions_pair", "contributions", ["source_id", "target_id"], unique=True
    )
    op.create_table(
        "check_ins",
        sa.Column("key_result_id", sa.String(36), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        *_row_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_check_ins"),
        sa.CheckConstraint(
            "confidence IS NULL OR (confidence >= 0 AND confidence <= 1)",
            name="ck_check_ins_confidence",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"], ["key_results.id"], name="fk_check_ins_key_result_id_key_results"
        ),
    )
    op.create_index("ix_check_ins_key_result_id", "check_ins", ["key_result_id"])
    op.execute("PRAGMA user_version = 1")
