"""The change feed a window pulls: what happened to its hall's cases since its cursor.

A plain ``seq > last`` cursor skips rows: transaction A takes seq 7, B takes seq 8 and commits
first, a reader sees 8 and moves its cursor past 7, then A commits 7 — never read. So on
PostgreSQL every change row carries its transaction's id (``pg_current_xact_id()``), the cursor
is ``(txid, seq)``, and a pull returns only rows whose txid is below
``pg_snapshot_xmin(pg_current_snapshot())``: every transaction below that horizon has finished,
so no row can still appear behind the cursor. A long-running writer delays the feed; it never
makes it skip.

SQLite has one writer at a time: a transaction holds the write lock from its first insert to its
commit, so seq values become visible in the order they were assigned, and ``(0, seq)`` suffices.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session

from counter_app.central.database import Database
from counter_app.central.models import Case, CaseChange, CaseEvent

PAGE = 500


@dataclass(frozen=True)
class Cursor:
    txid: int = 0
    seq: int = 0

    def encode(self) -> str:
        return f"{self.txid}.{self.seq}"

    @classmethod
    def decode(cls, raw: str | None) -> "Cursor":
        if not raw:
            return cls()
        txid, _, seq = raw.partition(".")
        return cls(int(txid), int(seq))


def horizon(s: Session) -> int | None:
    """The oldest transaction id still running (None on SQLite: no horizon needed)."""
    if s.get_bind().dialect.name != "postgresql":
        return None
    return int(s.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")).scalar())


def changes_in(s: Session, hall: str, cursor: Cursor, limit: int = PAGE, *,
               exclude_device: str = "") -> tuple[list[dict], Cursor, bool]:
    """Up to ``limit`` changes after ``cursor``, the new cursor, and whether more are waiting.
    ``exclude_device``: leave out that window's own events (it has them)."""
    q = (select(CaseChange, CaseEvent, Case)
         .join(CaseEvent, CaseEvent.id == CaseChange.event_id)
         .join(Case, Case.id == CaseChange.case_id)
         .where(CaseChange.hall_code == hall,
                or_(CaseChange.txid > cursor.txid,
                    and_(CaseChange.txid == cursor.txid, CaseChange.seq > cursor.seq)))
         .order_by(CaseChange.txid, CaseChange.seq).limit(limit + 1))
    if exclude_device:
        q = q.where(CaseEvent.device_id != exclude_device)
    xmin = horizon(s)
    if xmin is not None:
        q = q.where(CaseChange.txid < xmin)
    rows = s.execute(q).all()
    more = len(rows) > limit
    rows = rows[:limit]
    out = []
    for change, ev, case in rows:
        item = {"case_id": case.id, "number": case.number, "window": case.window_code, "status": case.status,
                "event": {"id": ev.id, "kind": ev.kind, "payload": ev.payload, "clerk": ev.clerk,
                          "window": ev.window_code, "at": ev.occurred_at, "device": ev.device_id}}
        if case.created_by == ev.id:
            item["case"] = case.data
        out.append(item)
    if rows:
        last = rows[-1][0]
        cursor = Cursor(last.txid, last.seq)
    return out, cursor, more


def pull(db: Database, hall: str, cursor: Cursor, limit: int = PAGE, *,
         exclude_device: str = "") -> tuple[list[dict], Cursor, bool]:
    with db.transaction() as s:
        return changes_in(s, hall, cursor, limit, exclude_device=exclude_device)

