"""Tables of the supervisor's view, filled from the report's tables (``supervision_export.tables``,
so the screen and the workbook show the same rows), and the 差评 follow-up editor."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

ROW_COLOURS = {"red": "#fdecea", "yellow": "#fff4e0"}


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fill(table: QTableWidget, headers, rows, colour_of=None) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        colour = colour_of(row) if colour_of else ""
        for c, value in enumerate(row):
            item = QTableWidgetItem(_text(value))
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if colour:
                item.setBackground(QColor(ROW_COLOURS[colour]))
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    for c in range(len(headers)):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    widest = max(range(len(headers)), key=lambda c: max((len(_text(row[c])) for row in rows), default=0), default=0)
    header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)


def _table() -> QTableWidget:
    t = QTableWidget()
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    return t


class ReportTable(QWidget):
    """One report table under its title."""

    def __init__(self, table, tr, colour_of=None, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(f"{table.title}（{len(table.rows)}）" if tr.language == "zh_CN"
                            else f"{table.title} ({len(table.rows)})")
        self.title.setObjectName("sectionTitle")
        self.table = _table()
        _fill(self.table, table.headers, table.rows, colour_of)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.title)
        v.addWidget(self.table, 1)

    def fit_rows(self) -> None:
        """As tall as its rows (a short table such as the five levels), no scroll bar."""
        t = self.table
        t.resizeRowsToContents()
        height = t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount())) + 2 * t.frameWidth()
        t.setFixedHeight(height + 2)


def deadline_table(table, tr, colour: str) -> ReportTable:
    """The overdue (red) or near-deadline (yellow) list, rows coloured as the case list colours them."""
    return ReportTable(table, tr, colour_of=lambda _row: colour)


class FollowUpDialog(QDialog):
    """Who is responsible, what was done, whether the applicant was called back; close when done."""

    def __init__(self, tr, row, parent=None) -> None:
        super().__init__(parent)
        f = row.follow_up
        self.setWindowTitle(tr("supervision.follow_up_title", number=row.number))
        self.responsible = QLineEdit(f.responsible)
        self.done = QPlainTextEdit(f.done)
        self.done.setMinimumHeight(90)
        self.called_back = QCheckBox(tr("report.col.called_back"))
        self.called_back.setChecked(f.called_back)
        self.close_it = QCheckBox(tr("supervision.follow_up_close"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("report.col.responsible"), self.responsible)
        form.addRow(tr("report.col.done"), self.done)
        form.addRow("", self.called_back)
        form.addRow("", self.close_it)
        buttons = QDialogButtonBox()
        buttons.addButton(tr("supervision.save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(tr("gui.button.cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v = QVBoxLayout(self)
        v.addLayout(form)
        v.addWidget(self.message)
        v.addWidget(buttons)
        self.responsible.setFocus()


class FollowUpTable(QWidget):
    """The open follow-ups, the soonest due first, coloured yellow / red; a button works the chosen one."""

    def __init__(self, ctx, *, on_saved, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_saved = on_saved
        self.rows = ()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.table = _table()
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.edit_button = QPushButton(ctx.tr("supervision.follow_up_edit"))
        self.edit_button.clicked.connect(self.edit)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.title)
        v.addWidget(self.table, 1)
        v.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_rows(self, rows, table) -> None:
        self.rows = tuple(rows)
        tr = self.ctx.tr
        self.title.setText(f"{table.title}（{len(rows)}）" if tr.language == "zh_CN" else f"{table.title} ({len(rows)})")
        colours = [r.colour for r in self.rows]
        _fill(self.table, table.headers, table.rows)
        for r, colour in enumerate(colours):
            if colour:
                for c in range(self.table.columnCount()):
                    self.table.item(r, c).setBackground(QColor(ROW_COLOURS[colour]))
        self.edit_button.setEnabled(bool(rows))

    def edit(self, row_index: int | None = None, *, dialog_result=None):
        """Open the editor for the chosen follow-up; ``dialog_result`` (tests) stands in for the dialog."""
        from counter_app.services.evaluation import update_follow_up

        n = self.table.currentRow() if row_index is None else row_index
        if not 0 <= n < len(self.rows):
            return None
        row = self.rows[n]
        if dialog_result is None:
            dlg = FollowUpDialog(self.ctx.tr, row, self)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            dialog_result = (dlg.responsible.text(), dlg.done.toPlainText(), dlg.called_back.isChecked(),
                             dlg.close_it.isChecked())
        responsible, done, called_back, close = dialog_result
        ctx = self.ctx
        return ctx.ops.write(lambda store: update_follow_up(
            store=store, settings=ctx.settings, case_id=row.follow_up.case_id, rating_id=row.follow_up.rating_id,
            responsible=responsible, done=done, called_back=called_back, close=close,
            who=ctx.clerk_login_name[0]), name="follow-up") \
            .success(lambda _f: self.on_saved(row.number)) \
            .failure(lambda exc: self._refused(exc))

    def _refused(self, exc) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.ctx.tr("supervision.follow_up_edit"), self.ctx.tr.error(exc))
