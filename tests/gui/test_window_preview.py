"""The document preview after a case: beside the form, closed with Esc, no archive file left open."""

import os
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from counter_app.gui.app import build_window, open_context
from counter_app.i18n import Translator
from tests.gui.test_intake_window import Card, demo_station, settled  # noqa: F401 (fixture)


def open_archive_files(data_dir: Path) -> list[str]:
    """Files under the station's archive that this process holds open."""
    archive = str(Path(data_dir) / "archive")
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(archive):
            held.append(target)
    return held


def accept_one(qtbot, w, initials="gtgsh"):
    w.on_card(Card())
    qtbot.keyClicks(w.picker.search, initials)
    qtbot.keyClick(w.picker.search, Qt.Key_Return)
    qtbot.keyClick(w, Qt.Key_F5)
    qtbot.keyClick(w, Qt.Key_F9)
    settled(qtbot, w)                           # committed on the writer thread, then previewed


def window_rect(w, widget):
    top_left = widget.mapTo(w, QPoint(0, 0))
    return top_left.x(), top_left.y(), top_left.x() + widget.width(), top_left.y() + widget.height()


def demo_window(qtbot, data_dir, size=None):
    """The real window of a demo station (no printer: a case's documents are previewed), active."""
    w = build_window(open_context(data_dir, Translator()))
    qtbot.addWidget(w)
    if size:
        w.resize(*size)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    w.focus_search()
    return w


def test_preview_is_docked_beside_the_form_and_esc_closes_it_releasing_the_pdf(qtbot, demo_station):
    w = demo_window(qtbot, demo_station, (1366, 768))
    ctx = w.ctx
    accept_one(qtbot, w)
    dock = w.preview_dock
    assert dock is not None and dock.isVisible()
    qtbot.waitUntil(lambda: dock.widget().page_count() >= 1, timeout=5000)
    left, _t, right, _b = window_rect(w, dock)
    for field in (w.applicant, w.picker.search):               # nothing of the form is hidden
        f_left, _ft, f_right, _fb = window_rect(w, field)
        assert f_right <= left and field.visibleRegion().boundingRect().width() == field.width()
    assert QApplication.focusWidget() is w.picker.search           # the keys stay with the next applicant
    assert open_archive_files(ctx.data_dir) == []                  # shown from memory, no file held

    accept_one(qtbot, w, "spjy")                                   # the next case: the same dock, its receipt
    assert w.preview_dock is dock and w.last_case.number in dock.widget().windowTitle()
    qtbot.keyClick(w.picker.search, Qt.Key_Escape)                 # search empty: Esc closes the preview
    assert not dock.isVisible()
    assert dock.widget().page_count() == 0 and open_archive_files(ctx.data_dir) == []


def test_esc_in_the_search_clears_it_first_and_esc_inside_the_preview_closes_it(qtbot, demo_station):
    w = demo_window(qtbot, demo_station)
    accept_one(qtbot, w)
    dock = w.preview_dock
    qtbot.keyClicks(w.picker.search, "sp")
    qtbot.keyClick(w.picker.search, Qt.Key_Escape)
    assert w.picker.search.text() == "" and dock.isVisible()
    dock.widget().choice.setFocus()
    qtbot.keyClick(dock.widget().choice, Qt.Key_Escape)
    assert not dock.isVisible()


def test_handover_preview_from_the_menu_goes_in_the_same_dock(qtbot, demo_station):
    from counter_app.gui.main_menu import handover_dialog

    w = demo_window(qtbot, demo_station)
    accept_one(qtbot, w, "spjy")
    op = handover_dialog(w)
    qtbot.waitUntil(lambda: op.done, timeout=10000)
    preview = w.handover_preview
    assert preview is w.preview_dock.widget() and preview.docs[0][0] == "handover"
    assert preview.choice.currentText() == "办件交接单"
