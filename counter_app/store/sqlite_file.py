"""The station's SQLite file, seen without SQLAlchemy: its schema revision and SQLite errors
turned into messages. Startup reads through this module only, so the window shows before
SQLAlchemy and Alembic are imported.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from counter_app.errors import PERMANENT, TRANSIENT, UserError
from counter_app.paths import migrations

DB_FILE = "counter.db"
# The head revision and the history are read from the migration scripts (store/migrations.py).
MIGRATIONS = migrations("client")
BUSY_TIMEOUT_MS = 3000


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
    con = sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.OperationalError as exc:
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
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)     # read-write: rolls back a hot journal
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
