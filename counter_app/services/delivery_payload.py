"""What a department's system is told about a case: the flat values its description's field
mapping picks from (``connectors.description.SOURCES``), built from the saved case. Personal
data is in here because the department needs it; it is never logged."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.store.models import CaseRow


def values(s: Session, case_id: str, department: str, delivery_id: str) -> dict:
    c = s.get(CaseRow, case_id)
    items = [i for i in c.items if i.department == department] or list(c.items)
    mats = [m for m in c.materials if set(m.item_codes) & {i.item_code for i in items}]
    return {
        "delivery.id": delivery_id, "case.id": c.id, "case.number": c.number,
        "case.created_at": c.created_at.isoformat(timespec="seconds"), "case.outcome": c.outcome,
        "case.status": c.status, "case.promised_date": c.promised_date.isoformat() if c.promised_date else "",
        "case.delivery": c.delivery, "hall.code": c.hall, "window": c.window, "clerk": c.clerk,
        "department.code": department, "department.name": items[0].department_name or department,
        "item.code": items[0].item_code, "item.name": items[0].item_name,
        "items.codes": [i.item_code for i in items], "items.names": [i.item_name for i in items],
        "materials": [{"key": m.key, "name": m.name, "state": m.state, "copies": m.copies} for m in mats],
        "applicant.kind": c.applicant_kind, "applicant.name": c.applicant_name,
        "applicant.id_type": c.applicant_id_type, "applicant.id_number": c.applicant_id_number,
        "applicant.phone": c.applicant_phone, "applicant.address": c.applicant_address,
        "applicant.org_name": c.applicant_org_name, "applicant.credit_code": c.applicant_credit_code,
    }
