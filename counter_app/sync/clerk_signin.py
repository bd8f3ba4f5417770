"""A clerk signing in at the window: online against the central server, offline against the
verifier the server's reply carried at the last online sign-in.

The verifier is a scrypt hash (``scrypt$n$r$p$salt$hash``) of the clerk's password, never the
password; it is kept in ``<data dir>/clerks.json``, readable by the station's user only, and
honoured offline for the number of days the server allowed (``offline_days``). A wrong password
offline is refused exactly like online; a clerk never signed in online here cannot sign in offline.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from counter_app.central.secrets_hash import check_verifier
from counter_app.errors import NEEDS_USER, TRANSIENT, UserError
from counter_app.sync.client import SyncError
from counter_app.sync.session import open_client

FILE = "clerks.json"


@dataclass(frozen=True)
class Clerk:
    login: str
    name: str
    role: str
    online: bool        # checked by the server just now (False: by the cached verifier)


def _read(data_dir: Path) -> dict:
    path = Path(data_dir) / FILE
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, ValueError):
        return {}


def _write(data_dir: Path, table: dict) -> None:
    path = Path(data_dir) / FILE
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(table, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def sign_in(data_dir: Path, login: str, password: str, *, now: dt.datetime | None = None) -> Clerk:
    """Online when the server answers; offline (cached verifier) when it cannot be reached."""
    now = now or dt.datetime.now(dt.timezone.utc)
    login = login.strip()
    try:
        _, client = open_client(data_dir)
        try:
            reply = client.sign_in(login, password)
        finally:
            client.close()
    except SyncError as exc:
        if exc.kind != TRANSIENT:
            raise UserError("signin.refused", kind=NEEDS_USER) from None
        return _offline(data_dir, login, password, now)
    table = _read(data_dir)
    table[login] = {"name": reply["name"], "role": reply["role"], "verifier": reply["verifier"],
                    "valid_until": (now + dt.timedelta(days=int(reply.get("offline_days", 0)))).isoformat()}
    _write(data_dir, table)
    return Clerk(login, reply["name"], reply["role"], online=True)


def _offline(data_dir: Path, login: str, password: str, now: dt.datetime) -> Clerk:
    entry = _read(data_dir).get(login)
    if entry is None:
        raise UserError("signin.offline_unknown", kind=NEEDS_USER, login=login)
    if dt.datetime.fromisoformat(entry["valid_until"]) < now:
        raise UserError("signin.offline_expired", kind=NEEDS_USER, login=login)
    if not check_verifier(entry["verifier"], password):
        raise UserError("signin.refused", kind=NEEDS_USER)
    return Clerk(login, entry["name"], entry["role"], online=False)
