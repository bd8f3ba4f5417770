"""集中时段交接: one batch per department per slot, confirmed by scanning, missing cases shown."""

import datetime as dt

import pytest

from counter_app.domain import handover_slots as slots
from counter_app.domain.case_status import HANDED_OVER, HANDOVER_MISSING, HANDOVER_RECEIVED
from counter_app.domain.handover_batch import CASE_MISSING, INCOMPLETE, RECEIVED, SENT
from counter_app.errors import UserError
from counter_app.services import handover
from counter_app.services.catalog_view import CatalogView
from counter_app.store import case_events
from tests.conftest import set_up_station
from tests.store.test_intake import _all_received, _submit

DAY = dt.date(2026, 11, 27)
FOOD, JOBLESS = "000131130000", "000112009000"      # promised items of D01 and D02


def at(hhmm: str, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, slots.parse_slot(hhmm))


def _case(store, view, code, when):
    return _submit(store, view, codes=[code], checks=_all_received(view, [code]), now=when,
                   settings=set_up_station())


@pytest.mark.parametrize("now, slot", [("08:00", "10:30"), ("10:30", "10:30"), ("11:30", "10:30"),
                                       ("11:31", "16:00"), ("16:40", "16:00"), ("19:00", "16:00")])
def test_sheets_belong_to_the_first_slot_not_long_past(now, slot):
    assert slots.label(slots.current_slot(at(now), ("16:00", "10:30"))) == slot


def test_bad_slots_are_named():
    assert slots.bad_slot(("10:30", "16:00")) is None
    assert slots.bad_slot(("10:30", "4pm")) == "4pm"
    assert slots.bad_slot(()) == ""


def test_one_batch_per_department_per_slot_and_late_cases_wait_for_the_next(store):
    view = CatalogView.load(store)
    settings = set_up_station()
    food_1 = _case(store, view, FOOD, at("09:00"))
    jobless = _case(store, view, JOBLESS, at("09:10"))
    _submit(store, view, codes=["000131128000"], now=at("09:20"), settings=settings)     # immediate: decided here
    food_2 = _case(store, view, FOOD, at("09:30"))
    made = handover.make_batches(store=store, settings=settings, now=at("10:28"))
    assert [(b.department, b.slot, [c.number for c in b.cases]) for b in made] == [
        ("D01", "10:30", [food_1.number, food_2.number]), ("D02", "10:30", [jobless.number])]
    assert all(b.state == SENT and b.code.startswith("JJ-330402001-W01-20261127-1030-") for b in made)
    with store.session() as s:
        kinds = [e.kind for e in case_events.of_case(s, food_1.id)]
        payload = case_events.of_case(s, food_1.id)[-1].payload
    assert kinds[-1] == HANDED_OVER and payload["batch"] == made[0].code

    late = _case(store, view, FOOD, at("10:40"))
    day = handover.overview(store=store, settings=settings, now=at("10:45"))
    assert [(p.department, [c.number for c in p.cases], p.waits) for p in day.pending] == [
        ("D01", [late.number], True)]
    assert handover.make_batches(store=store, settings=settings, now=at("10:50")) == []   # D01 had its 10:30 batch
    made = handover.make_batches(store=store, settings=settings, now=at("15:55"))
    assert [(b.department, b.slot, [c.number for c in b.cases]) for b in made] == [("D01", "16:00", [late.number])]
    assert handover.overview(store=store, settings=settings, now=at("16:00")).pending == ()


def test_scanning_every_case_confirms_the_batch(store):
    view = CatalogView.load(store)
    settings = set_up_station()
    cases = [_case(store, view, FOOD, at(t)) for t in ("09:00", "09:05")]
    batch, = handover.make_batches(store=store, settings=settings, now=at("10:30"))
    first = handover.scan(store=store, settings=settings, text=batch.code, now=at("10:35"))
    assert first.kind == handover.BATCH and first.batch.code == batch.code
    one = handover.scan(store=store, settings=settings, text=cases[0].number, current=batch.code, now=at("10:36"))
    assert one.kind == handover.CASE and one.batch.scanned == 1 and one.batch.state == SENT
    again = handover.scan(store=store, settings=settings, text=cases[0].number, current=batch.code, now=at("10:36"))
    assert again.again and again.batch.scanned == 1
    last = handover.scan(store=store, settings=settings, text=cases[1].number, current=batch.code, now=at("10:37"))
    assert last.confirmed_now and last.batch.state == RECEIVED and last.batch.missing == ()
    with store.session() as s:
        assert case_events.of_case(s, cases[1].id)[-1].kind == HANDOVER_RECEIVED


def test_a_case_missing_from_a_confirmed_batch_is_shown_and_may_turn_up(store):
    view = CatalogView.load(store)
    settings = set_up_station()
    cases = [_case(store, view, FOOD, at(t)) for t in ("09:00", "09:05", "09:10")]
    batch, = handover.make_batches(store=store, settings=settings, now=at("10:30"))
    for c in (cases[0], cases[2]):
        handover.scan(store=store, settings=settings, text=c.number, current=batch.code, now=at("10:40"))
    done = handover.confirm(store=store, settings=settings, code=batch.code, now=at("10:41"))
    assert done.state == INCOMPLETE and [c.number for c in done.missing] == [cases[1].number]
    with store.session() as s:
        assert case_events.of_case(s, cases[1].id)[-1].kind == HANDOVER_MISSING
        assert case_events.of_case(s, cases[0].id)[-1].kind == HANDOVER_RECEIVED
    with pytest.raises(UserError) as err:
        handover.confirm(store=store, settings=settings, code=batch.code, now=at("10:42"))
    assert err.value.key == "handover.already_confirmed"
    found = handover.scan(store=store, settings=settings, text=cases[1].number, now=at("11:10"))
    assert found.confirmed_now and found.batch.state == RECEIVED
    assert found.batch.case(cases[1].number).state != CASE_MISSING


def test_the_sheet_alone_confirms_the_whole_batch(store):
    view = CatalogView.load(store)
    settings = set_up_station()
    cases = [_case(store, view, JOBLESS, at(t)) for t in ("13:00", "13:05")]
    batch, = handover.make_batches(store=store, settings=settings, now=at("15:50"))
    done = handover.confirm(store=store, settings=settings, code=batch.code, now=at("16:05"))
    assert done.state == RECEIVED and done.confirmed_by == settings.clerk
    assert {c.state for c in done.cases} == {"received"} and len(done.cases) == len(cases)


def test_unknown_scans_are_told_apart(store):
    view = CatalogView.load(store)
    settings = set_up_station()
    immediate = _submit(store, view, codes=["000131128000"], now=at("09:20"), settings=settings)
    assert handover.scan(store=store, settings=settings, text="JJ-330402001-W01-20261127-1030-09").kind == \
        handover.UNKNOWN
    assert handover.scan(store=store, settings=settings, text="hello").kind == handover.UNKNOWN
    assert handover.scan(store=store, settings=settings, text=immediate.number).kind == handover.NOT_ON_BATCH


def test_a_station_file_with_a_bad_slot_is_refused_by_name(tmp_path):
    import dataclasses

    from counter_app.settings import load_settings, save_settings

    save_settings(tmp_path, dataclasses.replace(set_up_station(), handover_slots=("10:30", "4pm")))
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.bad_slot" and err.value.params["value"] == "4pm"
