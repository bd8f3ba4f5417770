"""The case list (F7): today's cases, mine, this window's, or the whole hall's once synced,
filtered by state and deadline colour; overdue rows red, near-deadline rows yellow.

Keyboard first: the hands land on the table; ↑↓ move, Enter opens the case (its detail,
``gui.case_detail``, on this screen's second page; Esc there comes back to the list), F5
reloads, Alt+1…4 pick the scope, Ctrl+F goes to the case-number field (a scanner types the
receipt's barcode there and ends with Enter), Esc on the list returns to intake. Another screen
opens a case with ``host.show("cases", number=...)``. The rows come from
``services.lifecycle_view`` on the writer thread; the state shown is the state derived from the
case's events.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from counter_app.domain import case_status as cs
from counter_app.domain import deadlines as dl
from counter_app.services import lifecycle_view as lv

COLOURS = {dl.RED: ("#fdecea", "#8a1c1c"), dl.YELLOW: ("#fff4e0", "#7a4b00")}
REFRESH_MS = 120_000
COLUMNS = ("number", "taken", "applicant", "items", "state", "due", "left", "window")


def days_left(tr, n: int | None) -> str:
    if n is None:
        return ""
    if n < 0:
        return tr("cases.overdue_by", n=-n)
    return tr("cases.due_today") if n == 0 else tr("cases.days_left", n=n)


def deadline_text(tr, d: dl.Deadline) -> tuple[str, str]:
    """(due date, what is left) as the list and the detail say them."""
    if d.notice_due:
        due = tr("cases.notice_due", day=d.notice_due.isoformat())
    else:
        due = d.due.isoformat() if d.due else (d.legal_due.isoformat() if d.legal_due else "")
    if d.broken_promise:
        left = tr("cases.gap_overdue", n=len(d.overdue_gaps))
    elif d.deemed_accepted:
        left = tr("cases.deemed_accepted")
    else:
        left = days_left(tr, d.days_left)
    if d.stopped_days and not d.broken_promise:
        left = f"{left} · {tr('cases.stopped_short', n=d.stopped_days)}"
    if d.correcting:
        left = f"{left} · {tr('cases.correcting')}" if left else tr("cases.correcting")
    return due, left


class CaseListScreen(QWidget):
    handles_escape = True        # Esc on the detail returns to the list, on the list to intake

    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        tr = self.tr_
        self.lines: list[lv.CaseLine] = []
        self.setObjectName("caseList")
        title = QLabel(tr("screen.cases"))
        title.setObjectName("header")
        self.scope = QComboBox()
        for n, scope in enumerate(lv.SCOPES, 1):
            self.scope.addItem(f"{tr('cases.scope.' + scope)}  Alt+{n}", scope)
        self.state = QComboBox()
        self.state.addItem(tr("cases.all_states"), None)
        self.state.addItem(tr("cases.open_states"), "open")
        for state in cs.STATUSES:
            self.state.addItem(tr(f"lifecycle.state.{state}"), state)
        self.colour = QComboBox()
        self.colour.addItem(tr("cases.all_colours"), None)
        self.colour.addItem(tr("cases.colour.late"), "late")
        self.colour.addItem(tr("deadline.colour.red"), dl.RED)
        self.colour.addItem(tr("deadline.colour.yellow"), dl.YELLOW)
        self.find = QLineEdit()
        self.find.setPlaceholderText(tr("cases.find_hint"))
        self.find.setClearButtonEnabled(True)
        self.reload_button = QPushButton(tr("cases.reload"))
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(12)
        for label, box in ((tr("cases.scope"), self.scope), (tr("cases.state"), self.state),
                           (tr("cases.deadline"), self.colour)):
            text = QLabel(label)
            text.setBuddy(box)
            bar.addWidget(text)
            bar.addWidget(box)
        bar.addWidget(self.find, 1)
        bar.addWidget(self.reload_button)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("cases")
        self.table.setHorizontalHeaderLabels([tr(f"cases.col.{c}") for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        for n, c in enumerate(COLUMNS):
            head.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if c == "items"
                                      else QHeaderView.ResizeMode.Interactive)
        keys = QLabel(tr("cases.keys"))
        keys.setObjectName("hint")
        from counter_app.gui.case_detail import CaseDetailScreen

        self.list_page = QWidget()
        self.detail = CaseDetailScreen(ctx, host, back=self.show_list)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.detail)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        layout = QVBoxLayout(self.list_page)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(keys)

        for box in (self.scope, self.state, self.colour):
            box.currentIndexChanged.connect(self.reload)
        self.reload_button.clicked.connect(self.reload)
        self.find.returnPressed.connect(self._find)
        self.table.cellActivated.connect(lambda row, _col: self.open_row(row))
        page, within = self.list_page, Qt.ShortcutContext.WidgetWithChildrenShortcut
        for n in range(len(lv.SCOPES)):
            QShortcut(QKeySequence(f"Alt+{n + 1}"), page, activated=lambda n=n: self.scope.setCurrentIndex(n),
                      context=within)
        QShortcut(QKeySequence("F5"), page, activated=self.reload, context=within)
        QShortcut(QKeySequence("Ctrl+F"), page, activated=self.find.setFocus, context=within)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), page, activated=host.back, context=within)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=lambda: self.open_row(self.table.currentRow()),
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.loaded = 0          # how many loads have finished (tests wait on it)
        # what other windows did arrives by sync: the list on the screen follows without F5
        self.refresh_timer = QTimer(self, interval=REFRESH_MS, timeout=self._refresh_if_shown)

    # ---------------------------------------------------------------- loading
    def activated(self, number: str = "", scope: str = "", **_kw) -> None:
        """Shown from the host: the list (reloaded), or straight the case ``number``."""
        if scope:
            self.scope.setCurrentIndex(lv.SCOPES.index(scope))
        if number:
            self.show_case(number)
            return
        self.show_list()

    def title(self) -> str:
        return self.detail.title() if self.pages.currentWidget() is self.detail else self.tr_("screen.cases")

    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.reload()
        self.table.setFocus()

    def show_case(self, number: str) -> None:
        self.pages.setCurrentWidget(self.detail)
        self.detail.open(number)

    def _refresh_if_shown(self) -> None:
        if self.isVisible() and self.pages.currentWidget() is self.list_page and not self.ctx.ops.pending:
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.refresh_timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().hideEvent(event)
        self.refresh_timer.stop()

    def _filters(self):
        state = self.state.currentData()
        states = None if state is None else frozenset(
            s for s in cs.STATUSES if s not in _CLOSED) if state == "open" else frozenset({state})
        colour = self.colour.currentData()
        colours = None if colour is None else frozenset({dl.RED, dl.YELLOW}) if colour == "late" else frozenset({colour})
        return states, colours

    def reload(self, *_args) -> None:
        ctx, scope = self.ctx, self.scope.currentData()
        states, colours = self._filters()
        today = dt.date.today()
        ctx.ops.write(lambda store: lv.case_list(store=store, settings=ctx.settings, calendar=ctx.calendar,
                                                 scope=scope, today=today, states=states, colours=colours),
                      owner=self).success(self.show_lines).failure(self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.loaded += 1
        self._banner(self.tr_.error(exc), "bad")

    def _banner(self, text: str, state: str) -> None:
        self.banner.setText(text)
        self.banner.setProperty("state", state)
        self.banner.style().polish(self.banner)
        self.banner.setVisible(bool(text))

    def show_lines(self, lines: list[lv.CaseLine]) -> None:
        tr = self.tr_
        keep = self.lines[self.table.currentRow()].number if 0 <= self.table.currentRow() < len(self.lines) else None
        self.lines = lines
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            due, left = deadline_text(tr, line.deadline)
            values = (line.number, f"{line.created_at:%m-%d %H:%M}", line.applicant, tr.join(line.items),
                      tr(f"lifecycle.state.{line.state or 'none'}"), due, left, line.window)
            colours = COLOURS.get(line.deadline.colour)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{tr.join(line.items)}\n{tr.join(line.departments)}" if COLUMNS[col] == "items"
                                else text)
                if colours:
                    item.setBackground(QBrush(QColor(colours[0])))
                    item.setForeground(QBrush(QColor(colours[1])))
                self.table.setItem(row, col, item)
        self._fit_columns()
        red = sum(ln.deadline.colour == dl.RED for ln in lines)
        yellow = sum(ln.deadline.colour == dl.YELLOW for ln in lines)
        self.summary.setText(tr("cases.summary", n=len(lines), red=red, yellow=yellow)
                             + ("" if len(lines) < lv.LIMIT else "  " + tr("cases.limited", n=lv.LIMIT)))
        years = sorted({y for ln in lines for y in ln.deadline.uncovered_years})
        self._banner(tr("deadline.uncovered", years=", ".join(map(str, years))) if years else "", "warn")
        if lines:
            numbers = [ln.number for ln in lines]
            self.table.selectRow(numbers.index(keep) if keep in numbers else 0)
        self.loaded += 1

    def _fit_columns(self) -> None:
        """Each column as wide as its text, but none so wide that the items have no room (a long
        English state or remark is cut with … and whole in its tooltip)."""
        cap = max(120, self.table.viewport().width() // 5)
        for n, c in enumerate(COLUMNS):
            if c != "items":
                self.table.resizeColumnToContents(n)
                self.table.setColumnWidth(n, min(self.table.columnWidth(n), cap))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_columns()

    # ---------------------------------------------------------------- opening
    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.lines):
            self.show_case(self.lines[row].number)

    def _find(self) -> None:
        number = case_number_scanned(self.find.text())
        if number:
            self.find.clear()
            self.show_case(number)


def case_number_scanned(text: str) -> str:
    """What the clerk typed or scanned: the receipt's Code 128 is the case number itself, its QR
    code the progress-query link carrying it as ``n=``."""
    text = text.strip()
    if "n=" in text and ("?" in text or "&" in text):
        from urllib.parse import parse_qs, urlsplit

        found = parse_qs(urlsplit(text).query).get("n")
        if found:
            return found[0].strip()
    return text


_CLOSED = frozenset({cs.REJECTED, cs.ISSUED, cs.WITHDRAWN, cs.REVOKED, cs.TERMINATED})


def build(ctx, host) -> QWidget:
    return CaseListScreen(ctx, host)
