"""The sync state in the window's header: online/offline as the outbox says, with the number of
unsent entries and the age of the oldest. :class:`SyncDriver` (``gui/sync_driver``) does the work
through the window's writer thread and network pool and reports here; a saved case starts a
round at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from counter_app.sync.state import SyncState

STALE_AFTER = dt.timedelta(hours=24)    # unsent this long: red, and says so (station: warn_unsent_hours)
COLOURS = {"online": "#1b7f3b", "pending": "#1d5fa8", "offline": "#b35c00", "attention": "#b3261e",
           "none": "#6b6b6b"}


def age_text(tr, oldest: dt.datetime | None, now: dt.datetime) -> str:
    if oldest is None:
        return ""
    minutes = max(int((now - oldest).total_seconds() // 60), 0)
    if minutes < 1:
        return tr("sync.gui.age_now")
    if minutes < 60:
        return tr("sync.gui.age_minutes", n=minutes)
    if minutes < 48 * 60:
        return tr("sync.gui.age_hours", n=minutes // 60)
    return tr("sync.gui.age_days", n=minutes // (24 * 60))


def describe(tr, s: SyncState, now: dt.datetime, stale_after: dt.timedelta = STALE_AFTER) -> tuple[str, str, str]:
    """(text, colour role, tooltip) for a state; unsent longer than ``stale_after`` is red."""
    if not s.enrolled:
        return tr("sync.gui.not_enrolled"), "none", tr("sync.not_enrolled")
    age = age_text(tr, s.oldest, now)
    tip = tr(s.problem) if s.problem else ""
    if s.kind == "needs_user":
        return tr("sync.gui.needs_clerk", pending=s.pending), "attention", tip
    stale = s.oldest is not None and bool(stale_after) and now - s.oldest > stale_after
    if stale:
        tip = (tr("sync.gui.stale", hours=int(stale_after.total_seconds() // 3600)) + "\n" + tip).strip()
    if s.online is False and not s.pending:
        return tr("sync.gui.offline_empty"), "offline", tip
    if s.online is False:
        return tr("sync.gui.offline", pending=s.pending, age=age), "attention" if stale else "offline", tip
    extra = tr("sync.gui.rejected", n=s.rejected) if s.rejected else ""
    if s.pending:
        return tr("sync.gui.pending", pending=s.pending, age=age) + extra, "attention" if stale else "pending", tip
    if s.online is None:
        return tr("sync.gui.connecting") + extra, "none", tip
    return tr("sync.gui.online") + extra, "attention" if s.rejected else "online", tip


class SyncIndicator(QLabel):
    def __init__(self, tr, parent=None, *, stale_after: dt.timedelta = STALE_AFTER) -> None:
        super().__init__(parent)
        self.tr_ = tr
        self.stale_after = stale_after
        self.state: SyncState | None = None
        self.role = "none"
        self.setObjectName("syncIndicator")
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
        self.setContentsMargins(8, 0, 8, 0)
        # A menu bar lays out its corner widget once: reserve room for the longest text it will show.
        now = dt.datetime.now()
        longest = SyncState(True, False, 99999, now - dt.timedelta(hours=47), 0)
        bold = self.font()
        bold.setBold(True)
        self.setFont(bold)
        width = max(self.fontMetrics().horizontalAdvance("● " + describe(tr, st, now)[0])
                    for st in (longest, dataclasses.replace(longest, online=True, rejected=999)))
        self.setMinimumWidth(width + 24)
        self.show_state(SyncState(enrolled=True, online=None, pending=0, oldest=None, rejected=0))

    def show_state(self, state: SyncState, now: dt.datetime | None = None) -> None:
        self.state = state
        text, self.role, tip = describe(self.tr_, state, now or dt.datetime.now(), self.stale_after)
        self.setText("● " + text)
        self.setToolTip(tip)
        self.setStyleSheet(f"QLabel#syncIndicator {{ color: {COLOURS[self.role]}; }}")


def attach_sync(window, ctx) -> SyncIndicator | None:
    """Puts the indicator into the window's header and starts syncing, when the station is
    enrolled with a central server. Returns the indicator (None when not enrolled)."""
    from counter_app.gui.sync_driver import SyncDriver, enrolled

    if not enrolled(ctx.data_dir):
        return None
    indicator = SyncIndicator(ctx.tr, window, stale_after=dt.timedelta(hours=ctx.settings.warn_unsent_hours))
    bar = window.menuBar()
    beside = bar.cornerWidget(Qt.Corner.TopRightCorner)     # the catalog's version: kept, after the indicator
    corner = QWidget(bar)
    row = QHBoxLayout(corner)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(indicator)
    if beside is not None:
        row.addWidget(beside)
    bar.setCornerWidget(corner, Qt.Corner.TopRightCorner)
    driver = SyncDriver(ctx, indicator)
    driver.state_changed.connect(indicator.show_state)
    indicator.driver = driver
    if hasattr(window, "case_saved"):
        window.case_saved.connect(lambda _record: driver.sync_now())
    indicator.destroyed.connect(lambda *_: driver.stop())
    driver.start()
    return indicator
