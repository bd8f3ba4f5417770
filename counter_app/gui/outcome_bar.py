"""The four intake outcomes, each on a function key, enabled only when the checklist allows it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from counter_app.domain.case import ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT

SHORTCUTS = {ACCEPT: "F9", ACCEPT_WITH_GAPS: "F10", NOTICE: "F11", REJECT: "F12"}


class OutcomeBar(QWidget):
    chosen = Signal(str)

    def __init__(self, tr, parent=None) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.status = QLabel()
        self.status.setObjectName("verdict")
        self.status.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status, 1)
        for outcome in (ACCEPT, ACCEPT_WITH_GAPS, NOTICE, REJECT):
            b = QPushButton(f"{tr(f'outcome.{outcome}')}  {SHORTCUTS[outcome]}")
            b.setObjectName(f"outcome_{outcome}")
            # a window shortcut acts at once (a button's own shortcut animates the click first)
            QShortcut(QKeySequence(SHORTCUTS[outcome]), self, activated=lambda o=outcome: self._fire(o),
                      context=Qt.WindowShortcut)
            b.setMinimumHeight(44)
            b.setEnabled(False)
            b.clicked.connect(lambda _=False, o=outcome: self.chosen.emit(o))
            self.buttons[outcome] = b
            layout.addWidget(b)

    def _fire(self, outcome: str) -> None:
        if self.buttons[outcome].isEnabled():
            self.chosen.emit(outcome)

    def show_assessment(self, assessment, applicant_problem: str, has_items: bool) -> None:
        for outcome, b in self.buttons.items():
            b.setEnabled(outcome in assessment.allowed)
        if not has_items:
            text = self.tr_("gui.verdict.no_items")
        elif applicant_problem:
            text = self.tr_(applicant_problem)
        elif assessment.deficient:
            names = self.tr_.join(line.name for line, _why in assessment.deficient[:4])
            more = "…" if len(assessment.deficient) > 4 else ""
            text = self.tr_("gui.verdict.missing", n=len(assessment.deficient), names=names + more)
        elif assessment.gaps:
            text = self.tr_("gui.verdict.gaps", n=len(assessment.gaps))
        else:
            text = self.tr_("gui.verdict.complete")
        self.status.setText(text)
