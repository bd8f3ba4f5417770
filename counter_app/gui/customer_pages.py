"""The pages of the applicant's screen: the case being worked on (items, materials in plain words,
what is missing) and the case as saved (number, QR code, promised date, with the rating beside)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from counter_app.domain import case_status as cs
from counter_app.domain import id_number
from counter_app.domain.case import GAP, MISSING, PENDING, RECEIVED, deficiency
from counter_app.domain.catalog import IMMEDIATE
from counter_app.gui.qr_widget import QrWidget

STATE_COLOURS = {"ok": "#14532d", "missing": "#b3261e", "gap": "#8a5a00", "pending": "#52606d"}


def centred_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def day_text(tr, day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if tr.language == "zh_CN" else day.strftime("%d %b %Y")


def who(tr, applicant) -> str:
    """The applicant masked as the receipt masks the ID number, and the name too: a screen across
    the counter is seen by the next in the queue as well."""
    from counter_app.domain.masking import mask_name

    if applicant is None or not (applicant.name or applicant.id_number):
        return ""
    name = mask_name(applicant.org_name or applicant.name)
    masked = id_number.mask(applicant.id_number)
    return tr("customer.applicant", name=name, id=masked) if masked else tr("customer.applicant_name", name=name)


def material_words(tr, line, check, today=None) -> tuple[str, str]:
    """(plain words, colour key) for one material's state."""
    if check.state == PENDING:
        return tr("customer.state.pending" if line.required else "customer.state.optional_pending"), "pending"
    why = deficiency(line, check, today)
    if check.state == GAP and not why:
        return tr("customer.state.gap", date=day_text(tr, check.promised_date)), "gap"
    if why == "material.needs_original":
        return tr("customer.state.needs_original"), "missing"
    if why:
        return tr("customer.state.missing"), "missing"
    if check.state in RECEIVED:
        return tr("customer.state.received"), "ok"
    if check.state == MISSING:           # optional and not brought: nothing is owed
        return tr("customer.state.optional"), "pending"
    return tr("customer.state.pending"), "pending"


class WorkingPage(QWidget):
    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.applicant = _label("applicantLine")
        self.items_title = _label("sectionTitle")
        self.items = _label("itemLine")
        self.materials_title = _label("sectionTitle")
        self.materials_title.setText(tr("customer.materials"))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("materials")
        self.table.setHorizontalHeaderLabels([tr("customer.col.material"), tr("customer.col.state")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.missing = _label("missingBox")
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.applicant)
        v.addWidget(self.items_title)
        v.addWidget(self.items)
        v.addWidget(self.materials_title)
        v.addWidget(self.table, 1)
        v.addWidget(self.missing)

    def show_draft(self, draft, applicant, catalog=None) -> None:
        tr = self.tr_
        self.applicant.setText(who(tr, applicant))
        self.applicant.setVisible(bool(self.applicant.text()))
        self.items_title.setText(tr("customer.items", count=len(draft.items)))
        lines = []
        for n, item in enumerate(draft.items, 1):
            dept = catalog.department_name(item.department) if catalog is not None else item.department
            limit = tr("customer.immediate") if item.kind == IMMEDIATE else tr("customer.promised_days",
                                                                                days=item.promised_days)
            lines.append(f"{n}. {item.name}（{dept}，{limit}）" if tr.language == "zh_CN"
                         else f"{n}. {item.name} ({dept}, {limit})")
        self.items.setText("\n".join(lines) or tr("customer.no_items"))
        self.table.setRowCount(len(draft.lines))
        owed = []
        for row, line in enumerate(draft.lines):
            check = draft.check(line.key)
            words, colour = material_words(tr, line, check)
            name = QTableWidgetItem(line.name + ("" if line.required else tr("customer.optional_suffix")))
            state = QTableWidgetItem(words)
            state.setForeground(QColor(STATE_COLOURS[colour]))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, state)
            if colour == "missing":
                owed.append(line.name + (f"：{check.remark}" if check.remark else ""))
        self.table.resizeRowsToContents()
        checked = any(draft.check(l.key).state != PENDING for l in draft.lines)
        if owed and checked:
            self.missing.setText(tr("customer.missing", count=len(owed)) + "\n" + "\n".join(f"· {o}" for o in owed))
        self.missing.setVisible(bool(owed and checked))


class CaseDonePage(QWidget):
    """The saved case on the left (number, QR, promised date), the rating on the right."""

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.outcome = _label("outcomeLine")
        self.number_title = _label("sectionTitle")
        self.number_title.setText(tr("customer.case_number"))
        self.number = _label("caseNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.qr = QrWidget()
        self.qr_hint = _label("applicantLine")
        self.qr_hint.setText(tr("customer.qr_hint"))
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.promised = _label("promised")
        left = QVBoxLayout()
        left.addWidget(self.outcome)
        left.addWidget(self.number_title)
        left.addWidget(self.number)
        left.addWidget(self.qr, 1)
        left.addWidget(self.qr_hint)
        left.addWidget(self.promised)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(32)
        self._row.addLayout(left, 2)

    def set_rating(self, panel) -> None:
        self._row.addWidget(panel, 3)

    def show_case(self, record, link: str) -> None:
        tr = self.tr_
        self.outcome.setText(tr(f"customer.outcome.{record.outcome}"))
        self.number.setText(record.number)
        self.qr.set_data(link)
        self.qr.setVisible(True)
        self.qr_hint.setVisible(True)
        if record.promised_date and record.outcome in (cs.ACCEPT, cs.ACCEPT_WITH_GAPS):
            self.promised.setText(tr("customer.promised", date=day_text(tr, record.promised_date)))
        elif record.outcome == cs.ACCEPT:
            self.promised.setText(tr("customer.done_today"))
        else:
            self.promised.setText(tr(f"customer.next.{record.outcome}"))

    def show_issued(self, number: str) -> None:
        self.outcome.setText(self.tr_("customer.issued"))
        self.number.setText(number)
        self.qr.setVisible(False)
        self.qr_hint.setVisible(False)
        self.promised.setText("")
