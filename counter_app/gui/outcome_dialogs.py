"""Small dialogs the outcomes need: rejection reason, supervisor override, leaving a case open.

Every dialog here is used from the keyboard alone: Tab moves between the fields (it never types
a tab character), Enter confirms, Esc cancels, and the buttons carry the screen's own language
(确定 / 取消, OK / Cancel under --lang en), whatever translations Qt itself has installed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
    QVBoxLayout,
)


def ok_cancel(tr, dialog: QDialog, on_ok) -> QDialogButtonBox:
    """确定 / 取消 in the screen's language; 确定 is the default button (Enter), Esc cancels."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(tr("gui.button.ok"))
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("gui.button.cancel"))
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class RejectDialog(QDialog):
    """不予受理: the reason is required; the legal basis and remedies go on the notice."""

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("gui.reject_title"))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)      # Tab goes on to the legal basis
        self.reason.setPlaceholderText(tr("gui.reject_reason_hint"))
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(tr("gui.reject_basis_hint"))
        self.error = QLabel()
        self.error.setObjectName("hint")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("gui.reject_reason"), self.reason)
        form.addRow(tr("gui.reject_basis"), self.basis)
        self.buttons = ok_cancel(tr, self, self._ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._tr = tr
        self.resize(560, 280)
        self.reason.setFocus()

    def _ok(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(self._tr("intake.reason_needed"))
            self.reason.setFocus()
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
        buttons = ok_cancel(tr, self, lambda: self.accept() if self.pin.text() else self.pin.setFocus())
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.pin.setFocus()


def confirm(parent, tr, title: str, text: str, yes: str) -> bool:
    """A yes/no question whose safe answer (取消) is the default: Enter or Esc keeps things as they are."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(tr("gui.button.cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    answer = box.clickedButton() is go
    box.deleteLater()          # gone, so the window the question came from is the active one again
    return answer


def ask_details(window, tr, outcome: str, applicant, repeat: str, data_dir):
    """What the outcome needs besides the form, asked in turn: go on despite a same-day repeat,
    the reason for 不予受理, a supervisor for an expired card. (reason, basis, supervisor, pin),
    or None when the clerk stepped back at any question."""
    from counter_app.domain.case import ACCEPT, ACCEPT_WITH_GAPS, REJECT

    reason = basis = supervisor = supervisor_pin = ""
    accepting = outcome in (ACCEPT, ACCEPT_WITH_GAPS)
    if repeat and accepting and not confirm(window, tr, tr("gui.repeat_title"),
                                            repeat + "\n\n" + tr("gui.repeat_ask"), tr("gui.repeat_yes")):
        return None
    if outcome == REJECT:
        dlg = RejectDialog(tr, window)
        if dlg.exec() != RejectDialog.Accepted:
            return None
        reason, basis = dlg.reason.toPlainText().strip(), dlg.basis.text().strip()
    if applicant.card_expired and accepting:
        from counter_app.supervisors import names

        known = names(data_dir)
        if not known:
            QMessageBox.warning(window, tr("gui.supervisor_title"), tr("intake.no_supervisors"))
            return None
        dlg = SupervisorDialog(tr, known, window)
        if dlg.exec() != SupervisorDialog.Accepted:
            return None
        supervisor, supervisor_pin = dlg.name.currentText(), dlg.pin.text()
    return reason, basis, supervisor, supervisor_pin
