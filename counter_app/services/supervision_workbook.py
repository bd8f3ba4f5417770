"""The report's tables as an openpyxl workbook: bold Chinese headers, widths that fit the Chinese
text, dates stored as dates (formatted yyyy-mm-dd), and the tables that are better looked at than
read drawn as native Excel charts next to them."""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SERIES_COLOURS = ("2E7D32", "F9A825", "1565C0", "C62828", "6A1B9A")


def _width(value) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 11
    text = str(value) if value is not None else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)     # a CJK character is two columns wide


def _chart(kind: str, ws, rows: int, cols: int, title: str):
    if kind == "pie":
        chart = PieChart()
        chart.add_data(Reference(ws, min_col=cols, min_row=1, max_row=rows + 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
        chart.dataLabels = DataLabelList()
        chart.dataLabels.showVal = True
    else:
        chart = BarChart()
        # days stand as columns; named categories (departments, windows, levels) lie as bars, so
        # their long Chinese names have room
        chart.type = "col" if kind == "stacked" else "bar"
        first = 2 if kind == "stacked" else cols
        last = cols - 1 if kind == "stacked" else cols     # the stacked table's last column is the total
        chart.add_data(Reference(ws, min_col=first, max_col=last, min_row=1, max_row=rows + 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1 if kind == "stacked" else cols - 1 if cols > 2 else 1,
                                       min_row=2, max_row=rows + 1))
        if kind == "stacked":
            chart.grouping = "stacked"
            chart.overlap = 100
            for series, colour in zip(chart.series, SERIES_COLOURS):
                series.graphicalProperties.solidFill = colour
        else:
            chart.legend = None
        chart.y_axis.title = "件数"
        chart.y_axis.majorGridlines = None
        chart.x_axis.delete = chart.y_axis.delete = False     # said outright: some Excel versions hide unset axes
        if chart.type == "bar":
            chart.x_axis.scaling.orientation = "maxMin"       # the table's first row on top, as in the sheet
    chart.title = title
    chart.width = 18
    chart.height = 9 if kind != "bar" else max(7.5, min(30.0, 0.55 * rows + 3))    # cm: a line per category
    return chart


def workbook(tables) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(t.title[:31])
        ws.append(list(t.headers))
        for row in t.rows:
            ws.append(list(row))
        widths = [_width(h) for h in t.headers]
        for cells in ws.iter_rows(min_row=2):
            for n, cell in enumerate(cells):
                if isinstance(cell.value, dt.datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(cell.value, dt.date):
                    cell.number_format = DATE_FORMAT
                widths[n] = max(widths[n], _width(cell.value))
        for n, head in enumerate(ws[1], 1):
            head.font = Font(bold=True)
            head.fill = HEADER_FILL
            head.alignment = Alignment(horizontal="center", vertical="center")
            ws.column_dimensions[get_column_letter(n)].width = min(60, widths[n - 1] + 3)
        ws.freeze_panes = "A2"
        if t.chart and t.rows:
            ws.add_chart(_chart(t.chart, ws, len(t.rows), len(t.headers), t.title),
                         f"{get_column_letter(len(t.headers) + 2)}2")
    return wb
