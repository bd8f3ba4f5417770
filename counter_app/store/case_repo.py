"""Saving and reading cases; the per-window daily sequence for case numbers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from counter_app.domain.case import (
    Agent, Applicant, CaseRecord, CheckedMaterial, MaterialCheck, MaterialLine,
)
from counter_app.domain.catalog_format import item_from_dict, item_to_dict
from counter_app.store.models import CaseItemRow, CaseMaterialRow, CaseRow, CaseSequenceRow


def next_sequence(s: Session, window: str, day: dt.date) -> int:
    """The next number of the day for this window, inside the caller's transaction."""
    row = s.get(CaseSequenceRow, (window, day))
    if row is None:
        row = CaseSequenceRow(window=window, day=day, last=0)
        s.add(row)
    row.last += 1
    s.flush()
    return row.last


def save_case(s: Session, r: CaseRecord, *, photo: bytes | None = None) -> None:
    a = r.applicant
    row = CaseRow(
        id=r.id, number=r.number, hall=r.hall, window=r.window, clerk=r.clerk, clerk_name=r.clerk_name,
        created_at=r.created_at,
        outcome=r.outcome, status=r.status, reason=r.reason, legal_basis=r.legal_basis,
        applicant_kind=a.kind, applicant_name=a.name, applicant_id_type=a.id_type,
        applicant_id_number=a.id_number, applicant_phone=a.phone, applicant_address=a.address,
        applicant_org_name=a.org_name, applicant_credit_code=a.credit_code, card_photo=photo,
        agent=None if r.agent is None else {"name": r.agent.name, "id_number": r.agent.id_number,
                                            "phone": r.agent.phone},
        delivery=r.delivery, delivery_address=r.delivery_address, promised_date=r.promised_date,
        query_code=r.query_code, catalog_version=r.catalog_version,
        supervisor_override="expired_card" if a.card_expired else "", supervisor=r.supervisor,
    )
    row.items = [CaseItemRow(position=n, item_code=i.code, item_name=i.name, department=i.department,
                             department_name=r.department_name(i.department), snapshot=item_to_dict(i))
                 for n, i in enumerate(r.items)]
    row.materials = [CaseMaterialRow(position=n, key=m.line.key, name=m.line.name, required=m.line.required,
                                     form=m.line.form, copies=m.line.copies, gap_allowed=m.line.gap_allowed,
                                     note=m.line.note, state=m.check.state,
                                     promised_date=m.check.promised_date, remark=m.check.remark,
                                     reused_from=m.check.reused_from, item_codes=list(m.line.item_codes))
                     for n, m in enumerate(r.materials)]
    s.add(row)
    s.flush()           # the row exists before the events and jobs that refer to it


def _record(s: Session, row: CaseRow) -> CaseRecord:
    items = tuple(item_from_dict(i.snapshot) for i in row.items)
    names = tuple(dict.fromkeys((i.department, i.department_name) for i in row.items))
    materials = tuple(
        CheckedMaterial(
            MaterialLine(m.key, m.name, m.required, m.form, m.copies, m.gap_allowed, m.note, tuple(m.item_codes)),
            MaterialCheck(m.state, m.promised_date, m.remark, m.reused_from))
        for m in row.materials)
    agent = None if not row.agent else Agent(row.agent["name"], row.agent["id_number"], row.agent.get("phone", ""))
    applicant = Applicant(name=row.applicant_name, id_number=row.applicant_id_number, kind=row.applicant_kind,
                          id_type=row.applicant_id_type, phone=row.applicant_phone, address=row.applicant_address,
                          org_name=row.applicant_org_name, credit_code=row.applicant_credit_code,
                          card_expired=row.supervisor_override == "expired_card")
    return CaseRecord(
        id=row.id, number=row.number, hall=row.hall, window=row.window, clerk=row.clerk,
        created_at=row.created_at, outcome=row.outcome, status=row.status, applicant=applicant,
        items=items, materials=materials, agent=agent, reason=row.reason, legal_basis=row.legal_basis,
        delivery=row.delivery, delivery_address=row.delivery_address, promised_date=row.promised_date,
        query_code=row.query_code, catalog_version=row.catalog_version, department_names=names,
        supervisor=row.supervisor, clerk_name=row.clerk_name or "")


def _query():
    return select(CaseRow).options(selectinload(CaseRow.items), selectinload(CaseRow.materials))


def load_case(s: Session, number: str) -> CaseRecord | None:
    row = s.scalars(_query().where(CaseRow.number == number)).first()
    return None if row is None else _record(s, row)


def cases_of_person(s: Session, id_number: str, limit: int = 20) -> list[CaseRecord]:
    rows = s.scalars(_query().where(CaseRow.applicant_id_number == id_number)
                     .order_by(CaseRow.created_at.desc()).limit(limit))
    return [_record(s, r) for r in rows]


def count_cases(s: Session) -> int:
    from sqlalchemy import func

    return s.scalar(select(func.count()).select_from(CaseRow)) or 0


def _sequence(number: str) -> int:
    return int(number.rsplit("-", 1)[1])


def cases_on(s: Session, day: dt.date, window: str) -> list[CaseRecord]:
    """The cases this window took on ``day``, in case-number order (the order they were taken;
    times stored before the station clock may be out of that order)."""
    start = dt.datetime.combine(day, dt.time.min)
    rows = s.scalars(_query().where(CaseRow.window == window, CaseRow.created_at >= start,
                                    CaseRow.created_at < start + dt.timedelta(days=1)))
    return sorted((_record(s, r) for r in rows), key=lambda r: (r.number.rsplit("-", 2)[0], _sequence(r.number)))


def last_case_time(s: Session, hall: str, window: str) -> dt.datetime | None:
    """When this window's newest case was taken: the highest case number (read through the
    number's unique index, not a scan), whose time is the latest under the station clock."""
    prefix = f"{hall}-{window}-"
    return s.scalar(select(CaseRow.created_at)
                    .where(CaseRow.number >= prefix, CaseRow.number < prefix + "\uffff")
                    .order_by(CaseRow.number.desc()).limit(1))
