"""An ID-number field that shows the number masked unless the clerk is editing it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from counter_app.domain import id_number


class IdNumberField(QLineEdit):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._value = ""
        self._masked = False
        self.setMaxLength(32)
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        self._value = text

    def value(self) -> str:
        return id_number.normalize(self._value)

    def set_value(self, number: str) -> None:
        self._value = number
        self._show(masked=not self.hasFocus())

    def _show(self, masked: bool) -> None:
        self._masked = masked and id_number.check(self._value).valid
        self.setText(id_number.mask(self._value) if self._masked else self._value)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._masked:
            self._show(masked=False)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._show(masked=True)
