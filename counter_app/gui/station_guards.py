"""The station's guards on the window: a warning in the status bar (it stays until the cause is
gone, unlike the banner) when entries wait too long for the central server or the catalog is
too old (:mod:`counter_app.services.station_guards`). Read through the writer thread at the
start and every few minutes; nothing here blocks the window."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

CHECK_EVERY_MS = 5 * 60_000
FIRST_CHECK_MS = 1_500          # after the store has been opened at start


class StationGuards(QObject):
    def __init__(self, window, ctx) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.texts: list[str] = []
        self.label = QLabel()
        self.label.setObjectName("guardWarning")
        self.label.setStyleSheet("QLabel#guardWarning { color: #b3261e; font-weight: bold; padding: 0 8px; }")
        self.label.setWordWrap(True)
        self.label.setVisible(False)
        window.statusBar().addWidget(self.label, 1)
        window.statusBar().setVisible(False)
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def check(self) -> None:
        from counter_app.gui.sync_driver import enrolled
        from counter_app.services.station_guards import read_facts

        joined = enrolled(self.ctx.data_dir)
        self.ctx.ops.write(lambda store: read_facts(store, enrolled=joined), name="guards",
                           owner=self.label).success(self.show_facts)

    def show_facts(self, facts, now=None) -> None:
        from counter_app.services.station_guards import warnings

        if not shiboken6.isValid(self.label):      # the window closed while the read was under way
            return
        self.texts = [self.ctx.tr(key, **params) for key, params in warnings(self.ctx.settings, facts, now)]
        self.label.setText("⚠ " + "　".join(self.texts) if self.texts else "")
        self.label.setVisible(bool(self.texts))
        self.window.statusBar().setVisible(bool(self.texts))


def attach_guards(window, ctx) -> StationGuards:
    window.guards = StationGuards(window, ctx)
    return window.guards
