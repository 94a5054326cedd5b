"""Plan format 3: people's and teams' e-mail, and the objective a copy was made from.

Revision ID: 0003
Revises: 0002

Both columns go where the model declares them (`insert_after`), so an upgraded plan has the
same columns in the same order as a new one. The e-mail is filled with "" for existing rows
through a temporary default that the second step takes away again, as the model has none.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units", recreate="always") as batch:
        batch.add_column(sa.Column("email", sa.String(254), nullable=False, server_default=""),
                         insert_after="manager_id")
    with op.batch_alter_table("units") as batch:
        batch.alter_column("email", server_default=None, existing_type=sa.String(254),
                           existing_nullable=False)
    with op.batch_alter_table("objectives", recreate="always") as batch:
        batch.add_column(sa.Column("copied_from_id", sa.String(36), nullable=True),
                         insert_after="position")
        batch.create_index("ix_objectives_copied_from_id", ["copied_from_id"])
    op.execute("PRAGMA user_version = 3")
