"""The sync outbox (DESIGN.md "Events and outbox"): every case event the window writes is queued
for the central server in the same transaction (:func:`queue`, called by ``case_events.add``), and
leaves the queue only when the server acknowledged it. Events pulled from the server are written
without queueing. The sync client (``counter_app.sync``) reads and settles the queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app.store.models import OutboxRow, SyncStateRow

PENDING, SENT, REJECTED = "pending", "sent", "rejected"


def queue(s: Session, events: Iterable) -> None:
    s.add_all(OutboxRow(event_id=e.id, case_id=e.case_id, state=PENDING, queued_at=e.at, attempts=0, reason="")
              for e in events)


def batch(s: Session, *, limit: int, new_key) -> tuple[str, list[str]] | None:
    """The batch to send next, as (Idempotency-Key, event ids): the batch already sent once and not
    yet settled (same key, same entries: a retry), else the oldest pending events under a new key."""
    key = s.scalar(select(OutboxRow.batch_key).where(OutboxRow.state == PENDING, OutboxRow.batch_key.is_not(None))
                   .order_by(OutboxRow.event_id).limit(1))
    if key is None:
        ids = list(s.scalars(select(OutboxRow.event_id).where(OutboxRow.state == PENDING)
                             .order_by(OutboxRow.event_id).limit(limit)))
        if not ids:
            return None
        key = new_key()
        s.execute(update(OutboxRow).where(OutboxRow.event_id.in_(ids)).values(batch_key=key))
    ids = list(s.scalars(select(OutboxRow.event_id).where(OutboxRow.batch_key == key, OutboxRow.state == PENDING)
                         .order_by(OutboxRow.event_id)))
    s.execute(update(OutboxRow).where(OutboxRow.event_id.in_(ids)).values(attempts=OutboxRow.attempts + 1))
    return key, ids


def release(s: Session, key: str) -> None:
    """Forget a batch's key (its entries go out again under a new one)."""
    s.execute(update(OutboxRow).where(OutboxRow.batch_key == key, OutboxRow.state == PENDING).values(batch_key=None))


def settle(s: Session, *, sent: Iterable[str], rejected: dict[str, str], now: dt.datetime) -> None:
    sent = list(sent)
    if sent:
        s.execute(update(OutboxRow).where(OutboxRow.event_id.in_(sent)).values(state=SENT, sent_at=now))
    for event_id, reason in rejected.items():
        s.execute(update(OutboxRow).where(OutboxRow.event_id == event_id).values(state=REJECTED, reason=reason))


@dataclass(frozen=True)
class Backlog:
    pending: int
    oldest: dt.datetime | None     # when the oldest unsent event was queued
    rejected: int


def backlog(s: Session) -> Backlog:
    pending, oldest = s.execute(select(func.count(), func.min(OutboxRow.queued_at))
                                .where(OutboxRow.state == PENDING)).one()
    rejected = s.scalar(select(func.count()).where(OutboxRow.state == REJECTED)) or 0
    return Backlog(pending or 0, oldest, rejected)


def rejected_entries(s: Session) -> list[tuple[str, str, str]]:
    """(case id, event id, the server's reason) of what the server refused."""
    return [tuple(r) for r in s.execute(select(OutboxRow.case_id, OutboxRow.event_id, OutboxRow.reason)
                                        .where(OutboxRow.state == REJECTED).order_by(OutboxRow.event_id))]


def get_state(s: Session, key: str, default: str = "") -> str:
    row = s.get(SyncStateRow, key)
    return default if row is None else row.value


def set_state(s: Session, key: str, value: str) -> None:
    row = s.get(SyncStateRow, key)
    if row is None:
        s.add(SyncStateRow(key=key, value=value))
    else:
        row.value = value
