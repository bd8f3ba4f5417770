"""The case list (F7) and the case detail driven through the real window: the state each row
shows is the state derived from the case's events, late cases are coloured, a step taken from
the detail with the keyboard is an event and what the screen then shows."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from counter_app.domain import case_status as cs
from counter_app.domain.lifecycle import derive
from counter_app.gui import case_detail
from counter_app.gui.app import open_context
from counter_app.gui.intake_window import IntakeWindow
from counter_app.i18n import Translator
from counter_app.services.demo_lifecycle import make_lifecycle_cases
from counter_app.settings import save_settings
from counter_app.store import case_events, case_repo
from tests.conftest import set_up_station
from tests.gui.test_intake_window import window  # noqa: F401 (fixture)


def _cases(w):
    return make_lifecycle_cases(store=w.ctx.store, settings=w.ctx.settings, catalog=w.ctx.catalog,
                                calendar=w.ctx.calendar)


def _english(qtbot, store):
    save_settings(store.data_dir, set_up_station())
    w = IntakeWindow(open_context(store.data_dir, Translator("en")))
    qtbot.addWidget(w)
    w.show()
    return w


def _derived(store, number):
    with store.session() as s:
        rec = case_repo.load_case(s, number)
        return derive(case_events.of_case(s, rec.id)).state, rec.status


def _open_list(qtbot, w):
    qtbot.keyClick(w.picker.search, Qt.Key_F7)
    assert w.screens.current == "cases"
    screen = w.screens.pages["cases"]
    qtbot.waitUntil(lambda: screen.loaded >= 1 and w.ctx.ops.pending == 0, timeout=10000)
    return screen


def test_f7_lists_the_hall_with_the_state_derived_from_the_events_and_late_rows_coloured(qtbot, window):
    w, made = window, _cases(window)
    screen = _open_list(qtbot, w)
    before = screen.loaded
    qtbot.keyClick(screen.table, Qt.Key_4, Qt.AltModifier)          # the whole hall
    qtbot.waitUntil(lambda: screen.loaded > before, timeout=10000)
    assert screen.table.rowCount() == len(made)
    tr = w.ctx.tr
    state_col, number_col = 4, 0
    for row in range(screen.table.rowCount()):
        number = screen.table.item(row, number_col).text()
        derived, saved = _derived(w.ctx.store, number)
        assert screen.table.item(row, state_col).text() == tr(f"lifecycle.state.{derived}") and derived == saved
    rows = {screen.table.item(r, number_col).text(): r for r in range(screen.table.rowCount())}
    colour = lambda name: screen.table.item(rows[made[name]], 1).background().color().name()  # noqa: E731
    assert colour("overdue") == colour("broken_promise") == colour("deemed") == "#fdecea"
    assert colour("near") == "#fff4e0"
    assert colour("accepted") not in ("#fdecea", "#fff4e0")
    assert rows[made["overdue"]] < rows[made["near"]] < rows[made["accepted"]]     # the most urgent first
    before = screen.loaded
    screen.colour.setCurrentIndex(2)                                 # red only
    qtbot.waitUntil(lambda: screen.loaded > before, timeout=10000)
    shown = {screen.table.item(r, 0).text() for r in range(screen.table.rowCount())}
    assert shown == {made["overdue"], made["broken_promise"], made["deemed"]}


def test_a_step_from_the_detail_by_keyboard_is_an_event_and_what_the_screen_shows(qtbot, window, monkeypatch):
    w, made = window, _cases(window)
    screen = _open_list(qtbot, w)
    screen.find.setFocus()
    qtbot.keyClicks(screen.find, made["near"])                       # as a scanner types the receipt's code
    qtbot.keyClick(screen.find, Qt.Key_Return)
    detail = screen.detail
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.record.number == made["near"], timeout=10000)
    with w.ctx.store.session() as s:
        events = case_events.of_case(s, case_repo.load_case(s, made["near"]).id)
    assert detail.events.rowCount() == len(events)
    assert detail.state_label.text() == "审查"
    labels = [b.text() for b in detail.buttons]
    assert labels[1] == "2  进入特别程序"
    assert detail.actions_row.count() == len(labels)

    def fill(dialog):
        assert dialog.choice.currentData() == "hearing"
        dialog.reason.setPlainText("申请人要求听证")
        dialog.accept()
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(case_detail.StepDialog, "exec", fill)
    loaded = detail.loaded
    qtbot.keyClick(detail, Qt.Key_2)
    qtbot.waitUntil(lambda: detail.loaded > loaded and w.ctx.ops.pending == 0, timeout=10000)
    assert _derived(w.ctx.store, made["near"]) == (cs.SUSPENDED, cs.SUSPENDED)
    assert detail.state_label.text() == "特别程序"
    assert detail.events.rowCount() == len(events) + 1
    last = detail.events.rowCount() - 1
    assert detail.events.item(last, 1).text() == "进入特别程序" and "申请人要求听证" in detail.events.item(last, 5).text()
    assert "已登记" in detail.banner.text()
    qtbot.keyClick(detail, Qt.Key_Escape)                           # back to the list …
    assert screen.pages.currentWidget() is screen.list_page
    qtbot.waitUntil(lambda: w.ctx.ops.pending == 0, timeout=10000)
    qtbot.keyClick(screen.table, Qt.Key_Escape)                      # … and to intake
    assert w.screens.current == "intake"


def test_a_refused_step_says_why_and_changes_nothing(qtbot, store):
    w = _english(qtbot, store)
    made = _cases(w)
    screen = w.screens.show("cases", number=made["ready"])
    detail = screen.detail
    qtbot.waitUntil(lambda: detail.detail is not None, timeout=10000)
    # another window issued it meanwhile
    from counter_app.services.lifecycle import transition
    transition(w.ctx.store, made["ready"], "issue", who="c09", window="W09", payload={"method": "pickup"})
    dialog = case_detail.StepDialog(w.ctx.tr, "revoke", detail.detail, detail)
    dialog.reason.setPlainText("obtained by deceit")
    dialog.accept()
    loaded = detail.loaded
    detail.step("revoke", dialog=dialog)
    qtbot.waitUntil(lambda: detail.loaded > loaded and w.ctx.ops.pending == 0, timeout=10000)
    assert "Another window changed this case" in detail.banner.text()
    assert _derived(w.ctx.store, made["ready"]) == (cs.ISSUED, cs.ISSUED)
    assert detail.state_label.text() == "Issued"
    assert not any("\u4e00" <= ch <= "\u9fff" for b in detail.buttons for ch in b.text())


def test_a_year_without_a_calendar_is_said_above_the_list(qtbot, window):
    import dataclasses
    import datetime as dt

    from counter_app.domain.deadlines import Deadline
    from counter_app.services.lifecycle_view import CaseLine

    screen = window.screens.show("cases")
    qtbot.waitUntil(lambda: screen.loaded >= 1, timeout=10000)
    line = CaseLine("330402001-W01-20261228-0001", dt.datetime(2026, 12, 28, 9), "W01", "c07", "张*", ("个体工商户设立登记",),
                    ("市场监管局",), "accepted", "accepted", Deadline(due=dt.date(2027, 1, 11), days_left=8,
                                                                      uncovered_years=(2027,)))
    screen.show_lines([line, dataclasses.replace(line, number="330402001-W01-20261228-0002")])
    assert screen.banner.isVisible() and "2027" in screen.banner.text() and "calendar import" in screen.banner.text()
    screen.show_lines([])
    assert not screen.banner.isVisible()


def test_the_receipts_qr_link_opens_its_case_like_the_barcode():
    from counter_app.documents.codes import query_link
    from counter_app.gui.case_list_screen import case_number_scanned

    number = "330402001-W01-20261127-0001"
    assert case_number_scanned(query_link("https://zwfw.nanhu.gov.cn/q", number, "123456")) == number
    assert case_number_scanned(query_link("https://x.gov.cn/q?site=1", number, "1")) == number
    assert case_number_scanned(f"  {number}\n") == number


def test_the_list_follows_what_arrives_while_it_is_on_the_screen(qtbot, window):
    screen = window.screens.show("cases")
    qtbot.waitUntil(lambda: screen.loaded >= 1 and window.ctx.ops.pending == 0, timeout=10000)
    assert screen.refresh_timer.isActive() and screen.table.rowCount() == 0
    _cases(window)                                    # as if pulled from the other windows
    screen.refresh_timer.setInterval(50)
    qtbot.waitUntil(lambda: screen.table.rowCount() > 0, timeout=10000)
    window.screens.back()
    assert not screen.refresh_timer.isActive()


def test_a_correction_asked_in_review_is_shown_in_the_list_and_moves_no_date():
    import datetime as dt

    from counter_app.domain.deadlines import Deadline
    from counter_app.gui.case_list_screen import deadline_text

    tr = Translator("zh_CN")
    plain = Deadline(due=dt.date(2026, 12, 8), days_left=4)
    asked = Deadline(due=dt.date(2026, 12, 8), days_left=4, correcting=True)
    assert deadline_text(tr, plain) == ("2026-12-08", "剩 4 个工作日")
    assert deadline_text(tr, asked) == ("2026-12-08", "剩 4 个工作日 · 补正中")
