"""The PC/SC watcher: one thread that owns a PC/SC context, watches readers and cards with
``SCardGetStatusChange`` (including the ``\\\\?PnP?\\Notification`` entry, so plugging a
reader in or out wakes it) and reads a card as soon as it is placed.

Why not pyscard's ``CardMonitor``/``ReaderMonitor``: they stop for good when the PC/SC
service restarts. This loop instead drops its context when the service goes away
(``SCARD_E_NO_SERVICE``, ``SCARD_F_COMM_ERROR``...), reports :class:`ServiceDown`, retries
``SCardEstablishContext`` every ``retry_interval`` seconds and reports :class:`ServiceUp`
when it is back. :meth:`PcscWatcher.stop` wakes a blocked wait with ``SCardCancel``.

All card I/O of the station happens on this thread (DESIGN.md rule 3); events go to the
handler from here. Logs name readers and message keys only, never card contents.
"""

from __future__ import annotations

import logging
import threading

from counter_app.cards.events import (NO_PROFILE, NO_READER, READY, SERVICE_DOWN, STOPPED, UNAVAILABLE,
                                      CardLifted, CardPlaced, Handler, ReaderAdded, ReaderRemoved,
                                      ReadFinished, ServiceDown, ServiceUp, StatusKeeper)
from counter_app.cards.pcsc_reader import (PNP_NOTIFICATION, ServiceLost, code, is_service_error,
                                           list_readers, load_scard, read_with_context)
from counter_app.cards.profiles import Profile, profile_for
from counter_app.cards.record import CardRead
from counter_app.errors import TRANSIENT, UserError

log = logging.getLogger(__name__)


class PcscWatcher:
    def __init__(self, handler: Handler, *, profiles: tuple[Profile, ...] = (), scard=None,
                 only: str = "", retry_interval: float = 0.5, wait_ms: int = 5000,
                 today=None) -> None:
        self._handler = handler
        self._only = only          # watch just this reader (exact name or part of it)
        self._profiles = profiles
        self._scard = scard or load_scard()
        self._retry = retry_interval
        self._wait_ms = wait_ms
        self._today = today
        self._status = StatusKeeper(handler, "pcsc")
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ctx = None
        self._thread: threading.Thread | None = None
        self._states: dict[str, int] = {}      # reader -> last event state (CHANGED cleared)
        self._pnp: int | None = 0               # None once PnP notification proved unsupported
        self._service_known: bool | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        if self._scard is None:
            self._status.set(UNAVAILABLE, key="cards.unavailable.pyscard")
            return
        self._thread = threading.Thread(target=self._run, name="pcsc-watcher", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        thread = self._thread
        while thread is not None and thread.is_alive() and timeout > 0:
            self._cancel()
            thread.join(0.1)
            timeout -= 0.1

    def _cancel(self) -> None:
        with self._lock:
            if self._ctx is not None:
                self._scard.SCardCancel(self._ctx)

    # -- the loop --------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if self._ctx is None and not self._establish():
                    self._stop.wait(self._retry)
                    continue
                try:
                    self._cycle()
                except ServiceLost:
                    self._lose_service()
        except Exception:   # never die silently: say so in the status bar
            log.exception("PC/SC watcher failed")
            self._status.set(UNAVAILABLE, key="cards.unavailable.watcher")
        finally:
            self._release()
            self._status.set(STOPPED)

    def _establish(self) -> bool:
        hr, ctx = self._scard.SCardEstablishContext(self._scard.SCARD_SCOPE_USER)
        if hr != self._scard.SCARD_S_SUCCESS:
            if self._service_known is not False:
                log.info("PC/SC service not available (0x%08X)", code(hr))
                self._service_known = False
                self._handler(ServiceDown())
                self._status.set(SERVICE_DOWN)
            return False
        with self._lock:
            self._ctx = ctx
        if self._service_known is False:
            log.info("PC/SC service is back")
            self._handler(ServiceUp())
        self._service_known = True
        self._pnp = 0 if self._pnp is not None else None
        return True

    def _release(self) -> None:
        with self._lock:
            ctx, self._ctx = self._ctx, None
        if ctx is not None:
            self._scard.SCardReleaseContext(ctx)

    def _lose_service(self) -> None:
        self._release()
        for reader in list(self._states):
            self._forget(reader)
        self._service_known = False
        self._handler(ServiceDown())
        self._status.set(SERVICE_DOWN)

    def _forget(self, reader: str) -> None:
        state = self._states.pop(reader, 0)
        if state & self._scard.SCARD_STATE_PRESENT:
            self._handler(CardLifted(reader))
        self._handler(ReaderRemoved(reader))

    def _sync_readers(self) -> list[str]:
        readers = list_readers(self._scard, self._ctx)
        if self._only:
            readers = [r for r in readers if r == self._only or self._only in r]
        for gone in [r for r in self._states if r not in readers]:
            self._forget(gone)
        for new in [r for r in readers if r not in self._states]:
            self._states[new] = self._scard.SCARD_STATE_UNAWARE
            self._handler(ReaderAdded(new, supported=profile_for(new, self._profiles) is not None))
        return readers

    def _report_status(self) -> None:
        readers = list(self._states)
        supported = tuple(r for r in readers if profile_for(r, self._profiles))
        present = any(self._states[r] & self._scard.SCARD_STATE_PRESENT for r in supported)
        if supported:
            self._status.set(READY, readers=supported, card_present=present)
        elif readers:
            self._status.set(NO_PROFILE, readers=tuple(readers), readers_text=", ".join(readers))
        else:
            self._status.set(NO_READER)

    def _cycle(self) -> None:
        s = self._scard
        readers = self._sync_readers()
        self._report_status()
        if self._stop.is_set():
            return
        query = [(r, self._states[r]) for r in readers]
        if self._pnp is not None:
            query.append((PNP_NOTIFICATION, self._pnp))
        wait = self._wait_ms if self._pnp is not None else min(self._wait_ms, 1000)
        hr, states = s.SCardGetStatusChange(self._ctx, wait, query)
        c = code(hr)
        if c in (code(s.SCARD_E_TIMEOUT), code(s.SCARD_E_CANCELLED)):
            return
        if is_service_error(s, hr):
            raise ServiceLost
        if hr != s.SCARD_S_SUCCESS:   # a reader vanished between listing and waiting: list again
            log.debug("SCardGetStatusChange: 0x%08X", c)
            self._stop.wait(0.05)
            return
        for reader, event, _atr in states:
            if reader == PNP_NOTIFICATION:
                if event & s.SCARD_STATE_UNKNOWN:
                    self._pnp = None   # not supported here: poll the reader list instead
                else:
                    self._pnp = event & ~s.SCARD_STATE_CHANGED
                continue
            self._card_change(reader, event)

    def _card_change(self, reader: str, event: int) -> None:
        s = self._scard
        if reader not in self._states or event & (s.SCARD_STATE_UNKNOWN | s.SCARD_STATE_UNAVAILABLE):
            return   # the next listing reports it removed
        old = self._states[reader]
        self._states[reader] = event & ~s.SCARD_STATE_CHANGED
        was = bool(old & s.SCARD_STATE_PRESENT)
        now = bool(event & s.SCARD_STATE_PRESENT)
        swapped = was and now and (old >> 16) != (event >> 16)   # lifted and placed while busy
        if was and (not now or swapped):
            self._handler(CardLifted(reader))
        if now and (not was or swapped):
            self._handler(CardPlaced(reader))
            self._report_status()
            profile = profile_for(reader, self._profiles)
            try:
                result = read_with_context(s, self._ctx, reader, profile, today=self._today)
            except ServiceLost:   # say why nothing was filled in, then reconnect
                lost = UserError("cards.service_lost", kind=TRANSIENT)
                self._handler(ReadFinished(CardRead.failed(reader, lost)))
                raise
            self._handler(ReadFinished(result))
