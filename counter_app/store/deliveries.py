"""送达 records (``case_delivery``), written in the ISSUE step's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.domain.case import POST
from counter_app.domain.issuing import Collector, Delivery, Posting
from counter_app.store.models import CaseDeliveryRow


def add(s: Session, *, event_id: str, case_id: str, delivery: Delivery) -> None:
    c, p = delivery.collector, delivery.posting
    s.add(CaseDeliveryRow(
        event_id=event_id, case_id=case_id, method=delivery.method, at=delivery.at, clerk=delivery.clerk,
        window=delivery.window, role=delivery.role if c else "",
        collector_name=c.name.strip() if c else "", collector_id_number=c.id_number.strip() if c else "",
        card_read=bool(c and c.card_read), authorisation=c.authorisation.strip() if c else "",
        recipient=p.recipient.strip() if p else "", phone=p.phone.strip() if p else "",
        address=p.address.strip() if p else "", postcode=p.postcode.strip() if p else "",
        courier=p.courier if p else "", tracking_number=p.tracking_number.strip() if p else ""))


def of_case(s: Session, case_id: str) -> Delivery | None:
    """The case's last delivery, or None (never issued here: a case issued at another window
    shows only its event)."""
    row = s.scalars(select(CaseDeliveryRow).where(CaseDeliveryRow.case_id == case_id)
                    .order_by(CaseDeliveryRow.event_id.desc())).first()
    if row is None:
        return None
    posting = Posting(row.recipient, row.phone, row.address, row.courier, row.tracking_number, row.postcode) \
        if row.method == POST else None
    collector = Collector(row.collector_name, row.collector_id_number, row.card_read, row.authorisation) \
        if row.method != POST else None
    return Delivery(row.method, row.at, row.clerk, row.window, row.role, collector, posting)
