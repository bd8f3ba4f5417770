"""The per-department delivery queue (issue 9): one row per case and department, written in the
case's own transaction (:func:`queue_case`, called by ``services.intake``), worked by
``services.delivery`` and settled only when the department acknowledged. The department's
reference and statuses come back as case events (``store.case_events.add``), so they sync.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app.domain.case_event import CaseEvent, new_event_id
from counter_app.domain.case_status import DEPT_DELIVERED, DEPT_STATUS
from counter_app.store import case_events
from counter_app.store.models import CaseRow, DeliveryRow, DepartmentLinkRow

PENDING, DELIVERED, DONE, PARKED, MANUAL = "pending", "delivered", "done", "parked", "manual"
WAITING = (PENDING,)                 # not yet acknowledged by the department


def queue_case(s: Session, record, *, now: dt.datetime) -> list[str]:
    """A pending delivery for each department of an accepted case's items; returns their ids."""
    departments = list(dict.fromkeys(i.department for i in record.items))
    rows = [DeliveryRow(id=new_event_id(), case_id=record.id, department=d, clerk=record.clerk, state=PENDING,
                        queued_at=now, next_at=now, attempts=0, reference="", dept_status="", failure="",
                        reason="", detail="") for d in departments]
    s.add_all(rows)
    return [r.id for r in rows]


@dataclass(frozen=True)
class Job:
    """One due row: a send (state pending) or a status poll (state delivered)."""
    id: str
    case_id: str
    case_number: str
    department: str
    clerk: str
    state: str
    attempts: int
    reference: str
    dept_status: str


def _jobs(s: Session, state: str, now: dt.datetime, per_department: int, departments=None) -> list[Job]:
    q = (select(DeliveryRow, CaseRow.number).join(CaseRow, CaseRow.id == DeliveryRow.case_id)
         .where(DeliveryRow.state == state, DeliveryRow.next_at <= now))
    if departments is not None:
        q = q.where(DeliveryRow.department.in_(list(departments)))
    rank = func.row_number().over(partition_by=DeliveryRow.department, order_by=DeliveryRow.id).label("rank")
    inner = q.add_columns(rank).subquery()
    rows = s.execute(select(inner).where(inner.c.rank <= per_department).order_by(inner.c.id)).mappings()
    return [Job(r["id"], r["case_id"], r["number"], r["department"], r["clerk"], r["state"], r["attempts"],
                r["reference"], r["dept_status"]) for r in rows]


def due_departments(s: Session, now: dt.datetime) -> list[str]:
    """Departments with a send or a status poll due (cheap: the scheduler asks often)."""
    return list(s.scalars(select(DeliveryRow.department).where(
        DeliveryRow.state.in_((PENDING, DELIVERED)), DeliveryRow.next_at <= now).distinct()))


def due_sends(s: Session, now: dt.datetime, *, per_department: int = 20, departments=None) -> list[Job]:
    return _jobs(s, PENDING, now, per_department, departments)


def due_polls(s: Session, now: dt.datetime, *, per_department: int = 20, departments=None) -> list[Job]:
    return _jobs(s, DELIVERED, now, per_department, departments)


def _event(s: Session, row: DeliveryRow, kind: str, payload: dict, now: dt.datetime) -> None:
    case = s.get(CaseRow, row.case_id)
    case_events.add(s, [CaseEvent.new(row.case_id, kind, at=now, clerk=row.clerk, hall=case.hall,
                                      window=case.window, payload={"number": case.number,
                                                                   "department": row.department, **payload})])


def delivered(s: Session, delivery_id: str, *, reference: str, status: str, raw_status: str, final: bool,
              now: dt.datetime, poll_at: dt.datetime) -> bool:
    """The department took it. Returns False when the row was already settled (a second worker)."""
    row = s.get(DeliveryRow, delivery_id)
    if row is None or row.state != PENDING:
        return False
    row.state = DONE if final else DELIVERED
    row.reference, row.dept_status, row.delivered_at = reference, status, now
    row.failure = row.reason = row.detail = ""
    row.next_at = poll_at
    if reference:       # a 前置库 answers with its reference later, through a status poll
        _event(s, row, DEPT_DELIVERED, {"reference": reference, "delivery_id": row.id, "status": status,
                                        "department_status": raw_status}, now)
    return True


def status_seen(s: Session, delivery_id: str, *, reference: str, status: str, raw_status: str, final: bool,
                now: dt.datetime, poll_at: dt.datetime) -> bool:
    """A status poll's answer; a case event when the status (or a late reference) changed."""
    row = s.get(DeliveryRow, delivery_id)
    if row is None or row.state != DELIVERED:
        return False
    changed = bool(status and status != row.dept_status) or bool(reference and reference != row.reference)
    row.next_at = poll_at
    row.failure = row.reason = row.detail = ""
    if not changed:
        return False
    first_reference = bool(reference and not row.reference)
    row.reference = reference or row.reference
    row.dept_status = status or row.dept_status
    if final:
        row.state = DONE
    kind = DEPT_DELIVERED if first_reference else DEPT_STATUS
    _event(s, row, kind, {"reference": row.reference, "delivery_id": row.id, "status": row.dept_status,
                          "department_status": raw_status}, now)
    return True


def failed(s: Session, delivery_id: str, *, failure: str, reason: str, detail: str, now: dt.datetime,
           retry_at: dt.datetime | None) -> str:
    """A failed attempt: ``retry_at`` None parks the row. Returns the row's new state."""
    row = s.get(DeliveryRow, delivery_id)
    if row is None or row.state not in (PENDING, DELIVERED):
        return row.state if row else ""
    row.attempts += 1
    row.failure, row.reason, row.detail = failure, reason, detail
    if retry_at is None:
        row.state, row.parked_at = PARKED, now
    else:
        row.next_at = retry_at
    return row.state


def defer(s: Session, ids, *, until: dt.datetime | None) -> None:
    """Rows not tried this round (their department was down): they wait as long as the one tried."""
    if until is not None:
        s.execute(update(DeliveryRow).where(DeliveryRow.id.in_(list(ids)), DeliveryRow.state.in_((PENDING, DELIVERED)))
                  .values(next_at=until))


def next_at(s: Session, delivery_id: str) -> dt.datetime | None:
    return s.scalar(select(DeliveryRow.next_at).where(DeliveryRow.id == delivery_id,
                                                      DeliveryRow.state.in_((PENDING, DELIVERED))))


def manual(s: Session, delivery_id: str, *, now: dt.datetime) -> None:
    row = s.get(DeliveryRow, delivery_id)
    if row is not None and row.state == PENDING:
        row.state = MANUAL
        row.next_at = now


def resend(s: Session, case_number: str, *, now: dt.datetime, department: str | None = None) -> int:
    """Parked (or manual) deliveries of a case go out again, attempts counted afresh."""
    case_id = s.scalar(select(CaseRow.id).where(CaseRow.number == case_number))
    if case_id is None:
        return -1
    q = update(DeliveryRow).where(DeliveryRow.case_id == case_id, DeliveryRow.state.in_((PARKED, MANUAL)))
    if department:
        q = q.where(DeliveryRow.department == department)
    return s.execute(q.values(state=PENDING, next_at=now, attempts=0, parked_at=None)).rowcount


def resume_credentials(s: Session, clerk: str, departments, *, now: dt.datetime) -> int:
    """The clerk entered credentials: their rows parked for credentials go out again."""
    return s.execute(update(DeliveryRow).where(
        DeliveryRow.clerk == clerk, DeliveryRow.department.in_(list(departments)),
        DeliveryRow.state == PARKED, DeliveryRow.failure == "credentials")
        .values(state=PENDING, next_at=now, attempts=0, parked_at=None)).rowcount


def note_link(s: Session, department: str, *, now: dt.datetime, failure: str = "", reason: str = "",
              latency: float = 0.0, slow: bool = False) -> None:
    row = s.get(DepartmentLinkRow, department)
    if row is None:
        row = DepartmentLinkRow(department=department)
        s.add(row)
    row.last_try_at = now
    row.failure, row.reason = failure, reason
    row.latency_ms, row.slow = int(latency * 1000), slow
    if not failure:
        row.last_ok_at = now


@dataclass(frozen=True)
class DepartmentQueue:
    department: str
    waiting: int                   # not yet acknowledged (pending)
    parked: int
    manual: int
    delivered: int                 # acknowledged, statuses still coming
    done: int
    oldest_waiting: dt.datetime | None
    oldest_case: str               # that case's number
    last_try_at: dt.datetime | None
    last_ok_at: dt.datetime | None
    failure: str
    reason: str
    latency_ms: int
    slow: bool
    parked_reason: str             # the newest parked row's reason key
    parked_detail: str


def queues(s: Session) -> list[DepartmentQueue]:
    counts: dict[str, dict[str, int]] = {}
    for dept, state, n in s.execute(select(DeliveryRow.department, DeliveryRow.state, func.count())
                                    .group_by(DeliveryRow.department, DeliveryRow.state)):
        counts.setdefault(dept, {})[state] = n
    links = {r.department: r for r in s.scalars(select(DepartmentLinkRow))}
    out = []
    for dept in sorted(set(counts) | set(links)):
        c = counts.get(dept, {})
        oldest = s.execute(select(DeliveryRow.queued_at, CaseRow.number).join(CaseRow, CaseRow.id == DeliveryRow.case_id)
                           .where(DeliveryRow.department == dept, DeliveryRow.state.in_((PENDING, PARKED)))
                           .order_by(DeliveryRow.id).limit(1)).first()
        parked = s.execute(select(DeliveryRow.reason, DeliveryRow.detail).where(
            DeliveryRow.department == dept, DeliveryRow.state == PARKED).order_by(DeliveryRow.parked_at.desc())
            .limit(1)).first()
        link = links.get(dept)
        out.append(DepartmentQueue(
            dept, c.get(PENDING, 0), c.get(PARKED, 0), c.get(MANUAL, 0), c.get(DELIVERED, 0), c.get(DONE, 0),
            oldest[0] if oldest else None, oldest[1] if oldest else "",
            link.last_try_at if link else None, link.last_ok_at if link else None,
            link.failure if link else "", link.reason if link else "", link.latency_ms if link else 0,
            bool(link.slow) if link else False, parked[0] if parked else "", parked[1] if parked else ""))
    return out


def of_case(s: Session, case_id: str) -> list[DeliveryRow]:
    return list(s.scalars(select(DeliveryRow).where(DeliveryRow.case_id == case_id).order_by(DeliveryRow.department)))


def rejected_credentials(s: Session, clerk: str) -> set[str]:
    """Departments whose credentials of this clerk were refused (rows parked for it)."""
    return set(s.scalars(select(DeliveryRow.department).where(
        DeliveryRow.clerk == clerk, DeliveryRow.state == PARKED, DeliveryRow.failure == "credentials",
        DeliveryRow.reason == "departments.credentials_rejected").distinct()))


def resend_parked(s: Session, department: str, *, now: dt.datetime) -> int:
    """Every parked delivery of a department goes out again (the health panel's 重新推送)."""
    return s.execute(update(DeliveryRow).where(DeliveryRow.department == department, DeliveryRow.state == PARKED)
                     .values(state=PENDING, next_at=now, attempts=0, parked_at=None)).rowcount


def answered_by_hand(s: Session, case_number: str, department: str, *, status: str, reference: str,
                     clerk: str, now: dt.datetime) -> bool:
    """A manual department's answer, entered by the clerk from the returned handover sheet or a
    phone call: its reference and status onto the case as events, like a system's answer."""
    row = s.scalar(select(DeliveryRow).join(CaseRow, CaseRow.id == DeliveryRow.case_id).where(
        CaseRow.number == case_number, DeliveryRow.department == department,
        DeliveryRow.state.in_((MANUAL, DELIVERED))))
    if row is None:
        return False
    first = not row.reference and bool(reference)
    row.reference = reference or row.reference
    row.dept_status = status
    row.clerk = clerk or row.clerk
    row.state = DONE if status in ("done", "returned") else MANUAL
    row.delivered_at = row.delivered_at or now
    _event(s, row, DEPT_DELIVERED if first else DEPT_STATUS,
           {"reference": row.reference, "delivery_id": row.id, "status": status, "department_status": "",
            "by_hand": True}, now)
    return True
