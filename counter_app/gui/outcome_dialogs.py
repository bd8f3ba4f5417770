"""Small dialogs the outcomes need: rejection reason, supervisor override, a material's remark."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
)


class RejectDialog(QDialog):
    """不予受理: the reason is required; the legal basis and remedies go on the notice."""

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("gui.reject_title"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(tr("gui.reject_reason_hint"))
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(tr("gui.reject_basis_hint"))
        self.error = QLabel()
        self.error.setObjectName("hint")
        form = QFormLayout()
        form.addRow(tr("gui.reject_reason"), self.reason)
        form.addRow(tr("gui.reject_basis"), self.basis)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._tr = tr
        self.resize(520, 260)

    def _ok(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(self._tr("intake.reason_needed"))
            return
        self.accept()


class SupervisorDialog(QDialog):
    """An expired card: one of the station's supervisors gives their name and PIN."""

    def __init__(self, tr, names, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("gui.supervisor_title"))
        self.name = QComboBox()
        self.name.addItems(list(names))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        text = QLabel(tr("intake.expired_needs_supervisor"))
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("gui.supervisor_name"), self.name)
        form.addRow(tr("gui.supervisor_pin"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(lambda: self.accept() if self.pin.text() else None)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.pin.setFocus()
