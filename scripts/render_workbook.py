"""Render an exported supervision workbook to PNG, as read back by openpyxl (no LibreOffice here).

    QT_QPA_PLATFORM=offscreen python scripts/render_workbook.py FILE.xlsx [OUT_DIR]

Each sheet becomes ``OUT_DIR/workbook_<n>_<sheet>.png``: its cells (dates shown by their number
format) and, beside them, its chart drawn from the ranges the workbook's chart refers to — so what
is checked is what Excel will draw, not what the program meant to write.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
from openpyxl.utils.cell import range_boundaries  # noqa: E402
from PySide6.QtCharts import (  # noqa: E402
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries, QPieSeries, QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTableWidget, QTableWidgetItem, QWidget  # noqa: E402


def _cells(ws, ref: str) -> list:
    sheet, _, rng = ref.replace("'", "").rpartition("!")
    src = ws.parent[sheet] if sheet else ws
    c1, r1, c2, r2 = range_boundaries(rng.replace("$", ""))
    return [src.cell(r, c).value for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _text(cell) -> str:
    v = cell.value
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M" if "hh" in cell.number_format else "%Y-%m-%d")
    return "" if v is None else str(v)


def chart_view(ws, chart) -> QChartView:
    qc = QChart()
    title = chart.title.tx.rich.p[0].r[0].t if chart.title and chart.title.tx and chart.title.tx.rich else ws.title
    qc.setTitle(title)
    if chart.tagname == "pieChart":
        series = QPieSeries()
        s = chart.series[0]
        labels = _cells(ws, s.cat.numRef.f if s.cat.numRef else s.cat.strRef.f)
        for label, value in zip(labels, _cells(ws, s.val.numRef.f)):
            sl = series.append(f"{label} {value}", value or 0)
            sl.setLabelVisible(bool(value))
        qc.addSeries(series)
    else:
        lying = chart.type == "bar"                # Excel's "bar": horizontal
        series = QStackedBarSeries() if chart.grouping == "stacked" else QHorizontalBarSeries() if lying \
            else QBarSeries()
        categories = []
        for s in chart.series:
            name = _cells(ws, s.tx.strRef.f)[0] if s.tx and s.tx.strRef else ""
            bar = QBarSet(str(name))
            bar.append([v or 0 for v in _cells(ws, s.val.numRef.f)])
            series.append(bar)
            ref = s.cat.numRef.f if s.cat.numRef else s.cat.strRef.f
            categories = [c.strftime("%m-%d") if isinstance(c, dt.datetime) else str(c) for c in _cells(ws, ref)]
        qc.addSeries(series)
        x, y = QBarCategoryAxis(), QValueAxis()
        x.append(categories)
        y.setLabelFormat("%d")
        qc.addAxis(x, Qt.AlignmentFlag.AlignLeft if lying else Qt.AlignmentFlag.AlignBottom)
        qc.addAxis(y, Qt.AlignmentFlag.AlignBottom if lying else Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        qc.legend().setVisible(len(chart.series) > 1)
    view = QChartView(qc)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def render(path: Path, out: Path) -> list[Path]:
    app = QApplication.instance() or QApplication([])
    from counter_app.gui.app import apply_theme

    apply_theme(app)
    wb = openpyxl.load_workbook(path)
    shots = []
    for n, ws in enumerate(wb.worksheets, 1):
        page = QWidget()
        row = QHBoxLayout(page)
        table = QTableWidget(max(0, ws.max_row - 1), ws.max_column)
        table.setHorizontalHeaderLabels([_text(c) for c in ws[1]])
        for r, cells in enumerate(ws.iter_rows(min_row=2)):
            for c, cell in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(_text(cell)))
        table.resizeColumnsToContents()
        row.addWidget(table, 3)
        for chart in ws._charts:
            row.addWidget(chart_view(ws, chart), 2)
        page.resize(1400, 700)
        page.show()
        app.processEvents()
        shot = out / f"workbook_{n}_{ws.title}.png"
        page.grab().save(str(shot))
        shots.append(shot)
        page.close()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[2] if len(sys.argv) > 2 else "shots")
    target.mkdir(parents=True, exist_ok=True)
    print("\n".join(str(p) for p in render(Path(sys.argv[1]), target)))
