"""The window's department delivery (issue 9): a :class:`services.delivery.Deliverer` whose
database steps run on the window's one writer thread (``Operations.writer_future``) and whose
HTTP / front-database work runs in its own per-department lanes, never on the GUI thread. A
timer and each saved case wake it; what comes back (a department's reference, a status, a
parking) reaches the GUI thread as a signal carrying frozen ``Change`` values."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
TICK_MS = 2000


class DeliveryDriver(QObject):
    changed = Signal(object)        # list[services.delivery.Change], on the GUI thread

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        from counter_app.connectors.registry import Registry
        from counter_app.services.delivery import Deliverer

        self.ctx = ctx
        self.registry = Registry.for_station(ctx.data_dir)
        self.deliverer = Deliverer(lambda fn: ctx.ops.writer_future(fn).result(), self.registry,
                                   on_change=self.changed.emit)
        self._wake = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dept-schedule")
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.wake)
        self._stopped = False

    def reload(self) -> None:
        """Read the description files again (the demo writes them once its simulator listens)."""
        from counter_app.connectors.registry import Registry

        old, self.registry = self.registry, Registry.for_station(self.ctx.data_dir)
        self.deliverer.registry = self.registry
        old.close()
        self.wake()

    def start(self) -> None:
        """The first look one tick from now: the window paints and opens its store first."""
        self._timer.start()

    def wake(self) -> None:
        """Look for due deliveries now (off the GUI thread)."""
        if not self._stopped:
            self._wake.submit(self._kick)

    def _kick(self) -> None:
        try:
            self.deliverer.kick()
        except Exception as exc:  # noqa: BLE001 - a locked database now is a retry at the next tick
            log.warning("department delivery round failed: %s", getattr(exc, "key", type(exc).__name__))

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._wake.shutdown(wait=False, cancel_futures=True)
        self.deliverer.close()
        self.registry.close()


class LastCaseReferences(QObject):
    """Puts the departments' reference numbers of the last case next to its number in the
    window's header (上一件 … · 市场监督管理局 受理号 …) as they arrive, without the clerk doing anything."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.refs: dict[str, tuple[str, str]] = {}     # department → (reference, status)
        self.number = ""

    def saved(self, record) -> None:
        self.number, self.refs = record.number, {}

    def changed(self, changes) -> None:
        w = self.window
        last = getattr(w, "last_case", None)
        if last is None:
            return
        mine = [c for c in changes if c.case_number == last.number and c.reference]
        if not mine:
            return
        if last.number != self.number:
            self.saved(last)
        for c in mine:
            self.refs[c.department] = (c.reference, c.status)
        tr = w.tr_
        parts = [tr("departments.gui.reference", department=last.department_name(d), reference=ref,
                    status=tr(f"departments.dept_status.{status}") if status else "")
                 for d, (ref, status) in sorted(self.refs.items())]
        w.last_case_label.setText(tr("gui.last_case", number=last.number) + "  ·  " + "；".join(parts))


def attach_delivery(window, ctx) -> DeliveryDriver:
    """Starts the window's department delivery and shows arriving references on the last case."""
    driver = DeliveryDriver(ctx, window)
    refs = LastCaseReferences(window)
    driver.changed.connect(refs.changed)
    window.delivery_driver = driver
    window.delivery_refs = refs
    if hasattr(window, "case_saved"):
        window.case_saved.connect(refs.saved)
        window.case_saved.connect(lambda _record: driver.wake())
    window.destroyed.connect(lambda *_: driver.stop())
    driver.start()
    return driver
