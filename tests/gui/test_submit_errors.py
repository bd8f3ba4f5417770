"""An unexpected error while saving a case is a message that says the case was not saved; the
form stays as it was (issue 14: promised_days of 10⁹ from an old catalog raised OverflowError,
which the window did not catch, and the clerk got no message at all)."""

from counter_app.store import sqlite_file
import json
import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.gui.test_intake_window import Card, saved_cases, settled, window  # noqa: F401 (fixture)

pytestmark = pytest.mark.gui


def test_an_unexpected_error_says_the_case_was_not_saved_and_keeps_the_form(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from counter_app.gui.app import open_context
    from counter_app.gui.intake_window import IntakeWindow
    from counter_app.i18n import Translator

    con = sqlite_file.connect(store.path)     # a catalog stored by a build before the import bounds
    data = json.loads(con.execute("SELECT data FROM service_item WHERE code = '000131130000'").fetchone()[0])
    data.update(legal_days=10 ** 9, promised_days=10 ** 9)
    con.execute("UPDATE service_item SET data = ? WHERE code = '000131130000'", (json.dumps(data),))
    con.commit()
    con.close()
    w = IntakeWindow(open_context(store.data_dir, Translator()))
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append((a[1], a[2])))
    w.on_card(Card())
    qtbot.keyClicks(w.picker.search, "spjyxkz")
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    qtbot.keyClick(w, Qt.Key_F5)               # everything handed in
    assert "accept" in w.draft.assessment().allowed, w.draft.assessment()
    qtbot.keyClick(w, Qt.Key_F9)               # accept
    settled(qtbot, w)                          # tried on the writer thread
    assert len(shown) == 1
    title, text = shown[0]
    assert "未保存" in title + text and "OverflowError" in text
    assert w.applicant.name.text() == "张晓梅" and len(w.draft.items) == 1
    assert saved_cases(w) == 0
