"""Converting a station's database kept in clear (versions before encryption) to SQLCipher, in
place and crash-safe: copy, verify, swap.

1. The plain file takes in its WAL and leaves WAL mode (``journal_mode=DELETE``), so the file
   alone holds everything committed and no plain WAL is left to be replayed onto the new file.
2. ``sqlcipher_export`` copies it into ``counter.db.encrypting`` under the station's key; the copy
   is closed and fsynced.
3. The copy is opened with the key and checked: ``integrity_check`` and the same rows in every
   table as the plain file.
4. ``os.replace`` swaps it in (atomic on one file system), then the folder is fsynced.

A kill at any moment leaves ``counter.db`` either the old plain file (steps 1–3: the next start
removes the half copy and converts again) or the new encrypted one (after 4). The same steps
re-encrypt a file under a new key (``keys rotate``): :func:`reencrypt`.
"""

from __future__ import annotations

import os
from pathlib import Path

from counter_app.errors import PERMANENT, UserError
from counter_app.store.sqlite_file import connect, is_plain
from counter_app.store.station_keys import fsync_dir

SUFFIX = ".encrypting"


def _leftovers(path: Path) -> list[Path]:
    new = path.with_name(path.name + SUFFIX)
    return [new, *(new.with_name(new.name + s) for s in ("-journal", "-wal", "-shm"))]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _tables(con) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _copy(path: Path, old_key: bytes | None, new_key: bytes) -> Path:
    for stale in _leftovers(path):
        stale.unlink(missing_ok=True)
    new = _leftovers(path)[0]
    con = connect(path, key=old_key, mode="rw", isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE").fetchall()   # the WAL into the file, and gone
        expected = _tables(con)
        con.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{new_key.hex()}'\"", (str(new),))
        con.execute("SELECT sqlcipher_export('encrypted')").fetchall()
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        con.execute("DETACH DATABASE encrypted")
    finally:
        con.close()
    _fsync(new)
    check = connect(new, key=new_key, mode="ro")
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
        found = _tables(check)
    finally:
        check.close()
    if ok != "ok" or found != expected:
        new.unlink(missing_ok=True)
        raise UserError("keys.conversion_failed", kind=PERMANENT, path=str(path))
    return new


def _swap(new: Path, path: Path) -> None:
    os.replace(new, path)
    fsync_dir(path.parent)
    for stale in _leftovers(path)[1:]:
        stale.unlink(missing_ok=True)


def convert(path: Path, key: bytes) -> bool:
    """Encrypt a plain station file in place; False when it was not plain (nothing done)."""
    path = Path(path)
    if not is_plain(path):
        for stale in _leftovers(path):      # a copy a kill left after the swap had happened
            stale.unlink(missing_ok=True)
        return False
    _swap(_copy(path, None, key), path)
    return True


def reencrypt(path: Path, old_key: bytes, new_key: bytes) -> None:
    """The encrypted file under a new key, by the same copy, verify, swap."""
    path = Path(path)
    _swap(_copy(path, old_key, new_key), path)
