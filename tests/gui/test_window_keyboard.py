"""Dialogs and the window from the keyboard alone, in the screen's language; the end of a case."""

from PySide6.QtCore import QEvent, QTimer, QTranslator, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from counter_app.gui.intake_window import IntakeWindow
from counter_app.gui.app import open_context
from counter_app.i18n import Translator
from counter_app.store import case_repo
from tests.gui.test_intake_window import Card, saved_cases, settled, window  # noqa: F401 (fixture)


def answer_modal(qtbot, act, tries: int = 50):
    """Run ``act(dialog)`` on the modal dialog the next call opens (as the clerk's hands would).

    The timer looks again every 20 ms until a modal dialog is up; after ``tries`` it gives up
    (nothing opened), so a missing dialog fails the test instead of hanging it.
    """
    seen = {"dialog": None}
    timer = QTimer()
    timer.setInterval(20)

    def drive():
        dialog = QApplication.activeModalWidget()
        seen["tries"] = seen.get("tries", 0) + 1
        if dialog is None and seen["tries"] < tries:
            return
        timer.stop()
        seen["dialog"] = dialog
        if dialog is not None:
            act(dialog)
    timer.timeout.connect(drive)
    timer.start()
    seen["timer"] = timer
    return seen


def begin_case(qtbot, window, initials="gtgsh"):
    """Card read, one item found and added; the materials not yet checked."""
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, initials)
    qtbot.keyClick(window.picker.search, Qt.Key_Return)


def test_reject_dialog_from_the_keyboard_alone(qtbot, window):
    window.on_card(Card())
    qtbot.keyClicks(window.picker.search, "gtgsh")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)       # materials not yet checked: 不予受理 allowed
    facts = {}

    def type_it(dialog):
        facts["buttons"] = sorted(b.text() for b in dialog.buttons.buttons())
        qtbot.keyClicks(dialog.focusWidget(), "outside remit")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)       # on to the legal basis, no tab typed
        facts["after_tab"] = dialog.focusWidget()
        qtbot.keyClicks(dialog.focusWidget(), "art 32")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return)    # Enter is 确定

    seen = answer_modal(qtbot, type_it)
    qtbot.keyClick(window, Qt.Key_F12)
    settled(qtbot, window)
    assert seen["dialog"] is not None
    assert facts["buttons"] == sorted(["确定", "取消"])
    assert facts["after_tab"] is seen["dialog"].basis
    assert saved_cases(window) == 1
    with window.ctx.store.session() as s:
        rec = case_repo.load_case(s, window.last_case.number)
    assert rec.outcome == "reject" and rec.reason == "outside remit" and rec.legal_basis == "art 32"


def test_reject_dialog_esc_cancels_and_an_empty_reason_keeps_it_open(qtbot, window):
    begin_case(qtbot, window)
    facts = {}

    def empty_then_esc(dialog):
        qtbot.keyClick(dialog.basis, Qt.Key_Return)            # no reason yet: stays open, says why
        facts["open"] = dialog.isVisible()
        facts["error"] = dialog.error.text()
        facts["focus"] = dialog.focusWidget() is dialog.reason
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Escape)

    answer_modal(qtbot, empty_then_esc)
    qtbot.keyClick(window, Qt.Key_F12)
    assert facts == {"open": True, "error": facts["error"], "focus": True} and facts["error"]
    assert saved_cases(window) == 0 and window.applicant.name.text() == "张晓梅"


def test_english_dialog_buttons(qtbot, store):
    from counter_app.gui.outcome_dialogs import RejectDialog

    dialog = RejectDialog(Translator("en"))
    qtbot.addWidget(dialog)
    assert sorted(b.text() for b in dialog.buttons.buttons()) == ["Cancel", "OK"]


def _qt_translators():
    return QApplication.instance().findChildren(QTranslator)


def test_message_boxes_say_queding_on_a_chinese_screen_and_ok_in_english(qtbot, store):
    from counter_app.gui.app import start
    from counter_app.settings import save_settings
    from tests.conftest import set_up_station

    save_settings(store.data_dir, set_up_station())        # else the first-run screen comes first
    app = QApplication.instance()
    try:
        for lang, expected in ((None, "确定"), ("en", "OK")):
            for t in _qt_translators():
                app.removeTranslator(t)
            _app, w = start(data_dir=store.data_dir, lang=lang)
            qtbot.addWidget(w)
            box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", QMessageBox.StandardButton.Ok, w)
            assert box.button(QMessageBox.StandardButton.Ok).text() == expected
            qtbot.waitUntil(lambda: getattr(w, "card_bridge", None) is not None, timeout=5000)
            w.card_bridge.stop()
    finally:
        for t in _qt_translators():
            app.removeTranslator(t)


def test_ctrl_q_in_the_middle_of_a_case_asks_and_enter_keeps_the_case(qtbot, window):
    begin_case(qtbot, window)
    facts = {}

    def enter(dialog):
        facts["text"] = dialog.text()
        qtbot.keyClick(dialog, Qt.Key_Return)                  # the default answer is 取消

    seen = answer_modal(qtbot, enter)
    qtbot.keyClick(window.focusWidget(), Qt.Key_Q, Qt.ControlModifier)
    assert isinstance(seen.get("dialog"), QMessageBox) and "张晓梅" in facts["text"]
    assert window.isVisible() and len(window.draft.items) == 1

    def quit_(dialog):
        next(b for b in dialog.buttons() if b.text() == "退出").click()

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)    # the question is gone
    window.activateWindow()                                           # offscreen has no window manager
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    seen = answer_modal(qtbot, quit_)
    qtbot.keyClick(window.focusWidget(), Qt.Key_Q, Qt.ControlModifier)
    assert isinstance(seen.get("dialog"), QMessageBox)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_ctrl_q_with_no_case_open_quits_at_once(qtbot, window):
    seen = answer_modal(qtbot, lambda d: d.reject(), tries=5)
    qtbot.keyClick(window.focusWidget(), Qt.Key_Q, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: seen.get("tries", 0) >= 5, timeout=3000)
    assert seen["dialog"] is None


def test_last_cases_banner_goes_when_the_next_applicant_is_begun(qtbot, window):
    begin_case(qtbot, window)
    qtbot.keyClick(window, Qt.Key_F5)
    qtbot.keyClick(window, Qt.Key_F9)
    settled(qtbot, window)
    number = window.last_case.number
    assert "已受理" in window.banner.text() and window.banner.isVisible()
    qtbot.keyClicks(window.picker.search, "sp")               # the next applicant's item
    assert not window.banner.isVisible()
    assert number in window.last_case_label.text()            # still there to reprint, out of the way
    window.new_intake()
    window.applicant.name.setFocus()
    qtbot.keyClicks(window.applicant.name, "Li")
    assert not window.banner.isVisible()
