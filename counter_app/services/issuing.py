"""统一出件 at any window: find the case (the receipt's barcode, its number or the end of it, the
applicant's ID card), say whether its result is ready (state 待出件) or when it is due, check who
takes it, hand it over or post it, print the 送达回执 and close the case (state 出件).

A case accepted at another window of the hall is here once the sync pulled it (the central
server sends the case with its first event, then every later event: ``sync.engine``), so it is
found and issued like one of this window's. Closing is the lifecycle's ISSUE step
(``services.lifecycle.transition``, refused unless the case is 待出件, and refused if another
window issued it meanwhile); the delivery record with the people's data is written in the same
transaction (``store.deliveries``), the event carries only what ``domain.issuing.delivery_payload``
allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from counter_app.domain import case_status as cs
from counter_app.domain import id_number, lifecycle
from counter_app.domain.case import PICKUP, POST, CaseRecord
from counter_app.domain.deadlines import Deadline, deadline_of
from counter_app.domain.issuing import (
    Collector, Delivery, Posting, collector_problem, delivery_payload, posting_problem, role_of,
)
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import UserError
from counter_app.services.lifecycle import transition
from counter_app.settings import StationSettings
from counter_app.store import case_events, case_lifecycle, case_repo, deliveries
from counter_app.store.database import Store
from counter_app.store.models import CaseRow

MAX_FOUND = 20
MIN_TAIL = 4          # the end of a case number typed: at least its sequence (0001)


@dataclass(frozen=True)
class IssueCase:
    record: CaseRecord
    state: str | None
    deadline: Deadline
    delivery: Delivery | None = None       # as recorded at this window
    issued_at: dt.datetime | None = None   # the ISSUE event's time (from any window)
    issued_window: str = ""
    issued_method: str = ""

    @property
    def ready(self) -> bool:
        return self.state == cs.READY

    @property
    def issued(self) -> bool:
        return self.state == cs.ISSUED

    @property
    def due(self) -> dt.date | None:
        """When the result is due: the promised date moved out by 特别程序 while the clock runs,
        else the date the receipt promised."""
        return self.deadline.due or self.deadline.legal_due or self.record.promised_date


def _view(s, record: CaseRecord, settings: StationSettings, calendar: HolidayCalendar, today: dt.date) -> IssueCase:
    events = case_events.of_case(s, record.id)
    life = lifecycle.derive(events)
    summary = case_lifecycle.summary(s, record.number)
    deadline = deadline_of(life, calendar=calendar, today=today, promised_date=record.promised_date,
                           legal_days=summary.legal_days if summary else 0, warn_days=settings.deadline_warn_days)
    issue = next((e for e in reversed(events) if e.kind == cs.ISSUE), None)
    return IssueCase(record, life.state, deadline, deliveries.of_case(s, record.id),
                     issue.at if issue else None, issue.window if issue else "",
                     str(issue.payload.get("method", "")) if issue else "")


def _order(c: IssueCase):
    return (not c.ready, c.issued, -c.record.created_at.timestamp())


def find(*, store: Store, settings: StationSettings, calendar: HolidayCalendar, text: str,
         today: dt.date | None = None) -> list[IssueCase]:
    """The cases ``text`` names: a whole case number (the receipt's barcode), the end of one
    (``20261127-0003``, at least ``MIN_TAIL`` characters), or an applicant's ID number (the card
    on the reader): ready ones first, then open ones, newest first."""
    today = today or dt.date.today()
    text = text.strip().upper()
    if not text:
        return []
    with store.session() as s:
        numbers: list[str] = []
        person = id_number.normalize(text)
        if len(person) in (15, 18) and "-" not in text:
            numbers = list(s.scalars(select(CaseRow.number).where(CaseRow.applicant_id_number == person)
                                     .order_by(CaseRow.created_at.desc()).limit(MAX_FOUND)))
        if not numbers:
            exact = s.scalar(select(CaseRow.number).where(CaseRow.number == text))
            numbers = [exact] if exact else []
        if not numbers and len(text) >= MIN_TAIL:
            numbers = list(s.scalars(select(CaseRow.number).where(CaseRow.number.like(f"%{_escape(text)}", escape="\\"))
                                     .order_by(CaseRow.created_at.desc()).limit(MAX_FOUND)))
        found = [_view(s, case_repo.load_case(s, n), settings, calendar, today) for n in numbers]
    return sorted(found, key=_order)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def look(*, store: Store, settings: StationSettings, calendar: HolidayCalendar, number: str,
         today: dt.date | None = None) -> IssueCase:
    with store.session() as s:
        record = case_repo.load_case(s, number)
        if record is None:
            raise UserError("issuing.case_unknown", number=number)
        return _view(s, record, settings, calendar, today or dt.date.today())


def _issue(store: Store, settings: StationSettings, number: str, delivery: Delivery) -> None:
    def record_delivery(s, event) -> None:
        deliveries.add(s, event_id=event.id, case_id=event.case_id, delivery=delivery)

    transition(store, number, cs.ISSUE, who=settings.clerk, window=settings.window, at=delivery.at,
               hall=settings.hall.code, payload=delivery_payload(delivery), expected=cs.READY, then=record_delivery)


def _ready_record(store: Store, number: str) -> CaseRecord:
    with store.session() as s:
        record = case_repo.load_case(s, number)
    if record is None:
        raise UserError("issuing.case_unknown", number=number)
    return record


def hand_over(*, store: Store, settings: StationSettings, number: str, collector: Collector,
              now: dt.datetime | None = None) -> Delivery:
    """At the window, to ``collector`` (the applicant, or an agent with the written
    authorisation); closes the case. Refused, writing nothing, unless the case is 待出件."""
    record = _ready_record(store, number)
    problem = collector_problem(record, collector)
    if problem:
        raise UserError(problem)
    delivery = Delivery(PICKUP, now or dt.datetime.now(), settings.clerk, settings.window,
                        role_of(record, collector.id_number), collector=collector)
    _issue(store, settings, number, delivery)
    return delivery


def post(*, store: Store, settings: StationSettings, number: str, posting: Posting,
         now: dt.datetime | None = None) -> Delivery:
    """邮寄送达: recipient, phone, address, courier and tracking number recorded; closes the case."""
    _ready_record(store, number)
    problem = posting_problem(posting)
    if problem:
        raise UserError(problem)
    delivery = Delivery(POST, now or dt.datetime.now(), settings.clerk, settings.window, posting=posting)
    _issue(store, settings, number, delivery)
    return delivery


def delivery_receipt(*, store: Store, settings: StationSettings, data_dir: Path, number: str):
    """The 送达回执 of an issued case with what was recorded, archived with the case
    (``documents.printing.Prepared``)."""
    from counter_app.documents import DELIVERY, TITLES, archive, render
    from counter_app.documents.common import DocContext
    from counter_app.documents.printing import Prepared

    with store.session() as s:
        record = case_repo.load_case(s, number)
        delivery = deliveries.of_case(s, record.id) if record else None
    if record is None or delivery is None:
        raise UserError("issuing.not_issued_here", number=number)
    pdf = render(DELIVERY, record, DocContext.from_settings(settings, now=delivery.at), paper=settings.paper,
                 delivery=delivery)
    path = archive.store(Path(data_dir), number, DELIVERY, pdf)
    return Prepared(DELIVERY, f"{TITLES[DELIVERY]} {number}", path, pdf)
