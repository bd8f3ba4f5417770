"""The clerk's sign-in at the window, the lock (Ctrl+L and idle) and who accepts the cases.

Driven from the keyboard as a clerk would; every wait is on what the screen shows (qtbot.waitUntil).
"""

import os

import pytest
from PySide6.QtCore import Qt

from counter_app.gui.app import build_window, open_context
from counter_app.i18n import Translator
from counter_app.settings import save_settings
from counter_app.store import case_repo
from counter_app.sync import clerk_signin
from tests.conftest import set_up_station
from tests.gui.test_intake_window import Card
from tests.sync.conftest import db, db_url, live, memory_keyring, pg_template, station  # noqa: F401 (fixtures)

pytestmark = pytest.mark.gui


def _shot(window, name):
    folder = os.environ.get("COUNTER_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        window.grab().save(os.path.join(folder, name))


def _window(qtbot, data_dir, lang="zh_CN"):
    ctx = open_context(data_dir, Translator(lang))
    w = build_window(ctx, printing=False)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    if w.clerk_lock.covered:
        w.clerk_lock.page.focus()
    else:
        w.focus_search()
    return w


@pytest.fixture
def local_station(store):
    """A set-up station without a central server, with two local clerks."""
    save_settings(store.data_dir, set_up_station())
    clerk_signin.add_local(store.data_dir, "zhang", "张敏", "zhang-pass-1")
    clerk_signin.add_local(store.data_dir, "li", "李强", "li-pass-22")
    return store.data_dir


def _type_sign_in(qtbot, w, login, password):
    page = w.clerk_lock.page
    if not page.login.isReadOnly():
        page.login.clear()
        qtbot.keyClicks(page.login, login)
        qtbot.keyClick(page.login, Qt.Key_Return)
        assert page.password.hasFocus()              # Enter in the login goes on to the password
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key_Return)


def _open_case(qtbot, w):
    w.on_card(Card())
    qtbot.keyClicks(w.picker.search, "gtgsh")
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    qtbot.keyClick(w, Qt.Key_F5)
    assert w.outcomes.buttons["accept"].isEnabled()



def _saved(w):
    with w.ctx.store.session() as s:
        return case_repo.count_cases(s)


def test_sign_in_from_the_keyboard_and_the_case_carries_the_clerk(qtbot, local_station):
    w = _window(qtbot, local_station)
    lock, page = w.clerk_lock, w.clerk_lock.page
    assert lock.covered and page.isVisible() and not w.picker.search.isVisible()
    assert page.login.hasFocus()
    _shot(w, "signin-zh-1366.png")

    _type_sign_in(qtbot, w, "zhang", "wrong-pass")
    qtbot.waitUntil(lambda: page.message.text() == "账号或密码不对。", timeout=10000)
    assert lock.covered and page.password.text() == "" and page.password.hasFocus()

    qtbot.keyClicks(page.password, "zhang-pass-1")
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    assert w.picker.search.hasFocus() and "张敏" in w.header.text()
    assert (w.ctx.settings.clerk, w.ctx.settings.clerk_name) == ("zhang", "张敏")   # lifecycle steps, "mine"

    _open_case(qtbot, w)
    qtbot.keyClick(w.picker.search, Qt.Key_F9)
    qtbot.waitUntil(lambda: w.last_case is not None, timeout=10000)
    record = w.last_case
    assert (record.clerk, record.clerk_name) == ("zhang", "张敏")
    from counter_app.store.models import CaseEventRow, CaseRow

    with w.ctx.store.session() as s:
        assert s.get(CaseRow, record.id).clerk_name == "张敏"
        assert {e.clerk for e in s.query(CaseEventRow).filter_by(case_id=record.id)} == {"zhang"}


def test_idle_lock_keeps_the_open_case_and_only_the_same_clerk_unlocks(qtbot, local_station):
    w = _window(qtbot, local_station)
    lock, page = w.clerk_lock, w.clerk_lock.page
    _type_sign_in(qtbot, w, "zhang", "zhang-pass-1")
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    _open_case(qtbot, w)
    lock.set_idle_ms(300)                              # the station's idle time, short for the test
    qtbot.waitUntil(lambda: lock.covered, timeout=5000)
    assert page.isVisible() and not w.checklist.isVisible()
    assert page.login.text() == "zhang" and page.login.isReadOnly() and page.password.hasFocus()
    assert not w.menuBar().isEnabled()
    _shot(w, "locked-zh-1366.png")

    qtbot.keyClick(page.password, Qt.Key_F9)          # intake keys do nothing while locked
    qtbot.keyClick(page.password, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: w.ctx.ops.pending == 0)
    assert _saved(w) == 0

    qtbot.keyClicks(page.password, "li-pass-22")       # another clerk's password does not unlock
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.message.text() == "账号或密码不对。", timeout=10000)
    assert lock.covered

    qtbot.keyClicks(page.password, "zhang-pass-1")
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    assert [i.code for i in w.draft.items] and w.applicant.applicant().name == "张晓梅"   # the case is kept
    assert w.outcomes.buttons["accept"].isEnabled() and w.menuBar().isEnabled()
    lock.set_idle_ms(0)
    qtbot.keyClick(w.picker.search, Qt.Key_F9)
    qtbot.waitUntil(lambda: w.last_case is not None, timeout=10000)
    assert w.last_case.clerk == "zhang"


def test_ctrl_l_locks_and_a_supervisor_signs_the_clerk_out_for_another(qtbot, local_station):
    from counter_app import supervisors

    supervisors.add(local_station, "王科长", "246810")
    w = _window(qtbot, local_station)
    lock, page = w.clerk_lock, w.clerk_lock.page
    _type_sign_in(qtbot, w, "zhang", "zhang-pass-1")
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    _open_case(qtbot, w)
    qtbot.keyClick(w.picker.search, Qt.Key_L, Qt.ControlModifier)
    assert lock.covered and page.mode == "unlock"

    qtbot.mouseClick(page.supervisor_button, Qt.LeftButton)
    assert page.supervisor_pin.hasFocus()
    qtbot.keyClicks(page.supervisor_pin, "111111")
    qtbot.keyClick(page.supervisor_pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.message.text() != "" and page.supervisor_pin.isEnabled(), timeout=10000)
    assert lock.covered and page.mode == "unlock"
    qtbot.keyClicks(page.supervisor_pin, "246810")
    qtbot.keyClick(page.supervisor_pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.mode == "sign_in", timeout=10000)
    assert page.login.text() == "" and not page.login.isReadOnly() and "王科长" in page.hint.text()

    _type_sign_in(qtbot, w, "li", "li-pass-22")
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    assert "李强" in w.header.text() and w.draft.items
    qtbot.keyClick(w.picker.search, Qt.Key_F9)
    qtbot.waitUntil(lambda: w.last_case is not None, timeout=10000)
    assert (w.last_case.clerk, w.last_case.clerk_name) == ("li", "李强")


def test_demo_mode_signs_the_demo_clerk_in_by_itself(qtbot, tmp_path):
    from counter_app.services.demo_station import DEMO_CLERK_PASSWORD, prepare_demo

    d = prepare_demo(tmp_path, keep=True, with_catalog=False)
    w = _window(qtbot, d)
    lock = w.clerk_lock
    assert not lock.covered and lock.clerk.login == "demo" and "演示受理员" in w.header.text()
    qtbot.keyClick(w.picker.search, Qt.Key_L, Qt.ControlModifier)
    assert lock.covered and DEMO_CLERK_PASSWORD in lock.page.hint.text()
    _type_sign_in(qtbot, w, "demo", DEMO_CLERK_PASSWORD)
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)


def test_a_station_without_clerk_accounts_keeps_its_clerk_and_enter_resumes(qtbot, store):
    save_settings(store.data_dir, set_up_station())
    w = _window(qtbot, store.data_dir)
    lock = w.clerk_lock
    assert not lock.covered and "陈静" in w.header.text()
    qtbot.keyClicks(w.picker.search, "gtg")
    assert w.picker.results.isVisible()
    qtbot.keyClick(w.picker.search, Qt.Key_L, Qt.ControlModifier)
    assert lock.covered and lock.page.mode == "resume" and not w.picker.search.isVisible()
    assert not w.picker.results.isVisible()                # the search's drop-down floats: hidden too
    qtbot.keyClick(lock.page.go, Qt.Key_Return)
    assert not lock.covered and w.picker.search.text() == "gtg" and w.picker.search.hasFocus()
    assert w.picker.results.isVisible()


def test_the_sign_in_page_in_english_has_no_chinese(qtbot, local_station):
    w = _window(qtbot, local_station, lang="en")
    page = w.clerk_lock.page
    texts = [page.title.text(), page.subtitle.text(), page.go.text(), page.quit.text()]
    texts += [lbl.text() for lbl in page.fields.findChildren(type(page.title))]
    assert texts and all(t.isascii() for t in texts), texts
    _shot(w, "signin-en-1366.png")
    w.clerk_lock.lock()       # already covered: nothing changes
    assert page.mode == "sign_in"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_online_sign_in_then_offline_unlock_when_the_server_is_gone(qtbot, station, live, db):
    from counter_app.central import admin

    admin.add_clerk(db, "zhao", hall="330402001", role="clerk", password="zhao-pass-9", name="赵蕾")
    w1 = station("W01")
    w = _window(qtbot, w1.path)
    lock, page = w.clerk_lock, w.clerk_lock.page
    assert lock.covered and page.mode == "sign_in"
    _type_sign_in(qtbot, w, "zhao", "zhao-pass-1")            # wrong: the server says so
    qtbot.waitUntil(lambda: page.message.text() == "账号或密码不对。", timeout=10000)
    qtbot.keyClicks(page.password, "zhao-pass-9")
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: not lock.covered, timeout=10000)
    assert lock.clerk.online and "赵蕾" in w.header.text()
    assert "zhao-pass-9" not in (w1.path / clerk_signin.FILE).read_text(encoding="utf-8")

    live.stop()                                                 # the township link goes down
    lock.sign_out()
    assert lock.covered and page.login.text() == "zhao"         # the last clerk, pre-filled
    qtbot.keyClicks(page.password, "zhao-pass-9")
    qtbot.keyClick(page.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: not lock.covered, timeout=15000)
    assert not lock.clerk.online and "离线登录" in w.banner.text()
    _open_case(qtbot, w)
    qtbot.keyClick(w.picker.search, Qt.Key_F9)
    qtbot.waitUntil(lambda: w.last_case is not None, timeout=10000)
    assert (w.last_case.clerk, w.last_case.clerk_name) == ("zhao", "赵蕾")
    from PySide6.QtWidgets import QLabel

    w.menuBar().findChild(QLabel, "syncIndicator").driver.stop()
