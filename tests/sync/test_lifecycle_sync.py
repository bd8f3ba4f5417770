"""A case moved along its life at one window reaches the central server and the other windows:
the server's status and the other window's case list both show the state derived from the events."""

import datetime as dt

from counter_app.central import admin
from counter_app.domain import case_status as cs
from counter_app.services import lifecycle_view as lv
from counter_app.services.catalog_view import CatalogView
from counter_app.services.holidays import load_calendar
from counter_app.services.lifecycle import transition
from counter_app.settings import StationSettings
from tests.store.test_intake import _all_received, _submit

FOOD = "000131130000"


def test_a_special_procedure_at_one_window_is_what_the_hall_and_the_other_window_see(station, db, capsys):
    w1, w2 = station("W01"), station("W02")
    store = w1.store()
    view = CatalogView.load(store)
    now = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1)
    rec = _submit(store, view, codes=(FOOD,), checks=_all_received(view, [FOOD]), now=now)
    transition(store, rec.number, "review", who="c07", window="W01", at=now + dt.timedelta(minutes=5))
    transition(store, rec.number, "suspend", who="c07", window="W01", reason="专家评审",
               payload={"procedure": "expert_review"}, at=now + dt.timedelta(minutes=10))
    store.close()
    assert w1.sync(capsys)["pushed"] == 4
    assert {c["number"]: c["status"] for c in admin.cases_of_hall(db, "330402001")} == {rec.number: cs.SUSPENDED}
    assert w2.sync(capsys)["pulled"] == 4
    other = w2.store()
    try:
        lines = lv.case_list(store=other, settings=StationSettings(window="W02"), calendar=load_calendar(),
                             scope=lv.HALL)
        assert [(ln.number, ln.state, ln.saved_status) for ln in lines] == [(rec.number, cs.SUSPENDED, cs.SUSPENDED)]
        assert lv.case_list(store=other, settings=StationSettings(window="W02"), calendar=load_calendar(),
                            scope=lv.WINDOW) == []
        # the other window takes the next step; it reaches the first window too
        transition(other, rec.number, "resume", who="c08", window="W02")
    finally:
        other.close()
    assert w2.sync(capsys)["pushed"] == 1
    assert w1.sync(capsys)["pulled"] == 1
    again = w1.store()
    try:
        detail = lv.case_detail(store=again, settings=StationSettings(), calendar=load_calendar(), number=rec.number)
        assert detail.life.state == cs.REVIEWING and detail.record.status == cs.REVIEWING
        assert [e.window for e in detail.events][-1] == "W02" and len(detail.life.stops) == 1
    finally:
        again.close()
