"""The simulated reader, offered like any device (demo mode, training, tests).

The clerk places one of the sample cards (:mod:`counter_app.cards.samples`) from a menu:
:meth:`SimulatedReader.place` with a sample key or a :class:`Sample`, :meth:`lift` to take it
away. Placing runs on the simulator's own thread, like a real reader, and the record goes
through the same encoder and decoder as a real card's bytes (a broken sample fails the same
way). ``read_card()`` reads the placed card once (``counter-app card read --reader
simulator`` or ``simulator:foreign_2023``).
"""

from __future__ import annotations

import queue
import threading

from counter_app.cards.decode import decode_record
from counter_app.cards.events import READY, STOPPED, CardLifted, CardPlaced, Handler, ReadFinished, StatusKeeper
from counter_app.cards.record import CardRead
from counter_app.cards.samples import Sample, sample, samples
from counter_app.errors import NEEDS_USER, UserError

NAME = "simulator"
_STOP = object()


class SimulatedReader:
    def __init__(self, handler: Handler | None = None, *, placed: str | Sample | None = None,
                 today=None) -> None:
        self.name = NAME
        self._handler = handler or (lambda event: None)
        self._today = today
        self._status = StatusKeeper(self._handler, "simulator")
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._card: Sample | None = self._resolve(placed) if placed is not None else None

    def samples(self) -> tuple[Sample, ...]:
        """The cards the clerk can place; label of each: translation ``cards.sample.<key>``."""
        return samples(self._today)

    def _resolve(self, card: str | Sample) -> Sample:
        return sample(card, self._today) if isinstance(card, str) else card

    # -- the clerk's hand (any thread) ---------------------------------------------------
    def place(self, card: str | Sample) -> None:
        self._queue.put(("place", self._resolve(card)))

    def lift(self) -> None:
        self._queue.put(("lift", None))

    # -- monitor ---------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="simulated-reader", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._queue.put((_STOP, None))
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        self._status.set(READY, readers=(NAME,))
        while True:
            action, card = self._queue.get()
            if action is _STOP:
                break
            if self._card is not None:
                self._card = None
                self._handler(CardLifted(NAME))
                self._status.set(READY, readers=(NAME,))
            if action == "place":
                self._card = card
                self._handler(CardPlaced(NAME))
                self._status.set(READY, readers=(NAME,), card_present=True)
                self._handler(ReadFinished(self._read(card)))
        self._status.set(STOPPED)

    def _read(self, card: Sample) -> CardRead:
        try:
            return CardRead(reader=NAME, card=decode_record(card.text, card.photo, today=self._today))
        except UserError as exc:
            return CardRead.failed(NAME, exc)

    # -- one-shot --------------------------------------------------------------------------
    def read_card(self) -> CardRead:
        if self._card is None:
            return CardRead.failed(NAME, UserError("cards.no_card", kind=NEEDS_USER))
        return self._read(self._card)
