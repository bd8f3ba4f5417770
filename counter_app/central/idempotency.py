"""Whole-request idempotency (``Idempotency-Key``, IETF httpapi draft).

Same key and same payload → the stored reply; same key, another payload → 422; the same key
while the first request is still being processed → 409. The reply is stored in the same
transaction as the events it reports, so a server killed mid-batch stores neither and the retry
simply runs again.

"In progress" must not outlive a crashed server, so it is not a row: on PostgreSQL it is a
transaction-scoped advisory lock on (device, key) — released by PostgreSQL when the transaction
ends or its connection dies, shared by every server process on the database. The embedded SQLite
server is one process; there it is a set guarded by a lock.
"""

from __future__ import annotations

import hashlib
import json
import threading
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session

from counter_app.central.database import utcnow
from counter_app.central.models import IdempotencyRecord


class InProgress(Exception):
    pass


class KeyReused(Exception):
    pass


def request_hash(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode("utf-8")).hexdigest()


_OPEN = text("""
    SELECT pg_try_advisory_xact_lock(:k) AS got, pg_current_xact_id()::text::bigint AS txid,
           r.request_hash, r.status_code, r.response
    FROM (SELECT 1) AS one
    LEFT JOIN idempotency_record AS r ON r.device_id = :d AND r.key = :key
""")


def _lock_id(device_id: str, key: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{device_id}\0{key}".encode()).digest()[:8], "big", signed=True)


class Keeper:
    def __init__(self, postgres: bool) -> None:
        self.postgres = postgres
        self._busy: set[tuple[str, str]] = set()
        self._mutex = threading.Lock()

    @contextmanager
    def hold(self, device_id: str, key: str) -> Iterator[None]:
        """Process-local part of the claim (SQLite); wraps the whole transaction."""
        if self.postgres:
            yield
            return
        with self._mutex:
            if (device_id, key) in self._busy:
                raise InProgress()
            self._busy.add((device_id, key))
        try:
            yield
        finally:
            with self._mutex:
                self._busy.discard((device_id, key))

    def claim(self, s: Session, device_id: str, key: str) -> None:
        """Database part of the claim (PostgreSQL), inside the request's transaction."""
        if self.postgres and not s.execute(text("SELECT pg_try_advisory_xact_lock(:k)"),
                                           {"k": _lock_id(device_id, key)}).scalar():
            raise InProgress()

    def open(self, s: Session, device_id: str, key: str, digest: str) -> tuple[tuple[int, str] | None, int]:
        """The claim, the stored reply (or None) and, on PostgreSQL, this transaction's id — in one
        round trip there (three statements' worth of waiting per push, under load the larger part
        of a push's time). Raises InProgress / KeyReused as :meth:`claim` and :meth:`stored`."""
        if not self.postgres:
            self.claim(s, device_id, key)
            return self.stored(s, device_id, key, digest), 0
        row = s.execute(_OPEN, {"k": _lock_id(device_id, key), "d": device_id, "key": key}).one()
        if not row.got:
            raise InProgress()
        if row.request_hash is None:
            return None, int(row.txid)
        if row.request_hash != digest:
            raise KeyReused()
        return (row.status_code, row.response), int(row.txid)

    @staticmethod
    def stored(s: Session, device_id: str, key: str, digest: str) -> tuple[int, str] | None:
        rec = s.get(IdempotencyRecord, (device_id, key))
        if rec is None:
            return None
        if rec.request_hash != digest:
            raise KeyReused()
        return rec.status_code, rec.response

    @staticmethod
    def store(s: Session, device_id: str, key: str, digest: str, status_code: int, body: str) -> None:
        now = utcnow()
        s.add(IdempotencyRecord(device_id=device_id, key=key, request_hash=digest, state="done",
                                lease_until=now, status_code=status_code, response=body, created_at=now))
