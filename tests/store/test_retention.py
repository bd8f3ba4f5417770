"""Issue 13: personal data kept no longer than needed. Card photos go once the case is synced and
the department has it (at most 30 days); a closed case confirmed by the central server loses its
person and archived documents after the retention days; with a fake clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select, update

from counter_app.documents import archive
from counter_app.domain.case import REJECT
from counter_app.services import retention
from counter_app.services.catalog_view import CatalogView
from counter_app.services.intake import person_history
from counter_app.settings import RetentionSettings, StationSettings
from counter_app.store import case_events
from counter_app.store.models import CaseRow, DeliveryRow, OutboxRow
from tests.store.test_intake import NOW, PERSON, _submit

PHOTO = b"WLT-photo-bytes" * 64


def _row(store, number):
    with store.session() as s:
        return s.scalars(select(CaseRow).where(CaseRow.number == number)).one()


def _confirm(store, record, at):
    """The central server acknowledged every event of the case; the departments have it."""
    with store.transaction() as s:
        s.execute(update(OutboxRow).where(OutboxRow.case_id == record.id).values(state="sent", sent_at=at))
        s.execute(update(DeliveryRow).where(DeliveryRow.case_id == record.id).values(state="done"))


def test_a_photo_goes_once_synced_and_delivered_and_after_30_days_in_any_case(store):
    view = CatalogView.load(store)
    synced = _submit(store, view, photo=PHOTO)
    waiting = _submit(store, view, photo=PHOTO, now=NOW + dt.timedelta(minutes=5))
    settings = StationSettings()
    assert retention.sweep(store=store, settings=settings, now=NOW + dt.timedelta(hours=1)) == retention.Swept(0, 0)
    _confirm(store, synced, NOW + dt.timedelta(hours=2))
    assert retention.sweep(store=store, settings=settings, now=NOW + dt.timedelta(hours=3)).photos == 1
    gone, kept = _row(store, synced.number), _row(store, waiting.number)
    assert gone.card_photo is None and gone.photo_removed_at == NOW + dt.timedelta(hours=3)   # a photo was read
    assert gone.applicant_id_number == PERSON.id_number                    # the open case keeps its person
    assert kept.card_photo == PHOTO and kept.photo_removed_at is None
    assert retention.sweep(store=store, settings=settings, now=NOW + dt.timedelta(days=29)).photos == 0
    assert retention.sweep(store=store, settings=settings, now=NOW + dt.timedelta(days=30, minutes=6)).photos == 1
    assert _row(store, waiting.number).card_photo is None


def test_a_closed_confirmed_case_loses_its_person_and_documents_after_the_retention_days(store, data_dir):
    view = CatalogView.load(store)
    closed = _submit(store, view, outcome=REJECT, reason="不属于本窗口受理范围", photo=PHOTO)
    unconfirmed = _submit(store, view, outcome=REJECT, reason="材料不符", now=NOW + dt.timedelta(minutes=1))
    still_open = _submit(store, view, now=NOW + dt.timedelta(minutes=2))
    for r in (closed, unconfirmed):
        archive.store(data_dir, r.number, "rejection", b"%PDF-1.4 " + PERSON.id_number.encode())
    confirmed_at = NOW + dt.timedelta(days=1)
    _confirm(store, closed, confirmed_at)
    _confirm(store, still_open, confirmed_at)
    with store.session() as s:
        events_before = len(case_events.of_case(s, closed.id))
    settings = dataclasses.replace(StationSettings(), retention=RetentionSettings(closed_case_days=30))

    assert retention.sweep(store=store, settings=settings, now=confirmed_at + dt.timedelta(days=29)).cases == 0
    assert _row(store, closed.number).applicant_id_number == PERSON.id_number
    swept = retention.sweep(store=store, settings=settings, now=confirmed_at + dt.timedelta(days=30, hours=1))
    assert swept.cases == 1
    row = _row(store, closed.number)
    assert (row.applicant_name, row.applicant_id_number, row.applicant_phone, row.applicant_address) == ("",) * 4
    assert row.card_photo is None and row.photo_removed_at is not None and row.personal_removed_at is not None
    assert row.status == "rejected" and row.number == closed.number              # the case itself stays
    with store.session() as s:
        assert len(case_events.of_case(s, closed.id)) == events_before          # and its events
    assert not archive.case_dir(data_dir, closed.number).exists()
    assert archive.case_dir(data_dir, unconfirmed.number).exists()              # nothing confirmed it
    assert _row(store, unconfirmed.number).applicant_id_number == PERSON.id_number
    assert _row(store, still_open.number).applicant_id_number == PERSON.id_number   # not closed
    numbers = {c.number for c in person_history(store=store, id_number_text=PERSON.id_number).cases}
    assert closed.number not in numbers and unconfirmed.number in numbers


def test_zero_days_keeps_closed_cases(store):
    view = CatalogView.load(store)
    closed = _submit(store, view, outcome=REJECT, reason="不属于本窗口受理范围")
    _confirm(store, closed, NOW)
    settings = dataclasses.replace(StationSettings(), retention=RetentionSettings(closed_case_days=0))
    assert retention.sweep(store=store, settings=settings, now=NOW + dt.timedelta(days=3650)).cases == 0
