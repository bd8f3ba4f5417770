"""One case: what it is, its deadlines, its whole event history, and the steps a clerk may take
now (keys 1–9, each asking for the reason where one is needed). Esc returns to the case list,
whose second page this is.

The state shown is derived from the events (``domain.lifecycle``); a step is written on the
writer thread by ``services.lifecycle.transition`` with the state this screen showed, so a case
another window moved meanwhile is refused instead of changed blind.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QPlainTextEdit, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from counter_app.domain import case_status as cs
from counter_app.domain import deadlines as dl
from counter_app.domain import id_number
from counter_app.domain import lifecycle
from counter_app.gui.case_list_screen import days_left, deadline_text
from counter_app.gui.outcome_dialogs import ok_cancel
from counter_app.services import lifecycle_view as lv
from counter_app.services.lifecycle import transition

HISTORY = ("at", "event", "state", "clerk", "window", "note")
PER_ROW = 5


class StepDialog(QDialog):
    """The reason for a step (required where the law wants one) and what the step needs:
    the kind of special procedure, or which owed material was brought."""

    def __init__(self, tr, kind: str, detail: lv.CaseDetail, parent=None) -> None:
        super().__init__(parent)
        self._tr, self.kind = tr, kind
        self.setWindowTitle(tr(f"lifecycle.do.{kind}"))
        form = QFormLayout()
        self.choice = None
        if kind == cs.SUSPEND:
            self.choice = QComboBox()
            for p in lifecycle.PROCEDURES:
                self.choice.addItem(tr(lifecycle.procedure_label(p)), p)
            form.addRow(tr("case.procedure"), self.choice)
        elif kind == cs.GAP_DELIVERED:
            self.choice = QComboBox()
            for key, name, day in detail.gap_names:
                self.choice.addItem(name + tr("case.paren", text=tr("case.gap_by", day=day.isoformat())), key)
            form.addRow(tr("case.material"), self.choice)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        needed = kind in lifecycle.NEEDS_REASON
        self.reason.setPlaceholderText(tr("case.reason_needed" if needed else "case.reason_optional"))
        form.addRow(tr("case.reason"), self.reason)
        self.error = QLabel()
        self.error.setObjectName("hint")
        self.error.setWordWrap(True)
        note = QLabel(tr("case.step_note", state=tr(lifecycle.state_label(detail.life.state)),
                         after=tr(lifecycle.state_label(lifecycle.target(detail.life, kind)))))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(tr, self, self._ok))
        self.resize(560, 300)
        (self.choice or self.reason).setFocus()

    def payload(self) -> dict:
        if self.kind == cs.SUSPEND:
            return {"procedure": self.choice.currentData()}
        if self.kind == cs.GAP_DELIVERED:
            return {"material": self.choice.currentData()}
        return {}

    def _ok(self) -> None:
        if self.kind in lifecycle.NEEDS_REASON and not self.reason.toPlainText().strip():
            self.error.setText(self._tr("lifecycle.reason_needed", event=lifecycle.event_label(self.kind)))
            self.error.setProperty("state", "bad")
            self.error.style().polish(self.error)
            self.reason.setFocus()
            return
        self.accept()


class CaseDetailScreen(QWidget):
    def __init__(self, ctx, host, *, back) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        self.back = back
        tr = self.tr_
        self.number = ""
        self.detail: lv.CaseDetail | None = None
        self.loaded = 0
        self.header = QLabel()
        self.header.setObjectName("header")
        self.state_label = QLabel()
        self.state_label.setObjectName("caseState")
        self.state_label.setStyleSheet("font-size: 18px; font-weight: bold; color: #1d4f91; padding: 2px 10px;")
        back = QPushButton(tr("case.back"))
        back.clicked.connect(lambda: self.back())
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.state_label)
        top.addWidget(back)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.deadline_banner = QLabel()
        self.deadline_banner.setObjectName("banner")
        self.deadline_banner.setWordWrap(True)
        self.deadline_banner.setVisible(False)

        info = QGroupBox(tr("case.info"))
        self.form = QFormLayout(info)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QLabel] = {}
        for key in ("applicant", "id", "items", "departments", "taken", "promised", "legal", "stopped", "gaps",
                    "delivery"):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.form.addRow(tr(f"case.field.{key}"), value)
        history = QGroupBox(tr("case.history"))
        self.events = QTableWidget(0, len(HISTORY))
        self.events.setObjectName("caseEvents")
        self.events.setHorizontalHeaderLabels([tr(f"case.col.{c}") for c in HISTORY])
        self.events.verticalHeader().setVisible(False)
        self.events.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events.setWordWrap(True)
        self.events.setTabKeyNavigation(False)
        head = self.events.horizontalHeader()
        for n, c in enumerate(HISTORY):
            head.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch if c == "note"
                                      else QHeaderView.ResizeMode.ResizeToContents)
        hv = QVBoxLayout(history)
        hv.addWidget(self.events)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(info)
        body.addWidget(history)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([500, 860])            # the facts on one line each at 1366 px

        self.actions_box = QGroupBox(tr("case.actions"))
        self.actions_row = QGridLayout(self.actions_box)      # five a row: nine steps fit 1366 px
        self.actions_row.setColumnStretch(PER_ROW, 1)         # few steps keep their own width
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.deadline_banner)
        layout.addWidget(body, 1)
        layout.addWidget(self.actions_box)
        ctx_ = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=lambda: self.back(), context=ctx_)
        QShortcut(QKeySequence("F5"), self, activated=self.reload, context=ctx_)
        for n in range(1, 10):
            QShortcut(QKeySequence(str(n)), self, activated=lambda n=n: self._press(n - 1), context=ctx_)

    def title(self) -> str:
        return self.number or self.tr_("screen.case")

    def open(self, number: str) -> None:
        if number != self.number:
            self.number = number
            self.detail = None
            self._banner(self.banner, "", "ok")
        self.reload()
        self.setFocus()

    # ---------------------------------------------------------------- loading
    def reload(self) -> None:
        ctx, number = self.ctx, self.number
        ctx.ops.write(lambda store: lv.case_detail(store=store, settings=ctx.settings, calendar=ctx.calendar,
                                                   number=number), owner=self) \
            .success(self.show_detail).failure(self._not_found)

    def _not_found(self, exc: BaseException) -> None:
        self.loaded += 1
        self.detail = None
        self.header.setText(self.tr_("case.header", number=self.number))
        self.state_label.setText("")
        self.events.setRowCount(0)
        self._set_actions(())
        self._banner(self.banner, self.tr_.error(exc), "bad")

    @staticmethod
    def _banner(label: QLabel, text: str, state: str) -> None:
        label.setText(text)
        label.setProperty("state", state)
        label.style().polish(label)
        label.setVisible(bool(text))

    def show_detail(self, detail: lv.CaseDetail) -> None:
        tr, rec, life, d = self.tr_, detail.record, detail.life, detail.deadline
        self.detail = detail
        self.header.setText(tr("case.header", number=rec.number))
        self.state_label.setText(tr(lifecycle.state_label(life.state)))
        a = rec.applicant
        f = self.fields
        f["applicant"].setText((a.org_name or lv.masked_name(a.name)) + (
            tr("case.paren", text=tr("case.applicant_broken", n=len(detail.applicant_broken),
                                     numbers=tr.join(detail.applicant_broken)))
            if detail.applicant_broken else ""))
        f["id"].setText(a.credit_code if a.org_name else id_number.mask(a.id_number))
        f["items"].setText(tr.join(i.name for i in rec.items))
        f["departments"].setText(tr.join(rec.department_name(c) for c in dict.fromkeys(i.department for i in rec.items)))
        f["taken"].setText(tr("case.taken", at=f"{rec.created_at:%Y-%m-%d %H:%M}", window=rec.window, clerk=rec.clerk))
        due, left = deadline_text(tr, d)
        f["promised"].setText(f"{d.due.isoformat()}  {days_left(tr, d.days_left)}" if d.due else (
            rec.promised_date.isoformat() if rec.promised_date else tr("case.none")))
        f["legal"].setText(d.legal_due.isoformat() if d.legal_due else tr("case.none"))
        f["stopped"].setText("\n".join(
            tr("case.stop", procedure=tr(lifecycle.procedure_label(st.procedure)), start=st.start.isoformat(),
               end=st.end.isoformat() if st.end else tr("case.stop_running")) for st in life.stops)
            + (f"\n{tr('cases.stopped', n=d.stopped_days)}" if life.stops else "") or tr("case.none"))
        f["gaps"].setText("\n".join(
            name + tr("case.sep.colon") + tr("case.gap_by", day=day.isoformat())
            + (f"  {tr('case.gap_late')}" if key in d.overdue_gaps else "")
            for key, name, day in detail.gap_names) or tr("case.none"))
        f["delivery"].setText(tr(f"case.delivery.{rec.delivery}"))
        self._show_events(detail)
        self._show_deadline(detail, due)
        self._set_actions(detail.actions)
        self.loaded += 1

    def _show_deadline(self, detail: lv.CaseDetail, due: str) -> None:
        tr, d, parts = self.tr_, detail.deadline, []
        if d.broken_promise:
            late = [name + tr("case.paren", text=tr("case.gap_by", day=day.isoformat()))
                    for key, name, day in detail.gap_names if key in d.overdue_gaps]
            parts.append(tr("deadline.broken_promise") + tr("case.sep.colon") + tr.join(late))
        if d.deemed_accepted:
            parts.append(tr("deadline.deemed_accepted") + tr("case.paren", text=tr("cases.notice_due",
                                                                                   day=d.notice_due.isoformat())))
        elif d.notice_due:
            parts.append(tr("case.notice_timer", day=d.notice_due.isoformat(), left=days_left(tr, d.days_left)))
        if d.correcting:
            parts.append(tr("case.correcting"))
        if d.due and d.days_left is not None and d.days_left < 0:
            parts.append(tr("case.banner.overdue", n=-d.days_left, day=d.due.isoformat()))
        elif d.due and d.colour == dl.YELLOW:
            parts.append(tr("case.banner.near", left=days_left(tr, d.days_left), day=d.due.isoformat()))
        if d.uncovered_years:
            parts.append(tr("deadline.uncovered", years=", ".join(map(str, d.uncovered_years))))
        state = {dl.RED: "bad", dl.YELLOW: "warn"}.get(d.colour, "warn" if parts else "ok")
        self._banner(self.deadline_banner, "\n".join(parts), state)

    def _show_events(self, detail: lv.CaseDetail) -> None:
        tr = self.tr_
        names = {m.line.key: m.line.name for m in detail.record.materials}
        self.events.setRowCount(len(detail.events))
        life = lifecycle.CaseLife()
        for row, e in enumerate(detail.events):
            life = lifecycle.apply(life, e)
            p = e.payload
            note = [str(p.get("reason", ""))]
            if p.get("procedure"):
                note.insert(0, tr(lifecycle.procedure_label(str(p["procedure"]))))
            if p.get("material"):
                note.insert(0, names.get(str(p["material"]), str(p["material"])))
            if p.get("gaps"):
                note.append(tr("case.gaps_promised", n=len(p["gaps"])))
            if p.get("promised_date"):
                note.append(tr("case.promised_done", day=p["promised_date"]))
            if p.get("deemed_from"):
                note.append(tr("case.deemed_from", day=p["deemed_from"]))
            values = (f"{e.at:%Y-%m-%d %H:%M}", tr(lifecycle.event_label(e.kind)),
                      tr(lifecycle.state_label(life.state)), e.clerk, e.window,
                      tr("case.sep.notes").join(filter(None, note)))
            for col, text in enumerate(values):
                self.events.setItem(row, col, QTableWidgetItem(text))
        self.events.resizeRowsToContents()
        self.events.scrollToBottom()

    # ---------------------------------------------------------------- steps
    def _set_actions(self, kinds) -> None:
        tr = self.tr_
        for b in self.buttons:
            b.deleteLater()
        self.buttons = []
        while self.actions_row.count():
            item = self.actions_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        issuing = "issuing" in self.host.specs
        for n, kind in enumerate(k for k in kinds if not (k == cs.ISSUE and issuing)):
            if n >= 9:
                break
            b = QPushButton(f"{n + 1}  {tr(f'lifecycle.do.{kind}')}")
            b.setObjectName(f"step_{kind}")
            b.setProperty("kind", kind)
            b.clicked.connect(lambda _=False, k=kind: self.step(k))
            self.actions_row.addWidget(b, n // PER_ROW, n % PER_ROW)
            self.buttons.append(b)
        row = (len(self.buttons) + PER_ROW - 1) // PER_ROW
        if cs.ISSUE in kinds and issuing:
            hint = QLabel(tr("case.issue_at_f8"))
            hint.setObjectName("hint")
            self.actions_row.addWidget(hint, row, 0, 1, PER_ROW)
        if not self.buttons:
            none = QLabel(tr("case.no_actions"))
            none.setObjectName("hint")
            self.actions_row.addWidget(none, row, 0, 1, PER_ROW)

    def _press(self, index: int) -> None:
        if 0 <= index < len(self.buttons):
            self.step(self.buttons[index].property("kind"))

    def step(self, kind: str, *, dialog: StepDialog | None = None) -> None:
        """Asks for the step's reason (and choice) and writes it; ``dialog`` (tests) is one already filled."""
        detail = self.detail
        if detail is None:
            return
        dialog = dialog or StepDialog(self.tr_, kind, detail, self)
        if dialog.result() != QDialog.DialogCode.Accepted and dialog.exec() != QDialog.DialogCode.Accepted:
            self.setFocus()
            return
        ctx, number, state = self.ctx, detail.record.number, detail.life.state
        reason, payload = dialog.reason.toPlainText().strip(), dialog.payload()
        s = ctx.settings
        ctx.ops.write(lambda store: transition(store, number, kind, who=s.clerk, window=s.window, hall=s.hall.code,
                                               reason=reason, payload=payload, at=dt.datetime.now(),
                                               expected=state, calendar=ctx.calendar), owner=self) \
            .success(lambda life: self._stepped(kind, life)).failure(self._refused)

    def _stepped(self, kind: str, life) -> None:
        tr = self.tr_
        self._banner(self.banner, tr("case.step_done", event=tr(lifecycle.event_label(kind)),
                                     state=tr(lifecycle.state_label(life.state))), "ok")
        self.reload()
        self.setFocus()

    def _refused(self, exc: BaseException) -> None:
        self._banner(self.banner, self.tr_.error(exc), "bad")
        self.reload()

