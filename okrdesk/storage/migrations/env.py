"""Alembic environment: runs on the connection OKR Desk hands it, in batch mode for SQLite."""

from alembic import context

from okrdesk.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
