"""Reading cases for their life after intake (lists, detail) and keeping ``case_record.status``
(a cached copy of the state derived from the events) in step with a new transition."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.case_event import CaseEvent
from counter_app.store.case_events import _event
from counter_app.store.models import CaseEventRow, CaseRow


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


def _summary(row: CaseRow) -> CaseSummary:
    snaps = [i.snapshot or {} for i in row.items]
    return CaseSummary(
        id=row.id, number=row.number, hall=row.hall, window=row.window, clerk=row.clerk,
        created_at=row.created_at, status=row.status,
        applicant=row.applicant_name, org=row.applicant_org_name,
        items=tuple(i.item_name for i in row.items),
        departments=tuple(dict.fromkeys(i.department_name or i.department for i in row.items)),
        promised_date=row.promised_date,
        legal_days=max((int(sn.get("legal_days") or 0) for sn in snaps), default=0),
        promised_days=max((int(sn.get("promised_days") or 0) for sn in snaps), default=0),
        delivery=row.delivery)


def summaries(s: Session, *, hall: str | None = None, window: str | None = None, clerk: str | None = None,
              since: dt.datetime | None = None, statuses: Iterable[str] | None = None,
              limit: int = 2000) -> list[CaseSummary]:
    """Cases newest first, narrowed by the given fields (None: any)."""
    q = select(CaseRow).options(selectinload(CaseRow.items)).order_by(CaseRow.created_at.desc()).limit(limit)
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
    return [_summary(r) for r in s.scalars(q)]


def summary(s: Session, number: str) -> CaseSummary | None:
    row = s.scalars(select(CaseRow).options(selectinload(CaseRow.items)).where(CaseRow.number == number)).first()
    return None if row is None else _summary(row)


def events_of_cases(s: Session, case_ids: Iterable[str]) -> dict[str, list[CaseEvent]]:
    """Each case's events, oldest first, in one query per 500 cases."""
    ids = list(case_ids)
    out: dict[str, list[CaseEvent]] = defaultdict(list)
    for n in range(0, len(ids), 500):
        rows = s.scalars(select(CaseEventRow).where(CaseEventRow.case_id.in_(ids[n:n + 500]))
                         .order_by(CaseEventRow.id))
        for r in rows:
            out[r.case_id].append(_event(r))
    return out
