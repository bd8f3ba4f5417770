"""The clerk's sign-in, as a page of the main window (not a floating box the case could be seen
behind): at the start of a shift, and to unlock a locked window.

Keyboard first: the hands start on the login (or, unlocking, on the password), Enter in the login
goes on to the password, Enter in the password signs in. Unlocking, the login is the locked
clerk's and cannot be changed; 主管签退 (supervisor sign-out) opens two more fields for a
supervisor's name and PIN, which sign the locked clerk out so that another can sign in.
The page only collects and shows: :mod:`counter_app.gui.clerk_lock` does the checking.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

CARD_WIDTH = 520
SIGN_IN, UNLOCK, RESUME = "sign_in", "unlock", "resume"   # RESUME: a station without clerk accounts


class SignInPage(QWidget):
    submitted = Signal(str, str)              # login, password
    supervisor_sign_out = Signal(str, str)    # supervisor name, PIN
    quit_requested = Signal()

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.mode = SIGN_IN
        self.setObjectName("signInPage")
        self.title = QLabel()
        self.title.setObjectName("signInTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.station = QLabel()
        self.station.setObjectName("hint")
        self.station.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("signInLogin")
        self.login.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setObjectName("signInPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#signInMessage { color: #b3261e; }")
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.go = QPushButton()
        self.go.setDefault(True)
        self.quit = QPushButton(tr("signin.quit"))
        self.supervisor_button = QPushButton(tr("signin.supervisor_button"))
        self.supervisor_button.setAutoDefault(False)

        self.fields = QWidget()
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("signin.login"), self.login)
        form.addRow(tr("signin.password"), self.password)

        # supervisor sign-out, shown on demand (unlock mode only)
        self.supervisor_box = QFrame()
        self.supervisor_name = QComboBox()
        self.supervisor_pin = QLineEdit()
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.supervisor_go = QPushButton(tr("signin.supervisor_go"))
        sform = QFormLayout(self.supervisor_box)
        sform.setContentsMargins(0, 8, 0, 0)
        sform.addRow(QLabel(tr("signin.supervisor_text")))
        sform.addRow(tr("gui.supervisor_name"), self.supervisor_name)
        sform.addRow(tr("gui.supervisor_pin"), self.supervisor_pin)
        sform.addRow("", self.supervisor_go)
        self.supervisor_box.setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.supervisor_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit)
        buttons.addWidget(self.go)

        card = QFrame()
        card.setObjectName("signInCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(CARD_WIDTH)        # a fixed width: the wrapped texts get their true height
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addWidget(self.station)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addSpacing(12)
        inner.addWidget(self.fields)
        inner.addWidget(self.message)
        inner.addWidget(self.hint)
        inner.addLayout(buttons)
        inner.addWidget(self.supervisor_box)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        self.login.returnPressed.connect(self._login_entered)
        self.password.returnPressed.connect(self._submit)
        self.go.clicked.connect(self._submit)
        self.quit.clicked.connect(self.quit_requested.emit)
        self.supervisor_button.clicked.connect(self._show_supervisor)
        self.supervisor_pin.returnPressed.connect(self._supervisor)
        self.supervisor_go.clicked.connect(self._supervisor)
        self.set_mode(SIGN_IN)

    # ---------------------------------------------------------------- modes
    def set_station(self, text: str) -> None:
        """Which hall and window this is (the header is hidden with the intake page)."""
        self.station.setText(text)

    def set_mode(self, mode: str, *, login: str = "", name: str = "", supervisors=(), hint: str = "") -> None:
        """SIGN_IN: any clerk (``login`` pre-filled, e.g. the last one); UNLOCK: only ``login``."""
        tr = self.tr_
        self.mode = mode
        self.message.clear()
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.password.clear()
        self.supervisor_pin.clear()
        self.supervisor_box.setVisible(False)
        self.set_busy(False)
        self.login.setText(login)
        self.fields.setVisible(mode != RESUME)
        if mode == RESUME:
            self.title.setText(tr("signin.locked_title"))
            self.subtitle.setText(tr("signin.resume_text"))
            self.go.setText(tr("signin.resume"))
            self.quit.setVisible(False)
            self.supervisor_button.setVisible(False)
        elif mode == UNLOCK:
            self.title.setText(tr("signin.locked_title"))
            self.subtitle.setText(tr("signin.locked_text", name=name or login))
            self.go.setText(tr("signin.unlock"))
            self.login.setReadOnly(True)
            self.quit.setVisible(False)
            self.supervisor_name.clear()
            self.supervisor_name.addItems(list(supervisors))
            self.supervisor_button.setVisible(bool(supervisors))
        else:
            self.title.setText(tr("signin.title"))
            self.subtitle.setText(tr("signin.text"))
            self.go.setText(tr("signin.go"))
            self.login.setReadOnly(False)
            self.quit.setVisible(True)
            self.supervisor_button.setVisible(False)
        self._fit()
        self.focus()

    def _fit(self) -> None:
        """A wrapped label asks for its height only once: tell it again after its text changed."""
        width = CARD_WIDTH - 56
        for label in (self.subtitle, self.message, self.hint):
            label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)

    def focus(self) -> None:
        if self.mode == RESUME:
            self.go.setFocus()
        elif self.mode == UNLOCK or self.login.text():
            self.password.setFocus()
        else:
            self.login.setFocus()

    def set_busy(self, busy: bool) -> None:
        for w in (self.login, self.password, self.go, self.supervisor_go, self.supervisor_pin):
            w.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr_("signin.checking"))
            self._fit()
            self.message.setStyleSheet("QLabel#signInMessage { color: #1d5fa8; }")

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.message.setStyleSheet("QLabel#signInMessage { color: #b3261e; }")
        self.message.setText(text)
        self._fit()
        if self.supervisor_box.isVisible():
            self.supervisor_pin.clear()
            self.supervisor_pin.setFocus()
        else:
            self.password.clear()
            self.focus()

    # ---------------------------------------------------------------- input
    def _login_entered(self) -> None:
        if self.login.text().strip():
            self.password.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.mode == RESUME and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        if self.mode == RESUME:
            self.submitted.emit("", "")
            return
        login, password = self.login.text().strip(), self.password.text()
        if not login:
            self.login.setFocus()
            return
        if not password:
            self.password.setFocus()
            return
        self.set_busy(True)
        self.submitted.emit(login, password)

    def _show_supervisor(self) -> None:
        self.supervisor_box.setVisible(True)
        self.supervisor_pin.setFocus()

    def _supervisor(self) -> None:
        if not self.supervisor_pin.text():
            self.supervisor_pin.setFocus()
            return
        self.set_busy(True)
        self.supervisor_sign_out.emit(self.supervisor_name.currentText(), self.supervisor_pin.text())
