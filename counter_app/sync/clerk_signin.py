"""A clerk signing in at the window: online against the central server, offline against the
verifier the server's reply carried at the last online sign-in.

The verifier is a scrypt hash (``scrypt$n$r$p$salt$hash``) of the clerk's password, never the
password; it is kept in ``<data dir>/clerks.json``, readable by the station's user only, and
honoured offline for the number of days the server allowed (``offline_days``). A wrong password
offline is refused exactly like online; a clerk never signed in online here cannot sign in offline.

Why a 0600 file and not the station's database: the sign-in comes before anything else at the
window, while the writer thread is still opening (or migrating) the store, and it must work even
when that store cannot be opened; the verifiers are no case data, so they have no business in the
tables that travel to the central server, and a file readable by the station's user only is what
the device credential and the supervisors' PINs get too.

A station **not enrolled** with a central server checks its *local* clerks (entries marked
``local``: the demo clerk, or ones added with ``counter-app clerk add``), which never expire;
when it has none, there is no sign-in and the clerk of the station settings accepts the cases,
as before (:func:`needs_sign_in`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from counter_app.secrets_hash import check_verifier, make_verifier
from counter_app.errors import NEEDS_USER, TRANSIENT, UserError
from counter_app.sync import config

FILE = "clerks.json"


@dataclass(frozen=True)
class Clerk:
    login: str
    name: str
    role: str
    online: bool        # checked by the server just now (False: by the cached verifier)
    local: bool = False  # a clerk of this station only (not enrolled with a server)


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


def needs_sign_in(data_dir: Path) -> bool:
    """Clerks sign in at this window: it is enrolled with a server, or it has local clerks."""
    return config.load(data_dir) is not None or any(e.get("local") for e in _read(data_dir).values())


def add_local(data_dir: Path, login: str, name: str, password: str, *, role: str = "clerk") -> None:
    """A clerk known to this station only (a station without a server; the demo clerk)."""
    login = login.strip()
    if not login or len(password) < 8:
        raise UserError("central.weak_password")
    table = _read(data_dir)
    table[login] = {"name": name.strip() or login, "role": role, "verifier": make_verifier(password), "local": True}
    _write(data_dir, table)


def remove_local(data_dir: Path, login: str) -> bool:
    table = _read(data_dir)
    if not table.get(login, {}).get("local"):
        return False
    del table[login]
    _write(data_dir, table)
    return True


def local_clerks(data_dir: Path) -> list[tuple[str, str, str]]:
    return [(login, e.get("name", login), e.get("role", "clerk"))
            for login, e in sorted(_read(data_dir).items()) if e.get("local")]


def sign_in(data_dir: Path, login: str, password: str, *, now: dt.datetime | None = None) -> Clerk:
    """Online when the server answers; offline (cached verifier) when it cannot be reached; against
    the local clerks when the station is not enrolled. Raises UserError (``signin.*``) when refused."""
    now = now or dt.datetime.now(dt.timezone.utc)
    login = login.strip()
    if not login or not password:
        raise UserError("signin.empty", kind=NEEDS_USER)
    if config.load(data_dir) is None:
        return _local(data_dir, login, password)
    from counter_app.sync.client import SyncError        # httpx: not needed before a sign-in
    from counter_app.sync.session import open_client

    try:
        _, client = open_client(data_dir)
        try:
            reply = client.sign_in(login, password)
        finally:
            client.close()
    except SyncError as exc:
        if exc.key == "central.unauthenticated":        # the device itself is no longer accepted
            raise UserError("signin.device_refused", kind=NEEDS_USER) from None
        if exc.kind != TRANSIENT:
            raise UserError("signin.refused", kind=NEEDS_USER) from None
        return _offline(data_dir, login, password, now)
    table = _read(data_dir)
    table[login] = {"name": reply["name"], "role": reply["role"], "verifier": reply["verifier"],
                    "valid_until": (now + dt.timedelta(days=int(reply.get("offline_days", 0)))).isoformat()}
    _write(data_dir, table)
    return Clerk(login, reply["name"], reply["role"], online=True)


def _local(data_dir: Path, login: str, password: str) -> Clerk:
    entry = _read(data_dir).get(login)
    if entry is None or not entry.get("local") or not check_verifier(entry["verifier"], password):
        raise UserError("signin.refused", kind=NEEDS_USER)
    return Clerk(login, entry["name"], entry.get("role", "clerk"), online=False, local=True)


def _offline(data_dir: Path, login: str, password: str, now: dt.datetime) -> Clerk:
    entry = _read(data_dir).get(login)
    if entry is None or entry.get("local"):
        raise UserError("signin.offline_unknown", kind=NEEDS_USER, login=login)
    if dt.datetime.fromisoformat(entry["valid_until"]) < now:
        raise UserError("signin.offline_expired", kind=NEEDS_USER, login=login)
    if not check_verifier(entry["verifier"], password):
        raise UserError("signin.refused", kind=NEEDS_USER)
    return Clerk(login, entry["name"], entry["role"], online=False)
