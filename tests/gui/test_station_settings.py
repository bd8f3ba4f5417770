"""The first-run screen, the admin's settings screen, and the window's place kept in QSettings."""

import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from counter_app.gui.app import open_context
from counter_app.gui.station_settings import StationSettingsDialog, first_run_dialog
from counter_app.i18n import Translator
from counter_app.settings import demo_values, load_settings
from tests.conftest import set_up_station


def _button(dialog, text):
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def _fill(qtbot, dialog, **values):
    for name, text in values.items():
        edit = getattr(dialog, name)
        edit.clear()
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:                       # QTest types Latin-1 only; a Chinese IME commits whole words anyway
            edit.insert(text)


def _settle(qtbot, w):
    """Let the started window finish opening its store (Alembic is not thread-safe) and stop its reader."""
    qtbot.waitUntil(lambda: not w.loading, timeout=20000)
    qtbot.waitUntil(lambda: getattr(w, "card_bridge", None) is not None, timeout=5000)
    w.card_bridge.stop()


REAL = dict(hall_name="桐乡市行政服务中心", hall_code="330483001", hall_phone="0573-88000000",
            hall_address="桐乡市庆丰南路1号", query_url="https://zwfw.tongxiang.gov.cn/q", window_code="W03",
            window_name="综合受理3号窗口", clerk="c07", clerk_name="陈静")


def test_first_run_asks_who_and_where_and_refuses_the_demo_hall(qtbot, store):
    ctx = open_context(store.data_dir, Translator())
    assert demo_values(ctx.settings)                     # nobody set this station up
    dialog = first_run_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hall_name.text() == "" and dialog.clerk_name.text() == ""     # the demo hall is not offered
    assert not hasattr(dialog, "printer")                 # devices come later, in the settings screen
    _button(dialog, "保存").click()
    assert dialog.isVisible() and "请填写" in dialog.error.text()
    _fill(qtbot, dialog, hall_name="南湖区政务服务中心", hall_code="330402001", hall_phone="0573-82000000",
          hall_address="南湖区广益路1317号", window_code="W01", clerk="demo", clerk_name="演示受理员")
    _button(dialog, "保存").click()
    assert dialog.isVisible() and "演示" in dialog.error.text()
    assert not (store.data_dir / "station.json").exists()
    _fill(qtbot, dialog, window_code="窗口1", **{k: v for k, v in REAL.items() if k != "window_code"})
    _button(dialog, "保存").click()
    assert dialog.isVisible() and "窗口编码" in dialog.error.text()
    _fill(qtbot, dialog, window_code="W03")
    _button(dialog, "保存").click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_settings(store.data_dir)
    assert saved.hall.name == "桐乡市行政服务中心" and saved.window == "W03" and saved.clerk_name == "陈静"
    assert demo_values(saved) == ()


def test_start_shows_the_first_run_screen_before_the_window(qtbot, store, monkeypatch):
    from counter_app.gui.app import start

    seen = []

    def fill_and_save(dialog):
        seen.append(dialog.first_run)
        for name, text in REAL.items():
            getattr(dialog, name).setText(text)
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(StationSettingsDialog, "exec", fill_and_save)
    _app, w = start(data_dir=store.data_dir)
    qtbot.addWidget(w)
    assert seen == [True] and w is not None
    assert "桐乡市行政服务中心" in w.header.text() and "陈静" in w.header.text()
    assert w.ctx.settings.window == "W03"
    _settle(qtbot, w)


def test_quitting_the_first_run_screen_starts_no_window(qtbot, store, monkeypatch):
    from counter_app.gui.app import start

    monkeypatch.setattr(StationSettingsDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    _app, w = start(data_dir=store.data_dir)
    assert w is None
    assert not (store.data_dir / "station.json").exists()


def test_demo_mode_skips_the_first_run_screen(qtbot, tmp_path, monkeypatch):
    from counter_app.gui.app import start

    monkeypatch.setattr(StationSettingsDialog, "exec", lambda dialog: pytest.fail("no first-run screen in demo"))
    _app, w = start(data_dir=tmp_path, demo=True)
    qtbot.addWidget(w)
    assert w is not None and "演示受理员" in w.header.text()
    _settle(qtbot, w)


def test_settings_screen_offers_the_printers_there_are_and_keeps_unknown_keys(qtbot, store):
    from counter_app.settings import save_settings

    import dataclasses

    save_settings(store.data_dir, dataclasses.replace(set_up_station(), printer="Gone_Printer"))
    raw = json.loads((store.data_dir / "station.json").read_text(encoding="utf-8"))
    raw["drawer"] = "COM3"
    (store.data_dir / "station.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    ctx = open_context(store.data_dir, Translator("en"))
    dialog = StationSettingsDialog(ctx.settings, ctx.tr, ctx.data_dir, printers=["HP_M404", "Xprinter_XP58"],
                                   readers=["ACS ACR39U 00 00"])
    qtbot.addWidget(dialog)
    offered = [dialog.printer.itemText(i) for i in range(dialog.printer.count())]
    assert offered == ["The system's default printer", "HP_M404", "Xprinter_XP58",
                       "Gone_Printer (not found on this computer)"]
    assert dialog.printer.currentIndex() == 3
    readers = [dialog.reader.itemData(i) for i in range(dialog.reader.count())]
    assert readers == ["auto", "simulator", "ACS ACR39U 00 00"]
    dialog.printer.setCurrentIndex(2)
    dialog.paper.setCurrentIndex(dialog.paper.findData("58mm"))
    dialog.reader.setCurrentIndex(2)
    dialog._save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_settings(store.data_dir)
    assert (saved.printer, saved.paper, saved.reader) == ("Xprinter_XP58", "58mm", "ACS ACR39U 00 00")
    assert json.loads((store.data_dir / "station.json").read_text(encoding="utf-8"))["drawer"] == "COM3"


def test_a_typed_serial_reader_and_a_bad_thermal_address(qtbot, store):
    ctx = open_context(store.data_dir, Translator())
    ctx.settings = set_up_station()
    dialog = StationSettingsDialog(ctx.settings, ctx.tr, ctx.data_dir, printers=[], readers=[])
    qtbot.addWidget(dialog)
    dialog.reader.setEditText("serial:/dev/ttyUSB0")
    dialog.escpos.setText("lpt1")
    dialog._save()
    assert dialog.result() != QDialog.DialogCode.Accepted and "lpt1" in dialog.error.text()
    dialog.escpos.setText("tcp:192.168.1.50:9100")
    dialog._save()
    saved = load_settings(store.data_dir)
    assert saved.reader == "serial:/dev/ttyUSB0" and saved.escpos_target == "tcp:192.168.1.50:9100"


def test_the_menu_opens_settings_and_the_header_follows(qtbot, store, monkeypatch):
    from counter_app.gui.app import build_window
    from counter_app.gui.main_menu import station_settings_dialog

    ctx = open_context(store.data_dir, Translator())
    ctx.settings = set_up_station()
    w = build_window(ctx, printing=False)
    qtbot.addWidget(w)
    titles = [a.text() for m in w.menuBar().actions() for a in m.menu().actions()]
    assert "站点设置…" in titles

    def rename(dialog):
        dialog.window_name.setText("综合受理9号窗口")
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(StationSettingsDialog, "exec", rename)
    station_settings_dialog(w)
    assert w.ctx.settings.window_name == "综合受理9号窗口" and "综合受理9号窗口" in w.header.text()
    assert load_settings(store.data_dir).window_name == "综合受理9号窗口"


def test_the_window_opens_where_it_was_closed(qtbot, store, tmp_path):
    from counter_app.gui.app import build_window
    from counter_app.gui.window_state import remember_geometry

    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = open_context(store.data_dir, Translator())
    first = build_window(ctx, printing=False)
    qtbot.addWidget(first)
    assert not remember_geometry(first, ui_state)
    first.show()
    default = first.geometry()
    first.showNormal()                         # it opened maximized: the test screen is smaller than 1440x900
    first.setGeometry(11, 47, 760, 690)        # within the 800-wide test screen, so Qt need not move it back
    qtbot.waitUntil(lambda: first.geometry().topLeft().x() == 11)
    closed = first.geometry()
    first.close()
    second = build_window(ctx, printing=False)
    qtbot.addWidget(second)
    assert remember_geometry(second, ui_state)
    second.show()
    qtbot.waitUntil(lambda: second.isVisible())
    assert second.geometry() == closed != default
    assert not (store.data_dir / "station.json").exists()       # UI state is not a station setting


def test_a_first_start_on_a_small_screen_opens_within_it(qtbot, store, tmp_path):
    """No saved place, a screen smaller than the preferred 1440x900 (the offscreen test screen is
    800x600, like a 1366x768 counter monitor is for the frozen app): maximized, not past the edges."""
    from counter_app.gui.app import build_window
    from counter_app.gui.window_state import remember_geometry

    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    w = build_window(open_context(store.data_dir, Translator()), printing=False)
    qtbot.addWidget(w)
    remember_geometry(w, ui_state)
    w.show()
    free = w.screen().availableGeometry()
    assert free.width() < 1440
    qtbot.waitUntil(lambda: w.isMaximized())
    assert free.contains(w.frameGeometry().topLeft()) and w.width() <= free.width()
