"""The merged material checklist: one row per document, its state set with keys 1-6."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QGroupBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from counter_app.domain.case import (
    GAP, MISSING, PENDING, RECEIVED_COPY, RECEIVED_ELECTRONIC, RECEIVED_ORIGINAL, REUSED, deficiency,
)

KEYS = {Qt.Key_1: RECEIVED_ORIGINAL, Qt.Key_2: RECEIVED_COPY, Qt.Key_3: RECEIVED_ELECTRONIC,
        Qt.Key_4: MISSING, Qt.Key_5: GAP, Qt.Key_6: REUSED, Qt.Key_0: PENDING}
COLORS = {RECEIVED_ORIGINAL: "#1b7f3b", RECEIVED_COPY: "#1b7f3b", RECEIVED_ELECTRONIC: "#1b7f3b",
          REUSED: "#1565c0", MISSING: "#c62828", GAP: "#b26a00", PENDING: "#6b7280"}
COL_NAME, COL_FORM, COL_STATE, COL_DATE, COL_NOTE = range(5)
GAP_DEFAULT_WORKING_DAYS = 5
CELL_INSET = 24      # px a cell widget loses to the grid and the theme's item padding (17 measured)


class ChecklistPanel(QGroupBox):
    edited = Signal()

    def __init__(self, tr, calendar, parent=None) -> None:
        super().__init__(tr("gui.materials"), parent)
        self.tr_ = tr
        self.calendar = calendar
        self.draft = None
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("checklist")
        self.table.setHorizontalHeaderLabels([tr("gui.col.material"), tr("gui.col.form"), tr("gui.col.state"),
                                              tr("gui.col.promised"), tr("gui.col.note")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        for col in (COL_FORM, COL_STATE):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(COL_DATE, QHeaderView.Fixed)     # wide enough for its date editor
        header.setSectionResizeMode(COL_NOTE, QHeaderView.Stretch)
        # wrapped names and notes get their height again whenever a column's width changes
        header.sectionResized.connect(
            lambda *_: QTimer.singleShot(0, self.table, self.table.resizeRowsToContents))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.installEventFilter(self)
        self.table.cellDoubleClicked.connect(self._cycle)
        self._fit_date_column()
        self.legend = QLabel(tr("gui.checklist_keys"))
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.legend)

    def bind(self, draft) -> None:
        self.draft = draft
        self.refresh()

    def refresh(self) -> None:
        lines = self.draft.lines if self.draft else []
        current = self.table.currentRow()
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            check = self.draft.check(line.key)
            mark = "★ " if line.required else ""
            name = QTableWidgetItem(mark + line.name)
            tip = [line.note] if line.note else []
            if len(line.item_codes) > 1:
                tip.append(self.tr_("gui.shared_by", n=len(line.item_codes)))
            name.setToolTip("\n".join(tip))
            self.table.setItem(row, COL_NAME, name)
            form = self.tr_(f"form.{line.form}") + (f" ×{line.copies}" if line.copies > 1 else "")
            if line.gap_allowed and line.required:
                form += " " + self.tr_("gui.gap_ok")
            self.table.setItem(row, COL_FORM, QTableWidgetItem(form))
            state = QTableWidgetItem(self.tr_(f"state.{check.state}"))
            state.setForeground(QBrush(QColor(COLORS.get(check.state, "#000"))))
            if check.reused_from:
                state.setToolTip(self.tr_("gui.reused_from", number=check.reused_from))
            self.table.setItem(row, COL_STATE, state)
            self._date_cell(row, line, check)
            why = deficiency(line, check)
            note = check.remark or (self.tr_(why) if why and check.state != PENDING else "") or line.note
            self.table.setItem(row, COL_NOTE, QTableWidgetItem(note))
        self.table.resizeRowsToContents()
        QTimer.singleShot(0, self.table, self.table.resizeRowsToContents)   # again once the columns have settled
        if lines:
            self.table.setCurrentCell(min(max(current, 0), len(lines) - 1), COL_NAME)

    def _date_cell(self, row: int, line, check) -> None:
        if check.state != GAP:
            self.table.removeCellWidget(row, COL_DATE)
            self.table.setItem(row, COL_DATE, QTableWidgetItem(""))
            return
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(QDate.currentDate())
        d = check.promised_date
        edit.setDate(QDate(d.year, d.month, d.day))
        edit.dateChanged.connect(lambda qd, key=line.key: self._set_date(key, qd))
        self.table.setCellWidget(row, COL_DATE, edit)
        self._fit_date_column(edit)

    def _fit_date_column(self, edit=None) -> None:
        """The promised-date column fits its header and a whole date editor ("2026-12-09", not "2026-12-0")."""
        header = self.table.horizontalHeader()
        need = header.sectionSizeFromContents(COL_DATE).width()
        if edit is not None:
            edit.ensurePolished()
            need = max(need, edit.sizeHint().width() + CELL_INSET)
        if header.sectionSize(COL_DATE) < need:
            header.resizeSection(COL_DATE, need)

    def _set_date(self, key: str, qd: QDate) -> None:
        self.draft.set_state(key, GAP, promised_date=dt.date(qd.year(), qd.month(), qd.day()))
        self.edited.emit()

    def set_state(self, row: int, state: str) -> None:
        if not self.draft or not (0 <= row < len(self.draft.lines)):
            return
        line = self.draft.lines[row]
        promised = None
        if state == GAP:
            promised = self.calendar.add_working_days(dt.date.today(), GAP_DEFAULT_WORKING_DAYS)
        self.draft.set_state(line.key, state, promised_date=promised)
        self.refresh()
        self.edited.emit()

    def _cycle(self, row: int, _col: int) -> None:
        order = [PENDING, RECEIVED_ORIGINAL, RECEIVED_COPY, MISSING, GAP]
        state = self.draft.check(self.draft.lines[row].key).state
        nxt = order[(order.index(state) + 1) % len(order)] if state in order else RECEIVED_ORIGINAL
        self.set_state(row, nxt)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.KeyPress and event.key() in KEYS \
                and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            self.set_state(self.table.currentRow(), KEYS[event.key()])
            return True
        return False
