"""A case accepted at one window is issued at another once the central server has it, and the
window that accepted it learns that it was issued."""

from counter_app.domain import case_status as cs
from counter_app.domain.issuing import Collector
from counter_app.services import issuing
from counter_app.services.catalog_view import CatalogView
from counter_app.services.holidays import load_calendar
from counter_app.settings import load_settings
from counter_app.store import case_events
from tests.store.test_intake import PERSON, _all_received, _submit
from tests.store.test_issuing import FOOD, LATER, make_ready


def test_issued_at_the_other_window_after_a_sync(station, capsys):
    w1, w2 = station("W01"), station("W02")
    store1 = w1.store()
    view = CatalogView.load(store1)
    case = _submit(store1, view, codes=[FOOD], checks=_all_received(view, [FOOD]), settings=load_settings(w1.path))
    make_ready(store1, case.number)
    store1.close()
    assert w1.sync(capsys)["pushed"] == 6                     # 收件, 受理 and four steps to 待出件
    assert w2.sync(capsys)["pulled"] == 6

    settings2 = load_settings(w2.path)
    store2 = w2.store()
    found, = issuing.find(store=store2, settings=settings2, calendar=load_calendar(), text=case.number,
                          today=LATER.date())
    assert found.ready and found.record.window == "W01"
    issuing.hand_over(store=store2, settings=settings2, number=case.number,
                      collector=Collector(PERSON.name, PERSON.id_number, card_read=True), now=LATER)
    store2.close()
    assert w2.sync(capsys)["pushed"] == 1
    assert w1.sync(capsys)["pulled"] == 1

    store1 = w1.store()
    again, = issuing.find(store=store1, settings=load_settings(w1.path), calendar=load_calendar(),
                          text=case.number, today=LATER.date())
    assert again.issued and again.issued_window == "W02" and again.delivery is None   # the record stays at W02
    with store1.session() as s:
        assert case_events.of_case(s, case.id)[-1].kind == cs.ISSUE
    store1.close()
