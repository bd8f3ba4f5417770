"""The same person filing the same item again the same day is warned (probably a duplicate)."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from tests.gui.test_intake_window import Card, saved_cases, settled, window  # noqa: F401 (fixture)
from tests.gui.test_window_keyboard import answer_modal


def file_case(qtbot, w, initials, outcome_key=Qt.Key_F9, all_received=True):
    w.on_card(Card())
    settled(qtbot, w)                                  # the history is looked up on the writer thread
    qtbot.keyClicks(w.picker.search, initials)
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    if all_received:
        qtbot.keyClick(w, Qt.Key_F5)
    qtbot.keyClick(w, outcome_key)
    settled(qtbot, w)


def test_the_same_item_again_today_is_warned_and_asked(qtbot, window):
    file_case(qtbot, window, "gtgsh")
    first = window.last_case.number
    window.on_card(Card())
    settled(qtbot, window)
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    assert "重复" in window.banner.text() and first in window.banner.text()
    qtbot.keyClick(window, Qt.Key_F5)
    facts = {}

    def esc(dialog):
        facts["text"] = dialog.text()
        qtbot.keyClick(dialog, Qt.Key_Escape)

    answer_modal(qtbot, esc)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert first in facts["text"] and saved_cases(window) == 1          # not filed twice by accident
    assert window.applicant.name.text() == "张晓梅" and len(window.draft.items) == 1

    def accept_anyway(dialog):
        next(b for b in dialog.buttons() if b.text() == "仍然受理").click()

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)    # the question is gone
    window.activateWindow()                                           # offscreen has no window manager
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    answer_modal(qtbot, accept_anyway)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    assert saved_cases(window) == 2


def test_coming_back_with_the_papers_after_a_notice_is_no_repeat(qtbot, window):
    file_case(qtbot, window, "gtgsh", Qt.Key_F11, all_received=False)       # told what is missing
    assert window.last_case.outcome == "notice"
    seen = answer_modal(qtbot, lambda d: d.reject(), tries=5)
    file_case(qtbot, window, "gtgsh")                                        # back with everything
    qtbot.waitUntil(lambda: seen.get("tries", 0) >= 5, timeout=3000)
    assert seen["dialog"] is None and saved_cases(window) == 2
    assert "已受理" in window.banner.text()


def test_another_item_the_same_day_is_no_repeat(qtbot, window):
    file_case(qtbot, window, "gtgsh")
    window.on_card(Card())
    settled(qtbot, window)
    qtbot.keyClicks(window.picker.search, "spjy")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    assert "重复" not in window.banner.text()
