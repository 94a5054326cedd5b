"""Plan format 5: the plan's own id, the change history kept in the file, and what a draft
file records of the plan it was taken from.

Revision ID: 0005
Revises: 0004

An upgraded plan gets its id here; a new plan gets it when its schema is made.
"""

import sqlalchemy as sa
from alembic import op

from okrdesk.clock import new_id, utc_now

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _row(table: str, *columns: sa.Column[object], extra: tuple[object, ...] = ()) -> None:
    op.create_table(
        table,
        *columns,
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        *extra,  # type: ignore[arg-type]
    )


def upgrade() -> None:
    _row("plan_identity")
    _row("history",
         sa.Column("at", sa.String(40), nullable=False),
         sa.Column("author", sa.String(200), nullable=False),
         sa.Column("label", sa.Text(), nullable=False),
         sa.Column("row_count", sa.Integer(), nullable=False),
         sa.Column("changes", sa.Text(), nullable=False))
    op.create_index("ix_history_at", "history", ["at"])
    _row("drafts",
         sa.Column("plan_id", sa.String(36), nullable=False),
         sa.Column("plan_name", sa.Text(), nullable=False),
         sa.Column("part_unit_id", sa.String(36), nullable=False),
         sa.Column("cycle_id", sa.String(36), nullable=True),
         sa.Column("taken_at", sa.String(40), nullable=False))
    _row("draft_base",
         sa.Column("table_name", sa.String(40), nullable=False),
         sa.Column("row_id", sa.String(36), nullable=False),
         sa.Column("row_values", sa.Text(), nullable=False))
    op.create_index("uq_draft_base_row", "draft_base", ["table_name", "row_id"], unique=True)
    now = utc_now()
    op.execute(sa.text("INSERT INTO plan_identity (id, created_at, updated_at) "
                       "VALUES (:id, :now, :now)").bindparams(id=new_id(), now=now))
    op.execute("PRAGMA user_version = 5")
