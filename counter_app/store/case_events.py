"""Writing and reading case events (``domain.case_event``). Writes happen inside the caller's
transaction, the one that saves the change the event records."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.case_event import CaseEvent
from counter_app.store import outbox
from counter_app.store.models import CaseEventRow


def add(s: Session, events: Iterable[CaseEvent]) -> None:
    """Writes the events and queues them for the central server (``store.outbox``), all in ``s``."""
    events = list(events)
    s.add_all(CaseEventRow(id=e.id, case_id=e.case_id, kind=e.kind, at=e.at, clerk=e.clerk, hall=e.hall,
                           window=e.window, payload=dict(e.payload)) for e in events)
    s.flush()   # the outbox rows refer to the events
    outbox.queue(s, events)


def _event(row: CaseEventRow) -> CaseEvent:
    return CaseEvent(row.id, row.case_id, row.kind, row.at, row.clerk, row.hall, row.window, row.payload)


def of_case(s: Session, case_id: str) -> list[CaseEvent]:
    """A case's events, oldest first (UUIDv7 ids sort by time)."""
    rows = s.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id).order_by(CaseEventRow.id))
    return [_event(r) for r in rows]

