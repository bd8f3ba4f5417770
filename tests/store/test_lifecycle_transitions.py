"""Transitions written as case events (real SQLite file): the sync outbox carries them, a refused
one writes nothing, and they survive closing and reopening the database."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from counter_app.domain import case_status as cs
from counter_app.domain.case import ACCEPT_WITH_GAPS, GAP, MaterialCheck, material_key
from counter_app.domain.lifecycle import derive
from counter_app.errors import UserError
from counter_app.services.catalog_view import CatalogView
from counter_app.services.lifecycle import transition
from counter_app.store import case_events, case_repo
from counter_app.store.database import Store
from counter_app.store.models import CaseEventRow, OutboxRow
from tests.store.test_intake import NOW, _all_received, _submit

FOOD = "000131130000"     # promised, 10 working days


def _counts(store):
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(CaseEventRow)), \
            s.scalar(select(func.count()).select_from(OutboxRow))


def _state(store, number):
    with store.session() as s:
        case = case_repo.load_case(s, number)
        return case.status, derive(case_events.of_case(s, case.id)).state


def test_a_case_walks_its_whole_life_and_each_step_is_an_event_queued_for_the_server(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]))
    at = NOW + dt.timedelta(hours=1)
    steps = [("review", ""), ("suspend", "组织听证"), ("resume", ""), ("approve", ""), ("conclude", ""),
             ("result_ready", ""), ("issue", "")]
    before = _counts(store)
    for n, (kind, reason) in enumerate(steps):
        payload = {"procedure": "hearing"} if kind == "suspend" else {}
        life = transition(store, rec.number, kind, who="c07", window="W02", reason=reason,
                          at=at + dt.timedelta(days=n), payload=payload)
        assert _state(store, rec.number) == (life.state, life.state)
    assert life.state == cs.ISSUED
    assert _counts(store) == (before[0] + len(steps), before[1] + len(steps))
    with store.session() as s:
        events = case_events.of_case(s, rec.id)
    suspend = next(e for e in events if e.kind == "suspend")
    assert (suspend.clerk, suspend.window, suspend.payload["reason"], suspend.payload["procedure"]) == \
        ("c07", "W02", "组织听证", "hearing")
    assert suspend.payload["status"] == cs.SUSPENDED and suspend.payload["number"] == rec.number


def test_a_target_state_reached_one_way_may_be_named_instead_of_the_action(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]))
    assert transition(store, rec.number, cs.REVIEWING, who="c07", window="W01").state == cs.REVIEWING


def test_a_refused_step_writes_nothing_and_says_why(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]))
    before = _counts(store)
    with pytest.raises(UserError) as err:
        transition(store, rec.number, "issue", who="c07", window="W01")
    assert err.value.key == "lifecycle.refused"
    with pytest.raises(UserError) as err:
        transition(store, rec.number, "withdraw", who="c07", window="W01", reason=" ")
    assert err.value.key == "lifecycle.reason_needed"
    with pytest.raises(UserError) as err:
        transition(store, rec.number, "accept", who="c07", window="W01")     # intake's own step
    assert err.value.key == "lifecycle.refused"
    with pytest.raises(UserError) as err:
        transition(store, "330402001-W01-20261127-9999", "review", who="c07", window="W01")
    assert err.value.key == "lifecycle.case_unknown"
    assert _counts(store) == before and _state(store, rec.number) == (cs.ACCEPTED, cs.ACCEPTED)


def test_a_step_on_a_state_the_clerk_did_not_see_is_refused(store):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]))
    transition(store, rec.number, "review", who="c08", window="W05")      # another window, meanwhile
    with pytest.raises(UserError) as err:
        transition(store, rec.number, "approve", who="c07", window="W01", expected=cs.ACCEPTED)
    assert err.value.key == "lifecycle.stale"


def test_a_broken_gap_promise_terminates_the_case(store):
    view = CatalogView.load(store)
    code = "000131128000"
    checks = dict(_all_received(view, [code]))
    key = material_key("经营场所使用证明")
    checks[key] = MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4))
    rec = _submit(store, view, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    with pytest.raises(UserError) as err:     # the promise still runs on 4 December
        transition(store, rec.number, "terminate", who="c07", window="W01", reason="逾期未交",
                   at=dt.datetime(2026, 12, 4, 16))
    assert err.value.key == "lifecycle.terminate_needs_broken_promise"
    life = transition(store, rec.number, "terminate", who="c07", window="W01", reason="逾期未交",
                      at=dt.datetime(2026, 12, 7, 9))
    assert life.state == cs.TERMINATED


def test_transitions_survive_closing_and_reopening_the_database(store, data_dir):
    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]))
    transition(store, rec.number, "review", who="c07", window="W01")
    transition(store, rec.number, "suspend", who="c07", window="W01", reason="专家评审",
               payload={"procedure": "expert_review"})
    store.close()
    again = Store(data_dir)
    try:
        assert _state(again, rec.number) == (cs.SUSPENDED, cs.SUSPENDED)
        life = transition(again, rec.number, "resume", who="c07", window="W01")
        assert life.state == cs.REVIEWING and len(life.stops) == 1 and life.stops[0].end is not None
    finally:
        again.close()


def test_papers_brought_after_a_notice_are_accepted_from_the_detail_with_their_promised_date(store):
    from counter_app.domain.case import NOTICE
    from counter_app.services.holidays import load_calendar

    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=(), outcome=NOTICE)        # Fri 27 Nov 2026
    transition(store, rec.number, "supplement", who="c07", window="W01", at=dt.datetime(2026, 11, 30, 9))
    life = transition(store, rec.number, "accept", who="c07", window="W01", at=dt.datetime(2026, 12, 1, 10),
                      calendar=load_calendar())
    assert life.state == cs.ACCEPTED and life.accepted_on == dt.date(2026, 12, 1)
    with store.session() as s:
        assert case_repo.load_case(s, rec.number).promised_date == dt.date(2026, 12, 15)   # 10 working days


def test_a_case_left_past_the_notice_limit_counts_as_accepted_from_the_day_the_papers_came(store):
    from counter_app.domain.case import NOTICE
    from counter_app.services.holidays import load_calendar

    view = CatalogView.load(store)
    rec = _submit(store, view, codes=(FOOD,), checks=(), outcome=NOTICE)
    transition(store, rec.number, "supplement", who="c07", window="W01", at=dt.datetime(2026, 11, 30, 9))
    # Mon 30 Nov + 5 working days = Mon 7 Dec: accepted on Tue 8 Dec counts from 30 Nov
    life = transition(store, rec.number, "accept", who="c07", window="W01", at=dt.datetime(2026, 12, 8, 10),
                      calendar=load_calendar())
    assert life.accepted_on == dt.date(2026, 11, 30)
    with store.session() as s:
        assert case_repo.load_case(s, rec.number).promised_date == dt.date(2026, 12, 14)


def test_a_broken_promise_flags_the_applicant_on_their_other_cases(store):
    from counter_app.services import lifecycle_view as lv
    from counter_app.services.holidays import load_calendar
    from counter_app.settings import StationSettings

    view = CatalogView.load(store)
    code = "000131128000"
    checks = dict(_all_received(view, [code]))
    checks[material_key("经营场所使用证明")] = MaterialCheck(GAP, promised_date=dt.date(2026, 12, 4))
    owed = _submit(store, view, checks=tuple(checks.items()), outcome=ACCEPT_WITH_GAPS)
    other = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]), now=NOW + dt.timedelta(hours=1))
    kw = dict(store=store, settings=StationSettings(), calendar=load_calendar(), number=other.number)
    assert lv.case_detail(**kw, today=dt.date(2026, 12, 4)).applicant_broken == ()
    assert lv.case_detail(**kw, today=dt.date(2026, 12, 7)).applicant_broken == (owed.number,)
    transition(store, owed.number, "gap_delivered", who="c07", window="W01", payload={"material": material_key("经营场所使用证明")},
               at=dt.datetime(2026, 12, 7, 9))
    assert lv.case_detail(**kw, today=dt.date(2026, 12, 7)).applicant_broken == ()
