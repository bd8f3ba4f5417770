"""The intake actions: look up a person's history and submit a case with its outcome.

``submit_intake`` commits the case (number, items as accepted, material checks, outcome),
its events (收件, then the outcome) and the documents it owes the applicant in one transaction
before it returns; the screen says "accepted" only after that. The documents are rendered,
archived and printed after the commit from those rows (``services.documents``), so a crash in
between loses none of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field

from counter_app.domain import case_number, id_number
from counter_app import supervisors
from counter_app.domain.applicant import applicant_problem, type_mismatch  # noqa: F401 (re-exported)
from counter_app.domain.case import (
    ACCEPT, ACCEPT_WITH_GAPS, GAP, PICKUP, POST, REJECT, Agent, Applicant, CaseRecord, CheckedMaterial,
    MaterialCheck, assess, merge_materials,
)
from counter_app.domain.case_event import CaseEvent
from counter_app.domain.case_status import LOOKED_UP, RECEIVE, status_after
from counter_app.domain.catalog import LEGAL_ENTITY, PERSON, PROMISED
from counter_app.domain.identity_material import for_document
from counter_app.domain.document_kinds import kinds_for_outcome
from counter_app.domain.reuse import Reusable, reusable_materials
from counter_app.domain.working_days import HolidayCalendar
from counter_app.errors import UserError
from counter_app.services import station_clock
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import StationSettings
from counter_app.store import case_events, case_repo, catalog_repo, disk_space, document_jobs
from counter_app.store import delivery as department_delivery
from counter_app.store.database import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakeRequest:
    applicant: Applicant
    item_codes: tuple[str, ...]
    checks: tuple[tuple[str, MaterialCheck], ...]
    outcome: str
    agent: Agent | None = None
    reason: str = ""
    legal_basis: str = ""
    delivery: str = PICKUP
    delivery_address: str = field(default="", repr=False)
    supervisor: str = ""          # who approved accepting with an expired card
    supervisor_pin: str = field(default="", repr=False)
    photo: bytes | None = field(default=None, repr=False)
    clerk: str = ""               # the signed-in clerk (login); empty: the station settings' clerk
    clerk_name: str = ""
    started_at: dt.datetime | None = None   # the card read / first entry: the window's handling time starts


@dataclass(frozen=True)
class PersonHistory:
    cases: tuple[CaseRecord, ...] = ()
    phone: str = field(default="", repr=False)
    address: str = field(default="", repr=False)
    reusable: dict[str, Reusable] = field(default_factory=dict)


def person_history(*, store: Store, id_number_text: str, credit_code: str | None = None,
                   today: dt.date | None = None, viewer=None) -> PersonHistory:
    """Earlier cases of this applicant: the person's own (``credit_code`` None), or those of the
    company with ``credit_code`` that this person applied for. A company's papers are never
    offered to another company with the same legal representative, nor to the person.
    ``viewer`` (``access_log.Viewer``): who is shown them, recorded on each case shown."""
    number = id_number.normalize(id_number_text)
    if not number:
        return PersonHistory()
    with store.session() as s:
        cases = case_repo.cases_of_person(s, number)
    if credit_code is None:
        cases = [c for c in cases if c.applicant.kind == PERSON]
    else:
        code = credit_code.strip().upper()
        cases = [c for c in cases if c.applicant.kind == LEGAL_ENTITY and code and c.applicant.credit_code == code]
    if not cases:
        return PersonHistory()
    if viewer is not None:
        from counter_app.services import access_log

        with store.transaction() as s:
            access_log.note(s, LOOKED_UP, [c.id for c in cases], viewer)
    phone = next((c.applicant.phone for c in cases if c.applicant.phone), "")
    address = next((c.applicant.address for c in cases if c.applicant.address), "")
    return PersonHistory(tuple(cases), phone, address,
                         reusable_materials(cases, today=today or dt.date.today()))


def promised_date(items, day: dt.date, calendar: HolidayCalendar, gap_dates=()) -> dt.date:
    """The promised completion date: the longest promised limit of the items, in working days.

    With materials still to come (容缺), the clock starts on the last promised delivery date:
    the back office cannot decide before it has them.
    """
    days = max((i.promised_days for i in items if i.kind == PROMISED), default=0)
    start = max([day, *gap_dates])
    return calendar.add_working_days(start, days)


def submit_intake(*, store: Store, settings: StationSettings, catalog: CatalogView, request: IntakeRequest,
                  calendar: HolidayCalendar, now: dt.datetime | None = None,
                  print_documents: bool = False) -> CaseRecord:
    """Validate and commit the case; ``print_documents``: its documents are to be printed as
    well as archived (the window with a printer), else only archived."""
    disk_space.check_room(store.data_dir)     # refuse before writing anything, with a message
    now = now or dt.datetime.now()
    items = []
    for code in request.item_codes:
        item = catalog.item(code)
        if item is None:
            raise UserError("intake.unknown_item", code=code)
        items.append(item)
    if not items:
        raise UserError("intake.no_items")
    problem = applicant_problem(request.applicant) or type_mismatch(items, request.applicant.kind)
    if problem:
        raise UserError(problem)
    if request.applicant.card_expired and request.outcome in (ACCEPT, ACCEPT_WITH_GAPS):
        if not request.supervisor:
            raise UserError("intake.expired_needs_supervisor")
        supervisors.check(store.data_dir, request.supervisor, request.supervisor_pin)   # raises why not
    lines = for_document(merge_materials(items), request.applicant.id_type)
    checks = dict(request.checks)
    verdict = assess(lines, checks, has_items=True, applicant_ok=True, today=now.date())
    if request.outcome not in verdict.allowed:
        raise UserError(f"intake.not_allowed.{request.outcome}")
    if request.outcome == REJECT and not request.reason.strip():
        raise UserError("intake.reason_needed")
    if request.delivery == POST and not request.delivery_address.strip():
        raise UserError("intake.address_needed")
    accepted = request.outcome in (ACCEPT, ACCEPT_WITH_GAPS)
    materials = tuple(CheckedMaterial(line, checks.get(line.key, MaterialCheck())) for line in lines)
    with store.transaction() as s:
        now = station_clock.station_now(s, settings, now)     # never before this window's last case
        seq = case_repo.next_sequence(s, settings.window, now.date())
        record = CaseRecord(
            id=case_number.new_record_id(),
            number=case_number.format_number(settings.hall.code, settings.window, now.date(), seq),
            hall=settings.hall.code, window=settings.window, clerk=request.clerk or settings.clerk,
            clerk_name=request.clerk_name if request.clerk else settings.clerk_name, created_at=now,
            outcome=request.outcome, status=status_after(request.outcome), applicant=request.applicant,
            items=tuple(items), materials=materials, agent=request.agent, reason=request.reason.strip(),
            legal_basis=request.legal_basis.strip(), delivery=request.delivery,
            delivery_address=request.delivery_address.strip(),
            promised_date=promised_date(items, now.date(), calendar,
                                        [c.promised_date for c in checks.values() if c.state == GAP and c.promised_date])
            if accepted else None,
            query_code=f"{secrets.randbelow(10**6):06d}", catalog_version=catalog.catalog.version,
            department_names=tuple((i.department, catalog.department_name(i.department)) for i in items),
            supervisor=request.supervisor.strip() if request.applicant.card_expired else "",
        )
        case_repo.save_case(s, record, photo=request.photo)
        case_events.add(s, intake_events(record, started_at=request.started_at))
        if accepted:        # owed to each department's system, in the same transaction (issue 9)
            department_delivery.queue_case(s, record, now=now)
        document_jobs.add(s, record.id, kinds_for_outcome(record.outcome), print_wanted=print_documents, at=now)
        catalog_repo.bump_usage(s, [i.code for i in items], now=now)
    log.info("case %s saved: %s, %d item(s), clerk %s", record.number, record.outcome, len(items), record.clerk)
    return record


def intake_events(record: CaseRecord, *, started_at: dt.datetime | None = None) -> tuple[CaseEvent, CaseEvent]:
    """收件, then the outcome. Payloads name the case, items and materials, never the person.
    ``started_at``: when the clerk began the case (the supervisor's handling time at the window)."""
    where = dict(at=record.created_at, clerk=record.clerk, hall=record.hall, window=record.window)
    received_payload = {
        "number": record.number, "items": [i.code for i in record.items],
        "materials": {m.line.key: m.check.state for m in record.materials},
        "catalog_version": record.catalog_version}
    if started_at is not None and started_at <= record.created_at:
        received_payload["started_at"] = started_at.isoformat(timespec="seconds")
    received = CaseEvent.new(record.id, RECEIVE, **where, payload=received_payload)
    outcome = {"number": record.number, "status": record.status}
    if record.promised_date:
        outcome["promised_date"] = record.promised_date.isoformat()
    gaps = {m.line.key: m.check.promised_date.isoformat() for m in record.materials
            if m.check.state == GAP and m.check.promised_date}
    if gaps:
        outcome["gaps"] = gaps
    if record.reason:
        outcome.update(reason=record.reason, legal_basis=record.legal_basis)
    if record.supervisor:
        outcome["supervisor"] = record.supervisor
    return received, CaseEvent.new(record.id, record.outcome, **where, payload=outcome)
