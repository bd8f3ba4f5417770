"""The central server's database: an SQLite file in the data folder (the embedded demo) or
PostgreSQL (``postgresql+psycopg://...``), migrated with the server's own Alembic chain."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from counter_app.paths import migrations

MIGRATIONS = migrations("central")
DB_FILE = "central.db"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def url_for(*, data_dir: Path | None = None, database_url: str | None = None) -> str:
    if database_url:
        return database_url
    if data_dir is None:
        raise ValueError("give a data folder or a database URL")
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(data_dir) / DB_FILE}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 10, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def upgrade(url: str) -> None:
    """Bring the database to the newest schema (safe to run on every start)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(cfg, "head")


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class Database:
    """The open central database; ``transaction()`` commits when the block ends."""

    def __init__(self, url: str, *, migrate: bool = True, pool_size: int = 10) -> None:
        if migrate:
            upgrade(url)
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.postgres = is_postgres(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        s = self._sessions()
        try:
            with s.begin():
                yield s
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
