"""Starting a second window with the same hall and window code on one data folder is refused
with a message naming the window (issue 14: a cloned PC, or the program started twice)."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

HOLD = ("import sys, time\nfrom counter_app.gui.app import open_context\nfrom counter_app.i18n import Translator\n"
        "from counter_app.store.window_lock import hold_window\n"
        "s = open_context(sys.argv[1], Translator(), with_catalog=False).settings\n"
        "lock = hold_window(sys.argv[1], s.hall.code, s.window)\nprint('held', flush=True)\ntime.sleep(600)\n")


def test_a_second_window_on_the_same_folder_is_refused(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from counter_app.gui.app import start

    other = subprocess.Popen([sys.executable, "-c", HOLD, str(store.data_dir)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "held"
        shown = []
        monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
        _app, w = start(data_dir=store.data_dir)
        assert w is None
        assert len(shown) == 1 and "W01" in shown[0] and "另一个程序" in shown[0]
    finally:
        other.kill()
        other.wait()
    from counter_app.settings import save_settings
    from tests.conftest import set_up_station

    save_settings(store.data_dir, set_up_station())        # else the first-run screen comes first
    _app, w = start(data_dir=store.data_dir)   # now it opens
    qtbot.addWidget(w)
    assert w is not None and w.isVisible()
