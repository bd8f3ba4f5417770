"""What changes under a running window between cases (issue 14): a catalog imported by another
program (the hall admin's ``counter-app catalog import``: 7,612 cases were stamped with the old
version while the database held the new one), and a system clock set back behind the window's
last case. Both are looked at right after a case is saved and every ``CHECK_MS`` while no case is
open, on the writer thread; a new catalog is never swapped in under an open case, and the window
says when it was.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from counter_app.services.catalog_view import CatalogView
from counter_app.services.station_clock import clock_behind

CHECK_MS = 15_000


class StationWatch(QObject):
    def __init__(self, window, *, interval_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self.window = window
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.case_saved.connect(lambda _record: self.check())

    def check(self) -> bool:
        """Look (in the background) unless a case is open or a look is under way; True if started."""
        w = self.window
        if self._busy or w.loading or w.case_open():
            return False
        self._busy = True
        ctx = w.ctx
        known = getattr(ctx.catalog, "stamp", None)

        def look(store):
            stamp = CatalogView.current_stamp(store.path)
            newer = CatalogView.load(store) if stamp is not None and stamp != known else None
            return newer, clock_behind(store=store, settings=ctx.settings)

        ctx.ops.write(look, name="station-watch").success(self._seen).failure(self._failed)
        return True

    def _failed(self, _exc) -> None:
        self._busy = False          # nothing to show: the next look tries again

    def _seen(self, result) -> None:
        self._busy = False
        newer, behind = result
        w, tr = self.window, self.window.tr_
        if newer is not None and not w.case_open():       # a case begun meanwhile: the next look
            w.set_catalog(newer)
            w.show_note(tr("gui.catalog_updated", version=newer.catalog.version, items=len(newer.catalog.items)))
        if behind is not None:
            hours, rest = divmod(int(behind.behind.total_seconds()) // 60, 60)
            w.show_note(tr("gui.clock_behind", last=f"{behind.last_case:%Y-%m-%d %H:%M}", hours=hours, minutes=rest),
                        "warn")
