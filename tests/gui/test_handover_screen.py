"""The handover screen driven as the back office drives it: Ctrl+H, F9 for the sheets, then the
scanner's keystrokes (each code ends with Enter) and F10; the case not scanned is shown missing."""

import dataclasses

import pytest
from PySide6.QtCore import Qt

from counter_app.services.catalog_view import CatalogView
from counter_app.settings import save_settings
from tests.conftest import set_up_station
from tests.gui.test_intake_window import settled, window  # noqa: F401 (fixture)
from tests.store.test_handover_batches import FOOD, JOBLESS, _case, at


@pytest.fixture
def store(store):
    # demo mode without a printer: the sheets are previewed beside the screen, not sent to a printer
    save_settings(store.data_dir, dataclasses.replace(set_up_station(), demo=True))
    return store


def scanner(qtbot, field, code):
    """A USB scanner: the code's characters as key presses, then Enter."""
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key_Return)


def test_batch_made_scanned_and_confirmed_with_a_case_missing(qtbot, window, store):
    view = CatalogView.load(store)
    food = [_case(store, view, FOOD, at(t)) for t in ("09:00", "09:05", "09:10")]
    jobless = _case(store, view, JOBLESS, at("09:20"))
    qtbot.keyClick(window.picker.search, Qt.Key_H, Qt.ControlModifier)
    screen = window.screens.pages["handover"]
    screen.now = at("10:25")
    screen.refresh()
    settled(qtbot, window)
    assert window.screens.current == "handover"
    qtbot.waitUntil(lambda: screen.scan.hasFocus())
    assert [screen.pending.item(r, 1).text() for r in range(screen.pending.rowCount())] == ["3", "1"]

    qtbot.keyClick(screen.scan, Qt.Key_F9)                     # the 10:30 sheets, one per department
    settled(qtbot, window)
    assert screen.batches.rowCount() == 2 and screen.pending.rowCount() == 0
    assert window.preview_dock is not None and window.preview_dock.isVisible()
    food_batch = next(b for b in screen.day.batches if b.department == "D01")

    scanner(qtbot, screen.scan, food_batch.code)               # the sheet: that batch is shown
    settled(qtbot, window)
    assert screen.current == food_batch.code and food_batch.code in screen.message.text()
    for case in (food[0], food[2]):                            # two of the three files
        scanner(qtbot, screen.scan, case.number)
        settled(qtbot, window)
    assert "2/3" in screen.message.text()
    qtbot.keyClick(screen.scan, Qt.Key_F10)
    settled(qtbot, window)
    assert screen.message.property("state") == "bad"
    assert food[1].number in screen.message.text() and "缺件 1 件" in screen.message.text()
    rows = {screen.cases.item(r, 1).text(): screen.cases.item(r, 5).text() for r in range(screen.cases.rowCount())}
    assert rows == {food[0].number: "已接收", food[1].number: "缺件", food[2].number: "已接收"}
    states = [screen.batches.item(r, 4).text() for r in range(screen.batches.rowCount())]
    assert "已接收，缺件 1 件" in states
    assert {screen.cases.item(r, 3).text() for r in range(screen.cases.rowCount())} == {"张*"}   # 张三, masked

    scanner(qtbot, screen.scan, "JJ-330402001-W01-20261127-1030-77")   # a code of no batch
    settled(qtbot, window)
    assert screen.message.property("state") == "bad"
    assert jobless.number not in screen.message.text()
    qtbot.keyClick(screen.scan, Qt.Key_Escape)
    assert window.screens.current == "intake"
