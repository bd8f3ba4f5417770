"""The intake writes its events (收件, then the outcome) and the documents it owes in the case's
own transaction."""

import dataclasses

import pytest

from counter_app.domain.case import ACCEPT, NOTICE, REJECT
from counter_app.domain.case_status import RECEIVE, status_from
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import StationSettings
from counter_app.store import case_events, case_repo, document_jobs
from tests.store.test_intake import NOW, PERSON, _submit


def _events(store, record):
    with store.session() as s:
        return case_events.of_case(s, record.id)


def test_an_accepted_case_has_its_received_and_accepted_events_with_who_where_when(store):
    view = CatalogView.load(store)
    settings = dataclasses.replace(StationSettings(), clerk="李四")
    rec = _submit(store, view, settings=settings)
    events = _events(store, rec)
    assert [e.kind for e in events] == [RECEIVE, ACCEPT]
    assert {(e.clerk, e.hall, e.window, e.at) for e in events} == {("李四", "330402001", "W01", NOW)}
    assert events[0].payload["items"] == ["000131128000"]
    assert events[1].payload["promised_date"] == rec.promised_date.isoformat()
    text = repr([dict(e.payload) for e in events])
    assert PERSON.id_number not in text and PERSON.name not in text and PERSON.phone not in text


def test_event_ids_are_uuid7_and_sort_in_the_order_things_happened(store):
    view = CatalogView.load(store)
    first = _submit(store, view)
    second = _submit(store, view, checks=(), outcome=NOTICE)
    ids = [e.id for e in _events(store, first) + _events(store, second)]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert all(i[14] == "7" for i in ids)          # the version nibble


@pytest.mark.parametrize("outcome", [ACCEPT, NOTICE, REJECT])
def test_the_status_derived_from_the_events_is_the_saved_status(store, outcome):
    view = CatalogView.load(store)
    kw = {"reason": "不符合法定条件", "legal_basis": "行政许可法第三十二条"} if outcome == REJECT else {}
    rec = _submit(store, view, outcome=outcome, checks=None if outcome == ACCEPT else (), **kw)
    with store.session() as s:
        saved = case_repo.load_case(s, rec.number)
    assert status_from(e.kind for e in _events(store, rec)) == saved.status


def test_a_failure_while_writing_the_events_saves_nothing(store, monkeypatch):
    view = CatalogView.load(store)

    def full_disk(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(document_jobs, "add", full_disk)       # after the case and its events
    with pytest.raises(OSError):
        _submit(store, view)
    with store.session() as s:
        assert case_repo.count_cases(s) == 0
        assert case_events.of_case(s, "any") == []
        from sqlalchemy import func, select

        from counter_app.store.models import CaseEventRow
        assert s.scalar(select(func.count()).select_from(CaseEventRow)) == 0


def test_the_documents_an_outcome_owes_are_recorded_with_the_case(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, checks=(), outcome=NOTICE)
    with store.session() as s:
        jobs = document_jobs.of_case(s, rec.number)
    assert [(j.kind, j.archived, j.printed) for j in jobs] == [("notice", False, False)]
