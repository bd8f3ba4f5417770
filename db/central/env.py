"""Alembic environment for the central server's database (SQLite or PostgreSQL)."""

from alembic import context
from sqlalchemy import create_engine

from counter_app.central.models import Base

config = context.config
target_metadata = Base.metadata


def _migrate(connection) -> None:
    batch = connection.dialect.name == "sqlite"
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=batch)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _migrate(connection)
    engine.dispose()


run()
