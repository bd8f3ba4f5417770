"""An ID-number field that shows the number masked unless the clerk is editing it.

Every document is masked once complete: a resident ID when its check digit is right (a wrong
one stays readable, to be corrected), any other card's number (港澳台居住证, 外国人永久居留身份证
of 2017 or 2023, ...) as soon as there is one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from counter_app.domain import id_number
from counter_app.domain.applicant import number_complete


class IdNumberField(QLineEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._value = ""
        self._masked = False
        self.id_type = "resident"
        self.setMaxLength(32)
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        self._value = text

    def value(self) -> str:
        return id_number.normalize(self._value)

    def set_value(self, number: str) -> None:
        self._value = number
        self._show(masked=not self.hasFocus())

    def set_id_type(self, id_type: str) -> None:
        self.id_type = id_type or "resident"
        if not self.hasFocus():
            self._show(masked=True)

    def _show(self, masked: bool) -> None:
        self._masked = masked and number_complete(self.id_type, self._value)
        self.setText(id_number.mask(self._value) if self._masked else self._value)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._masked:
            self._show(masked=False)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._show(masked=True)
