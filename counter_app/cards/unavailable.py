"""The reader offered when none can work: it explains what is missing instead of crashing.

``key`` names the cause (``cards.unavailable.pyscard``: pyscard or libpcsclite missing,
``cards.serial_permission``: no access to the port, ``cards.profile_invalid``: a broken
reader profile, ...). As a monitor it reports one :class:`ReaderStatus` in the UNAVAILABLE
state; as a one-shot reader every read fails with that explanation.
"""

from __future__ import annotations

from counter_app.cards.events import STOPPED, UNAVAILABLE, Handler, StatusKeeper
from counter_app.cards.record import CardRead
from counter_app.errors import PERMANENT, UserError


class UnavailableReader:
    name = "unavailable"

    def __init__(self, key: str, handler: Handler | None = None, **params: str) -> None:
        self.key = key
        self.params = {k: str(v) for k, v in params.items()}
        self._status = StatusKeeper(handler or (lambda event: None), "none")

    def start(self) -> None:
        self._status.set(UNAVAILABLE, key=self.key, **self.params)

    def stop(self, timeout: float = 3.0) -> None:
        self._status.set(STOPPED)

    def read_card(self) -> CardRead:
        return CardRead.failed(self.name, UserError(self.key, kind=PERMANENT, **self.params))
