"""The same person again (一证通办): their earlier cases and what is reused from them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout


class HistoryPanel(QGroupBox):
    def __init__(self, tr, parent=None) -> None:
        super().__init__(tr("gui.history"), parent)
        self.tr_ = tr
        self.summary = QLabel(tr("gui.history_none"))
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("history")
        self.list.setWordWrap(True)                  # long item names wrap instead of a sideways scroll
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)

    def show_history(self, history) -> None:
        self.list.clear()
        if not history.cases:
            self.summary.setText(self.tr_("gui.history_none"))
            return
        self.summary.setText(self.tr_("gui.history_found", n=len(history.cases), reusable=len(history.reusable)))
        for case in history.cases:
            names = self.tr_.join(i.name for i in case.items)
            text = f"{case.created_at:%Y-%m-%d}　{self.tr_('outcome.' + case.outcome)}　{names}\n{case.number}"
            row = QListWidgetItem(text)
            row.setToolTip(f"{names}\n{case.number}")
            self.list.addItem(row)

    def clear(self) -> None:
        self.list.clear()
        self.summary.setText(self.tr_("gui.history_none"))
