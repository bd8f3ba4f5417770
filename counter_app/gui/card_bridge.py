"""The card reader, seen from the GUI thread: a small QObject that owns the reader thread and
turns its events into Qt signals.

API for screens (the intake screen's applicant panel)::

    bridge = CardBridge(settings, tr)          # settings: StationSettings, tr: Translator
    bridge.card_read.connect(panel.fill_from_card)        # CardData (frozen; .expired, .photo)
    bridge.card_failed.connect(panel.show_card_problem)   # str, translated, one line
    bridge.status_changed.connect(statusbar.show_reader)  # ReaderStatus; text: bridge.describe(s)
    bridge.card_placed.connect(...)   # CardPlaced (optional: show "reading…")
    bridge.card_lifted.connect(...)   # CardLifted
    bridge.start()                    # returns at once; stop() on close (also on aboutToQuit)

    sim = bridge.simulator()          # SimulatedReader in demo mode (reader "simulator"), else None
    for s in sim.samples(): menu.addAction(tr(f"cards.sample.{s.key}"), lambda s=s: sim.place(s))
    sim.lift()

    bridge.photo(card)                # image bytes (PNG/BMP) from a photo plug-in, or None:
                                      # show a placeholder; keep card.photo (raw WLT) with the case
    bridge.status                     # the last ReaderStatus (None before the first one)

Which reader: ``settings.reader`` (``auto``, ``simulator``, a PC/SC name, ``serial:/dev/...``;
demo mode with ``auto`` = simulator) and ``settings.reader_profile_dirs`` plus the
``profile_dirs`` argument; see :mod:`counter_app.cards.station`. A reader that cannot work
reports an ``unavailable`` status explaining why; nothing raises.

Threads: the reader thread calls :meth:`_on_event` (never touches a widget); the event crosses
to the GUI thread through a queued signal, and every public signal is emitted on the GUI
thread, so slots may touch widgets directly. Reading is all-or-nothing: a failed read emits
only ``card_failed``, never a partial ``card_read``.

PySide6 6.12.0 on Python 3.11: ``SignalInstance.emit()`` returns ``True`` without a new
reference, so every emit from Python takes one reference from ``True``; after about a thousand
emits the interpreter aborts ("bool_dealloc: deallocating True or False"). Python 3.12+ is
immune (immortal booleans) and 6.11 has no such bug. :func:`_emit` detects the leak once and
gives the reference back, so this bridge is safe on every version.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from counter_app.cards.events import CardLifted, CardPlaced, ReaderStatus, ReadFinished, StatusChanged
from counter_app.cards.photo import decode_photo, find_decoder
from counter_app.cards.simulator import SimulatedReader
from counter_app.cards.station import open_monitor

log = logging.getLogger(__name__)


class _Probe(QObject):
    ping = Signal()


def _emit_leaks_true() -> bool:
    if sys.version_info >= (3, 12):
        return False
    probe, n = _Probe(), 200
    before = sys.getrefcount(True)
    for _ in range(n):
        probe.ping.emit()
    return before - sys.getrefcount(True) >= n * 0.9


_EMIT_LEAKS_TRUE = _emit_leaks_true()
if _EMIT_LEAKS_TRUE:
    log.info("PySide6 emit() leaks a reference to True: compensating")
    for _ in range(200):   # give back what the probe took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def _emit(signal, *args) -> None:
    if signal.emit(*args) is True and _EMIT_LEAKS_TRUE:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


class CardBridge(QObject):
    card_read = Signal(object)        # CardData
    card_failed = Signal(str)         # translated reason
    status_changed = Signal(object)   # ReaderStatus
    card_placed = Signal(object)      # CardPlaced
    card_lifted = Signal(object)      # CardLifted
    _relay = Signal(object)           # reader thread -> GUI thread

    def __init__(self, settings, tr, *, profile_dirs=(), photo_decoder: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tr = tr
        self._profile_dirs = tuple(profile_dirs)
        self._decoder_spec = photo_decoder or getattr(settings, "photo_decoder", None)
        self._decoder = None
        self._monitor = None
        self.status: ReaderStatus | None = None
        self._relay.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # -- lifecycle (GUI thread) ----------------------------------------------------------
    def start(self) -> None:
        if self._monitor is not None:
            return
        self._decoder = find_decoder(self._decoder_spec)
        self._monitor = open_monitor(self._settings, self._on_event, profile_dirs=self._profile_dirs)
        self._monitor.start()

    def stop(self) -> None:
        monitor, self._monitor = self._monitor, None
        if monitor is not None:
            monitor.stop()

    @property
    def running(self) -> bool:
        return self._monitor is not None

    def simulator(self) -> SimulatedReader | None:
        return self._monitor if isinstance(self._monitor, SimulatedReader) else None

    def describe(self, status: ReaderStatus | None = None) -> str:
        status = status or self.status
        return status.text(self._tr) if status else ""

    def photo(self, card) -> bytes | None:
        return decode_photo(card.photo, self._decoder)

    # -- reader thread ---------------------------------------------------------------------
    def _on_event(self, event) -> None:
        _emit(self._relay, event)

    # -- GUI thread ------------------------------------------------------------------------
    def _dispatch(self, event) -> None:
        if isinstance(event, ReadFinished):
            result = event.result
            if result.ok:
                _emit(self.card_read, result.card)
            else:
                _emit(self.card_failed, result.message(self._tr))
        elif isinstance(event, StatusChanged):
            self.status = event.status
            _emit(self.status_changed, event.status)
        elif isinstance(event, CardPlaced):
            _emit(self.card_placed, event)
        elif isinstance(event, CardLifted):
            _emit(self.card_lifted, event)
