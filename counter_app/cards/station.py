"""Choosing the station's card reader from its settings.

``StationSettings.reader`` is ``"auto"`` (every PC/SC reader that has a profile),
``"simulator"``, a PC/SC reader name (or part of it), or ``"serial:/dev/ttyUSB0[@baud]"``.
Demo mode with ``"auto"`` means the simulator. :func:`open_monitor` gives the device the
reader thread watches (for the GUI), :func:`open_reader` a one-shot reader (for the CLI).
Whatever is missing yields an :class:`UnavailableReader` that says what, never an exception.
"""

from __future__ import annotations

from typing import Iterable

from counter_app.cards.events import Handler, Monitor, Reader
from counter_app.cards.pcsc_reader import PcscReader, load_scard
from counter_app.cards.profiles import load_profiles
from counter_app.cards.serial_reader import SerialMonitor, SerialSamReader
from counter_app.cards.simulator import SimulatedReader
from counter_app.cards.unavailable import UnavailableReader
from counter_app.cards.watcher import PcscWatcher
from counter_app.errors import UserError

AUTO = "auto"
SIMULATOR = "simulator"


def reader_spec(settings) -> str:
    spec = (getattr(settings, "reader", "") or AUTO).strip()
    if getattr(settings, "demo", False) and spec == AUTO:
        return SIMULATOR
    return spec


def profile_dirs_of(settings, extra: Iterable[str] = ()) -> tuple[str, ...]:
    return tuple(extra) + tuple(getattr(settings, "reader_profile_dirs", ()) or ())


def open_monitor(settings, handler: Handler, *, profile_dirs: Iterable[str] = (),
                 spec: str | None = None) -> Monitor:
    spec = spec or reader_spec(settings)
    if spec == SIMULATOR:
        return SimulatedReader(handler)
    if spec.startswith("serial:"):
        return SerialMonitor(spec, handler)
    scard = load_scard()
    if scard is None:
        return UnavailableReader("cards.unavailable.pyscard", handler)
    try:
        profiles = load_profiles(profile_dirs_of(settings, profile_dirs))
    except UserError as exc:
        return UnavailableReader(exc.key, handler, **exc.params)
    return PcscWatcher(handler, profiles=profiles, scard=scard, only="" if spec == AUTO else spec)


def open_reader(spec: str, *, profile_dirs: Iterable[str] = ()) -> Reader:
    """A one-shot reader: ``simulator[:sample]``, ``serial:...``, a PC/SC name, or auto."""
    if spec == SIMULATOR or spec.startswith(SIMULATOR + ":"):
        key = spec.partition(":")[2] or "resident"
        try:
            return SimulatedReader(placed=key)
        except KeyError:
            return UnavailableReader("cards.unknown_sample", sample=key)
    if spec.startswith("serial:"):
        return SerialSamReader(spec)
    try:
        return PcscReader("" if spec == AUTO else spec, profile_dirs=tuple(profile_dirs))
    except UserError as exc:
        return UnavailableReader(exc.key, **exc.params)


def available_readers() -> list[str]:
    """The PC/SC readers connected now (for the admin's settings screen); empty when PC/SC is missing."""
    from counter_app.cards.pcsc_reader import ServiceLost, list_readers, load_scard

    scard = load_scard()
    if scard is None:
        return []
    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return []
    try:
        return list_readers(scard, ctx)
    except ServiceLost:
        return []
    finally:
        scard.SCardReleaseContext(ctx)
