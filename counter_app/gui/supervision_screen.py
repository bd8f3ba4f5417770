"""监察统计 (Ctrl+M): the supervisor's view of this station for today, this week, this month or a
chosen period — the figures of ``services.supervision``, its charts, the near-deadline and overdue
lists, the ratings and the open 差评 follow-ups (worked from here) — and the export to Excel or CSV.

Supervisors only: the screen opens on a sign-in panel (a name from ``supervisors.json`` and the
PIN, checked off the GUI thread). Everything is read and written through ``ctx.ops``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QStackedWidget, QTabWidget, QVBoxLayout, QWidget,
)

from counter_app.gui import supervision_charts as charts
from counter_app.gui.supervision_tables import FollowUpTable, ReportTable, deadline_table

PERIODS = ("today", "week", "month")


def build(ctx, host) -> QWidget:
    return SupervisionScreen(ctx, host)


class SignIn(QWidget):
    """Name and PIN of one of the station's supervisors."""

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.text = QLabel(tr("supervision.locked"))
        self.text.setWordWrap(True)
        self.name = QComboBox()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.go = QPushButton(tr("supervision.unlock"))
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("supervision.name"), self.name)
        form.addRow(tr("supervision.pin"), self.pin)
        title = QLabel(tr("supervision.title"))
        title.setObjectName("sectionTitle")
        box = QWidget()
        box.setFixedWidth(520)
        v = QVBoxLayout(box)
        v.addWidget(title)
        v.addWidget(self.text)
        v.addLayout(form)
        v.addWidget(self.go, 0, Qt.AlignmentFlag.AlignRight)
        v.addWidget(self.message)
        outer = QGridLayout(self)                  # a compact panel in the middle of the page
        outer.addWidget(box, 1, 1)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 2)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)


class SupervisionScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, tr = ctx, host, ctx.tr
        self.tr_ = tr
        self.report = None
        self.unlocked = False
        self.pages = QStackedWidget()
        self.sign_in = SignIn(tr)
        self.sign_in.go.clicked.connect(self._unlock)
        self.sign_in.pin.returnPressed.connect(self._unlock)
        self.pages.addWidget(self.sign_in)
        self.pages.addWidget(self._figures_page())
        v = QVBoxLayout(self)
        v.setContentsMargins(8, 8, 8, 8)
        v.addWidget(self.pages)
        self.setStyleSheet("QPushButton#periodButton:checked { background: #1d4f91; color: white; }"
                           "QLabel#sectionTitle { font-weight: bold; color: #1d4f91; }")

    def title(self) -> str:
        return self.tr_("supervision.title")

    # ------------------------------------------------------------------ layout
    def _figures_page(self) -> QWidget:
        tr = self.tr_
        page = QWidget()
        bar = QHBoxLayout()
        self.period_buttons = {}
        for key in PERIODS:
            b = QPushButton(tr(f"supervision.{key}"))
            b.setCheckable(True)
            b.setObjectName("periodButton")
            b.clicked.connect(lambda _=False, k=key: self.show_period(k))
            bar.addWidget(b)
            self.period_buttons[key] = b
        today = QDate.currentDate()
        self.start = QDateEdit(today.addDays(-today.day() + 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        bar.addSpacing(16)
        bar.addWidget(QLabel(tr("supervision.from")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(tr("supervision.to")))
        bar.addWidget(self.end)
        show = QPushButton(tr("supervision.show"))
        show.clicked.connect(lambda: self.show_period("period"))
        bar.addWidget(show)
        bar.addStretch(1)
        self.xlsx_button = QPushButton(tr("supervision.export_xlsx"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.csv_button = QPushButton(tr("supervision.export_csv"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        for button in (self.xlsx_button, self.csv_button):
            # never squeezed below their text: the size hint counts once the theme (font, padding) is applied;
            # a width fixed at construction is measured before that (Qt 6.8 squeezed them)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            bar.addWidget(button)
        self.heading = QLabel()
        self.heading.setObjectName("header")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cards = QGridLayout()
        self.card_labels: dict[str, QLabel] = {}
        names = ("cases", "window_time", "completion", "overdue", "near", "bad_share", "follow_ups")
        for n, name in enumerate(names):
            title = QLabel(tr(f"supervision.card.{name}"))
            title.setObjectName("cardTitle")
            value = QLabel("—")
            value.setObjectName(f"card_{name}")
            value.setStyleSheet("font-size: 20px; font-weight: bold; color: %s;" % (
                "#b3261e" if name == "overdue" else "#8a5a00" if name == "near" else "#1d4f91"))
            self.cards.addWidget(title, 0, n)
            self.cards.addWidget(value, 1, n)
            self.card_labels[name] = value
        self.tabs = QTabWidget()
        self.tab_names = ("charts", "tables", "deadlines", "ratings")
        self.chart_box = QGridLayout()
        chart_page = QWidget()
        chart_page.setLayout(self.chart_box)
        self.tables_page = QWidget()
        self.tables_grid = QGridLayout(self.tables_page)
        self.deadlines_page = QWidget()
        self.deadlines_box = QVBoxLayout(self.deadlines_page)   # full width: the due date and the days stay in view
        self.ratings_page = QWidget()
        self.ratings_box = QVBoxLayout(self.ratings_page)
        self.rated_line = QLabel()
        self.follow_table = FollowUpTable(self.ctx, on_saved=self._follow_up_saved)
        for name, widget in zip(self.tab_names, (chart_page, self.tables_page, self.deadlines_page, self.ratings_page)):
            self.tabs.addTab(widget, tr(f"supervision.tab.{name}"))
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 0, 0, 0)
        v.addLayout(bar)
        v.addWidget(self.heading)
        v.addLayout(self.cards)
        v.addWidget(self.status)
        v.addWidget(self.tabs, 1)
        return page

    # ------------------------------------------------------------------ sign-in
    def activated(self, period: str | None = None, unlocked: bool = False, **_kw) -> None:
        """Shown by the host; ``unlocked`` is for the demo screenshots and tests (a signed-in supervisor)."""
        self.unlocked = self.unlocked or unlocked
        if not self.unlocked:
            self._show_sign_in()
            return
        self.pages.setCurrentIndex(1)
        self.tabs.setFocus()              # not on 今天: its focus frame would look like the chosen period
        self.show_period(period or "today")

    def _show_sign_in(self) -> None:
        from counter_app.supervisors import names

        known = names(self.ctx.data_dir)
        self.sign_in.name.clear()
        self.sign_in.name.addItems(list(known))
        self.sign_in.message.setText("" if known else self.tr_("supervision.no_supervisors"))
        self.sign_in.pin.clear()
        self.pages.setCurrentIndex(0)
        self.sign_in.pin.setFocus()

    def _unlock(self) -> None:
        from counter_app import supervisors

        name, pin = self.sign_in.name.currentText(), self.sign_in.pin.text()
        if not name or not pin:
            return

        def ok(_=None) -> None:
            self.unlocked = True
            self.activated(period="today")

        def refused(exc) -> None:
            self.sign_in.pin.clear()
            self.sign_in.message.setText(self.tr_.error(exc))

        self.ctx.ops.call(lambda: supervisors.check(self.ctx.data_dir, name, pin), name="supervisor").success(ok) \
            .failure(refused)

    # ------------------------------------------------------------------ figures
    def show_period(self, kind: str) -> None:
        from counter_app.services.supervision import period_days

        today = dt.date.today()
        if kind == "period":
            start, end = self.start.date().toPython(), self.end.date().toPython()
            if end < start:
                start, end = end, start
        else:
            start, end = period_days(kind, today)
            self.start.setDate(QDate(start))
            self.end.setDate(QDate(end))
        for key, b in self.period_buttons.items():
            b.setChecked(key == kind)
        self.status.setText(self.tr_("supervision.loading"))
        ctx = self.ctx

        def read(store):
            from counter_app.services.supervision import collect

            return collect(store=store, start=start, end=end, calendar=ctx.calendar,
                           rating_minutes=ctx.settings.evaluation.rating_minutes,
                           warn_days=ctx.settings.deadline_warn_days, settings=ctx.settings)

        ctx.ops.write(read, name="supervision").success(self.show_report) \
            .failure(lambda exc: self.status.setText(self.tr_.error(exc)))

    def show_report(self, report) -> None:
        from counter_app.services.supervision_export import tables

        tr = self.tr_
        self.report = report
        self.status.setText("")
        self.heading.setText(tr("supervision.heading", start=report.start.isoformat(), end=report.end.isoformat(),
                                cases=report.cases))
        w, c = report.window_seconds, report.completion_days
        none = tr("supervision.none")
        fmt = lambda v, scale=1: f"{v / scale:.1f}" if v is not None else none  # noqa: E731
        values = {
            "cases": str(report.cases),
            "window_time": tr("supervision.minutes", avg=fmt(w.average, 60), p90=fmt(w.p90, 60)),
            "completion": tr("supervision.days", avg=fmt(c.average), p90=fmt(c.p90)),
            "overdue": str(len(report.overdue)), "near": str(len(report.near)),
            "bad_share": f"{report.bad_share:.1%}" if report.bad_share is not None else none,
            "follow_ups": str(len(report.follow_ups)),
        }
        for name, text in values.items():
            self.card_labels[name].setText(text)
        _clear(self.chart_box)
        for n, make in enumerate(charts.CHARTS):
            self.chart_box.addWidget(make(report, tr), n // 2, n % 2)
        for n in range(2):
            self.chart_box.setRowStretch(n, 1)          # four charts of one size
            self.chart_box.setColumnStretch(n, 1)
        named = {t.name: t for t in tables(report, tr)}
        _clear(self.tables_grid)
        for n, name in enumerate(("by_department", "by_item", "by_window", "by_clerk")):
            self.tables_grid.addWidget(ReportTable(named[name], tr), n // 2 if n < 2 else 1, n % 2 if n < 2 else n - 2)
        self.tables_grid.setRowStretch(0, 3)
        self.tables_grid.setRowStretch(1, 1)
        _clear(self.deadlines_box)
        self.deadlines_box.addWidget(deadline_table(named["overdue"], tr, "red"), 3)      # the red ones first, larger
        self.deadlines_box.addWidget(deadline_table(named["near"], tr, "yellow"), 2)
        _clear(self.ratings_box, keep=(self.rated_line, self.follow_table))
        share = f"{report.bad_share:.1%}" if report.bad_share is not None else none
        self.rated_line.setText(tr("supervision.rated_line", rated=report.rated, bad=report.bad, share=share,
                                   unrated=report.unrated))
        self.ratings_box.addWidget(self.rated_line)
        top = QWidget()
        row = QHBoxLayout(top)
        row.setContentsMargins(0, 0, 0, 0)
        levels = ReportTable(named["ratings"], tr)
        levels.fit_rows()
        row.addWidget(levels, 2)
        row.addWidget(ReportTable(named["ratings_by_clerk"], tr), 5)
        self.ratings_box.addWidget(top)
        self.follow_table.show_rows(report.follow_ups, named["follow_ups"])
        self.ratings_box.addWidget(self.follow_table, 1)

    def _follow_up_saved(self, number: str) -> None:
        self.status.setText(self.tr_("supervision.follow_up_saved", number=number))
        if self.report is not None:
            self.show_period(next((k for k, b in self.period_buttons.items() if b.isChecked()), "period"))

    # ------------------------------------------------------------------ export
    def export(self, kind: str, target: str | None = None) -> None:
        """Write the shown report as a workbook or CSV folder (``target`` skips the file dialog)."""
        if self.report is None:
            return
        from counter_app.services import supervision_export as ex

        tr, report = self.tr_, self.report
        if target is None:
            stem = f"{tr('supervision.file_stem')}_{report.start:%Y%m%d}-{report.end:%Y%m%d}"
            if kind == "xlsx":
                target, _ = QFileDialog.getSaveFileName(self, tr("supervision.export_xlsx"), f"{stem}.xlsx",
                                                        "Excel (*.xlsx)")
            else:
                target = QFileDialog.getExistingDirectory(self, tr("supervision.export_csv"))
            if not target:
                return
        write = ex.write_xlsx if kind == "xlsx" else ex.write_csv
        from counter_app.services.access_log import Viewer, note_numbers

        who = Viewer.of(self.ctx.settings, self.sign_in.name.currentText() or self.ctx.clerk_login_name[0])

        def written(_=None) -> None:
            self.status.setText(tr("supervision.exported", path=target))
            self.ctx.ops.write(lambda store: note_numbers(store, "exported", ex.listed_numbers(report), who, what=kind),
                               name="export-record", owner=self)
        self.ctx.ops.network(lambda: write(report, target), name="export") \
            .success(written).failure(lambda exc: self.status.setText(tr.error(exc)))


def _clear(layout, keep=()) -> None:
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None and w not in keep:
            w.deleteLater()
