"""Reading cases for their life after intake (lists, detail) and keeping ``case_record.status``
(a cached copy of the state derived from the events) in step with a new transition."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.domain.case_event import CaseEvent
from counter_app.domain.case_status import EVENT_KINDS
from counter_app.store.models import CaseEventRow, CaseItemRow, CaseRow


@dataclass(frozen=True)
class CaseSummary:
    """A case as a list row needs it. ``applicant`` is the person's name as saved (the view masks
    it); ``org`` the company's name when a company applied."""
    id: str
    number: str
    hall: str
    window: str
    clerk: str
    created_at: dt.datetime
    status: str
    applicant: str
    org: str
    items: tuple[str, ...]           # item names
    departments: tuple[str, ...]     # department names
    promised_date: dt.date | None
    legal_days: int
    promised_days: int
    delivery: str


def case_id_of(s: Session, number: str) -> str | None:
    return s.scalar(select(CaseRow.id).where(CaseRow.number == number))


def set_status(s: Session, case_id: str, status: str) -> None:
    row = s.get(CaseRow, case_id)
    row.status = status


def set_promised_date(s: Session, case_id: str, day: dt.date) -> None:
    s.get(CaseRow, case_id).promised_date = day


_CASE_COLUMNS = (CaseRow.id, CaseRow.number, CaseRow.hall, CaseRow.window, CaseRow.clerk, CaseRow.created_at,
                 CaseRow.status, CaseRow.applicant_name, CaseRow.applicant_org_name, CaseRow.promised_date,
                 CaseRow.delivery)


def _summaries(s: Session, q) -> list[CaseSummary]:
    """Plain columns, and of the items only names and limits (read inside SQLite from the item
    snapshot, not the whole JSON): a list of 2000 cases is one short query plus one per 500."""
    cases = s.execute(q).all()
    items: dict[str, list] = defaultdict(list)
    ids = [c.id for c in cases]
    for n in range(0, len(ids), 500):
        rows = s.execute(select(CaseItemRow.case_id, CaseItemRow.item_name, CaseItemRow.department,
                                CaseItemRow.department_name,
                                func.json_extract(CaseItemRow.snapshot, "$.legal_days"),
                                func.json_extract(CaseItemRow.snapshot, "$.promised_days"))
                         .where(CaseItemRow.case_id.in_(ids[n:n + 500])).order_by(CaseItemRow.position))
        for r in rows:
            items[r[0]].append(r)
    out = []
    for c in cases:
        its = items.get(c.id, [])
        out.append(CaseSummary(
            id=c.id, number=c.number, hall=c.hall, window=c.window, clerk=c.clerk, created_at=c.created_at,
            status=c.status, applicant=c.applicant_name, org=c.applicant_org_name,
            items=tuple(i[1] for i in its), departments=tuple(dict.fromkeys(i[3] or i[2] for i in its)),
            promised_date=c.promised_date, legal_days=max((int(i[4] or 0) for i in its), default=0),
            promised_days=max((int(i[5] or 0) for i in its), default=0), delivery=c.delivery))
    return out


def summaries(s: Session, *, hall: str | None = None, window: str | None = None, clerk: str | None = None,
              since: dt.datetime | None = None, statuses: Iterable[str] | None = None,
              limit: int = 2000) -> list[CaseSummary]:
    """Cases newest first, narrowed by the given fields (None: any)."""
    q = select(*_CASE_COLUMNS).order_by(CaseRow.created_at.desc()).limit(limit)
    if hall is not None:
        q = q.where(CaseRow.hall == hall)
    if window is not None:
        q = q.where(CaseRow.window == window)
    if clerk is not None:
        q = q.where(CaseRow.clerk == clerk)
    if since is not None:
        q = q.where(CaseRow.created_at >= since)
    if statuses is not None:
        q = q.where(CaseRow.status.in_(list(statuses)))
    return _summaries(s, q)


def summary(s: Session, number: str) -> CaseSummary | None:
    found = _summaries(s, select(*_CASE_COLUMNS).where(CaseRow.number == number))
    return found[0] if found else None


def events_of_cases(s: Session, case_ids: Iterable[str]) -> dict[str, list[CaseEvent]]:
    """Each case's events, oldest first, in one query per 500 cases (plain rows, no ORM objects)."""
    ids = list(case_ids)
    out: dict[str, list[CaseEvent]] = defaultdict(list)
    cols = (CaseEventRow.id, CaseEventRow.case_id, CaseEventRow.kind, CaseEventRow.at, CaseEventRow.clerk,
            CaseEventRow.hall, CaseEventRow.window, CaseEventRow.payload)
    for n in range(0, len(ids), 500):
        rows = s.execute(select(*cols).where(CaseEventRow.case_id.in_(ids[n:n + 500])).order_by(CaseEventRow.id))
        for r in rows:
            if r.kind in EVENT_KINDS:        # a kind from a newer version at another window: not ours to fold
                out[r.case_id].append(CaseEvent(*r))
    return out
