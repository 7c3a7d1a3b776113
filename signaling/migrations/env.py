"""Alembic environment: runs the migrations on the connection handed in by signaling.store."""

from alembic import context

from signaling.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
