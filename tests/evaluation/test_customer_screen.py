"""The applicant's screen follows the intake window; the applicant rates on it with the keypad."""

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import evaluation as ev
from counter_app.domain.case_status import FOLLOW_UP, RATE
from counter_app.gui import customer_screen as cs
from counter_app.gui.app import open_context
from counter_app.gui.intake_window import IntakeWindow
from counter_app.i18n import Translator
from counter_app.services.holidays import load_calendar
from counter_app.settings import EvaluationSettings, save_settings
from counter_app.store import case_events
from tests.conftest import set_up_station
from tests.gui.test_intake_window import Card


@pytest.fixture
def window(qtbot, store):
    settings = dataclasses.replace(set_up_station(), evaluation=EvaluationSettings(follow_up_days=7))
    save_settings(store.data_dir, settings)
    ctx = open_context(store.data_dir, Translator())
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.focus_search()
    return w


@pytest.fixture
def screen(qtbot, window):
    s = cs.attach(window, show=False)
    qtbot.addWidget(s)
    s.resize(1366, 768)
    s.show()
    return s


def _accept(qtbot, w):
    w.on_card(Card())
    qtbot.keyClicks(w.picker.search, "gtgsh")
    qtbot.keyClick(w.picker.search, Qt.Key_Return)


def _accepted(qtbot, w, screen):
    _accept(qtbot, w)
    w.mark_all_received()
    w.submit("accept")
    qtbot.waitUntil(lambda: screen.page() == cs.DONE)


def _events(store, case_id):
    with store.session() as s:
        return case_events.of_case(s, case_id)


def test_the_screen_shows_the_case_being_worked_with_what_is_missing_and_the_id_masked(qtbot, window, screen):
    assert screen.page() == cs.IDLE
    _accept(qtbot, window)
    assert screen.page() == cs.WORKING
    page = screen.working
    assert "个体工商户设立登记" in page.items.text()
    assert "330402**********29" in page.applicant.text() and "330402198503120029" not in page.applicant.text()
    assert "张*梅" in page.applicant.text() and "张晓梅" not in page.applicant.text()
    assert page.table.rowCount() == len(window.draft.lines)
    assert not page.missing.isVisible()              # nothing checked yet: no notice to preview
    window.mark_all_received()
    states = {page.table.item(r, 0).text(): page.table.item(r, 1).text() for r in range(page.table.rowCount())}
    assert "✔ 已收到" in states.values()
    row = next(r for r, l in enumerate(window.draft.lines) if l.required)
    window.checklist.set_state(row, "missing")
    assert page.missing.isVisible() and window.draft.lines[row].name in page.missing.text()
    assert page.table.item(row, 1).text() == "✘ 缺少，需补交"


def test_after_acceptance_the_number_qr_and_promised_date_then_a_keypad_rating(qtbot, window, screen, store):
    _accepted(qtbot, window, screen)
    record = window.last_case
    assert screen.done.number.text() == record.number
    assert record.number in screen.done.qr.data and record.query_code in screen.done.qr.data
    qtbot.keyClick(screen.rating, Qt.Key_4)
    assert screen.rating.level == 4 and screen.rating.buttons[4].isChecked()
    qtbot.keyClick(screen.rating, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.page() == cs.THANKS)
    rates = [e for e in _events(store, record.id) if e.kind == RATE]
    assert [(e.payload["level"], e.payload["stage"], e.clerk) for e in rates] == [(4, "intake", "c07")]


def test_a_bad_rating_by_keys_opens_a_follow_up_and_a_second_one_is_refused(qtbot, window, screen, store):
    _accepted(qtbot, window, screen)
    record = window.last_case
    qtbot.keyClick(screen.rating, Qt.Key_5)
    qtbot.keyClick(screen.rating, Qt.Key_0)          # picks again
    assert screen.rating.level is None
    qtbot.keyClick(screen.rating, Qt.Key_1)
    screen.rating.reason_buttons["unfriendly"].click()
    qtbot.keyClick(screen.rating, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.page() == cs.THANKS)
    assert "7 个工作日" in screen.thanks.text()
    events = _events(store, record.id)
    [follow] = [e for e in events if e.kind == FOLLOW_UP]
    due = load_calendar().add_working_days(follow.at.date(), 7)
    assert follow.payload["due"] == due.isoformat() and follow.payload["level"] == 1
    assert [e.payload["reasons"] for e in events if e.kind == RATE] == [["unfriendly"]]
    # the same stage again (a second tap after the screen came back): refused, said on the screen
    screen.show_case(record, screen.done.qr.data)
    qtbot.keyClick(screen.rating, Qt.Key_3)
    qtbot.keyClick(screen.rating, Qt.Key_Return)
    qtbot.waitUntil(lambda: "已评价" in screen.rating.message.text())
    assert [e.kind for e in _events(store, record.id)].count(RATE) == 1


def test_the_next_applicant_replaces_an_unrated_case(qtbot, window, screen):
    _accepted(qtbot, window, screen)
    assert screen.page() == cs.DONE                 # the cleared form leaves the case on the screen
    qtbot.keyClicks(window.picker.search, "spjy")
    qtbot.keyClick(window.picker.search, Qt.Key_Return)
    assert screen.page() == cs.WORKING


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_text_is_clipped_on_common_counter_monitors(qtbot, hall_theme, window, screen, size):
    from tests.evaluation.clipping import clipped_labels

    screen.resize(*size)
    _accept(qtbot, window)
    window.mark_all_received()
    qtbot.wait(50)
    assert clipped_labels(screen) == []
    window.submit("accept")
    qtbot.waitUntil(lambda: screen.page() == cs.DONE)
    qtbot.keyClick(screen.rating, Qt.Key_2)
    qtbot.wait(50)
    assert clipped_labels(screen) == []


def test_handing_the_result_over_asks_the_applicant_to_rate_the_issuing(qtbot, store):
    """统一出件 (F8) hands the result over; the applicant's screen asks for the 出件 rating."""
    from tests.gui.test_issuing_screen import open_issuing, promised
    from tests.gui.test_handover_screen import scanner
    from tests.gui.test_intake_window import settled
    from tests.store.test_issuing import make_ready

    save_settings(store.data_dir, dataclasses.replace(set_up_station(), demo=True, reader="simulator"))
    ctx = open_context(store.data_dir, Translator())
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    screen = cs.attach(w, show=False)
    qtbot.addWidget(screen)
    case = promised(store)
    make_ready(store, case.number)
    issuing = open_issuing(qtbot, w)
    scanner(qtbot, issuing.search, case.number)
    settled(qtbot, w)
    from counter_app.gui.intake_reader import attach_reader

    bridge = attach_reader(w, w.ctx)
    with qtbot.waitSignal(bridge.card_read, timeout=5000):
        bridge.simulator().place("resident")                 # the applicant's own card
    settled(qtbot, w)
    issuing.hand_over()
    qtbot.waitUntil(lambda: screen.page() == cs.DONE, timeout=10000)
    assert screen.stage == ev.STAGE_ISSUE and screen.done.number.text() == case.number
    qtbot.keyClick(screen.rating, Qt.Key_5)
    qtbot.keyClick(screen.rating, Qt.Key_Enter)
    qtbot.waitUntil(lambda: screen.page() == cs.THANKS, timeout=10000)
    rates = [e for e in _events(store, case.id) if e.kind == RATE]
    assert [(e.payload["stage"], e.payload["level"]) for e in rates] == [("issue", 5)]


def test_with_one_monitor_it_is_a_movable_window_beside_the_intake(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    assert len(QGuiApplication.screens()) == 1            # the offscreen platform has one
    window.move(0, 0)
    window.resize(900, 700)
    s = cs.attach(window)                                 # placed as the window starts it
    qtbot.addWidget(s)
    qtbot.waitUntil(s.isVisible)
    assert not s.isFullScreen() and s.isWindow() and not window.isAncestorOf(s)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    beside = window.frameGeometry().right() + 8
    expected = beside if beside + 960 <= screen.right() else max(screen.left(), screen.right() - 960)
    assert s.x() == expected                              # right of the intake, or as far right as fits


def test_the_screens_menu_shows_it_again_after_the_clerk_closed_it(qtbot, window):
    s = cs.attach(window)
    qtbot.addWidget(s)
    s.close()
    from PySide6.QtWidgets import QMenu

    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "屏幕")
    entry = next(a for a in menu.actions() if a.text() == "一窗通 · 办事人屏")
    entry.trigger()
    assert s.isVisible()
