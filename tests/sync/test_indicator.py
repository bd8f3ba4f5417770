"""The header's sync indicator on the real window: online with nothing unsent, offline with the count
and age of what waits when the server stops, online again when it is back — driven by the outbox."""

import os

import pytest
from PySide6.QtWidgets import QLabel

from counter_app.i18n import Translator
from tests.central.conftest import LiveServer

pytestmark = pytest.mark.gui


def _window(qtbot, station, lang="zh_CN"):
    from counter_app.gui.app import build_window, open_context

    ctx = open_context(station.path, Translator(lang))
    window = build_window(ctx, printing=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    indicator = window.menuBar().findChild(QLabel, "syncIndicator")
    assert indicator is not None and indicator.isVisible()
    assert window.catalog_label.isVisible()                  # the catalog's version stays beside it
    return window, indicator


def _shot(window, name):
    folder = os.environ.get("COUNTER_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        window.grab().save(os.path.join(folder, name))


def test_indicator_goes_offline_and_back_with_the_server(qtbot, station, live, db, capsys):
    w1 = station("W01")
    w1.run("demo", "cases", "--count", 2)
    window, indicator = _window(qtbot, w1)
    qtbot.waitUntil(lambda: indicator.state.online is True and indicator.state.pending == 0, timeout=20000)
    assert indicator.role == "online" and "在线" in indicator.text()
    _shot(window, "sync-online-zh.png")

    live.stop()
    w1.run("demo", "cases", "--count", 1)
    indicator.driver.sync_now()
    qtbot.waitUntil(lambda: indicator.state.online is False, timeout=20000)
    qtbot.waitUntil(lambda: indicator.state.pending == 2, timeout=10000)
    assert indicator.role == "offline" and "离线" in indicator.text() and "2" in indicator.text()
    assert "最早" in indicator.text()
    _shot(window, "sync-offline-zh.png")

    again = LiveServer(db, port=live.port)
    try:
        indicator.driver.sync_now()
        qtbot.waitUntil(lambda: indicator.state.online is True and indicator.state.pending == 0, timeout=20000)
        assert indicator.role == "online"
    finally:
        indicator.driver.stop()
        again.stop()


def test_a_station_without_a_server_has_no_indicator(qtbot, tmp_path):
    from counter_app.gui.app import build_window, open_context

    ctx = open_context(tmp_path / "alone", Translator("zh_CN"))
    window = build_window(ctx, printing=False)
    qtbot.addWidget(window)
    assert window.menuBar().findChild(QLabel, "syncIndicator") is None


def test_the_offline_text_in_english(qtbot):
    import datetime as dt

    from counter_app.gui.sync_indicator import describe
    from counter_app.sync.state import SyncState

    now = dt.datetime(2026, 12, 2, 10, 0)
    state = SyncState(True, False, 14, now - dt.timedelta(hours=3), 0, "sync.unreachable", "transient")
    text, role, tip = describe(Translator("en"), state, now)
    assert (text, role) == ("Offline · 14 unsent (oldest 3 h ago)", "offline")
    assert "cannot be reached" in tip
    empty = SyncState(True, False, 0, None, 0, "sync.unreachable", "transient")
    assert describe(Translator("zh_CN"), empty, now)[:2] == ("离线 · 无待上传", "offline")


def test_entries_unsent_for_over_a_day_turn_the_indicator_red(qtbot):
    import datetime as dt

    from counter_app.gui.sync_indicator import describe
    from counter_app.sync.state import SyncState

    now = dt.datetime(2026, 12, 2, 10, 0)
    state = SyncState(True, False, 3, now - dt.timedelta(days=2), 0, "sync.unreachable", "transient")
    text, role, tip = describe(Translator("zh_CN"), state, now)
    assert role == "attention" and "2 天前" in text and "超过 24 小时" in tip
