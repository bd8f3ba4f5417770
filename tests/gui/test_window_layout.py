"""Nothing cut at the small screens halls have (1366×768) and the large ones (1920×1080)."""

import pytest
from PySide6.QtCore import Qt

from counter_app.gui.checklist_panel import COL_DATE
from tests.gui.test_intake_window import Card, demo_station, settled  # noqa: F401 (fixture)
from tests.gui.test_window_preview import demo_window

SIZES = [(1366, 768), (1920, 1080)]


@pytest.fixture(autouse=True)
def theme(hall_theme):
    """Every layout test under the hall's theme."""


def fully_visible_rows(lst) -> int:
    view = lst.viewport().rect()
    return sum(1 for r in range(lst.count()) if view.contains(lst.visualItemRect(lst.item(r))))


def search(qtbot, w, text):
    w.picker.search.setFocus()
    w.picker.search.clear()
    w.picker.search.insert(text)                    # an IME commits Chinese at once
    w.picker.search.textEdited.emit(w.picker.search.text())


@pytest.mark.parametrize("size", SIZES)
def test_a_dozen_results_in_whole_rows(qtbot, demo_station, size):
    w = demo_window(qtbot, demo_station, size)
    qtbot.keyClicks(w.picker.search, "dj")          # 登记: the 30 results the list holds
    results = w.picker.results
    assert results.count() == 30 and results.isVisible()
    shown = fully_visible_rows(results)
    assert shown >= 12
    view = results.viewport().rect()
    partly = [r for r in range(results.count())
              if view.intersects(results.visualItemRect(results.item(r)))
              and not view.contains(results.visualItemRect(results.item(r)))]
    assert partly == []                             # no half row at the bottom
    outcome = w.outcomes.buttons["accept"]
    bottom = results.mapTo(w, results.rect().bottomLeft()).y()
    assert bottom < outcome.mapTo(w, outcome.rect().topLeft()).y()    # the F9..F12 buttons stay in sight
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    assert not results.isVisible() and len(w.draft.items) == 1


@pytest.mark.parametrize("size", SIZES)
def test_long_item_names_are_shown_whole(qtbot, demo_station, size):
    w = demo_window(qtbot, demo_station, size)
    name = "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批"
    search(qtbot, w, name)
    results = w.picker.results
    row = next(r for r in range(results.count()) if results.item(r).text().startswith(name))
    rect = results.visualItemRect(results.item(row))
    metrics = results.fontMetrics()
    one_line = metrics.horizontalAdvance(results.item(row).text()) <= rect.width()
    assert one_line or rect.height() >= 2 * metrics.lineSpacing()   # wrapped, not cut
    results.setCurrentRow(row)
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    chosen = w.picker.chosen
    rect = chosen.visualItemRect(chosen.item(0))
    one_line = chosen.fontMetrics().horizontalAdvance(chosen.item(0).text()) <= rect.width()
    assert one_line or rect.height() >= 2 * chosen.fontMetrics().lineSpacing()


@pytest.mark.parametrize("size", SIZES)
def test_the_promised_date_is_shown_whole(qtbot, demo_station, size):
    w = demo_window(qtbot, demo_station, size)
    w.on_card(Card())
    qtbot.keyClicks(w.picker.search, "spjy")
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    row = next(n for n, line in enumerate(w.draft.lines) if line.gap_allowed and line.required)
    w.checklist.table.setFocus()
    w.checklist.table.setCurrentCell(row, 0)
    qtbot.keyClick(w.checklist.table, Qt.Key_5)
    settled(qtbot, w)                               # the history lookup may redraw the checklist

    def whole():
        edit = w.checklist.table.cellWidget(row, COL_DATE)
        return edit is not None and len(edit.text()) == 10 and edit.width() >= edit.sizeHint().width()
    qtbot.waitUntil(whole, timeout=2000)
