"""Issue 9 at the window: a clerk accepts a case and the department's reference number arrives on
it by itself; the health panel (Ctrl+Shift+D) shows each department; the credentials screen shows
what is missing and keeps what the clerk enters in the keyring only."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from counter_app.gui.app import build_window, open_context
from counter_app.i18n import Translator
from tests.conftest import set_up_station
from tests.gui.test_intake_window import Card, Clerk, settled
from tests.sync.conftest import memory_keyring  # noqa: F401 (autouse: the keyring in memory)


@pytest.fixture
def station_with_departments(tmp_path):
    from counter_app.services.catalog_io import import_catalog
    from counter_app.services.demo_departments import start_demo_departments
    from counter_app.services.demo_station import SAMPLE_CATALOG
    from counter_app.settings import save_settings
    from counter_app.store.database import Store

    d = tmp_path / "station"
    st = Store(d)
    import_catalog(store=st, path=SAMPLE_CATALOG)
    st.close()
    save_settings(d, set_up_station())
    runner = start_demo_departments(d)
    yield d, runner
    runner.stop()


def _window(qtbot, data_dir, lang=None):
    ctx = open_context(data_dir, Translator(lang))
    w = build_window(ctx, printing=False)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    return w


def test_the_departments_reference_arrives_on_the_last_case_by_itself(qtbot, station_with_departments):
    data_dir, runner = station_with_departments
    w = _window(qtbot, data_dir)
    clerk = Clerk(qtbot, w)
    clerk.place_card(Card())
    clerk.type("gtgsh")
    clerk.key(Qt.Key_Return)
    clerk.key(Qt.Key_F5)
    clerk.key(Qt.Key_F9)
    settled(qtbot, w)
    record = w.last_case
    assert record is not None
    dept = record.items[0].department
    qtbot.waitUntil(lambda: "受理号" in w.last_case_label.text(), timeout=15000)
    counts = runner.counts()[dept]
    assert counts["cases"] == [record.number] and counts["total"] == 1
    text = w.last_case_label.text()
    assert record.number in text and f"{dept}-000001" in text and record.department_name(dept) in text
    assert clerk.actions == 5          # nothing else was done


def test_health_panel_and_credentials_screen(qtbot, station_with_departments, memory_keyring):  # noqa: F811
    from counter_app.dept_sim import descriptions
    from counter_app.dept_sim.config import complete, SimDepartment

    data_dir, runner = station_with_departments
    # one more system, behind HMAC, that needs the clerk's keys
    hmac = complete(SimDepartment(code="402099", name="测试网关部门", auth="hmac"))
    (data_dir / "connectors" / "gw-402099.toml").write_text(
        descriptions.description(hmac, "127.0.0.1", 9), encoding="utf-8")
    w = _window(qtbot, data_dir)
    qtbot.keyClick(w, Qt.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = w.screens.pages["departments"]
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 30, timeout=10000)
    texts = [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())]
    assert any("市场监督管理局" in t for t in texts)
    w.screens.show("credentials")
    creds = w.screens.pages["credentials"]
    qtbot.waitUntil(lambda: creds.table.rowCount() == 1, timeout=10000)
    assert creds.table.item(0, 2).text() == "未录入"
    assert set(creds.fields) == {"access_key", "secret_key"}
    assert creds.fields["secret_key"].echoMode() == creds.fields["secret_key"].EchoMode.Password
    creds.fields["access_key"].setText("AK-test")
    creds.fields["secret_key"].setText("sk-very-secret")
    creds.save()
    qtbot.waitUntil(lambda: creds.table.rowCount() == 1 and creds.table.item(0, 2).text() == "已录入", timeout=10000)
    assert any("sk-very-secret" in v for v in memory_keyring.secrets.values())
    assert creds.fields["secret_key"].text() == ""       # the secret left the screen


def test_english_screens_show_no_chinese_but_names(qtbot, station_with_departments):
    data_dir, _ = station_with_departments
    from counter_app.settings import load_settings, save_settings

    save_settings(data_dir, dataclasses.replace(load_settings(data_dir), language="en"))
    w = _window(qtbot, data_dir, "en")
    w.screens.show("departments")
    panel = w.screens.pages["departments"]
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 30, timeout=10000)
    for c in range(panel.table.columnCount()):
        header = panel.table.horizontalHeaderItem(c).text()
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in header), header
    state = panel.table.item(0, 2).text()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in state), state
