"""The supervisor's view (Ctrl+M): supervisors only, the figures of the period, the export, and
a 差评 follow-up worked from it."""

import dataclasses
import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from counter_app import supervisors
from counter_app.gui.app import open_context
from counter_app.gui.intake_window import IntakeWindow
from counter_app.i18n import Translator
from counter_app.services import evaluation
from counter_app.services.catalog_view import CatalogView
from counter_app.services.demo_cases import make_demo_cases
from counter_app.services.demo_ratings import rate_demo_cases
from counter_app.services.holidays import load_calendar
from counter_app.settings import save_settings
from tests.conftest import set_up_station
from tests.evaluation.clipping import clipped_labels


@pytest.fixture
def window(qtbot, store):
    settings = set_up_station()
    save_settings(store.data_dir, settings)
    supervisors.add(store.data_dir, "王主任", "246813", iterations=1000)
    now = dt.datetime.combine(dt.date.today(), dt.time(17, 30))
    records = make_demo_cases(store=store, settings=settings, catalog=CatalogView.load(store),
                              calendar=load_calendar(), count=30, days_back=6, seed=3, now=now)
    rate_demo_cases(store=store, settings=settings, calendar=load_calendar(), records=records, seed=1)
    ctx = open_context(store.data_dir, Translator())
    w = IntakeWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    return w


def _signed_in(qtbot, w):
    page = w.screens.show("supervision")
    assert page.pages.currentIndex() == 0                     # the sign-in panel first
    page.sign_in.name.setCurrentText("王主任")
    qtbot.keyClicks(page.sign_in.pin, "111111")
    qtbot.keyClick(page.sign_in.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.sign_in.message.text() != "")
    assert page.pages.currentIndex() == 0 and page.report is None
    qtbot.keyClicks(page.sign_in.pin, "246813")
    qtbot.keyClick(page.sign_in.pin, Qt.Key_Return)
    qtbot.waitUntil(lambda: page.report is not None)
    return page


def test_only_a_supervisor_sees_the_figures_and_the_week_counts_the_cases(qtbot, window):
    page = _signed_in(qtbot, window)
    page.period_buttons["week"].click()
    start = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    qtbot.waitUntil(lambda: page.report.start == start)
    page.start.setDate(dt.date.today() - dt.timedelta(days=10))
    page.end.setDate(dt.date.today())
    page.show_period("period")
    qtbot.waitUntil(lambda: page.report.start == dt.date.today() - dt.timedelta(days=10))
    assert page.report.cases == 30 and page.card_labels["cases"].text() == "30"
    assert page.chart_box.count() == 4
    assert "评价" in page.rated_line.text()


def test_export_from_the_screen_writes_the_workbook_with_the_shown_numbers(qtbot, window, tmp_path):
    page = _signed_in(qtbot, window)
    page.start.setDate(dt.date.today() - dt.timedelta(days=10))
    page.show_period("period")
    qtbot.waitUntil(lambda: page.report.cases == 30)
    target = tmp_path / "out.xlsx"
    page.export("xlsx", str(target))
    qtbot.waitUntil(lambda: "out.xlsx" in page.status.text())
    wb = openpyxl.load_workbook(target)
    assert sum(r[1] for r in wb["按办理结果"].iter_rows(min_row=2, values_only=True)) == 30


def test_a_follow_up_is_closed_from_the_screen(qtbot, window, store):
    page = _signed_in(qtbot, window)
    page.start.setDate(dt.date.today() - dt.timedelta(days=10))
    page.show_period("period")
    qtbot.waitUntil(lambda: page.report.cases == 30)
    open_before = evaluation.follow_ups(store=store)
    assert page.follow_table.table.rowCount() == len(page.report.follow_ups) == len(open_before) > 0
    page.follow_table.edit(0, dialog_result=("李科长", "已回访致歉", True, True))
    qtbot.waitUntil(lambda: len(evaluation.follow_ups(store=store)) == len(open_before) - 1)
    qtbot.waitUntil(lambda: page.follow_table.table.rowCount() == len(open_before) - 1)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_text_is_clipped(qtbot, hall_theme, window, size):
    window.resize(*size)
    page = window.screens.show("supervision", unlocked=True)
    qtbot.waitUntil(lambda: page.report is not None)
    for n in range(page.tabs.count()):
        page.tabs.setCurrentIndex(n)
        qtbot.wait(30)
        assert clipped_labels(page) == []
