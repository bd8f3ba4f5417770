"""Background operations for screens, after Anki's ``aqt.operations`` (CollectionOp / QueryOp).

Every database access of the window runs on **one writer thread** that opens the station's
store (migrating it on first use) and owns its sessions; network work (printers on the LAN,
later the central server and department systems) runs on **its own pool**. Callbacks always
run on the GUI thread, so they may touch widgets::

    ops = ctx.ops
    ops.write(lambda store: submit_intake(store=store, ...)) \\
        .success(lambda record: window.show_saved(record)) \\
        .failure(lambda exc: QMessageBox.warning(window, title, tr.error(exc)))

    ops.network(lambda: printing.print_pdf(pdf, settings)).failure(show_printer_error)

``write(fn)`` calls ``fn(store)`` on the writer thread; ``network(fn)`` calls ``fn()`` on the
network pool. Both return an :class:`Op` at once; ``success`` / ``failure`` may be attached
in the same turn (as above) or later: a callback attached after the op settled runs on the
next turn of the event loop. Exactly one of the two callbacks runs, once — unless the op was
given an ``owner`` widget that was deleted meanwhile (the window closed): then neither runs. An op without a
failure callback logs the error's key or type (never its text: it may carry personal data).

A user action is committed before its success callback runs, so a screen that says
"accepted" only in ``success`` keeps DESIGN.md rule 4. Reads go through the writer as well:
SQLite in WAL mode would let them run beside it, but one thread keeps the order of what the
clerk did (a history read after a save sees the save) and nothing waits on a lock.

``Operations.settled`` is emitted after an op's callback ran: tests wait on it (or on what the
callback changed) with ``qtbot.waitUntil``; a status indicator can count ``pending``.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
T = TypeVar("T")
NETWORK_THREADS = 4


class Op(Generic[T]):
    """One background call; settles once, on the GUI thread."""

    def __init__(self, name: str, owner: QObject | None = None) -> None:
        self.name = name
        self.owner = owner          # a widget whose callbacks these are: dropped once it is deleted
        self.done = False
        self.ok = False
        self.result: T | None = None
        self.error: BaseException | None = None
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._called = False

    def success(self, callback: Callable[[T], Any]) -> Op[T]:
        self._on_success = callback
        self._late()
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> Op[T]:
        self._on_failure = callback
        self._late()
        return self

    def _late(self) -> None:
        if self.done and not self._called:
            QTimer.singleShot(0, self._call)

    def _settle(self, ok: bool, value: Any) -> None:
        self.done, self.ok = True, ok
        if ok:
            self.result = value
        else:
            self.error = value
        self._call()

    def _call(self) -> None:
        if self._called:
            return
        if self.ok and self._on_success is None and self._on_failure is None:
            return                  # nobody listening yet: a callback attached later still runs
        self._called = True
        if self.owner is not None and not shiboken6.isValid(self.owner):
            # the screen was closed while the op ran: what it did is done (a write is committed),
            # there is nobody left to tell; a failure is still logged
            if not self.ok:
                log.warning("background %s failed after its screen closed: %s", self.name,
                            getattr(self.error, "key", type(self.error).__name__))
            return
        if self.ok:
            if self._on_success is not None:
                self._on_success(self.result)
        elif self._on_failure is not None:
            self._on_failure(self.error)
        else:
            key = getattr(self.error, "key", type(self.error).__name__)
            log.warning("background %s failed: %s", self.name, key)


class Operations(QObject):
    """The window's writer thread (with its store) and its network pool."""

    settled = Signal(object)                # Op, after its callback ran
    _deliver = Signal(object, bool, object)  # from a worker thread to the GUI thread

    def __init__(self, data_dir: Path, *, parent: QObject | None = None,
                 open_store: Callable[[Path], Any] | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._open_store = open_store
        self._store = None
        self._store_lock = threading.Lock()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._network = ThreadPoolExecutor(max_workers=NETWORK_THREADS, thread_name_prefix="network")
        self.pending = 0
        self._deliver.connect(self._settle)

    # ------------------------------------------------------------------ the store
    def store(self):
        """The open store, opening (and migrating) it on the calling thread if nobody has yet.
        Screens never call this from the GUI thread: their ops receive the store."""
        with self._store_lock:
            if self._store is None:
                if self._open_store is not None:
                    self._store = self._open_store(self.data_dir)
                else:
                    from counter_app.store.database import Store

                    self._store = Store(self.data_dir)
            return self._store

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    # ------------------------------------------------------------------ ops
    def write(self, fn: Callable[[Any], T], *, name: str = "write", owner: QObject | None = None) -> Op[T]:
        """``fn(store)`` on the writer thread; the store is opened there first if needed (a failure
        to open, e.g. a locked or read-only file, fails this op and the next one tries again)."""
        return self._submit(self._writer, lambda: fn(self.store()), name, owner)

    def call(self, fn: Callable[[], T], *, name: str = "call", owner: QObject | None = None) -> Op[T]:
        """``fn()`` on the writer thread, in order with the writes, without opening the store
        (the start reads the catalog with plain sqlite3 before SQLAlchemy and Alembic load)."""
        return self._submit(self._writer, fn, name, owner)

    def writer_future(self, fn: Callable[[Any], T]) -> Future:
        """``fn(store)`` on the writer thread as a Future, for background workers that wait for it
        off the GUI thread (the department delivery lanes): in order with the window's writes, no
        callbacks. Never waited on from the GUI thread."""
        return self._writer.submit(lambda: fn(self.store()))

    def network(self, fn: Callable[[], T], *, name: str = "network", owner: QObject | None = None) -> Op[T]:
        """``fn()`` on the network pool: never blocks the writer or the window."""
        return self._submit(self._network, fn, name, owner)

    def _submit(self, pool: ThreadPoolExecutor, call: Callable[[], T], name: str,
                owner: QObject | None = None) -> Op[T]:
        op: Op[T] = Op(name, owner)
        self.pending += 1

        def run() -> None:
            try:
                value = call()
            except BaseException as exc:  # noqa: BLE001 - handed to the failure callback, never lost
                self._deliver.emit(op, False, exc)
            else:
                self._deliver.emit(op, True, value)

        pool.submit(run)
        return op

    def _settle(self, op: Op, ok: bool, value: Any) -> None:
        self.pending -= 1
        try:
            op._settle(ok, value)
        finally:
            self.settled.emit(op)

    def shutdown(self) -> None:
        """Let queued writes finish (they are what the clerk did), drop queued network work,
        then close the store."""
        self._network.shutdown(wait=False, cancel_futures=True)
        self._writer.shutdown(wait=True)
        if self._store is not None:
            self._store.close()
            self._store = None
