"""The back office confirms a window's batch at a station of its own: the sheet scanned there is
rebuilt from the synced events, and the confirmation (a case missing) reaches the window."""

from counter_app.domain.handover_batch import INCOMPLETE, SENT
from counter_app.services import handover
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import load_settings
from tests.store.test_handover_batches import FOOD, at
from tests.store.test_intake import _all_received, _submit


def test_a_batch_confirmed_at_the_back_office_shows_its_missing_case_at_the_window(station, capsys):
    window, back = station("W01"), station("HB1")
    store = window.store()
    view = CatalogView.load(store)
    settings = load_settings(window.path)
    cases = [_submit(store, view, codes=[FOOD], checks=_all_received(view, [FOOD]), now=at(t), settings=settings)
             for t in ("09:00", "09:10")]
    batch, = handover.make_batches(store=store, settings=settings, now=at("10:30"))
    store.close()
    window.sync(capsys)
    assert back.sync(capsys)["pulled"] == 6                  # 收件, 受理, 交接 of each case

    office, office_settings = back.store(), load_settings(back.path)
    sheet = handover.scan(store=office, settings=office_settings, text=batch.code, now=at("10:50"))
    assert sheet.kind == handover.BATCH and [c.number for c in sheet.batch.cases] == [c.number for c in cases]
    assert sheet.batch.window == "W01" and sheet.batch.state == SENT
    handover.scan(store=office, settings=office_settings, text=cases[0].number, current=batch.code, now=at("10:51"))
    done = handover.confirm(store=office, settings=office_settings, code=batch.code, now=at("10:52"))
    assert done.state == INCOMPLETE
    day = handover.overview(store=office, settings=office_settings, now=at("10:53"))
    assert [b.code for b in day.received_here] == [batch.code]
    office.close()
    assert back.sync(capsys)["pushed"] == 2
    assert window.sync(capsys)["pulled"] == 2

    store = window.store()
    shown, = handover.overview(store=store, settings=settings, now=at("11:00")).batches
    assert shown.state == INCOMPLETE and [c.number for c in shown.missing] == [cases[1].number]
    assert shown.confirmed_by == office_settings.clerk
    store.close()
