"""Handover batches in the window's database (``handover_batch``, ``handover_case``); every
function works inside the caller's session or transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.case import CaseRecord
from counter_app.domain.case_event import new_event_id
from counter_app.domain.case_status import HANDED_OVER, HANDOVER_MISSING, HANDOVER_RECEIVED
from counter_app.domain.handover_batch import (
    CASE_MISSING, CASE_RECEIVED, CASE_SENT, INCOMPLETE, RECEIVED, SENT, Batch, BatchCase,
)
from counter_app.store import case_repo
from counter_app.store.models import CaseEventRow, CaseItemRow, CaseRow, HandoverBatchRow, HandoverCaseRow


def _query():
    return select(HandoverBatchRow).options(selectinload(HandoverBatchRow.cases))


def _batch(s: Session, row: HandoverBatchRow) -> Batch:
    ids = [c.case_id for c in row.cases]
    cases = {c.id: c for c in s.scalars(select(CaseRow).options(selectinload(CaseRow.items))
                                        .where(CaseRow.id.in_(ids)))}
    out = []
    for c in row.cases:
        case = cases[c.case_id]
        out.append(BatchCase(
            case_id=case.id, number=case.number,
            items=tuple(i.item_name for i in case.items if i.department == row.department),
            applicant=case.applicant_org_name or case.applicant_name, promised_date=case.promised_date,
            state=c.state, scanned=c.scanned_at is not None))
    return Batch(code=row.code, department=row.department, department_name=row.department_name, day=row.day,
                 slot=row.slot, state=row.state, created_at=row.created_at, clerk=row.clerk, window=row.window,
                 cases=tuple(out), confirmed_at=row.confirmed_at, confirmed_by=row.confirmed_by)


def batched_pairs(s: Session, case_ids) -> set[tuple[str, str]]:
    """(case id, department) of these cases already on a batch."""
    ids = list(case_ids)
    rows = s.execute(select(HandoverCaseRow.case_id, HandoverBatchRow.department)
                     .join(HandoverBatchRow, HandoverBatchRow.id == HandoverCaseRow.batch_id)
                     .where(HandoverCaseRow.case_id.in_(ids)))
    return {(r.case_id, r.department) for r in rows}


def cases_since(s: Session, window: str, since: dt.datetime) -> list[CaseRecord]:
    """This window's cases taken since ``since``, in case-number order."""
    rows = s.scalars(case_repo._query().where(CaseRow.window == window, CaseRow.created_at >= since)
                     .order_by(CaseRow.number))
    return [case_repo._record(s, r) for r in rows]


def departments_in_slot(s: Session, hall: str, window: str, day: dt.date, slot: str) -> set[str]:
    return set(s.scalars(select(HandoverBatchRow.department).where(
        HandoverBatchRow.hall == hall, HandoverBatchRow.window == window, HandoverBatchRow.day == day,
        HandoverBatchRow.slot == slot)))


def count_in_slot(s: Session, hall: str, window: str, day: dt.date, slot: str) -> int:
    return s.scalar(select(func.count()).select_from(HandoverBatchRow).where(
        HandoverBatchRow.hall == hall, HandoverBatchRow.window == window, HandoverBatchRow.day == day,
        HandoverBatchRow.slot == slot)) or 0


def add_batch(s: Session, *, code: str, hall: str, window: str, day: dt.date, slot: str, department: str,
              department_name: str, case_ids: list[str], clerk: str, at: dt.datetime) -> HandoverBatchRow:
    row = HandoverBatchRow(id=new_event_id(), code=code, hall=hall, window=window, day=day, slot=slot,
                           department=department, department_name=department_name, state=SENT,
                           created_at=at, clerk=clerk)
    row.cases = [HandoverCaseRow(case_id=cid, position=n, state=CASE_SENT) for n, cid in enumerate(case_ids)]
    s.add(row)
    s.flush()
    return row


def batch_row(s: Session, code: str) -> HandoverBatchRow | None:
    return s.scalars(_query().where(HandoverBatchRow.code == code.strip().upper())).first()


def load_batch(s: Session, code: str) -> Batch | None:
    row = batch_row(s, code)
    return None if row is None else _batch(s, row)


def batches_on(s: Session, window: str, day: dt.date) -> list[Batch]:
    rows = s.scalars(_query().where(HandoverBatchRow.window == window, HandoverBatchRow.day == day)
                     .order_by(HandoverBatchRow.slot, HandoverBatchRow.code))
    return [_batch(s, r) for r in rows]


def open_batches_before(s: Session, window: str, day: dt.date) -> list[Batch]:
    """Batches of earlier days still waiting to be confirmed (the back office never scanned them)."""
    rows = s.scalars(_query().where(HandoverBatchRow.window == window, HandoverBatchRow.day < day,
                                    HandoverBatchRow.state == SENT).order_by(HandoverBatchRow.code))
    return [_batch(s, r) for r in rows]


def batch_codes_of_case(s: Session, number: str) -> list[str]:
    """The batches a case is on (newest first); a bundle's case is on one per department."""
    return list(s.scalars(select(HandoverBatchRow.code)
                          .join(HandoverCaseRow, HandoverCaseRow.batch_id == HandoverBatchRow.id)
                          .join(CaseRow, CaseRow.id == HandoverCaseRow.case_id)
                          .where(CaseRow.number == number).order_by(HandoverBatchRow.created_at.desc())))


def foreign_batches(s: Session, window: str, day: dt.date) -> list[Batch]:
    """Batches of other windows this station holds (copied when their sheet was scanned here, at
    the back office): today's, and older ones still waiting."""
    rows = s.scalars(_query().where(HandoverBatchRow.window != window,
                                    (HandoverBatchRow.day == day) | (HandoverBatchRow.state == SENT))
                     .order_by(HandoverBatchRow.code))
    return [_batch(s, r) for r in rows]


def _events_of_batch(s: Session, kinds, code: str) -> list[CaseEventRow]:
    return list(s.scalars(select(CaseEventRow).where(CaseEventRow.kind.in_(list(kinds)),
                                                     CaseEventRow.payload["batch"].as_string() == code)
                          .order_by(CaseEventRow.id)))


def handover_codes_of_case(s: Session, case_id: str) -> list[str]:
    """The batches a case was put on, as its (possibly synced) events say, newest first."""
    rows = s.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id, CaseEventRow.kind == HANDED_OVER)
                     .order_by(CaseEventRow.id.desc()))
    return [str(r.payload.get("batch", "")) for r in rows if r.payload.get("batch")]


def copy_from_events(s: Session, code: str) -> HandoverBatchRow | None:
    """A batch made at another window of the hall, rebuilt from the synced events that put its
    cases on it (and any confirmation already made), so the back office's station can confirm it.
    None when no event names the batch (not made, or not synced yet)."""
    events = _events_of_batch(s, (HANDED_OVER,), code.strip().upper())
    if not events:
        return None
    first, p = events[0], events[0].payload
    department = str(p.get("department", ""))
    name = s.scalar(select(CaseItemRow.department_name).where(CaseItemRow.case_id == first.case_id,
                                                              CaseItemRow.department == department).limit(1))
    row = add_batch(s, code=str(p["batch"]), hall=first.hall, window=first.window,
                    day=dt.date.fromisoformat(str(p.get("day"))), slot=str(p.get("slot", "")), department=department,
                    department_name=name or department, case_ids=list(dict.fromkeys(e.case_id for e in events)),
                    clerk=first.clerk, at=first.at)
    for e in _events_of_batch(s, (HANDOVER_RECEIVED, HANDOVER_MISSING), row.code):
        apply_confirmation(s, e.case_id, e.kind, e.payload, e.at, e.clerk)
    return row


def apply_confirmation(s: Session, case_id: str, kind: str, payload: dict, at: dt.datetime, clerk: str) -> None:
    """A confirmation made at another station (pulled by the sync) or found while copying a batch:
    the case's entry and the batch's state follow it. Nothing happens for a batch not held here."""
    row = batch_row(s, str(payload.get("batch", "")))
    entry = next((c for c in row.cases if c.case_id == case_id), None) if row is not None else None
    if entry is None:
        return
    entry.state = CASE_RECEIVED if kind == HANDOVER_RECEIVED else CASE_MISSING
    if kind == HANDOVER_RECEIVED and (payload.get("by") == "case" or payload.get("late")):
        entry.scanned_at = entry.scanned_at or at
    if all(c.state != CASE_SENT for c in row.cases):
        row.state = INCOMPLETE if any(c.state == CASE_MISSING for c in row.cases) else RECEIVED
        row.confirmed_at, row.confirmed_by = row.confirmed_at or at, row.confirmed_by or clerk
