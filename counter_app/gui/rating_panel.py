"""The applicant's 好差评 on the customer screen: five big buttons (touch) or the number keys 1–5 of
the counter's keypad (the key is the level's code: 5 非常满意 … 1 非常不满意), then, if they like,
the standard reasons for that level and a line of their own; Enter (or 提交评价) sends it,
0 / Backspace picks again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from counter_app.domain import evaluation as ev

LEVEL_COLOURS = {5: "#1b7f3b", 4: "#3f9142", 3: "#8a7a12", 2: "#b5581c", 1: "#b3261e"}
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class RatingPanel(QWidget):
    submitted = Signal(int, tuple, str)      # level, reasons, free text

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.level: int | None = None
        self.busy = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel(tr("customer.rate_title"))
        self.title.setObjectName("rateTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel(tr("customer.rate_hint"))
        self.hint.setObjectName("rateHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.buttons: dict[int, QPushButton] = {}
        for level in ev.LEVELS:
            b = QPushButton(f"{'★' * level}\n{tr(ev.level_label(level))}\n[{level}]")
            b.setObjectName("levelButton")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # the keys go to the panel, not a button
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            b.setStyleSheet(f"QPushButton#levelButton:checked {{ background: {LEVEL_COLOURS[level]}; color: white; "
                            f"border-color: {LEVEL_COLOURS[level]}; }}")
            b.clicked.connect(lambda _=False, n=level: self.choose(n))
            row.addWidget(b, 1)             # five equal buttons
            self.buttons[level] = b
        self.reason_box = QWidget()
        self.reason_grid = QGridLayout(self.reason_box)
        self.reason_grid.setContentsMargins(0, 0, 0, 0)
        self.reason_buttons: dict[str, QPushButton] = {}
        self.text = QLineEdit()
        self.text.setObjectName("rateText")
        self.text.setPlaceholderText(tr("customer.rate_text"))
        self.text.setMaxLength(ev.TEXT_LIMIT)
        self.text.returnPressed.connect(self.submit)
        self.send = QPushButton(tr("customer.rate_send"))
        self.send.setObjectName("rateSend")
        self.send.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("rateMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.text, 1)
        bottom.addWidget(self.send)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.title)
        v.addWidget(self.hint)
        v.addLayout(row, 1)
        v.addWidget(self.reason_box)
        v.addLayout(bottom)
        v.addWidget(self.message)
        v.addStretch(0)
        self.reset()

    def reset(self) -> None:
        self.level = None
        self.busy = False
        for b in self.buttons.values():
            b.setChecked(False)
            b.setEnabled(True)
        self.text.clear()
        self._show_reasons(())
        self.text.setVisible(False)
        self.send.setVisible(False)
        self.message.setText("")

    def choose(self, level: int) -> None:
        if self.busy or level not in ev.LEVELS:
            return
        self.level = level
        for n, b in self.buttons.items():
            b.setChecked(n == level)
        self._show_reasons(ev.reasons_for(level))
        self.text.setVisible(True)
        self.send.setVisible(True)
        self.message.setText(self.tr_("customer.rate_confirm", level=self.tr_(ev.level_label(level))))
        self.setFocus()

    def _show_reasons(self, keys) -> None:
        for b in self.reason_buttons.values():
            b.deleteLater()
        self.reason_buttons = {}
        for n, key in enumerate(keys):
            b = QPushButton(self.tr_(f"evaluation.reason.{key}"))
            b.setObjectName("reasonButton")
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.reason_grid.addWidget(b, n // 3, n % 3)
            self.reason_buttons[key] = b
        self.reason_box.setVisible(bool(keys))

    def reasons(self) -> tuple[str, ...]:
        return tuple(k for k, b in self.reason_buttons.items() if b.isChecked())

    def submit(self) -> None:
        if self.busy or self.level is None:
            return
        self.busy = True
        for b in self.buttons.values():
            b.setEnabled(False)
        self.message.setText(self.tr_("customer.rate_sending"))
        self.submitted.emit(self.level, self.reasons(), self.text.text())

    def failed(self, text: str) -> None:
        """The rating was not recorded: say why; the applicant may try again where that helps."""
        self.busy = False
        for b in self.buttons.values():
            b.setEnabled(True)
        self.message.setText(text)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        n = DIGITS.get(event.key())
        if n is not None and 1 <= n <= 5:
            self.choose(n)
        elif n == 0 or event.key() == Qt.Key.Key_Backspace:
            if not self.busy:
                self.reset()
                self.setFocus()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        else:
            super().keyPressEvent(event)
