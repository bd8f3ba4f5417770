"""The applicant panel: filled from the card reader, or typed, with the ID number checked as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from counter_app.domain import credit_code as credit_codes
from counter_app.domain import id_number
from counter_app.domain.case import Agent, Applicant
from counter_app.domain.catalog import LEGAL_ENTITY, PERSON
from counter_app.gui.id_field import IdNumberField
from counter_app.domain.applicant import applicant_problem

ID_TYPES = ("resident", "hkmo_tw_permit", "foreign_2017", "foreign_2023", "other")


class ApplicantPanel(QGroupBox):
    changed = Signal()
    id_complete = Signal(str)        # a valid ID number was entered or read: look up history

    def __init__(self, tr, parent: QWidget | None = None) -> None:
        super().__init__(tr("gui.applicant"), parent)
        self.tr_ = tr
        self._expired = False
        self._photo: bytes | None = None
        self._from_card = False

        self.kind = QComboBox()
        self.kind.addItem(tr("gui.kind.person"), PERSON)
        self.kind.addItem(tr("gui.kind.legal_entity"), LEGAL_ENTITY)
        self.name = QLineEdit()
        self.id_type = QComboBox()
        for t in ID_TYPES:           # short names fit the narrow panel at 1366x768; the whole one on hover
            self.id_type.addItem(tr(f"card.type_short.{t}"), t)
            self.id_type.setItemData(self.id_type.count() - 1, tr(f"card.type.{t}"), Qt.ItemDataRole.ToolTipRole)
        self.id_number = IdNumberField()
        self.id_number.setObjectName("idNumber")
        self.id_hint = QLabel()
        self.id_hint.setObjectName("hint")
        self.id_hint.setWordWrap(True)
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.org_name = QLineEdit()
        self.credit_code = QLineEdit()
        self.card_info = QLabel()
        self.card_info.setObjectName("cardInfo")
        self.card_info.setWordWrap(True)

        self.photo = QLabel(tr("gui.photo"))
        self.photo.setObjectName("photo")
        self.photo.setAlignment(Qt.AlignCenter)
        self.photo.setFixedSize(84, 104)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignRight)
        form.addRow(tr("gui.applicant_kind"), self.kind)
        form.addRow(tr("gui.name"), self.name)
        form.addRow(tr("gui.id_type"), self.id_type)
        form.addRow(tr("gui.id_number"), self.id_number)
        form.addRow("", self.id_hint)
        self._org_rows = [(tr("gui.org_name"), self.org_name), (tr("gui.credit_code"), self.credit_code)]
        for label, w in self._org_rows:
            form.addRow(label, w)
        form.addRow(tr("gui.phone"), self.phone)
        form.addRow(tr("gui.address"), self.address)
        self._form = form

        for combo in (self.kind, self.id_type):      # narrow screens: the panel may shrink below the longest entry
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.address.textChanged.connect(lambda text: self.address.setToolTip(text))   # the whole address, if cut
        self.has_agent = QCheckBox(tr("gui.has_agent"))
        self.agent_name = QLineEdit()
        self.agent_id = IdNumberField()
        self.agent_phone = QLineEdit()
        agent_form = QFormLayout()
        agent_form.addRow(tr("gui.agent_name"), self.agent_name)
        agent_form.addRow(tr("gui.agent_id"), self.agent_id)
        agent_form.addRow(tr("gui.agent_phone"), self.agent_phone)
        self.agent_box = QWidget()
        self.agent_box.setLayout(agent_form)
        self.agent_box.setVisible(False)

        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.photo, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.card_info)
        layout.addWidget(self.has_agent)
        layout.addWidget(self.agent_box)

        for w in (self.name, self.phone, self.address, self.org_name, self.credit_code,
                  self.agent_name, self.agent_phone):
            w.textEdited.connect(self._on_edit)
        self.credit_code.textEdited.connect(self._on_credit_edit)
        self.id_number.textEdited.connect(self._on_id_edit)
        self.agent_id.textEdited.connect(self._on_edit)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.id_type.currentIndexChanged.connect(self._on_id_edit)
        self.has_agent.toggled.connect(self._on_agent)
        self._on_kind()

    # ---------------------------------------------------------------- events
    def _on_kind(self) -> None:
        entity = self.kind.currentData() == LEGAL_ENTITY
        for _label, w in self._org_rows:
            w.setVisible(entity)
            self._form.labelForField(w).setVisible(entity)
        self.changed.emit()

    def _on_agent(self, on: bool) -> None:
        self.agent_box.setVisible(on)
        self.changed.emit()

    def _on_edit(self, *_args) -> None:
        self.changed.emit()

    def _on_credit_edit(self, text: str) -> None:
        """A company's history is looked up once both its credit code and the person's ID are valid."""
        if not credit_codes.problem(text) and id_number.check(self.id_number.value()).valid:
            self.id_complete.emit(self.id_number.value())

    def _on_id_edit(self, *_args) -> None:
        self.id_number.set_id_type(self.id_type.currentData())
        if self._from_card:   # typing over a card's number: it is no longer the card's
            self._from_card = False
            self._expired = False
            self._photo = None
            self.card_info.clear()
        self._update_hint()
        self.changed.emit()
        if self.id_type.currentData() == "resident" and id_number.check(self.id_number.value()).valid:
            self.id_complete.emit(self.id_number.value())

    def _update_hint(self) -> None:
        value = self.id_number.value()
        if self.id_type.currentData() != "resident" or not value:
            self.id_hint.setText("")
            return
        c = id_number.check(value)
        if c.valid:
            self.id_hint.setText(self.tr_("gui.id_ok", birth=c.birth_date.isoformat(), sex=self._sex(c.sex)))
            self.id_hint.setProperty("state", "ok")
        elif len(value) < 18:
            self.id_hint.setText(self.tr_("gui.id_typing", n=len(value)))
            self.id_hint.setProperty("state", "typing")
        else:
            self.id_hint.setText(self.tr_(c.problem))
            self.id_hint.setProperty("state", "bad")
        self.id_hint.style().unpolish(self.id_hint)
        self.id_hint.style().polish(self.id_hint)

    def _origin(self, card) -> str:
        """Ethnicity (resident card) or nationality (foreign cards), in the screen's language."""
        ethnicity = getattr(card, "ethnicity", None)
        nationality = getattr(card, "nationality", None)
        if self.tr_.language != "en":
            return ethnicity or nationality or "—"
        from counter_app.cards.codes import ethnicity_roman, nationality_alpha3

        if ethnicity:
            return ethnicity_roman(ethnicity)
        if nationality:
            return getattr(card, "nationality_code", None) or nationality_alpha3(nationality) or nationality
        return "—"

    def _sex(self, text: str) -> str:
        return {"男": self.tr_("sex.male"), "女": self.tr_("sex.female")}.get(text, text)

    # ---------------------------------------------------------------- API
    def fill_from_card(self, card) -> None:
        """Fill from a decoded card (counter_app.cards CardData); all fields at once."""
        self.kind.setCurrentIndex(0)
        idx = self.id_type.findData(getattr(card, "card_type", "resident"))
        self.id_type.setCurrentIndex(max(idx, 0))
        self.id_number.set_id_type(self.id_type.currentData())
        self.name.setText(card.name or getattr(card, "english_name", "") or "")
        number = getattr(card, "id_number", None) or getattr(card, "permit_number", None) or ""
        self.id_number.set_value(number)
        self.address.setText(getattr(card, "address", "") or "")
        self.address.setCursorPosition(0)
        self._expired = bool(getattr(card, "expired", False))
        self._photo = getattr(card, "photo", None) or None
        self._from_card = True
        until = getattr(card, "valid_until", None)
        until_text = until.isoformat() if until else self.tr_("gui.long_term")
        info = self.tr_("gui.card_info", sex=self._sex(getattr(card, "sex", "") or ""),
                        ethnicity=self._origin(card),
                        until=until_text)
        if self._expired:
            info = self.tr_("gui.card_expired") + "　" + info
        self.card_info.setText(info)
        self.card_info.setProperty("state", "bad" if self._expired else "ok")
        self.card_info.style().unpolish(self.card_info)
        self.card_info.style().polish(self.card_info)
        self.photo.setText(self.tr_("gui.photo_read") if self._photo else self.tr_("gui.photo"))
        self._update_hint()
        self.changed.emit()
        if number:
            self.id_complete.emit(id_number.normalize(number))

    def apply_history(self, phone: str, address: str) -> None:
        """Contact data from earlier cases, where the clerk has not typed any."""
        if phone and not self.phone.text().strip():
            self.phone.setText(phone)
        if address and not self.address.text().strip():
            self.address.setText(address)
        self.changed.emit()

    def applicant(self) -> Applicant:
        kind = self.kind.currentData()
        return Applicant(
            name=self.name.text().strip(), id_number=self.id_number.value(), kind=kind,
            id_type=self.id_type.currentData(), phone=self.phone.text().strip(),
            address=self.address.text().strip(),
            org_name=self.org_name.text().strip() if kind == LEGAL_ENTITY else "",
            credit_code=self.credit_code.text().strip().upper() if kind == LEGAL_ENTITY else "",
            card_expired=self._expired)

    def agent(self) -> Agent | None:
        if not self.has_agent.isChecked():
            return None
        return Agent(self.agent_name.text().strip(), self.agent_id.value(), self.agent_phone.text().strip())

    def problem(self) -> str:
        """A message key when the applicant cannot be accepted as entered, else ""."""
        p = applicant_problem(self.applicant())
        if p:
            return p
        agent = self.agent()
        if agent is not None and (not agent.name or not id_number.check(agent.id_number).valid):
            return "applicant.agent_incomplete"
        return ""

    def card_read(self) -> bool:
        """The applicant's ID on screen is the one read from the card (not typed)."""
        return self._from_card

    def photo_bytes(self) -> bytes | None:
        return self._photo

    def clear(self) -> None:
        for w in (self.name, self.phone, self.address, self.org_name, self.credit_code,
                  self.agent_name, self.agent_phone):
            w.clear()
        self.id_number.set_value("")
        self.agent_id.set_value("")
        self.has_agent.setChecked(False)
        self.kind.setCurrentIndex(0)
        self.id_type.setCurrentIndex(0)
        self._expired = False
        self._photo = None
        self._from_card = False
        self.card_info.clear()
        self.id_hint.clear()
        self.photo.setText(self.tr_("gui.photo"))
        self.changed.emit()
