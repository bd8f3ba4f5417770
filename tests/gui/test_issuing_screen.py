"""统一出件 driven through the real window: F8 from intake, the receipt's barcode as a USB
scanner types it (characters, then Enter), cards placed on the simulated reader, F9 / F10."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from counter_app.domain import case_status as cs
from counter_app.domain.case import Applicant
from counter_app.gui.intake_reader import attach_reader
from counter_app.services.catalog_view import CatalogView
from counter_app.settings import save_settings
from counter_app.store import case_events
from tests.conftest import set_up_station
from tests.gui.test_handover_screen import scanner
from tests.gui.test_intake_window import settled, window  # noqa: F401 (fixture)
from tests.store.test_intake import _all_received, _submit
from tests.store.test_issuing import AT, FOOD, LATER, make_ready

LI = Applicant(name="李秀英", id_number="11010519491231002X", phone="13900000000",
               address="北京市朝阳区建国路88号院3号楼2单元1101号")      # the simulator's resident card


@pytest.fixture
def store(store):
    # demo mode: the simulated reader, and the 送达回执 previewed beside the screen instead of printed
    save_settings(store.data_dir, dataclasses.replace(set_up_station(), demo=True, reader="simulator"))
    return store


def promised(store, minutes=0):
    view = CatalogView.load(store)
    return _submit(store, view, codes=[FOOD], checks=_all_received(view, [FOOD]), applicant=LI,
                   now=AT.replace(minute=AT.minute + minutes), settings=set_up_station())


@pytest.fixture
def reader(qtbot, window):
    bridge = attach_reader(window, window.ctx)
    sim = bridge.simulator()

    def place(card):
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            sim.place(card)
        settled(qtbot, window)
    return place


def open_issuing(qtbot, window):
    qtbot.keyClick(window.picker.search, Qt.Key_F8)            # one key from intake
    screen = window.screens.pages["issuing"]
    screen.today = LATER.date()
    qtbot.waitUntil(lambda: screen.search.hasFocus())
    return screen


def state_of(store, case):
    with store.session() as s:
        return [e.kind for e in case_events.of_case(s, case.id)][-1]


def test_the_applicant_collects_on_their_card_after_the_receipt_is_scanned(qtbot, window, store, reader):
    ready, waiting = promised(store), promised(store, 5)
    make_ready(store, ready.number)
    screen = open_issuing(qtbot, window)
    scanner(qtbot, screen.search, waiting.number)               # not ready: says when it is due
    settled(qtbot, window)
    assert screen.current.record.number == waiting.number and not screen.hand_button.isEnabled()
    assert "2026-12-11" in screen.readiness.text() and "受理" in screen.readiness.text()

    scanner(qtbot, screen.search, ready.number)
    settled(qtbot, window)
    assert screen.current.ready and screen.hand_button.isEnabled()
    assert "李秀英" not in screen.case_info.text() and "李*英" in screen.case_info.text()   # masked
    reader("resident")                                          # the applicant's own card
    assert screen.collector_role.text() == "申请人本人"
    assert "*" in screen.collector_id.text() and window.applicant.applicant().id_number == ""  # not into intake
    qtbot.keyClick(screen.search, Qt.Key_F9)
    settled(qtbot, window)
    assert "已出件" in screen.message.text() and screen.message.property("state") == "ok"
    assert state_of(store, ready) == cs.ISSUE and screen.current.issued
    assert window.preview_dock is not None and window.preview_dock.isVisible()    # the 送达回执
    assert (store.data_dir / "archive" / ready.number).exists()


def test_an_agent_needs_the_authorisation_and_the_card_finds_the_persons_cases(qtbot, window, store, reader):
    case = promised(store)
    make_ready(store, case.number)
    screen = open_issuing(qtbot, window)
    reader("resident")                                          # no case shown: the card finds the person's
    assert [c.record.number for c in screen.found] == [case.number] and screen.current.ready
    assert screen.collector_role.text() == "申请人本人"
    reader("hkmo_tw_permit")                                    # someone else collects it
    assert screen.collector_role.text().startswith("代领人")
    qtbot.waitUntil(lambda: screen.authorisation.hasFocus())
    qtbot.keyClick(screen.authorisation, Qt.Key_F9)
    settled(qtbot, window)
    assert screen.message.property("state") == "bad" and "授权委托书" in screen.message.text()
    assert state_of(store, case) == cs.RESULT_READY             # nothing written
    screen.authorisation.insert("授权委托书一份，已核对签名")       # typed through the input method
    qtbot.keyClick(screen.authorisation, Qt.Key_F9)
    settled(qtbot, window)
    assert "代领人" in screen.message.text() and state_of(store, case) == cs.ISSUE


def test_posted_with_the_waybill_scanned(qtbot, window, store):
    case = promised(store)
    make_ready(store, case.number)
    screen = open_issuing(qtbot, window)
    qtbot.keyClicks(screen.search, case.number[-4:])            # the end of the number, typed
    qtbot.keyClick(screen.search, Qt.Key_Return)
    settled(qtbot, window)
    qtbot.keyClick(screen.search, Qt.Key_F10)                   # the form, with the applicant's address
    assert screen.post_box.isVisible() and screen.tracking.hasFocus()
    assert screen.address.text() == LI.address
    screen.courier.setCurrentIndex(screen.courier.findData("sf"))
    scanner(qtbot, screen.tracking, "SF1234567890123")          # the waybill's barcode, then Enter
    settled(qtbot, window)
    assert "邮寄" in screen.message.text() and state_of(store, case) == cs.ISSUE
    assert screen.current.delivery.posting.tracking_number == "SF1234567890123"
