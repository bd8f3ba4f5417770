"""统一出件 (F8): any window hands out any case's result, or posts it.

Keyboard first, the hands on the search field: scan the receipt's barcode or type the case number
(or its end) and Enter, or place the applicant's ID card; ↑/↓ choose among several cases. With a
case ready (待出件) the collector places their card: the applicant's own, or an agent's (then F6:
the written authorisation, noted). F2 types the collector by hand instead. F9 hands it over and
prints the 送达回执; F10 opens the posting form (recipient, phone, address, courier, the waybill's
barcode scanned into the tracking number) and F10 again posts it. Ctrl+P prints the 送达回执
again. A case not ready says its state and when it is due. Names and ID numbers are masked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from counter_app.domain import id_number
from counter_app.domain.case import POST
from counter_app.domain.deadlines import RED, YELLOW
from counter_app.domain.issuing import AGENT, COURIERS, Collector, Posting, role_of
from counter_app.domain.masking import mask_name
from counter_app.gui import screen_parts as parts
from counter_app.gui.id_field import IdNumberField


class IssuingScreen(QWidget):
    def __init__(self, ctx, host) -> None:
        super().__init__()
        self.ctx, self.host, self.tr_ = ctx, host, ctx.tr
        tr = self.tr_
        self.found = []                  # services.issuing.IssueCase, as last found
        self.current = None              # the IssueCase shown
        self.card_read = False           # the collector's fields came from the card
        self.today = None                # a fixed day for tests and screenshots (None: the PC's)

        self.header = QLabel(tr("issuing.header"))
        self.header.setObjectName("header")
        self.search = parts.scan_field(tr("issuing.search_placeholder"))
        self.search.returnPressed.connect(self._search)
        self.search.installEventFilter(parts.ArrowKeys(self))
        self.message = parts.message_line()

        self.results = parts.table([tr("issuing.col.number"), tr("issuing.col.items"), tr("issuing.col.applicant"),
                                    tr("issuing.col.state"), tr("issuing.col.due")], stretch=1)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemSelectionChanged.connect(self._row_clicked)
        results_box = QGroupBox(tr("issuing.results_title"))
        QVBoxLayout(results_box).addWidget(self.results)

        self.case_title = QLabel()
        self.case_title.setObjectName("header")
        self.case_info = QLabel()
        self.case_info.setWordWrap(True)
        self.readiness = QLabel()
        self.readiness.setObjectName("banner")
        self.readiness.setWordWrap(True)

        self.collector_box = QGroupBox(tr("issuing.collector_title"))
        form = QFormLayout(self.collector_box)
        self.collector_hint = parts.hints(tr("issuing.collector_hint"))
        self.collector_name = QLineEdit()
        self.collector_id = IdNumberField()
        self.collector_role = QLabel()
        self.collector_role.setObjectName("hint")
        self.authorisation = QLineEdit()
        self.authorisation.setPlaceholderText(tr("issuing.authorisation_placeholder"))
        form.addRow(self.collector_hint)
        form.addRow(tr("issuing.collector_name"), self.collector_name)
        form.addRow(tr("issuing.collector_id"), self.collector_id)
        form.addRow(tr("issuing.collector_role"), self.collector_role)
        form.addRow(tr("issuing.authorisation"), self.authorisation)
        self.collector_name.textEdited.connect(self._typed_collector)
        self.collector_id.textEdited.connect(self._typed_collector)

        self.post_box = QGroupBox(tr("issuing.post_title"))
        pf = QFormLayout(self.post_box)
        self.recipient, self.phone, self.address = QLineEdit(), QLineEdit(), QLineEdit()
        self.postcode, self.tracking = QLineEdit(), QLineEdit()
        self.courier = QComboBox()
        for key in COURIERS:
            self.courier.addItem(tr(f"issuing.courier.{key}"), key)
        self.tracking.setPlaceholderText(tr("issuing.tracking_placeholder"))
        self.tracking.returnPressed.connect(self.post)        # the waybill's barcode ends with Enter
        self.tracking.textChanged.connect(self._guess_courier)
        for label, widget in (("issuing.recipient", self.recipient), ("issuing.phone", self.phone),
                              ("issuing.address", self.address), ("issuing.postcode", self.postcode),
                              ("issuing.courier", self.courier), ("issuing.tracking", self.tracking)):
            pf.addRow(tr(label), widget)
        self.post_box.setVisible(False)

        self.hand_button = QPushButton(tr("issuing.button_hand_over"))
        self.hand_button.setObjectName("outcome_accept")
        self.post_button = QPushButton(tr("issuing.button_post"))
        self.post_button.setObjectName("outcome_notice")
        for b, slot in ((self.hand_button, self.hand_over), (self.post_button, self.post)):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(slot)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.post_button)
        buttons.addWidget(self.hand_button)

        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.addWidget(self.case_title)
        dv.addWidget(self.case_info)
        dv.addWidget(self.readiness)
        dv.addWidget(self.collector_box)
        dv.addWidget(self.post_box)
        dv.addStretch(1)
        dv.addLayout(buttons)
        body = parts.split(Qt.Orientation.Horizontal, (results_box, 5), (detail, 4))

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("issuing.search_label")))
        row.addWidget(self.search, 1)
        parts.frame(self, header=self.header, row=row, message=self.message, body=body, keys_text=tr("issuing.keys"),
                    focus=self.search)
        parts.keys(self, {"F9": self.hand_over, "F10": self.post, "F2": self.collector_name.setFocus,
                          "F6": self.authorisation.setFocus, "Ctrl+P": self.print_again})
        self._show_case(None)

    # ---------------------------------------------------------------- screen host
    def title(self) -> str:
        return self.tr_("screen.issuing")

    def activated(self, case_number: str | None = None, **_kwargs) -> None:
        if case_number:
            self.find(case_number)
        self.search.setFocus()
        self.search.selectAll()

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # ---------------------------------------------------------------- finding
    def _search(self) -> None:
        text = self.search.text().strip()
        self.search.clear()
        if text:
            self.find(text)

    def find(self, text: str, *, card=None, keep_message: bool = False) -> None:
        from counter_app.services.issuing import find

        ctx, today = self.ctx, self._today()
        ctx.ops.write(lambda store: find(store=store, settings=ctx.settings, calendar=ctx.calendar, text=text,
                                         today=today), name="issuing find") \
            .success(lambda found: self._found(found, text, card, keep_message)).failure(self._failed)

    def _found(self, found, text: str, card, keep_message: bool = False) -> None:
        tr = self.tr_
        self.found = list(found)
        rows, colours = [], []
        for c in self.found:
            rows.append([c.record.number, tr.join(i.name for i in c.record.items),
                         mask_name(c.record.applicant.org_name or c.record.applicant.name), self._state(c),
                         f"{c.due:%Y-%m-%d}" if c.due else "—"])
            colours.append(parts.OK_ROW if c.ready else None if c.issued else self._colour(c))
        parts.fill(self.results, rows, colours)
        if not self.found:
            key = "issuing.nothing_for_card" if card is not None else "issuing.nothing_found"
            parts.say(self.message, tr(key, text=text if card is None else id_number.mask(text)), "warn")
            self._show_case(None)
            return
        if not keep_message:
            parts.say(self.message, tr("issuing.found", n=len(self.found)) if len(self.found) > 1 else "", "ok")
        self._select(0)
        if card is not None and self.current is not None:
            self._fill_collector(card)

    def _colour(self, c):
        return {RED: parts.BAD_ROW, YELLOW: parts.WAIT_ROW}.get(c.deadline.colour)

    def _state(self, c) -> str:
        from counter_app.domain.lifecycle import state_label

        return self.tr_(state_label(c.state))

    def _select(self, row: int) -> None:
        self.results.blockSignals(True)
        self.results.selectRow(row)
        self.results.blockSignals(False)
        self._show_case(self.found[row])

    def _row_clicked(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.found):
            self._show_case(self.found[rows[0].row()])
        self.search.setFocus()

    def move_selection(self, step: int) -> None:
        if not self.found:
            return
        at = self.found.index(self.current) if self.current in self.found else -1
        self._select(max(0, min(len(self.found) - 1, at + step)))

    def _failed(self, exc: BaseException) -> None:
        parts.say(self.message, self.tr_.error(exc), "bad")

    # ---------------------------------------------------------------- the case
    def _show_case(self, case) -> None:
        tr = self.tr_
        changed = case is None or self.current is None or case.record.number != self.current.record.number
        self.current = case
        if changed:
            self._clear_collector()
        if case is None:
            self.case_title.setText(tr("issuing.no_case"))
            self.case_info.setText(tr("issuing.how_to_find"))
            parts.say(self.readiness, "", "ok")
            self._enable(False)
            return
        r = case.record
        self.case_title.setText(tr("issuing.case_title", number=r.number))
        who = r.applicant.org_name or r.applicant.name
        self.case_info.setText(tr("issuing.case_info", items=tr.join(i.name for i in r.items),
                                  applicant=mask_name(who), id=id_number.mask(r.applicant.id_number),
                                  accepted=f"{r.created_at:%Y-%m-%d}", window=r.window))
        if case.ready:
            parts.say(self.readiness, tr("issuing.ready"), "ok")
            self._prefill_post(r)
        elif case.issued:
            how = tr("issuing.method.post" if case.issued_method == POST else "issuing.method.pickup")
            when = f"{case.issued_at:%Y-%m-%d %H:%M}" if case.issued_at else "—"
            text = tr("issuing.already_issued", when=when, window=case.issued_window, how=how)
            d = case.delivery
            if d is not None and d.posting is not None:
                text += "\n" + tr("issuing.was_posted", courier=tr(f"issuing.courier.{d.posting.courier}"),
                                   tracking=d.posting.tracking_number)
            elif d is not None and d.collector is not None:
                text += "\n" + tr(f"issuing.was_collected.{d.role}", name=mask_name(d.collector.name),
                                   id=id_number.mask(d.collector.id_number))
            parts.say(self.readiness, text, "warn")
        else:
            due = case.due
            left = case.deadline.days_left
            key = "issuing.not_ready_due" if due else "issuing.not_ready"
            text = tr(key, state=self._state(case), due=f"{due:%Y-%m-%d}" if due else "")
            if due and left is not None:
                text += tr("issuing.days_left", n=left) if left >= 0 else tr("issuing.days_over", n=-left)
            parts.say(self.readiness, text, "bad" if case.deadline.colour == RED else "warn")
        self._enable(case.ready)

    def _enable(self, ready: bool) -> None:
        """Who collects it is asked only of a result that is here."""
        self.collector_box.setVisible(ready)
        self.hand_button.setEnabled(ready)
        self.post_button.setEnabled(ready)
        if not ready:
            self.post_box.setVisible(False)

    def _clear_collector(self) -> None:
        self.card_read = False
        self.collector_name.clear()
        self.collector_id.set_value("")
        self.authorisation.clear()
        self.collector_role.setText("—")
        parts.mark(self.collector_role, "")

    def _prefill_post(self, r) -> None:
        self.recipient.setText(r.applicant.name)
        self.phone.setText(r.applicant.phone)
        self.address.setText(r.delivery_address or r.applicant.address)
        self.tracking.clear()

    # ---------------------------------------------------------------- the collector
    def on_card(self, card) -> None:
        """A card on the reader: with a ready case shown it is the collector's; else whose cases to find."""
        if self.current is not None and self.current.ready:
            self._fill_collector(card)
            return
        self.find(card.id_number, card=card)

    def _fill_collector(self, card) -> None:
        self.collector_name.setText(card.name or card.english_name or "")
        self.collector_id.set_value(card.id_number)
        self.card_read = True
        self._show_role()
        if getattr(card, "expired", False):
            parts.say(self.message, self.tr_("issuing.card_expired"), "warn")
        if self.collector_role.property("role") == AGENT:
            self.authorisation.setFocus()
        else:
            self.search.setFocus()

    def _typed_collector(self, *_args) -> None:
        self.card_read = False
        self._show_role()

    def _show_role(self) -> None:
        if self.current is None or not self.collector_id.value():
            self.collector_role.setText("—")
            parts.mark(self.collector_role, "")
            return
        role = role_of(self.current.record, self.collector_id.value())
        self.collector_role.setProperty("role", role)
        self.collector_role.setText(self.tr_("issuing.role." + role))
        parts.mark(self.collector_role, "bad" if role == AGENT else "ok")

    def _collector(self) -> Collector:
        return Collector(self.collector_name.text().strip(), self.collector_id.value(), self.card_read,
                         self.authorisation.text().strip())

    def _guess_courier(self, text: str) -> None:
        """Waybill numbers that name their courier (SF…, JD…, YT…) choose it; the clerk may change it."""
        key = next((k for prefix, k in (("SF", "sf"), ("JD", "jd"), ("YT", "yto")) if text.upper().startswith(prefix)),
                   None)
        if key is not None:
            self.courier.setCurrentIndex(self.courier.findData(key))

    # ---------------------------------------------------------------- issuing
    def hand_over(self) -> None:
        from counter_app.services.issuing import hand_over

        if self.current is None or not self.current.ready:
            return
        if self.post_box.isVisible():              # back from the posting form to the collector
            self.post_box.setVisible(False)
            self.collector_box.setVisible(True)
            parts.say(self.message, self.tr_("issuing.collector_hint"), "ok")
            return
        ctx, number, collector = self.ctx, self.current.record.number, self._collector()
        ctx.ops.write(lambda store: hand_over(store=store, settings=ctx.settings, number=number,
                                              collector=collector), name="issuing hand over") \
            .success(lambda delivery: self._issued(number, delivery)).failure(self._failed)

    def post(self) -> None:
        from counter_app.services.issuing import post

        if self.current is None or not self.current.ready:
            return
        if not self.post_box.isVisible():             # the first F10 opens the form (instead of the collector's)
            self.collector_box.setVisible(False)
            self.post_box.setVisible(True)
            self.tracking.setFocus()
            parts.say(self.message, self.tr_("issuing.post_fill"), "ok")
            return
        posting = Posting(self.recipient.text().strip(), self.phone.text().strip(), self.address.text().strip(),
                          self.courier.currentData(), self.tracking.text().strip(), self.postcode.text().strip())
        ctx, number = self.ctx, self.current.record.number
        ctx.ops.write(lambda store: post(store=store, settings=ctx.settings, number=number, posting=posting),
                      name="issuing post") \
            .success(lambda delivery: self._issued(number, delivery)).failure(self._failed)

    def _issued(self, number: str, delivery) -> None:
        key = "issuing.posted" if delivery.method == POST else \
            "issuing.handed_to_agent" if delivery.role == AGENT else "issuing.handed_over"
        parts.say(self.message, self.tr_(key, number=number), "ok")
        applicant_screen = getattr(self.host.window, "customer_screen", None)     # 好差评 of the 出件 (issue 11)
        if applicant_screen is not None and delivery.method != POST and self.current is not None:
            applicant_screen.ask_rating(self.current.record.id, number, "issue")
        self.print_again(number)
        self.find(number, keep_message=True)
        self.search.setFocus()

    def print_again(self, number: str | None = None) -> None:
        from counter_app.services.issuing import delivery_receipt

        number = number or (self.current.record.number if self.current is not None and self.current.issued else None)
        if not number:
            return
        ctx = self.ctx
        ctx.ops.write(lambda store: delivery_receipt(store=store, settings=ctx.settings, data_dir=ctx.data_dir,
                                                     number=number), name="delivery receipt") \
            .success(lambda doc: parts.paper_out(self.host.window, ctx, number, [doc])).failure(self._failed)


def build(ctx, host) -> IssuingScreen:
    return IssuingScreen(ctx, host)
