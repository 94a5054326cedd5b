"""Plan format 2: card positions on the alignment canvas.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "canvas_positions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_canvas_positions"),
        sa.ForeignKeyConstraint(
            ["id"], ["objectives.id"], name="fk_canvas_positions_id_objectives"
        ),
    )
    op.execute("PRAGMA user_version = 2")
