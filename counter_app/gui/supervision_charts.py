"""The supervisor's charts, drawn with QtCharts (PySide6-Addons; the same API on Qt 6.8):
cases per day by outcome (stacked), cases per window, deadline status, rating levels."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QCategoryAxis, QChart, QChartView, QHorizontalBarSeries, QPieSeries,
    QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from counter_app.domain import case_status as cs
from counter_app.domain import evaluation as ev
from counter_app.services.supervision_figures import DEADLINE_STATES, NEAR, ON_TIME, OVERDUE

OUTCOME_COLOURS = {cs.ACCEPT: "#2e7d32", cs.ACCEPT_WITH_GAPS: "#f9a825", cs.NOTICE: "#1565c0", cs.REJECT: "#c62828"}
DEADLINE_COLOURS = {ON_TIME: "#2e7d32", NEAR: "#f9a825", OVERDUE: "#c62828"}
LEVEL_COLOURS = {5: "#1b7f3b", 4: "#66a84f", 3: "#c9a227", 2: "#e07b39", 1: "#c62828"}
MAX_DAYS_LABELLED = 10           # at most this many day labels under the bars


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
    # A category axis gives each label one bar's width and elides it in a month of days; this
    # axis labels every n-th bar (at its centre) over n bars' width instead.
    x = QCategoryAxis()
    x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    x.setRange(-0.5, max(len(days), 1) - 0.5)
    step = max(1, -(-len(days) // MAX_DAYS_LABELLED))
    for n in range(0, len(days), step):
        x.append(f"{days[n].month}/{days[n].day}", n)
    x.setGridLineVisible(False)
    _attach(chart, series, x, Qt.AlignmentFlag.AlignBottom,
            _count_axis(max((sum(c.values()) for c in report.by_day.values()), default=1)), Qt.AlignmentFlag.AlignLeft)
    return _view(chart)


def _count_axis(largest: int) -> QValueAxis:
    """Whole numbers of cases from 0 to a little above ``largest``, in five steps."""
    axis = QValueAxis()
    axis.setRange(0, _nice_top(largest))
    axis.setLabelFormat("%d")
    axis.setTickCount(6)
    return axis


def _attach(chart: QChart, series, first, first_side, second, second_side) -> None:
    chart.addAxis(first, first_side)
    chart.addAxis(second, second_side)
    series.attachAxis(first)
    series.attachAxis(second)


def _horizontal(title: str, names: list[str], values: list[int], colour: str = "#1d4f91") -> QChartView:
    """Bars lying down: the category names have the chart's whole left margin, never elided."""
    chart = _chart(title)
    series = QHorizontalBarSeries()
    s = QBarSet(title)
    s.setColor(QColor(colour))
    s.setLabelColor(QColor("#1f2933"))          # beside the bar, on white: dark (the default is white)
    s.append(values)
    series.append(s)
    series.setBarWidth(0.6 if len(values) > 1 else 0.35)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    chart.legend().setVisible(False)
    y = QBarCategoryAxis()
    y.append(names or [" "])
    _attach(chart, series, y, Qt.AlignmentFlag.AlignLeft, _count_axis(max(values, default=1)),
            Qt.AlignmentFlag.AlignBottom)
    return _view(chart)


def by_window(report, tr) -> QChartView:
    windows = list(reversed(report.by_window))              # the first window on top
    return _horizontal(tr("supervision.chart.by_window"), windows, [report.by_window[w] for w in windows])


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
    levels = list(reversed(ev.LEVELS))                      # 非常满意 on top
    return _horizontal(tr("supervision.chart.ratings"), [tr(ev.level_label(level)) for level in levels],
                       [report.ratings.get(level, 0) for level in levels])


CHARTS = (by_day, by_window, deadlines, ratings)
