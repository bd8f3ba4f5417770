"""集中时段交接 (Ctrl+H): the cases waiting for the back office, today's batches, and a batch's cases.

Keyboard first, the hands on the scan field: the scanner types a sheet's or a case's barcode and
Enter; F9 makes the current slot's sheets (one per department) and prints them; F10 confirms the
selected batch received (the whole sheet when no case was scanned, else what was scanned: the
others are shown missing); Ctrl+P prints the selected batch's sheet again; ↑/↓ choose a batch;
F5 reads everything again; Esc returns to intake. Applicants' names are masked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app.domain.handover_batch import CASE_MISSING, CASE_RECEIVED, INCOMPLETE, RECEIVED
from counter_app.domain.masking import mask_name
from counter_app.gui import screen_parts as parts


class HandoverScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        tr = self.tr_
        self.day = None                   # services.handover.HandoverDay last read
        self.current: str | None = None   # the batch code shown on the right
        self.now = None                   # a fixed clock for tests and screenshots (None: the PC's)

        self.header = QLabel()
        self.header.setObjectName("header")
        self.scan = parts.scan_field(tr("handover.scan_placeholder"))
        self.scan.returnPressed.connect(self._scanned)
        self.scan.installEventFilter(parts.ArrowKeys(self))
        self.message = parts.message_line()

        self.pending = parts.table([tr("handover.col.department"), tr("handover.col.count"),
                                    tr("handover.col.waiting")], stretch=0)
        self.batches = parts.table([tr("handover.col.batch"), tr("handover.col.department"),
                                    tr("handover.col.slot"), tr("handover.col.count"),
                                    tr("handover.col.state")], stretch=1)
        self.cases = parts.table([tr("handover.col.n"), tr("handover.col.number"), tr("handover.col.items"),
                                  tr("handover.col.applicant"), tr("handover.col.promised"),
                                  tr("handover.col.received")], stretch=2)
        for t in (self.pending, self.batches, self.cases):
            t.setFocusPolicy(Qt.FocusPolicy.NoFocus)       # the keyboard stays on the scan field
        self.batches.itemSelectionChanged.connect(self._batch_clicked)

        pending_box = QGroupBox(tr("handover.pending_title"))
        pv = QVBoxLayout(pending_box)
        self.pending_hint = parts.hints("")
        pv.addWidget(self.pending, 1)
        pv.addWidget(self.pending_hint)
        batches_box = QGroupBox(tr("handover.batches_title"))
        QVBoxLayout(batches_box).addWidget(self.batches)
        self.cases_box = QGroupBox(tr("handover.cases_title"))
        cv = QVBoxLayout(self.cases_box)
        self.batch_summary = QLabel()
        self.batch_summary.setWordWrap(True)
        cv.addWidget(self.batch_summary)
        cv.addWidget(self.cases, 1)

        right = parts.split(Qt.Orientation.Vertical, (batches_box, 2), (self.cases_box, 3))
        body = parts.split(Qt.Orientation.Horizontal, (pending_box, 2), (right, 5))

        scan_row = QHBoxLayout()
        scan_label = QLabel(tr("handover.scan_label"))
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan, 1)
        for text, slot in ((tr("handover.button_make"), self.make_sheets), (tr("handover.button_confirm"), self.confirm)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            scan_row.addWidget(button)
        parts.frame(self, header=self.header, row=scan_row, message=self.message, body=body,
                    keys_text=tr("handover.keys"), focus=self.scan)
        parts.keys(self, {"F9": self.make_sheets, "F10": self.confirm, "Ctrl+P": self.print_again,
                          "F5": self.refresh})

    # ---------------------------------------------------------------- screen host
    def title(self) -> str:
        return self.tr_("screen.handover")

    def activated(self, **_kwargs) -> None:
        self.refresh()
        self.scan.setFocus()

    def _now(self) -> dt.datetime:
        return self.now or dt.datetime.now()

    # ---------------------------------------------------------------- reading
    def refresh(self, then=None) -> None:
        from counter_app.services.handover import overview

        ctx = self.ctx
        ctx.ops.write(lambda store: overview(store=store, settings=ctx.settings, now=self._now()),
                      name="handover overview") \
            .success(lambda day: self._show(day, then)).failure(self._failed)

    def _show(self, day, then=None) -> None:
        tr = self.tr_
        self.day = day
        self.header.setText(tr("handover.header", slot=day.slot, slots=tr.join(day.slots)))
        parts.fill(self.pending, [[p.department_name, str(len(p.cases)),
                                   tr("handover.waits_next") if p.waits else tr("handover.goes_now", slot=day.slot)]
                                  for p in day.pending],
                   [parts.WAIT_ROW if p.waits else None for p in day.pending])
        ready = sum(len(p.cases) for p in day.pending if not p.waits)
        self.pending_hint.setText(tr("handover.pending_hint", n=ready, slot=day.slot) if ready
                                  else tr("handover.nothing_pending"))
        batches = self._all_batches()
        parts.fill(self.batches, [[b.code, b.department_name, f"{b.day:%m-%d} {b.slot}", str(len(b.cases)),
                                   self._state_text(b)] for b in batches],
                   [parts.BAD_ROW if b.state == INCOMPLETE else parts.OK_ROW if b.state == RECEIVED else None
                    for b in batches])
        if self.current is None and batches:
            self.current = next((b.code for b in reversed(batches) if not b.confirmed), batches[-1].code)
        self._show_batch()
        if then is not None:
            then()

    def _all_batches(self):
        return [*self.day.open_before, *self.day.batches, *self.day.received_here] if self.day else []

    def _batch(self, code: str | None):
        return next((b for b in self._all_batches() if b.code == code), None)

    def _state_text(self, batch) -> str:
        if batch.state == INCOMPLETE:
            return self.tr_("handover.state.incomplete", n=len(batch.missing))
        if batch.state == RECEIVED:
            return self.tr_("handover.state.received")
        return self.tr_("handover.state.sent", scanned=batch.scanned, n=len(batch.cases))

    def _show_batch(self) -> None:
        tr = self.tr_
        batch = self._batch(self.current)
        rows = [n for n, b in enumerate(self._all_batches()) if b.code == self.current]
        self.batches.blockSignals(True)
        self.batches.clearSelection()
        if rows:
            self.batches.selectRow(rows[0])
        self.batches.blockSignals(False)
        if batch is None:
            self.cases_box.setTitle(tr("handover.cases_title"))
            self.batch_summary.setText(tr("handover.no_batch"))
            parts.fill(self.cases, [])
            return
        self.cases_box.setTitle(tr("handover.cases_of", code=batch.code))
        self.batch_summary.setText(tr("handover.batch_summary", department=batch.department_name,
                                      n=len(batch.cases), state=self._state_text(batch)))

        def mark(c) -> str:
            if c.state == CASE_MISSING:
                return tr("handover.case.missing")
            if c.state == CASE_RECEIVED:
                return tr("handover.case.received")
            return tr("handover.case.scanned") if c.scanned else tr("handover.case.waiting")

        parts.fill(self.cases, [[str(n), c.number, tr.join(c.items), mask_name(c.applicant),
                                 f"{c.promised_date:%Y-%m-%d}" if c.promised_date else "—", mark(c)]
                                for n, c in enumerate(batch.cases, 1)],
                   [parts.BAD_ROW if c.state == CASE_MISSING else parts.OK_ROW if c.scanned or c.state == CASE_RECEIVED
                    else None for c in batch.cases])

    def _batch_clicked(self) -> None:
        rows = self.batches.selectionModel().selectedRows()
        batches = self._all_batches()
        if rows and rows[0].row() < len(batches):
            self.current = batches[rows[0].row()].code
            self._show_batch()
        self.scan.setFocus()

    def move_selection(self, step: int) -> None:
        batches = self._all_batches()
        if not batches:
            return
        codes = [b.code for b in batches]
        at = codes.index(self.current) if self.current in codes else -1
        self.current = codes[max(0, min(len(codes) - 1, at + step))]
        self._show_batch()

    def _failed(self, exc: BaseException) -> None:
        parts.say(self.message, self.tr_.error(exc), "bad")

    # ---------------------------------------------------------------- scanning
    def _scanned(self) -> None:
        from counter_app.services.handover import scan

        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        ctx, current = self.ctx, self.current
        ctx.ops.write(lambda store: scan(store=store, settings=ctx.settings, text=text, current=current,
                                         now=self._now()), name="handover scan") \
            .success(self._after_scan).failure(self._failed)

    def _after_scan(self, result) -> None:
        from counter_app.services import handover as svc

        tr = self.tr_
        if result.batch is not None:
            self.current = result.batch.code
        if result.kind == svc.UNKNOWN:
            parts.say(self.message, tr("handover.scan_unknown", text=result.text), "bad")
        elif result.kind == svc.NOT_ON_BATCH:
            parts.say(self.message, tr("handover.scan_not_on_batch", number=result.number), "warn")
        elif result.kind == svc.BATCH:
            b = result.batch
            key = "handover.scan_batch_done" if b.confirmed else "handover.scan_batch"
            parts.say(self.message, tr(key, code=b.code, n=len(b.cases), scanned=b.scanned,
                                       state=self._state_text(b)), "ok")
        else:
            b = result.batch
            if result.confirmed_now:
                self._say_confirmed(b)
            elif result.again:
                parts.say(self.message, tr("handover.scan_again", number=result.number), "warn")
            else:
                parts.say(self.message, tr("handover.scan_case", number=result.number, scanned=b.scanned,
                                           n=len(b.cases), code=b.code), "ok")
        self.refresh()

    def _say_confirmed(self, batch) -> None:
        tr = self.tr_
        if batch.missing:
            parts.say(self.message, tr("handover.confirmed_missing", code=batch.code, n=len(batch.missing),
                                       numbers=tr.join(c.number for c in batch.missing)), "bad")
        else:
            parts.say(self.message, tr("handover.confirmed_all", code=batch.code, n=len(batch.cases)), "ok")

    # ---------------------------------------------------------------- actions
    def confirm(self) -> None:
        from counter_app.services.handover import confirm

        batch = self._batch(self.current)
        if batch is None:
            parts.say(self.message, self.tr_("handover.no_batch"), "warn")
            return
        if batch.confirmed:
            parts.say(self.message, self.tr_("handover.already_confirmed", code=batch.code), "warn")
            return
        ctx, code = self.ctx, batch.code
        ctx.ops.write(lambda store: confirm(store=store, settings=ctx.settings, code=code, now=self._now()),
                      name="handover confirm") \
            .success(lambda b: (self._say_confirmed(b), self.refresh())).failure(self._failed)

    def make_sheets(self) -> None:
        from counter_app.services.handover import make_handover

        ctx = self.ctx

        def made(sheet) -> None:
            from counter_app.documents.printing import Prepared

            self.current = sheet.batches[0].code if sheet.batches else self.current
            parts.say(self.message, self.tr_("handover.made_batches", n=len(sheet.batches), cases=len(sheet.cases),
                                             slot=sheet.batches[0].slot), "ok")
            parts.paper_out(self.host.window, ctx, sheet.batch,
                            [Prepared("handover", f"交接单 {sheet.batch}", sheet.path, sheet.pdf)])
            self.refresh()
            self.scan.setFocus()

        ctx.ops.write(lambda store: make_handover(store=store, settings=ctx.settings, data_dir=ctx.data_dir,
                                                  now=self._now()), name="handover sheets") \
            .success(made).failure(self._failed)

    def print_again(self) -> None:
        from counter_app.services.handover import batch_sheet

        batch = self._batch(self.current)
        if batch is None:
            return
        ctx, code = self.ctx, batch.code

        def printed(path) -> None:
            from counter_app.documents.archive import read_path
            from counter_app.documents.printing import Prepared

            parts.paper_out(self.host.window, ctx, code, [Prepared("handover", f"交接单 {code}", path,
                                                                   read_path(path))])     # unsealed
            parts.say(self.message, self.tr_("handover.printed_again", code=code), "ok")

        ctx.ops.write(lambda store: batch_sheet(store=store, settings=ctx.settings, data_dir=ctx.data_dir,
                                                code=code), name="handover reprint") \
            .success(printed).failure(self._failed)


def build(ctx, host) -> HandoverScreen:
    return HandoverScreen(ctx, host)
