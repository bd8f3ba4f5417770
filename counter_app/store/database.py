"""Opening the window's database: a SQLCipher-encrypted SQLite file in WAL mode, migrated to the
current schema. Every connection is made by :func:`sqlite_file.connect` with the station's key
(:mod:`station_keys`); a plain file of an earlier version is converted first (:mod:`plain_conversion`).

Errors from SQLite that a person can act on (locked by another program, read-only file,
unreadable file) become :class:`UserError` with a named kind.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from counter_app.errors import PERMANENT, UserError
from counter_app.store.migrations import head_revision, known_revisions
from counter_app.store.sqlite_file import (  # noqa: F401 (re-exported)
    BUSY_TIMEOUT_MS, DB_ERRORS, DB_FILE, MIGRATIONS, check_writable, classify, connect,
    current_revision, is_plain, set_aside_half_created, sqlcipher,
)

# FULL: each commit is on the disk before the receipt says 已受理. In WAL mode NORMAL may lose the
# last commits on a power cut, and township counters do lose power (issue 14). The cost per case
# is one more fsync: bench/bench_intake.py measures it against NORMAL in the same run.
SYNCHRONOUS = "FULL"


def _on_connect(dbapi_conn, _record) -> None:
    _driver_leaves_transactions_to_us(dbapi_conn, _record)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
    cur.close()


def _on_begin(conn) -> None:
    # A write takes SQLite's write lock at BEGIN, so everything it reads (the day's case-number
    # sequence) is read under that lock: two processes on one folder queue instead of both reading
    # the same last number (issue 14: 41 of 800 intakes failed). Reads begin deferred.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


WRITE = "counter_write"


def _engine(path: Path, key: bytes) -> Engine:
    """SQLAlchemy's SQLite dialect over the SQLCipher driver: every pooled connection is opened
    (and keyed) by :func:`connect`; the driver's errors are the ones SQLAlchemy wraps."""
    return create_engine(f"sqlite:///{path}", module=sqlcipher,
                         creator=lambda: connect(path, key=key, check_same_thread=False))


def make_engine(path: Path, key: bytes) -> Engine:
    engine = _engine(path, key)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _driver_leaves_transactions_to_us(dbapi_conn, _record) -> None:
    # Python's sqlite3 (before 3.12's autocommit attribute) opens a transaction only before
    # INSERT/UPDATE/DELETE and runs CREATE/ALTER/DROP and SELECT outside it: a migration killed
    # half-way kept its first tables or columns and the rerun tripped over them (issue 14). With
    # the driver's own handling off, SQLAlchemy's BEGIN below is a real SQLite BEGIN and
    # everything up to COMMIT is rolled back together. (SQLAlchemy's documented pysqlite recipe.)
    dbapi_conn.isolation_level = None


def _begin_immediately(conn) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def upgrade(path: Path, key: bytes) -> None:
    """Migrate to the head revision in one SQLite transaction: all revisions or none.

    A kill, a power cut or a full disk part-way leaves the file as it was before (SQLite rolls
    the journal back at the next open), so the next start simply migrates again.
    """
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = _engine(path, key)
    event.listen(engine, "connect", _driver_leaves_transactions_to_us)
    event.listen(engine, "begin", _begin_immediately)
    try:
        with engine.begin() as con:     # Alembic sees an outer transaction and commits nothing itself
            cfg.attributes["connection"] = con
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


class Store:
    """The open database of one station (one data directory)."""

    def __init__(self, data_dir: Path, *, demo: bool | None = None) -> None:
        """``demo``: whether a station without a keyring may keep its key in the demo file
        (None: as station.json says)."""
        from counter_app.store import plain_conversion, station_keys

        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILE
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            raise UserError("store.no_data_dir", kind=PERMANENT, path=str(self.data_dir)) from None
        check_writable(self.data_dir)
        # the key first: no keyring, no file written (nothing personal lands on the disk in clear)
        self.key = station_keys.station_key(self.data_dir, create=True, demo=demo)
        try:
            revision = current_revision(self.path)
            if revision is None:
                set_aside_half_created(self.path)
            elif revision not in known_revisions():
                raise UserError("store.newer_schema", kind=PERMANENT, revision=revision)
            if is_plain(self.path):      # an earlier version's file in clear: encrypted in place
                plain_conversion.convert(self.path, self.key)
            self.migrated = revision != head_revision()     # created or upgraded just now
            if self.migrated:
                upgrade(self.path, self.key)
            self.engine = make_engine(self.path, self.key)
            with self.engine.connect() as con:     # outside any transaction: SQLite refuses it inside
                mode = con.connection.dbapi_connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise UserError("store.read_only", kind=PERMANENT)
        except (*DB_ERRORS, DBAPIError) as exc:
            raise classify(exc) from None
        # The mappers' one-time set-up (~0.2 s once keyring's backends are loaded) happens here, on
        # the opening (writer) thread, not inside the first case's commit.
        from sqlalchemy.orm import configure_mappers

        import counter_app.store.models  # noqa: F401
        configure_mappers()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(self.engine.execution_options(**{WRITE: True}), expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session; nothing is committed."""
        s = self._sessions()
        try:
            yield s
        except (OperationalError, DBAPIError) as exc:
            raise classify(exc) from None
        finally:
            s.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write: committed when the block ends, rolled back (nothing half-saved) on error.
        It holds SQLite's write lock from its first statement (BEGIN IMMEDIATE)."""
        s = self._writes()
        try:
            with s.begin():
                yield s
        except (OperationalError, DBAPIError) as exc:
            raise classify(exc) from None
        finally:
            s.close()

    def close(self) -> None:
        self.engine.dispose()
