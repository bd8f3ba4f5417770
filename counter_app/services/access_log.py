"""Who looked at whose data (issue 13): a person's history shown at a window (一证通办), a document
printed again, a case in an export. Each is a case event (``case_status.ACCESS_KINDS``) with who,
where and when, so it is chained and synced like the rest and a supervisor sees it in the case's
history. Events name the case, never the person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain import case_status as cs
from counter_app.domain.case_event import CaseEvent
from counter_app.store import case_events
from counter_app.store.models import CaseRow


@dataclass(frozen=True)
class Viewer:
    clerk: str            # the signed-in clerk's login (or the station's clerk)
    hall: str
    window: str

    @classmethod
    def of(cls, settings, clerk: str | None = None) -> Viewer:
        return cls(clerk or settings.clerk, settings.hall.code, settings.window)


def note(s: Session, kind: str, case_ids: Iterable[str], viewer: Viewer, *, at: dt.datetime | None = None,
         **payload) -> int:
    """Records ``kind`` on each case, in ``s`` (the caller's transaction); returns how many."""
    assert kind in cs.ACCESS_KINDS, kind
    at = at or dt.datetime.now()
    ids = list(dict.fromkeys(case_ids))
    rows = s.execute(select(CaseRow.id, CaseRow.number).where(CaseRow.id.in_(ids))) if ids else ()
    numbers = {r.id: r.number for r in rows}
    events = [CaseEvent.new(cid, kind, at=at, clerk=viewer.clerk, hall=viewer.hall, window=viewer.window,
                            payload={"number": numbers[cid], **payload}) for cid in ids if cid in numbers]
    if events:
        case_events.add(s, events)
    return len(events)


def note_numbers(store, kind: str, numbers: Iterable[str], viewer: Viewer, **payload) -> int:
    """As :func:`note`, the cases named by number, in a transaction of its own."""
    numbers = list(numbers)
    with store.transaction() as s:
        ids = list(s.scalars(select(CaseRow.id).where(CaseRow.number.in_(numbers)))) if numbers else []
        return note(s, kind, ids, viewer, **payload)
