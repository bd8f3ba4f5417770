"""Sync for the open window, through the window's own background operations (``gui/operations``):
every database step runs on the one writer thread, every HTTP call on the network pool, and the
steps are chained on the GUI thread — so the clerk's saves and sync never compete for the file,
and nothing the network does blocks the window.

A round: choose the next batch (its Idempotency-Key committed first) → push it → settle the
reply → … until the outbox is empty → pull pages of the hall's changes → done. A transient
failure (offline) schedules the next round with capped exponential backoff and jitter; a refused
credential waits for the clerk; refused entries are only counted. Catalog and calendar are not
pulled here (never under an open case): ``counter-app sync`` does that.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from counter_app.errors import TRANSIENT
from counter_app.services import retention
from counter_app.sync import config, engine
from counter_app.sync.retry import Backoff
from counter_app.sync.state import SyncState

SYNC_EVERY_MS = 30_000      # a round when nothing else asks for one
LOOK_EVERY_MS = 5_000       # the outbox is re-read this often (a local count, no network)


class SyncDriver(QObject):
    state_changed = Signal(object)      # SyncState

    def __init__(self, ctx, parent=None, *, backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ops = ctx.ops
        self.backoff = backoff or Backoff(base=2.0, cap=300.0)
        self.client = None
        self.running = False
        self.again = False
        self.online: bool | None = None
        self.problem, self.kind = "", ""
        self.report = engine.Report()
        self._round_timer = QTimer(self, singleShot=True)
        self._round_timer.timeout.connect(self.sync_now)
        self._look = QTimer(self, interval=LOOK_EVERY_MS)
        self._look.timeout.connect(self.look)

    def start(self) -> None:
        self._look.start()
        self.look()
        self.sync_now()

    def stop(self) -> None:
        self._look.stop()
        self._round_timer.stop()
        if self.client is not None:
            self.client.close()

    # ------------------------------------------------------------------ state
    def look(self) -> None:
        self.ops.write(engine.backlog, name="sync-look", owner=self).success(self._publish)

    def _publish(self, backlog) -> None:
        self.state_changed.emit(SyncState(enrolled=True, online=self.online, pending=backlog.pending,
                                          oldest=backlog.oldest, rejected=backlog.rejected, problem=self.problem,
                                          kind=self.kind, syncing=self.running))

    # ------------------------------------------------------------------ a round
    def sync_now(self) -> None:
        """Start a round now (a case was saved, or the clerk asked); one round at a time."""
        if self.running:
            self.again = True
            return
        self.running, self.again = True, False
        self._round_timer.stop()
        self.report = engine.Report()
        if self.client is None:
            self.ops.network(lambda: _open(self.ctx.data_dir), name="sync-open", owner=self) \
                .success(self._opened).failure(self._failed)
        else:
            self._next_batch()

    def _opened(self, client) -> None:
        self.client = client
        self._next_batch()

    def _next_batch(self) -> None:
        self.ops.write(lambda store: engine.next_batch(store), name="sync-batch", owner=self) \
            .success(self._send).failure(self._failed)

    def _send(self, batch) -> None:
        if batch is None:
            self._pull()
            return
        key, entries = batch
        self.ops.network(lambda: self.client.push(entries, key), name="sync-push", owner=self) \
            .success(lambda reply: self._settle(reply)).failure(lambda exc: self._push_failed(exc, key))

    def _settle(self, reply) -> None:
        self.ops.write(lambda store: engine.settle_reply(store, reply, self.report), name="sync-settle", owner=self) \
            .success(lambda _: self._next_batch()).failure(self._failed)

    def _push_failed(self, exc, key) -> None:
        if getattr(exc, "status", 0) == 422:      # key used for other content: resend under a new key
            self.ops.write(lambda store: engine.release_batch(store, key), name="sync-release", owner=self) \
                .success(lambda _: self._next_batch()).failure(self._failed)
        else:
            self._failed(exc)

    def _pull(self) -> None:
        self.ops.write(lambda store: engine.read_cursor(store), name="sync-cursor", owner=self) \
            .success(self._fetch).failure(self._failed)

    def _fetch(self, cursor) -> None:
        self.ops.network(lambda: self.client.changes(cursor), name="sync-pull", owner=self) \
            .success(lambda page: self._apply(page, cursor)).failure(self._failed)

    def _apply(self, page, cursor) -> None:
        self.ops.write(lambda store: engine.apply_page(store, page, cursor, self.report), name="sync-apply", owner=self) \
            .success(lambda more: self._pull() if more else self._done()).failure(self._failed)

    def _done(self) -> None:
        self.online, self.problem, self.kind = True, "", ""
        self.backoff.reset()
        settings = self.ctx.settings      # what the server confirmed may now leave this station
        self.ops.write(lambda store: retention.sweep(store=store, settings=settings), name="retention", owner=self)
        self._finish(SYNC_EVERY_MS)

    def _failed(self, exc) -> None:
        kind = getattr(exc, "kind", "")
        self.problem, self.kind = getattr(exc, "key", "sync.server_error"), kind
        if kind == TRANSIENT:
            self.online = False
            self._finish(int(self.backoff.next_delay() * 1000))
        else:
            self._finish(SYNC_EVERY_MS)

    def _finish(self, next_ms: int) -> None:
        self.running = False
        self.look()
        if self.again:
            QTimer.singleShot(0, self.sync_now)
        else:
            self._round_timer.start(max(next_ms, 10))


def _open(data_dir):
    from counter_app.sync.session import open_client

    return open_client(data_dir)[1]


def enrolled(data_dir) -> bool:
    return config.load(data_dir) is not None
