"""Plan format 4: closing a cycle — when it closed, and the final scores of its objectives
(with the reflection on each) and key results.

Revision ID: 0004
Revises: 0003

`closed_at` goes where the model declares it (`insert_after`), so an upgraded plan has the
same columns in the same order as a new one. Existing cycles are open (NULL).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _times() -> list[sa.Column[str]]:
    return [sa.Column("created_at", sa.String(40), nullable=False),
            sa.Column("updated_at", sa.String(40), nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table("cycles", recreate="always") as batch:
        batch.add_column(sa.Column("closed_at", sa.String(40), nullable=True),
                         insert_after="ends_on")
    op.create_table(
        "objective_scores",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("achieved", sa.Text(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("decided", sa.Text(), nullable=False),
        *_times(),
        sa.CheckConstraint("value >= 0 AND value <= 1", name="value"),
        sa.PrimaryKeyConstraint("id", name="pk_objective_scores"),
        sa.ForeignKeyConstraint(["id"], ["objectives.id"],
                                name="fk_objective_scores_id_objectives"),
    )
    op.create_table(
        "key_result_scores",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_times(),
        sa.CheckConstraint("value >= 0 AND value <= 1", name="value"),
        sa.PrimaryKeyConstraint("id", name="pk_key_result_scores"),
        sa.ForeignKeyConstraint(["id"], ["key_results.id"],
                                name="fk_key_result_scores_id_key_results"),
    )
    op.execute("PRAGMA user_version = 4")
