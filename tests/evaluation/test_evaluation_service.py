"""好差评 through the service: ratings are case events, a 差评 opens a follow-up due N working days
later, a stage is rated once, and too late is unrated."""

import datetime as dt

import pytest

from counter_app.domain import evaluation as ev
from counter_app.domain.case import ACCEPT, NOTICE, MISSING, MaterialCheck
from counter_app.domain.case_status import FOLLOW_UP, RATE
from counter_app.errors import UserError
from counter_app.services import evaluation
from counter_app.services.holidays import load_calendar
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import EvaluationSettings, StationSettings
from counter_app.store import case_events, outbox
from counter_app.store.models import OutboxRow
from tests.store.test_intake import NOW, _all_received, _submit

SETTINGS = StationSettings(clerk="c07", evaluation=EvaluationSettings(follow_up_days=5, rating_minutes=30))


def _rate(store, record, level, *, stage=ev.STAGE_INTAKE, minutes=2, settings=SETTINGS, **kw):
    return evaluation.rate(store=store, settings=settings, calendar=load_calendar(), case_id=record.id,
                           stage=stage, level=level, now=record.created_at + dt.timedelta(minutes=minutes), **kw)


def test_a_rating_is_a_synced_case_event_of_the_case_and_its_clerk(store):
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    rated = _rate(store, record, ev.VERY_SATISFIED, reasons=("quick", "friendly"), text="  很快 ")
    assert rated.follow_up is None
    with store.session() as s:
        events = case_events.of_case(s, record.id)
        queued = {r.event_id for r in s.query(OutboxRow)}
    rate = [e for e in events if e.kind == RATE]
    assert len(rate) == 1 and rate[0].clerk == "c07" and rate[0].id in queued
    assert dict(rate[0].payload) == {"number": record.number, "stage": "intake", "level": 5,
                                     "reasons": ["quick", "friendly"], "text": "很快"}
    assert not [e for e in events if e.kind == FOLLOW_UP]


def test_a_second_rating_of_the_same_stage_is_refused_and_nothing_is_written(store):
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    _rate(store, record, ev.SATISFIED)
    with pytest.raises(UserError) as err:
        _rate(store, record, ev.VERY_DISSATISFIED, minutes=3)
    assert err.value.key == "evaluation.already_rated.intake"
    with store.session() as s:
        kinds = [e.kind for e in case_events.of_case(s, record.id)]
    assert kinds.count(RATE) == 1 and FOLLOW_UP not in kinds


def test_a_bad_rating_opens_a_follow_up_due_in_working_days(store):
    # Friday 27 Nov 2026 + 5 working days = Friday 4 Dec 2026
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    rated = _rate(store, record, ev.DISSATISFIED, reasons=("slow",))
    assert rated.follow_up is not None and rated.follow_up.due == dt.date(2026, 12, 4)
    assert rated.follow_up.open and rated.follow_up.level == 2
    open_ = evaluation.follow_ups(store=store)
    assert [(r.number, r.follow_up.due) for r in open_] == [(record.number, dt.date(2026, 12, 4))]


def test_the_follow_up_deadline_skips_the_national_day_holiday(store):
    # rated Tue 29 Sep 2026: 1-7 Oct are holidays, Sat 10 Oct is a 调休 working day
    view = CatalogView.load(store)
    record = _submit(store, view, settings=SETTINGS, now=dt.datetime(2026, 9, 29, 10, 0))
    settings = StationSettings(evaluation=EvaluationSettings(follow_up_days=10))
    rated = _rate(store, record, ev.VERY_DISSATISFIED, settings=settings)
    calendar = load_calendar()
    expected, left, day = None, 10, dt.date(2026, 9, 29)
    while left:
        day += dt.timedelta(days=1)
        left -= calendar.is_working_day(day)
    expected = day
    assert rated.follow_up.due == expected
    assert expected > dt.date(2026, 10, 13)      # the holiday week does not count


def test_a_notice_is_rated_too_and_a_late_rating_is_refused_as_unrated(store):
    view = CatalogView.load(store)
    lines = [l for l in ev_lines(view)]
    checks = tuple((l.key, MaterialCheck(MISSING, remark="缺")) for l in lines)
    record = _submit(store, view, outcome=NOTICE, checks=checks, settings=SETTINGS)
    with pytest.raises(UserError) as err:
        _rate(store, record, ev.SATISFIED, minutes=31)
    assert err.value.key == "evaluation.too_late"
    _rate(store, record, ev.SATISFIED, minutes=29)


def ev_lines(view):
    from counter_app.domain.case import merge_materials

    return merge_materials([view.item("000131128000")])


def test_the_issuing_stage_cannot_be_rated_before_the_result_is_issued(store):
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    with pytest.raises(UserError) as err:
        _rate(store, record, ev.SATISFIED, stage=ev.STAGE_ISSUE)
    assert err.value.key == "evaluation.stage_not_reached.issue"


def test_a_follow_up_is_worked_and_closed_with_what_was_done(store):
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    f = _rate(store, record, ev.VERY_DISSATISFIED).follow_up
    with pytest.raises(UserError) as err:
        evaluation.update_follow_up(store=store, settings=SETTINGS, case_id=record.id, rating_id=f.rating_id,
                                    responsible="", done="")
    assert err.value.key == "evaluation.needs_responsible"
    with pytest.raises(UserError) as err:
        evaluation.update_follow_up(store=store, settings=SETTINGS, case_id=record.id, rating_id=f.rating_id,
                                    responsible="李科长", close=True)
    assert err.value.key == "evaluation.needs_done"
    evaluation.update_follow_up(store=store, settings=SETTINGS, case_id=record.id, rating_id=f.rating_id,
                                responsible="李科长", called_back=True)
    closed = evaluation.update_follow_up(store=store, settings=SETTINGS, case_id=record.id, rating_id=f.rating_id,
                                         responsible="李科长", done="已电话致歉并当场补办", called_back=True,
                                         close=True, now=NOW + dt.timedelta(days=1))
    assert not closed.open and closed.called_back and closed.done == "已电话致歉并当场补办"
    assert evaluation.follow_ups(store=store) == []
    [row] = evaluation.follow_ups(store=store, open_only=False)
    assert row.follow_up.responsible == "李科长" and not row.follow_up.open


def test_unknown_levels_and_reasons_are_refused(store):
    record = _submit(store, CatalogView.load(store), settings=SETTINGS)
    for level, reasons, key in ((6, (), "evaluation.bad_level"), (0, (), "evaluation.bad_level"),
                                (4, ("nonsense",), "evaluation.bad_reason")):
        with pytest.raises(UserError) as err:
            _rate(store, record, level, reasons=reasons)
        assert err.value.key == key


def test_out_of_range_follow_up_days_are_refused_in_station_json(tmp_path):
    import json

    from counter_app.settings import load_settings

    (tmp_path / "station.json").write_text(json.dumps({"version": 2, "evaluation": {"follow_up_days": 30}}))
    with pytest.raises(UserError) as err:
        load_settings(tmp_path)
    assert err.value.key == "settings.bad_range" and err.value.params["field"] == "evaluation.follow_up_days"


def test_the_issuing_is_rated_once_the_result_is_handed_over_and_counts_in_the_report(store):
    from counter_app.services.lifecycle import transition
    from counter_app.services.supervision import collect

    view = CatalogView.load(store)
    record = _submit(store, view, codes=("000131130000",), checks=_all_received(view, ["000131130000"]),
                     settings=SETTINGS)
    _rate(store, record, ev.SATISFIED)
    at = record.created_at
    for n, step in enumerate(("review", "approve", "conclude", "result_ready", "issue"), 1):
        transition(store, record.number, step, who="c09", window="W05", at=at + dt.timedelta(days=n))
    issued = at + dt.timedelta(days=5)
    rated = evaluation.rate(store=store, settings=SETTINGS, calendar=load_calendar(), case_id=record.id,
                            stage=ev.STAGE_ISSUE, level=ev.VERY_DISSATISFIED, now=issued + dt.timedelta(minutes=1))
    assert rated.rating.clerk == "c09"             # the clerk who handed the result over
    assert rated.follow_up.stage == "issue"
    report = collect(store=store, start=at.date(), end=at.date(), calendar=load_calendar(),
                     now=issued + dt.timedelta(hours=1))
    assert report.ratings[ev.SATISFIED] == 1 and report.ratings[ev.VERY_DISSATISFIED] == 1
    assert report.ratings_by_clerk == {"c07": {4: 1}, "c09": {1: 1}}
    assert report.completion_days.count == 1 and report.completion_days.average == pytest.approx(3.0)
    assert report.deadline_status == {"on_time": 0, "near": 0, "overdue": 0}     # concluded: no clock
    assert len(report.follow_ups) == 1 and report.unrated == 0
