"""What the card devices report, as frozen dataclasses handed to a handler callback.

Every monitor (PC/SC watcher, serial, simulator, unavailable) runs its own thread and calls
``handler(event)`` from it with one of the events below. Handlers must be quick and must not
touch widgets: the GUI's :mod:`counter_app.gui.card_bridge` turns them into Qt signals.

:class:`ReaderStatus` is the one-line state a status bar shows; monitors report it with
:class:`StatusChanged` whenever it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from counter_app.cards.record import CardRead

# ReaderStatus.state
READY = "ready"                  # a supported reader is there; place a card
NO_READER = "no_reader"          # the service runs but no reader is plugged in
NO_PROFILE = "no_profile"        # readers are there, none has a profile (cannot read ID cards)
SERVICE_DOWN = "service_down"    # the PC/SC service is not running (will retry)
UNAVAILABLE = "unavailable"      # something is missing (library, port, permission)
STOPPED = "stopped"


@dataclass(frozen=True)
class ReaderStatus:
    state: str
    source: str = ""                        # "pcsc", "serial", "simulator", "none"
    readers: tuple[str, ...] = ()           # usable readers
    card_present: bool = False
    key: str = ""                           # message key for the status bar
    params: tuple[tuple[str, str], ...] = ()

    def text(self, tr) -> str:
        return tr(self.key or f"cards.status.{self.state}", **dict(self.params))


@dataclass(frozen=True)
class ReaderAdded:
    reader: str
    supported: bool = True      # a profile matches it (PC/SC)


@dataclass(frozen=True)
class ReaderRemoved:
    reader: str


@dataclass(frozen=True)
class CardPlaced:
    reader: str


@dataclass(frozen=True)
class CardLifted:
    reader: str


@dataclass(frozen=True)
class ServiceDown:
    pass


@dataclass(frozen=True)
class ServiceUp:
    pass


@dataclass(frozen=True)
class ReadFinished:
    """A placed card was read: ``result.ok`` with the card, or the reason it failed."""
    result: CardRead


@dataclass(frozen=True)
class StatusChanged:
    status: ReaderStatus


Event = (ReaderAdded | ReaderRemoved | CardPlaced | CardLifted | ServiceDown | ServiceUp
         | ReadFinished | StatusChanged)
Handler = Callable[[Event], None]


class Monitor(Protocol):
    """A device watched on its own thread. ``start`` returns at once; ``stop`` joins."""

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> None: ...


class Reader(Protocol):
    """One-shot reading (``counter-app card read``): read the card that is on it now."""

    name: str

    def read_card(self) -> CardRead: ...


class StatusKeeper:
    """Remembers the last status a monitor reported and reports only changes."""

    def __init__(self, handler: Handler, source: str) -> None:
        self._handler = handler
        self.source = source
        self.current: ReaderStatus | None = None

    def set(self, state: str, *, readers: tuple[str, ...] = (), card_present: bool = False,
            key: str = "", **params: str) -> None:
        status = ReaderStatus(state, self.source, tuple(readers), card_present, key,
                              tuple((k, str(v)) for k, v in params.items()))
        if status != self.current:
            self.current = status
            self._handler(StatusChanged(status))
