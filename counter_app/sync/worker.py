"""The background sync worker: a thread of its own that pushes the outbox and pulls the hall's
changes, retrying transient failures with capped exponential backoff and jitter. No Qt: it reports
a frozen :class:`SyncState` through a callback (the GUI turns that into a signal).

The state is read from the outbox (unsent entries, the oldest one's age, refused ones), not from a
ping: "online" means the last exchange with the server worked. Errors are classified: transient
(offline: retried by itself), needs the clerk (the credential was refused: enrol again), rejected
entries (counted and kept for the clerk to see, never resent blindly).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from counter_app.errors import TRANSIENT, UserError
from counter_app.store import outbox
from counter_app.sync import config
from counter_app.sync.retry import Backoff

SYNC_EVERY_S = 30.0     # a round when nothing else asks for one
LOOK_EVERY_S = 5.0      # the outbox is re-read this often (a local count: no network)


@dataclass(frozen=True)
class SyncState:
    enrolled: bool
    online: bool | None          # None: no exchange with the server yet
    pending: int
    oldest: dt.datetime | None   # when the oldest unsent entry was written
    rejected: int
    problem: str = ""            # message key of the last failure
    kind: str = ""               # its class: transient | needs_user | permanent
    syncing: bool = False


class SyncWorker:
    def __init__(self, data_dir: Path, on_state: Callable[[SyncState], None], *,
                 every: float = SYNC_EVERY_S, look_every: float = LOOK_EVERY_S,
                 backoff: Backoff | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.on_state = on_state
        self.every, self.look_every = every, look_every
        self.backoff = backoff or Backoff(base=2.0, cap=300.0)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._online: bool | None = None
        self._problem, self._kind = "", ""

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Sync now (a case was just saved, or the clerk asked)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _state(self, store, *, syncing: bool = False) -> SyncState:
        with store.session() as s:
            b = outbox.backlog(s)
        return SyncState(enrolled=config.load(self.data_dir) is not None, online=self._online, pending=b.pending,
                         oldest=b.oldest, rejected=b.rejected, problem=self._problem, kind=self._kind,
                         syncing=syncing)

    def _round(self, store) -> float:
        """One sync round; the seconds until the next one."""
        from counter_app.sync.engine import sync_once
        from counter_app.sync.session import open_client

        try:
            _, client = open_client(self.data_dir)
            try:
                sync_once(store, client)
            finally:
                client.close()
        except UserError as exc:
            self._online = False if exc.kind == TRANSIENT else self._online
            self._problem, self._kind = exc.key, exc.kind
            return self.backoff.next_delay() if exc.kind == TRANSIENT else self.every
        self._online, self._problem, self._kind = True, "", ""
        self.backoff.reset()
        return self.every

    def _run(self) -> None:
        from counter_app.store.database import Store

        try:
            store = Store(self.data_dir)
        except UserError as exc:
            self.on_state(SyncState(False, False, 0, None, 0, exc.key, exc.kind))
            return
        try:
            next_round = time.monotonic()
            while not self._stop.is_set():
                if time.monotonic() >= next_round and config.load(self.data_dir) is not None:
                    self.on_state(self._state(store, syncing=True))
                    next_round = time.monotonic() + self._round(store)
                self.on_state(self._state(store))
                if self._wake.wait(min(self.look_every, max(next_round - time.monotonic(), 0.01))):
                    self._wake.clear()
                    next_round = time.monotonic()
        finally:
            store.close()
