"""The station's SQLite file, seen without SQLAlchemy: its schema revision and SQLite errors
turned into messages. Startup reads through this module only, so the window shows before
SQLAlchemy and Alembic are imported.

The file is encrypted with SQLCipher (``sqlcipher3-wheels``: SQLCipher 4 built into the wheel for
Linux and Windows, nothing to compile). Every connection to it, SQLAlchemy's included, is made by
:func:`connect`, which gives the key (the station's, :mod:`counter_app.store.station_keys`) as the
first statement. A plain file of an earlier version is opened without a key, only to be
converted (:mod:`counter_app.store.plain_conversion`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from counter_app.errors import PERMANENT, TRANSIENT, UserError
from counter_app.paths import migrations

DB_FILE = "counter.db"
# The head revision and the history are read from the migration scripts (store/migrations.py).
MIGRATIONS = migrations("client")
BUSY_TIMEOUT_MS = 3000
PLAIN_HEADER = b"SQLite format 3\x00"
# An error from either driver (the plain one still reads old files in tests and conversion).
DB_ERRORS = (sqlite3.Error, sqlcipher.Error)


def is_plain(path: Path) -> bool:
    """A database file in clear (an earlier version's): its first bytes are SQLite's header.
    An encrypted file starts with its random salt."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == PLAIN_HEADER
    except FileNotFoundError:
        return False


def _needs_key(path: Path) -> bool:
    from counter_app.store.station_keys import has_key

    if is_plain(path):
        return False
    if path.exists() and path.stat().st_size > 0:
        return True
    return has_key(path.parent)      # an empty or new file of a station with a key


def keyed(con, key: bytes | None):
    """The key as SQLCipher's first statement: a raw 256-bit key (x'..'), so no PBKDF2 per
    connection. ``None``: a plain file."""
    if key is not None:
        con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


def connect(path: Path, *, key: bytes | None = None, mode: str = "rwc",
            timeout: float = BUSY_TIMEOUT_MS / 1000, **kwargs):
    """A DB-API connection to the station's file. ``key`` defaults to the station's key (from the
    folder's keys.json), or none for a file still in clear."""
    path = Path(path)
    if key is None and _needs_key(path):
        from counter_app.store.station_keys import station_key

        key = station_key(path.parent)
    con = sqlcipher.connect(f"file:{path}?mode={mode}", uri=True, timeout=timeout, **kwargs)
    try:
        keyed(con, key)
    except BaseException:
        con.close()
        raise
    return con


def classify(exc: BaseException) -> UserError:
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return UserError("store.locked", kind=TRANSIENT)
    if "readonly" in text or "read-only" in text or "read only" in text:
        return UserError("store.read_only", kind=PERMANENT)
    if "not a database" in text or "malformed" in text or "unable to open" in text:
        return UserError("store.unreadable", kind=PERMANENT)
    if "disk" in text and "full" in text:
        return UserError("store.disk_full", kind=PERMANENT)
    return UserError("store.failed", kind=PERMANENT, detail=type(exc).__name__)


def check_writable(folder: Path) -> None:
    """A read-only disk or folder is said to be read-only, not mistaken for a damaged database."""
    probe = Path(folder) / f".write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        raise UserError("store.read_only_dir", kind=PERMANENT, path=str(folder)) from None


def current_revision(path: Path) -> str | None:
    path = Path(path)
    if not path.exists():
        return None
    # A journal left by a killed migration must be rolled back before the file can be read; a
    # read-only connection cannot, and saw a "read-only database" (the rare kill during COMMIT).
    mode = "rw" if path.with_name(path.name + "-journal").exists() else "ro"
    con = connect(path, mode=mode)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except DB_ERRORS as exc:
        if "no such table" in str(exc):
            return None
        raise
    finally:
        con.close()




def set_aside_half_created(path: Path) -> Path | None:
    """A database file without a schema revision is one whose first migration never finished
    (builds before migrations were transactional left such files after a kill). Nothing was ever
    saved in it: it is renamed to ``counter.db.incomplete-<time>`` (kept, never deleted) so the
    first start is redone. A file without a revision that does hold cases is not ours to touch."""
    if not path.exists():
        return None
    con = connect(path)     # read-write: rolls back a hot journal
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables = {t for t in tables if not t.startswith("sqlite_")}
        if not tables:
            return None
        if "case_record" in tables and con.execute("SELECT 1 FROM case_record LIMIT 1").fetchone():
            raise UserError("store.unknown_schema", kind=PERMANENT, path=str(path))
    finally:
        con.close()
    aside = path.with_name(f"{path.name}.incomplete-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(path, aside)
    return aside
