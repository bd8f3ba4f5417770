"""The supervisor's charts, drawn with QtCharts (PySide6-Addons; the same API on Qt 6.8):
cases per day by outcome (stacked), cases per window, deadline status, rating levels."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QPieSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from counter_app.domain import case_status as cs
from counter_app.domain import evaluation as ev
from counter_app.services.supervision_figures import DEADLINE_STATES, NEAR, ON_TIME, OVERDUE

OUTCOME_COLOURS = {cs.ACCEPT: "#2e7d32", cs.ACCEPT_WITH_GAPS: "#f9a825", cs.NOTICE: "#1565c0", cs.REJECT: "#c62828"}
DEADLINE_COLOURS = {ON_TIME: "#2e7d32", NEAR: "#f9a825", OVERDUE: "#c62828"}
LEVEL_COLOURS = {5: "#1b7f3b", 4: "#66a84f", 3: "#c9a227", 2: "#e07b39", 1: "#c62828"}
MAX_DAYS_LABELLED = 10           # more days than this: every n-th labelled, so the labels stay legible


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def _axes(chart: QChart, series, categories: list[str], top: int) -> None:
    x = QBarCategoryAxis()
    x.append(categories)
    y = QValueAxis()
    y.setRange(0, max(1, top))
    y.setLabelFormat("%d")
    y.setTickCount(min(6, max(2, top + 1)))
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x)
    series.attachAxis(y)


def _nice_top(value: int) -> int:
    """An axis top a little above ``value`` that divides into five whole steps."""
    step = max(1, -(-int(value * 1.1) // 5))
    return step * 5


def by_day(report, tr) -> QChartView:
    chart = _chart(tr("supervision.chart.by_day"))
    series = QStackedBarSeries()
    days = list(report.by_day)
    for outcome in cs.OUTCOMES:
        s = QBarSet(tr(f"outcome.{outcome}"))
        s.setColor(QColor(OUTCOME_COLOURS[outcome]))
        s.append([report.by_day[d].get(outcome, 0) for d in days])
        series.append(s)
    chart.addSeries(series)
    every = -(-len(days) // MAX_DAYS_LABELLED) if days else 1     # at most that many labels
    # categories must differ: a day left unlabelled gets an invisible name of its own
    labels = [f"{d.month}/{d.day}" if n % every == 0 else "\u200b" * (n + 1) for n, d in enumerate(days)]
    _axes(chart, series, labels or [" "], _nice_top(max((sum(c.values()) for c in report.by_day.values()), default=1)))
    return _view(chart)


def by_window(report, tr) -> QChartView:
    chart = _chart(tr("supervision.chart.by_window"))
    series = QBarSeries()
    s = QBarSet(tr("report.col.count"))
    s.setColor(QColor("#1d4f91"))
    s.append(list(report.by_window.values()))
    series.append(s)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    chart.legend().setVisible(False)
    _axes(chart, series, list(report.by_window) or [" "], _nice_top(max(report.by_window.values(), default=1)))
    return _view(chart)


def _pie(title: str, slices) -> QChartView:
    chart = _chart(title)
    series = QPieSeries()
    for label, value, colour in slices:
        sl = series.append(f"{label} {value}", value)
        sl.setColor(QColor(colour))
        sl.setLabelVisible(value > 0)
    series.setPieSize(0.62)
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return _view(chart)


def deadlines(report, tr) -> QChartView:
    names = {ON_TIME: "report.col.state.on_time", NEAR: "report.col.sheet.near", OVERDUE: "report.col.sheet.overdue"}
    return _pie(tr("supervision.chart.deadlines"),
                [(tr(names[s]), report.deadline_status.get(s, 0), DEADLINE_COLOURS[s]) for s in DEADLINE_STATES])


def ratings(report, tr) -> QChartView:
    chart = _chart(tr("supervision.chart.ratings"))
    series = QBarSeries()
    s = QBarSet(tr("report.col.count"))
    values = [report.ratings.get(level, 0) for level in ev.LEVELS]
    s.append(values)
    s.setColor(QColor("#1d4f91"))
    series.append(s)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    chart.legend().setVisible(False)
    _axes(chart, series, [tr(ev.level_label(level)) for level in ev.LEVELS], _nice_top(max(values, default=1)))
    return _view(chart)


CHARTS = (by_day, by_window, deadlines, ratings)
