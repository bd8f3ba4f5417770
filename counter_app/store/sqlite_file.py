"""The station's SQLite file, seen without SQLAlchemy: its schema revision and SQLite errors
turned into messages. Startup reads through this module only, so the window shows before
SQLAlchemy and Alembic are imported.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from counter_app.errors import PERMANENT, TRANSIENT, UserError
from counter_app.paths import RESOURCES

DB_FILE = "counter.db"
# The head revision and the history are read from the migration scripts (store/migrations.py).
MIGRATIONS = RESOURCES.parent / "db" / "client"
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
    if not path.exists():
        return None
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    finally:
        con.close()


