"""The running window between cases (issue 14): it picks up a catalog another program imported,
never under an open case, and says so; it warns when the PC's clock is behind the last case."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from counter_app.gui.station_watch import StationWatch
from tests.conftest import MINI_CATALOG
from tests.gui.test_intake_window import Card, settled, window  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


def _import_elsewhere(tmp_path, data_dir, version="2026.12.20"):
    doc = json.loads(MINI_CATALOG.read_text(encoding="utf-8"))
    doc["version"] = version
    doc["items"] = doc["items"][:5]
    doc["bundles"] = []
    path = tmp_path / "new.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "counter_app", "catalog", "import", str(path), "--data-dir", str(data_dir)],
                   check=True, capture_output=True)


def test_a_catalog_imported_elsewhere_is_taken_between_cases_and_announced(qtbot, window, tmp_path):
    watch = StationWatch(window, interval_ms=3_600_000)
    assert window.ctx.catalog.catalog.version == "2026.11.01"
    _import_elsewhere(tmp_path, window.ctx.data_dir)
    window.on_card(Card())                         # a case is open: the catalog stays as it was
    assert not watch.check()
    settled(qtbot, window)
    assert window.ctx.catalog.catalog.version == "2026.11.01"
    window.new_intake()                            # between cases
    window.applicant.clear()
    assert watch.check()
    qtbot.waitUntil(lambda: window.ctx.catalog.catalog.version == "2026.12.20", timeout=10000)
    assert len(window.ctx.catalog.catalog.items) == 5
    assert "2026.12.20" in window.banner.text() and "已更新" in window.banner.text()
    assert "2026.12.20" in window.catalog_label.text()
    settled(qtbot, window)
    watch.check()                                  # the same import again: nothing new to say
    settled(qtbot, window)
    assert window.banner.text().count("已更新") == 1


def test_a_clock_behind_the_last_case_is_warned_about(qtbot, store, tmp_path):
    from counter_app.gui.app import open_context
    from counter_app.gui.intake_window import IntakeWindow
    from counter_app.i18n import Translator
    from counter_app.services.catalog_view import CatalogView
    from tests.store.test_intake import _submit

    tomorrow = dt.datetime.now().replace(microsecond=0) + dt.timedelta(days=1)
    _submit(store, CatalogView.load(store), now=tomorrow)      # taken before the PC's clock was set back a day
    w = IntakeWindow(open_context(store.data_dir, Translator()))
    qtbot.addWidget(w)
    w.show()
    watch = StationWatch(w, interval_ms=3_600_000)
    assert watch.check()
    qtbot.waitUntil(lambda: "校准" in w.banner.text(), timeout=10000)
    assert f"{tomorrow:%Y-%m-%d %H:%M}" in w.banner.text() and "23 小时" in w.banner.text()
    assert w.banner.property("state") == "warn"
