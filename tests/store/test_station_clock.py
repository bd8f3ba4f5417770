"""The station clock (issue 14): a system clock set back a day gave the next number of the
previous day and back-dated the case, so it missed the handover sheet already printed.

Cases are numbered and dated by a clock that never runs before this window's last case; when the
system clock is behind it, the station says so."""

from counter_app.store import sqlite_file
import datetime as dt
import sqlite3

from counter_app.services.catalog_view import CatalogView
from counter_app.services.handover import to_hand_over
from counter_app.services.station_clock import clock_behind
from counter_app.settings import StationSettings
from tests.store.test_intake import NOW, _all_received, _submit

PROMISED_ITEM = ["000131130000"]


def test_a_clock_set_back_a_day_neither_backdates_nor_renumbers(store):
    view = CatalogView.load(store)
    first = _submit(store, view, now=NOW)
    second = _submit(store, view, now=NOW - dt.timedelta(days=1))        # the PC's clock went back a day
    assert second.number == "330402001-W01-20261127-0002"                 # not 20261126-0001
    assert second.created_at >= first.created_at
    third = _submit(store, view, now=NOW + dt.timedelta(minutes=5))      # the clock put right again
    assert third.number.endswith("20261127-0003") and third.created_at == NOW + dt.timedelta(minutes=5)


def test_the_case_after_a_backward_jump_is_on_the_sheet_of_the_last_case_day(store):
    view = CatalogView.load(store)
    a = _submit(store, view, codes=PROMISED_ITEM, checks=_all_received(view, PROMISED_ITEM), now=NOW)
    b = _submit(store, view, codes=PROMISED_ITEM, checks=_all_received(view, PROMISED_ITEM),
                now=NOW - dt.timedelta(days=1))
    assert [c.number for c in to_hand_over(store=store, window="W01", day=NOW.date())] == [a.number, b.number]
    assert to_hand_over(store=store, window="W01", day=NOW.date() - dt.timedelta(days=1)) == []


def test_the_handover_is_in_case_number_order(store):
    """Cases stored by builds before the station clock may have times out of number order."""
    view = CatalogView.load(store)
    cases = [_submit(store, view, codes=PROMISED_ITEM, checks=_all_received(view, PROMISED_ITEM),
                     now=NOW + dt.timedelta(minutes=m)) for m in range(3)]
    con = sqlite_file.connect(store.path)
    con.execute("UPDATE case_record SET created_at = ? WHERE number = ?",
                ((NOW + dt.timedelta(hours=2)).isoformat(" "), cases[0].number))
    con.commit()
    con.close()
    assert [c.number for c in to_hand_over(store=store, window="W01", day=NOW.date())] == [c.number for c in cases]


def test_a_system_clock_behind_the_last_case_is_reported(store):
    view = CatalogView.load(store)
    settings = StationSettings()
    _submit(store, view, now=NOW)
    assert clock_behind(store=store, settings=settings, now=NOW + dt.timedelta(seconds=1)) is None
    assert clock_behind(store=store, settings=settings, now=NOW - dt.timedelta(seconds=30)) is None   # NTP slew
    behind = clock_behind(store=store, settings=settings, now=NOW - dt.timedelta(days=1))
    assert behind is not None and behind.last_case == NOW and behind.behind == dt.timedelta(days=1)
