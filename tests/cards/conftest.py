"""Fixtures for the card tests: a private pcscd with vpcd (session), virtual cards, events.

The harness is created at import time on purpose: it sets ``PCSCLITE_CSOCK_NAME``, which
libpcsclite reads once per process, before any test touches PC/SC.
"""

import queue
import time
from pathlib import Path

import pytest

from counter_app.cards.events import ReaderStatus, StatusChanged
from counter_app.cards.pcscd_harness import HarnessUnavailable, Pcscd
from counter_app.cards.vpcd_emulator import VPCD_PROFILE_TOML, SamReaderApplet, VirtualCard

try:
    HARNESS = Pcscd()
    HARNESS_ERROR = ""
except HarnessUnavailable as exc:   # reported by the fixture: a PC/SC test must not silently pass
    HARNESS, HARNESS_ERROR = None, str(exc)


@pytest.fixture(scope="session")
def pcscd():
    if HARNESS is None:
        pytest.fail(f"PC/SC test rig unavailable: {HARNESS_ERROR}")
    HARNESS.start()
    yield HARNESS
    HARNESS.stop()


@pytest.fixture(scope="session")
def vpcd_profiles(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("reader-profiles")
    (d / "vpcd.toml").write_text(VPCD_PROFILE_TOML, encoding="utf-8")
    return d


class EventLog:
    """Collects a monitor's events; ``wait_for`` blocks on a condition, never a fixed sleep."""

    def __init__(self) -> None:
        self.queue: queue.Queue = queue.Queue()
        self.seen: list = []

    def __call__(self, event) -> None:
        self.queue.put(event)

    def wait_for(self, kind, where=lambda e: True, timeout: float = 5.0):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                event = self.queue.get(timeout=max(left, 0.001))
            except queue.Empty:
                raise AssertionError(f"no {kind.__name__} within {timeout}s; saw {self.seen}") from None
            self.seen.append(event)
            if isinstance(event, kind) and where(event):
                return event

    def wait_status(self, state: str, timeout: float = 5.0, **fields) -> ReaderStatus:
        def ok(e):
            return e.status.state == state and all(getattr(e.status, k) == v for k, v in fields.items())
        return self.wait_for(StatusChanged, ok, timeout).status

    def saw_status(self, state: str, **fields) -> bool:
        return any(isinstance(e, StatusChanged) and e.status.state == state
                   and all(getattr(e.status, k) == v for k, v in fields.items()) for e in self.drain())

    def drain(self) -> list:
        while True:
            try:
                self.seen.append(self.queue.get_nowait())
            except queue.Empty:
                return self.seen

    def of(self, kind) -> list:
        return [e for e in self.drain() if isinstance(e, kind)]


@pytest.fixture
def events() -> EventLog:
    return EventLog()


def reader_empty(reader: str, timeout: float = 5.0) -> None:
    """Wait until pcscd sees no card on ``reader`` (the previous test's card is gone)."""
    from smartcard import scard

    hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hr != scard.SCARD_S_SUCCESS:
        return
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hr, states = scard.SCardGetStatusChange(ctx, 500, [(reader, state)])
            if hr == scard.SCARD_S_SUCCESS:
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if state & scard.SCARD_STATE_EMPTY:
                    return
        raise AssertionError(f"{reader} still has a card")
    finally:
        scard.SCardReleaseContext(ctx)


@pytest.fixture
def cards(pcscd):
    """``cards(sample, faults=None, slot=0)`` -> a VirtualCard, not yet placed; lifted after the test."""
    made = []

    def make(s, faults=None, slot=0) -> VirtualCard:
        card = VirtualCard(pcscd.slot_port(slot), SamReaderApplet(s.text, s.photo, faults=faults))
        made.append((card, slot))
        return card

    yield make
    for card, slot in made:
        card.lift()
    for slot in {slot for _, slot in made}:
        if pcscd.running:
            reader_empty(pcscd.readers[slot])
