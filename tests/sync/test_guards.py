"""The station's guards: a warning stays on the window while entries wait too long for the central
server or the catalog has not been refreshed for the station's number of days; a sync that finds the
catalog current counts as a refresh."""

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import update

from counter_app.i18n import Translator
from counter_app.services.station_guards import Facts, read_facts, warnings
from counter_app.settings import StationSettings, load_settings, save_settings
from counter_app.store.models import CatalogVersionRow
from tests.conftest import MINI_CATALOG, set_up_station

NOW = dt.datetime(2026, 12, 2, 10, 0)


def test_each_warning_comes_at_its_setting_and_zero_turns_it_off():
    s = StationSettings(warn_unsent_hours=24, warn_catalog_days=30)
    fresh = Facts(NOW - dt.timedelta(hours=23), 3, NOW - dt.timedelta(days=29))
    assert warnings(s, fresh, NOW) == []
    old = Facts(NOW - dt.timedelta(hours=25), 3, NOW - dt.timedelta(days=31))
    assert warnings(s, old, NOW) == [("guard.unsent_old", {"n": 3, "hours": 25}),
                                     ("guard.catalog_old", {"days": 31, "limit": 30})]
    off = dataclasses.replace(s, warn_unsent_hours=0, warn_catalog_days=0)
    assert warnings(off, old, NOW) == []
    assert warnings(s, Facts(None, 0, None), NOW) == []     # nothing unsent, no catalog yet


def _age_catalog(store, days):
    with store.transaction() as s:
        s.execute(update(CatalogVersionRow).values(imported_at=dt.datetime.now() - dt.timedelta(days=days)))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_sync_that_finds_the_catalog_current_refreshes_it(station, db, capsys):
    from counter_app.central import admin

    admin.publish_catalog(db, MINI_CATALOG.read_text(encoding="utf-8"))
    w1 = station("W01")
    store = w1.store()
    try:
        _age_catalog(store, 40)
        settings = load_settings(w1.path)
        assert [k for k, _ in warnings(settings, read_facts(store))] == ["guard.catalog_old"]
        w1.sync(capsys)                                  # the server's catalog is the one we have
        assert warnings(settings, read_facts(store)) == []
    finally:
        store.close()


@pytest.mark.gui
def test_the_window_shows_the_warning_until_the_cause_is_gone(qtbot, store):
    from counter_app.gui.app import build_window, open_context

    save_settings(store.data_dir, dataclasses.replace(set_up_station(), warn_catalog_days=30))
    _age_catalog(store, 45)
    ctx = open_context(store.data_dir, Translator("zh_CN"))
    w = build_window(ctx, printing=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    label = w.guards.label
    w.guards.check()
    qtbot.waitUntil(lambda: label.isVisible(), timeout=10000)
    assert "事项目录已 45 天未更新" in label.text() and w.statusBar().isVisible()
    _age_catalog(store, 1)                               # the admin imported a new one
    w.guards.check()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10000)

    en = Translator("en")
    text = en("guard.unsent_old", n=4, hours=30)
    assert text.isascii() and "30 h" in text



def test_a_station_never_enrolled_is_not_warned_about_its_outbox(store):
    """Back-dated demo cases on a station with no central server filled the status bar with
    "656 条记录已等待上传 598 小时": there is nobody to upload to, so no warning (the entries stay
    in the outbox for a later enrolment); an enrolled station is still warned."""
    from counter_app.services.catalog_view import CatalogView
    from counter_app.services.demo_cases import make_demo_cases
    from counter_app.services.holidays import load_calendar

    make_demo_cases(store=store, settings=set_up_station(), catalog=CatalogView.load(store),
                    calendar=load_calendar(), count=3, days_back=5)
    facts = read_facts(store)
    assert facts.unsent > 0 and facts.oldest_unsent is not None
    later = facts.oldest_unsent + dt.timedelta(hours=48)
    settings = StationSettings(warn_unsent_hours=24)
    assert [k for k, _ in warnings(settings, facts, later)] == ["guard.unsent_old"]
    assert warnings(settings, read_facts(store, enrolled=False), later) == []
